/**
 * What the map of services should show, worked out from data/'s CSV copies in plain code (not
 * with the app's SQL or its join): the local authorities covered by a service with an
 * inspection matching a rating and a first year. Every inspection matching such filters has
 * that rating, so each of those authorities' hexes must show it, whichever matching
 * inspection is the latest.
 */
import { shippedRows } from './shipped';

export function authoritiesRated(rating: string, yearFrom: number): string[] {
	const services = new Set(
		shippedRows('inspections')
			.filter((i) => i.overall_rating === rating && i.published_year !== '' && Number(i.published_year) >= yearFrom)
			.map((i) => i.authority_id)
	);
	return shippedRows('authorities')
		.filter((a) => services.has(a.authority_id))
		.flatMap((a) => JSON.parse(a.local_authorities) as string[])
		.sort();
}

/**
 * Authority → service → rating: each hex of the map takes the latest inspection in view of a
 * service covering its authority (a service that covers two authorities colours both; where
 * services changed over time, as Swansea's did, the latest inspection among them is the
 * arrangement now). Names are matched by `placeKey` only; an authority of the data that no
 * hex answers to is listed, never guessed onto a hex. Pure: test/unit/map.test.ts.
 */
import { HEXES, SUCCESSORS, placeKey, type Hex } from './hexes';
import type { CoverRow } from './query';

export type HexState =
	/** the latest inspection in view has an overall rating */
	| 'rated'
	/** the latest inspection in view has none (a 2016 short quality screening, or a source that gives none) */
	| 'unrated'
	/** a service covering it has inspections, none of them matching the filters */
	| 'no-match'
	/** no inspection in the data covers it */
	| 'not-inspected'
	/** since the map's 2020 boundaries the authority became two with different services (Cumbria) */
	| 'split';

export interface MapHex extends Hex {
	state: HexState;
	/** the service shown (its profile); null when there is none, or several with none in view */
	authority_id: string | null;
	/** the services covering it, by name ("Swansea or Swansea and Bridgend" when none is in view) */
	service: string | null;
	/** the service is known only from this browser's imports: no prerendered profile */
	imported: boolean;
	inspection_id: string | null;
	/** "2024-05", or the year when the month is not known */
	published: string | null;
	rating: string | null;
	framework: string | null;
	/** for a 'split' hex: the authorities it now is */
	parts: string[];
}

export interface Unplaced {
	local_authority: string;
	nation: string;
	authority_id: string;
	service: string;
	imported: boolean;
	inspection_id: string | null;
	published: string | null;
	rating: string | null;
	/** why it is not on the map */
	reason: string;
}

export interface Placed {
	hexes: MapHex[];
	unplaced: Unplaced[];
}

const when = (r: CoverRow) => r.published ?? (r.published_year === null ? null : String(r.published_year));

/** Latest first; undated last; the same order as the SQL's. */
function latest(a: CoverRow, b: CoverRow): number {
	if (a.when_key !== b.when_key) {
		if (a.when_key === null) return 1;
		if (b.when_key === null) return -1;
		return a.when_key < b.when_key ? 1 : -1;
	}
	return (b.inspection_id ?? '').localeCompare(a.inspection_id ?? '');
}

/** What the rows of the services covering one place say about it. */
function resolve(rows: CoverRow[]): Omit<MapHex, keyof Hex | 'parts'> {
	const inView = rows.filter((r) => r.inspection_id !== null).sort(latest);
	const top = inView[0];
	if (top)
		return {
			state: top.overall_rating ? 'rated' : 'unrated',
			authority_id: top.authority_id,
			service: top.service,
			imported: top.service_provenance === 'imported',
			inspection_id: top.inspection_id,
			published: when(top),
			rating: top.overall_rating,
			framework: top.framework
		};
	const inspected = [...new Map(rows.filter((r) => r.inspections_all > 0).map((r) => [r.authority_id, r])).values()];
	const named = inspected.length ? inspected : [...new Map(rows.map((r) => [r.authority_id, r])).values()];
	return {
		state: inspected.length ? 'no-match' : 'not-inspected',
		authority_id: named.length === 1 ? named[0].authority_id : null,
		service: named.length ? named.map((r) => r.service).join(' or ') : null,
		imported: named.length === 1 && named[0].service_provenance === 'imported',
		inspection_id: null,
		published: null,
		rating: null,
		framework: null
	};
}

export function placeServices(rows: CoverRow[], hexes: readonly Hex[] = HEXES): Placed {
	const byKey = new Map<string, CoverRow[]>();
	for (const r of rows) {
		const k = placeKey(r.local_authority);
		byKey.set(k, [...(byKey.get(k) ?? []), r]);
	}
	const placedKeys = new Set<string>();
	const unplaced: Unplaced[] = [];
	const out: MapHex[] = hexes.map((hex) => {
		const own = placeKey(hex.name);
		placedKeys.add(own);
		const successors = (SUCCESSORS[hex.name] ?? []).map(placeKey);
		const later = successors.flatMap((k) => byKey.get(k) ?? []);
		const services = new Set(later.map((r) => r.authority_id));
		const whole = services.size === 1 && successors.every((k) => byKey.has(k));
		if (!later.length || whole) {
			successors.forEach((k) => placedKeys.add(k));
			return { ...hex, ...resolve([...(byKey.get(own) ?? []), ...later]), parts: [] };
		}
		// the successors have services of their own: one hex cannot show them, so the list does
		for (const k of successors)
			for (const r of byKey.get(k) ?? [])
				unplaced.push(
					unplacedRow(
						r,
						`on the map's 2020 boundaries it is part of ${hex.name}, which is now ${SUCCESSORS[hex.name].join(' and ')}, each with its own service`
					)
				);
		successors.forEach((k) => placedKeys.add(k));
		return {
			...hex,
			state: 'split',
			authority_id: null,
			service: [...new Set(later.map((r) => r.service))].join('; '),
			imported: false,
			inspection_id: null,
			published: null,
			rating: null,
			framework: null,
			parts: [...SUCCESSORS[hex.name]]
		};
	});
	for (const [k, rs] of byKey)
		if (!placedKeys.has(k)) for (const r of rs) unplaced.push(unplacedRow(r, 'no hex of the map (2020 boundaries) has this name'));
	unplaced.sort((a, b) => a.local_authority.localeCompare(b.local_authority) || a.service.localeCompare(b.service));
	return { hexes: out, unplaced };
}

function unplacedRow(r: CoverRow, reason: string): Unplaced {
	return {
		local_authority: r.local_authority,
		nation: r.nation,
		authority_id: r.authority_id,
		service: r.service,
		imported: r.service_provenance === 'imported',
		inspection_id: r.inspection_id,
		published: when(r),
		rating: r.overall_rating,
		reason
	};
}

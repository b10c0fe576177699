/**
 * Statistical neighbours: services most like this one on context measures.
 *
 * Method: each measure is standardised across the services that report it (z = (x - mean)
 * / sd, sd with n - 1); the distance between two services is the Euclidean distance over the
 * measures both have, scaled by sqrt(all measures / shared measures) so a pair sharing fewer
 * measures is not made to look closer. Pairs sharing fewer than MIN_SHARED measures are not
 * compared. Every result says how many measures it rests on.
 */

export interface NeighbourMeasure {
	key: string;
	label: string;
}

export const NEIGHBOUR_MEASURES: NeighbourMeasure[] = [
	{ key: 'youth_population', label: 'Youth population (10-17)' },
	{ key: 'fte_rate', label: 'First-time entrants per 100,000' },
	{ key: 'reoffending_rate', label: 'Reoffending rate (%)' },
	{ key: 'bame_share', label: 'Black and minority ethnic share of the youth population (%)' },
	{ key: 'lac_pct', label: 'Looked-after children in the caseload (%)' }
];

export const MIN_SHARED = 2;

export interface MeasuredService {
	id: string;
	name: string;
	values: Record<string, number | null>;
}

export interface Neighbour {
	id: string;
	name: string;
	distance: number;
	shared: string[];
	missing: string[];
}

export function standardise(services: MeasuredService[], keys: string[]): Map<string, Record<string, number | null>> {
	const stats = new Map<string, { mean: number; sd: number } | null>();
	for (const k of keys) {
		const xs = services.map((s) => s.values[k]).filter((v): v is number => v !== null && v !== undefined && Number.isFinite(v));
		if (xs.length < 2) {
			stats.set(k, null);
			continue;
		}
		const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
		const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
		stats.set(k, sd > 0 ? { mean, sd } : null);
	}
	const out = new Map<string, Record<string, number | null>>();
	for (const s of services) {
		out.set(
			s.id,
			Object.fromEntries(
				keys.map((k) => {
					const st = stats.get(k);
					const v = s.values[k];
					return [k, st && v !== null && v !== undefined ? (v - st.mean) / st.sd : null];
				})
			)
		);
	}
	return out;
}

export function neighboursOf(targetId: string, services: MeasuredService[], keys = NEIGHBOUR_MEASURES.map((m) => m.key)): Neighbour[] {
	const z = standardise(services, keys);
	const t = z.get(targetId);
	if (!t) return [];
	const out: Neighbour[] = [];
	for (const s of services) {
		if (s.id === targetId) continue;
		const o = z.get(s.id)!;
		const shared = keys.filter((k) => t[k] !== null && o[k] !== null);
		if (shared.length < MIN_SHARED) continue;
		const sum = shared.reduce((acc, k) => acc + ((t[k] as number) - (o[k] as number)) ** 2, 0);
		out.push({
			id: s.id,
			name: s.name,
			distance: Math.sqrt(sum * (keys.length / shared.length)),
			shared,
			missing: keys.filter((k) => !shared.includes(k))
		});
	}
	return out.sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name));
}

/** The map of services (views/figure.ts): declared once, for the overview, /authorities, the prerender and the tests. */
import { RATINGS_DISPLAY } from '../../charts/theme';
import { describeCoverage } from '../../queries/coverage';
import { figure, type AnyFigure } from '../figure';
import type { MapView } from './index';
import type { MapHex, Unplaced } from './join';
import { hexName, hexStatus, mapLegend, profileHref } from './legend';

/** One row per hex, then one per authority of the data the map cannot show: the table and the CSV. */
export interface MapRow {
	local_authority: string;
	nation: string;
	service: string;
	rating: string;
	published: string;
	on_map: string;
	/** the service's profile, from the site's root (the table links the service to it) */
	href: string | null;
}

export const HEX_MAP_CREDIT =
	"Hex map: Open Innovations' hexmaps (https://github.com/odileeds/hexmaps, MIT licence), English upper-tier local authorities as of 2020 and Welsh unitary authorities.";

const hexRow = (h: MapHex): MapRow => ({
	local_authority: hexName(h),
	nation: h.nation,
	service: h.service ?? '',
	rating: h.rating ?? '',
	published: h.published ?? '',
	on_map: h.state === 'rated' ? 'yes' : `yes: ${hexStatus(h)}`,
	href: h.authority_id ? profileHref(h.authority_id, h.imported) : null
});

const unplacedRow = (u: Unplaced): MapRow => ({
	local_authority: u.local_authority,
	nation: u.nation,
	service: u.service,
	rating: u.rating ?? '',
	published: u.published ?? (u.inspection_id ? '' : 'no inspection matching the filters'),
	on_map: `no: ${u.reason}`,
	href: profileHref(u.authority_id, u.imported)
});

export function mapRows(v: MapView): MapRow[] {
	const byName = (a: MapRow, b: MapRow) => a.nation.localeCompare(b.nation) || a.local_authority.localeCompare(b.local_authority);
	return [...v.placed.hexes.map(hexRow).sort(byName), ...v.placed.unplaced.map(unplacedRow)];
}

/** Hexes with an inspection in view, and how many at each rating ("20 Outstanding, 79 Good, …"). */
function counts(v: MapView) {
	const shown = v.placed.hexes.filter((h) => h.state === 'rated' || h.state === 'unrated');
	const at = (r: string | null) => shown.filter((h) => h.rating === r).length;
	const parts = [...RATINGS_DISPLAY.map((r) => [at(r), r] as const), [at(null), 'inspected without an overall rating'] as const]
		.filter(([n]) => n > 0)
		.map(([n, r]) => `${n} ${r}`);
	return { shown: shown.length, all: v.placed.hexes.length, parts };
}

export const mapFigure = figure<MapView, MapRow>({
	name: 'services-map',
	title: (v) => {
		const c = counts(v);
		if (!c.shown) return 'Map of services: no inspection in view';
		return `${c.shown} of the map's ${c.all} local authorities have a service with an inspection in view; at its latest: ${c.parts.join(', ')}`;
	},
	subtitle: (v) =>
		[
			'Each hex is an English upper-tier local authority (2020 boundaries) or a Welsh one, coloured and lettered by the overall rating of the latest inspection in view of the service that covers it: a joint service colours each authority it covers. Grey hexes have no inspection matching the filters. Select a hex for the service’s profile; the table gives every hex.',
			v.placed.unplaced.length
				? `${v.placed.unplaced.length} local ${v.placed.unplaced.length === 1 ? 'authority' : 'authorities'} of the data cannot be shown on this map (${[...new Set(v.placed.unplaced.map((u) => u.local_authority))].join(', ')}): the table lists them with the reason.`
				: ''
		]
			.filter(Boolean)
			.join(' '),
	// The map keeps one geometry at every width: it scales with its box, and its letters grow
	// as it shrinks (the media rules in ./chart.ts), so the drawn map is the one to show.
	draw: async (v) => v.charts.map,
	scaled: true,
	svg: (v) => v.charts.map,
	rows: mapRows,
	columns: [
		{ key: 'local_authority', label: 'Local authority' },
		{ key: 'nation', label: 'Nation' },
		{ key: 'service', label: 'Service', link: (r) => r.href },
		{ key: 'rating', label: 'Latest overall rating in view' },
		{ key: 'published', label: 'Published' },
		{ key: 'on_map', label: 'On the map' }
	],
	coverage: (v) => {
		const c = v.data.coverage;
		const matching = c.matching ?? c.inspections;
		const lead =
			matching > c.inspections
				? `${matching} inspections match the filters; the map shows the latest of each service (${c.inspections}). `
				: '';
		return `${lead}${describeCoverage({ ...c, matching: undefined })}`;
	},
	sources: (v) => v.data.coverage,
	source: () => HEX_MAP_CREDIT,
	legend: (v) => mapLegend(v.placed.hexes),
	fileBase: 'services-map',
	empty: () => ''
});

export const MAP_FIGURES: AnyFigure<MapView>[] = [mapFigure];

/**
 * The map's figures for a page: the hexes link to `/authorities/<id>/` from the site's root,
 * so a page prefixes its `base` (relative while prerendered, absolute once the app runs), and
 * the links work wherever the site is served from.
 */
export function mapFigures(base: string): AnyFigure<MapView>[] {
	if (!base) return MAP_FIGURES;
	return MAP_FIGURES.map((f) => ({ ...f, svg: (v: MapView) => f.svg(v).replace(/ href="\//g, ` href="${base}/`) }));
}

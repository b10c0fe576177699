/**
 * What each hex says, in colour and in letters (no Plot import: the page and the figure
 * declaration read these before any chart code loads). Rated hexes take the rating colours
 * and initials every chart uses (charts/theme.ts); the other states are greys and white,
 * each with its own mark, so that no state is told by colour alone.
 */
import { RATING_COLOURS, RATING_INITIALS, RATINGS_DISPLAY, type LegendItem } from '../../charts/theme';
import type { HexState, MapHex } from './join';

export const STATE_STYLE: Record<Exclude<HexState, 'rated'>, { fill: string; text: string; mark: string; label: string }> = {
	unrated: { fill: '#505a5f', text: '#ffffff', mark: 'NR', label: 'Inspected, no overall rating (e.g. a 2016 short quality screening)' },
	'no-match': { fill: '#d9d9d9', text: '#0b0c0c', mark: '', label: 'No inspection matching the filters' },
	'not-inspected': { fill: '#ffffff', text: '#0b0c0c', mark: '–', label: 'No inspection in the data' },
	split: { fill: '#ffffff', text: '#0b0c0c', mark: '2', label: 'Now two authorities with a service each (both in the table)' }
};

export function hexFill(h: MapHex): string {
	return h.state === 'rated' ? RATING_COLOURS[h.rating!] : STATE_STYLE[h.state].fill;
}

export function hexMark(h: MapHex): string {
	return h.state === 'rated' ? RATING_INITIALS[h.rating!] : STATE_STYLE[h.state].mark;
}

/** The legend: the four ratings, then each other state the map shows. */
export function mapLegend(hexes: MapHex[]): LegendItem[] {
	const states = new Set(hexes.map((h) => h.state));
	return [
		...RATINGS_DISPLAY.map((r) => ({ label: r, colour: RATING_COLOURS[r], mark: RATING_INITIALS[r] })),
		...(Object.keys(STATE_STYLE) as (keyof typeof STATE_STYLE)[])
			.filter((s) => states.has(s))
			.map((s) => ({ label: STATE_STYLE[s].label, colour: STATE_STYLE[s].fill, mark: STATE_STYLE[s].mark }))
	];
}

/** A hex in words: its tooltip, its keyboard reading and its row of the table say the same. */
export function hexStatus(h: MapHex): string {
	switch (h.state) {
		case 'rated':
			return `${h.rating} (${h.published ?? 'date not known'})`;
		case 'unrated':
			return `inspected ${h.published ?? '(date not known)'}, no overall rating`;
		case 'no-match':
			return 'no inspection matching the filters';
		case 'not-inspected':
			return 'no inspection in the data';
		case 'split':
			return `now ${h.parts.join(' and ')}, with a service each: both are in the table`;
	}
}

export function hexName(h: MapHex): string {
	return h.welsh ? `${h.name} (${h.welsh})` : h.name;
}

/** "Leeds: Leeds service, Good (2019-11). Enter opens its profile." */
export function hexTitle(h: MapHex): string {
	const service = h.service && h.state !== 'split' ? `, ${h.service} service` : '';
	const go = h.authority_id ? ' Enter opens its profile.' : '';
	return `${hexName(h)}${service}: ${hexStatus(h)}.${go}`;
}

/** The profile of a service, from the site's root: its prerendered page, or /compare for one known only from imports. */
export function profileHref(id: string, imported: boolean): string {
	return imported ? `/compare/?ids=${encodeURIComponent(id)}` : `/authorities/${encodeURIComponent(id)}/`;
}

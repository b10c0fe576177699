/**
 * The hex map as SVG, built with the DOM it is given (linkedom at prerender, the page's in the
 * browser), so every name is escaped text. One pointy-topped hex per authority in odd-r
 * co-ordinates; each hex carries its <title> (the figure's keyboard reading and tooltip) and,
 * where a service covers it, is a link to the service's profile. The links are out of the tab
 * order: the figure is one tab stop and the arrow keys move between hexes by direction
 * (`data-arrows="spatial"`, ChartFigure); Enter opens the focused hex's link. The focused
 * hex's ring is 5 px: the hexes drawn after it cover its outer half, so 2.5 px show all round.
 *
 * Text: on a page at least 826 px wide the map is drawn at its own size, each hex with a short
 * name (12 px) and its rating's letters (13 px). Narrower, the SVG shrinks with its page, so
 * the names give way and the letters grow in the drawing's units to stay about 12 px on screen.
 * Those rules apply only inside the figure (`.chart`): an exported image keeps the names.
 */
import { CHART_WIDTH, FONT, TEXT_ON, serialise } from '../../charts/theme';
import { abbreviation } from './hexes';
import type { MapHex } from './join';
import { hexFill, hexMark, hexTitle, profileHref } from './legend';

const SVG = 'http://www.w3.org/2000/svg';
const MARGIN = 8;

/** Doubled column: odd rows sit half a hex east (odd-r), in units of a hex's half width. */
const column = (h: { q: number; r: number }) => 2 * h.q + (((h.r % 2) + 2) % 2);

const STYLE = `
.yjm-hex { stroke: #ffffff; stroke-width: 1.5px; }
.yjm-hex[data-state="not-inspected"], .yjm-hex[data-state="split"] { stroke: #6f777b; stroke-width: 1px; }
.yjm-hex[data-state="split"] { stroke-dasharray: 3 2; }
.yjm-map a:hover .yjm-hex { stroke: #0b0c0c; stroke-width: 3px; }
svg.yjm-map path.yjm-hex.focused-mark { stroke: #0b0c0c; stroke-width: 5px; }
.yjm-map text { pointer-events: none; }
.yjm-name { font-size: 12px; }
.yjm-mark { font-size: 13px; font-weight: 700; }
/* the map scales with its box (charts elsewhere are drawn for it: views/figure.ts 'scaled'),
   down to the width where its letters are still 12 px; narrower, it scrolls in its box */
div.chart svg.yjm-map { max-width: 100%; min-width: 280px; height: auto; }
@media (max-width: 825px) {
  .chart .yjm-name { display: none; }
  .chart .yjm-mark { font-size: 19px; transform: translateY(-8px); }
}
@media (max-width: 559px) { .chart .yjm-mark { font-size: 29px; } }
@media (max-width: 379px) { .chart .yjm-mark { font-size: 33px; } }
`;

export function hexMap(hexes: MapHex[], { document, width = CHART_WIDTH }: { document: Document; width?: number }): string {
	const cols = hexes.map(column);
	const minC = Math.min(...cols);
	const maxC = Math.max(...cols);
	const minR = Math.min(...hexes.map((h) => h.r));
	const maxR = Math.max(...hexes.map((h) => h.r));
	// half a hex's width (its apothem) and its radius (centre to corner)
	const a = (width - 2 * MARGIN) / (maxC - minC + 2);
	const R = (2 * a) / Math.sqrt(3);
	const height = Math.ceil(2 * MARGIN + 2 * R + (maxR - minR) * 1.5 * R);
	const round = (n: number) => Math.round(n * 10) / 10;
	const corners = [
		[0, -R],
		[a, -R / 2],
		[a, R / 2],
		[0, R],
		[-a, R / 2],
		[-a, -R / 2]
	];
	const outline = (cx: number, cy: number) => `M${corners.map(([x, y]) => `${round(cx + x)},${round(cy + y)}`).join('L')}Z`;

	const el = <K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>) => {
		const e = document.createElementNS(SVG, name) as SVGElementTagNameMap[K];
		for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
		return e;
	};
	const svg = el('svg', {
		class: 'yjm-map',
		width,
		height,
		viewBox: `0 0 ${width} ${height}`,
		'data-arrows': 'spatial',
		'font-family': FONT,
		'text-anchor': 'middle',
		style: `font-family:${FONT};background:white`
	});
	const style = el('style', {});
	style.textContent = STYLE;
	svg.appendChild(style);

	// north to south, then west to east: the reading order, and the order Home and End follow
	const ordered = [...hexes].sort((x, y) => y.r - x.r || column(x) - column(y));
	for (const h of ordered) {
		const cx = round(MARGIN + a * (column(h) - minC + 1));
		const cy = round(MARGIN + R + (maxR - h.r) * 1.5 * R);
		const fill = hexFill(h);
		const ink = TEXT_ON[fill] ?? '#0b0c0c';
		const group = h.authority_id ? el('a', { href: profileHref(h.authority_id, h.imported), tabindex: -1 }) : el('g', {});
		const hex = el('path', {
			class: 'yjm-hex',
			d: outline(cx, cy),
			fill,
			'data-hex': h.key,
			'data-state': h.state,
			...(h.rating ? { 'data-rating': h.rating } : {})
		});
		const title = el('title', {});
		title.textContent = hexTitle(h);
		hex.appendChild(title);
		group.appendChild(hex);
		const name = el('text', { class: 'yjm-name', x: cx, y: round(cy - 4), fill: ink });
		name.textContent = abbreviation(h.name);
		group.appendChild(name);
		const mark = hexMark(h);
		if (mark) {
			const t = el('text', { class: 'yjm-mark', x: cx, y: round(cy + 8), fill: ink, 'dominant-baseline': 'central' });
			t.textContent = mark;
			group.appendChild(t);
		}
		svg.appendChild(group);
	}
	return serialise(svg);
}

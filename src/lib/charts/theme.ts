/**
 * Chart conventions (STYLE.md, Analysis Function guidance): the palette, the four rating
 * colours used everywhere with their text colours (WCAG AA on the fill), and rating initials
 * so colour is never the only carrier of meaning.
 */
export const PALETTE = ['#12436D', '#28A197', '#801650', '#F46A25', '#3D3D3D', '#A285D1'] as const;

/** Best first, the order of every legend and stack. */
export const RATINGS_DISPLAY = ['Outstanding', 'Good', 'Requires improvement', 'Inadequate'] as const;

export const RATING_COLOURS: Record<string, string> = {
	Outstanding: '#12436D',
	Good: '#28A197',
	'Requires improvement': '#F46A25',
	Inadequate: '#801650'
};

/** Text drawn on a fill: white on the dark colours, near-black on the light ones (>= 4.5:1). */
export const TEXT_ON: Record<string, string> = {
	'#12436D': '#ffffff',
	'#801650': '#ffffff',
	'#3D3D3D': '#ffffff',
	'#28A197': '#0b0c0c',
	'#F46A25': '#0b0c0c',
	'#A285D1': '#0b0c0c',
	// the map's states other than a rating (views/map/legend.ts)
	'#505a5f': '#ffffff',
	'#d9d9d9': '#0b0c0c',
	'#ffffff': '#0b0c0c'
};

export const RATING_INITIALS: Record<string, string> = {
	Outstanding: 'O',
	Good: 'G',
	'Requires improvement': 'RI',
	Inadequate: 'I'
};

export const ratingText = (rating: string) => TEXT_ON[RATING_COLOURS[rating]] ?? '#0b0c0c';

export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';

/** Width charts are drawn at; the SVG scales down with its viewBox on narrow screens. */
export const CHART_WIDTH = 760;

/**
 * Room under a plot for its 13px tick labels and, below them, the axis label. Plot's default
 * (30 px, the label 27 px down) is made for 10px text: at 13px the label ran into the ticks.
 * Charts that use it are 10 px taller, so their plot area is as before.
 */
export const MARGIN_BOTTOM = 40;

export const STYLE = { fontFamily: FONT, fontSize: '13px', color: '#0b0c0c', background: 'white', overflow: 'visible' };

export const ratingLegend = RATINGS_DISPLAY.map((r) => ({ label: r, colour: RATING_COLOURS[r], mark: RATING_INITIALS[r] }));

export interface LegendItem {
	label: string;
	colour: string;
	mark?: string;
}

export interface ChartOptions {
	document: Document;
	width?: number;
}

/**
 * Plot output -> markup for the figure (serialised by the DOM, so text is escaped). The SVG
 * is hidden from assistive technology: the figure's title, its data table and the keyboard
 * reading of marks carry its content; Plot's aria-label on plain <g> groups is not valid ARIA.
 */
export function serialise(node: Element): string {
	node.setAttribute('aria-hidden', 'true');
	node.removeAttribute('aria-label');
	node.removeAttribute('aria-description');
	for (const g of Array.from(node.querySelectorAll('g[aria-label], g[aria-description]'))) {
		g.removeAttribute('aria-label');
		g.removeAttribute('aria-description');
	}
	return node.outerHTML;
}

export const pct = (x: number | null | undefined, digits = 0) => (x === null || x === undefined ? '' : `${x.toFixed(digits)}%`);

/** Left margin that fits the longest y label (13px system font, ~6.9px a character). */
export function labelMargin(labels: Iterable<string>, min = 80, max = 440): number {
	let longest = 0;
	for (const l of labels) longest = Math.max(longest, l.length);
	return Math.round(Math.min(max, Math.max(min, longest * 6.9 + 16)));
}

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

/**
 * Width charts are drawn at when nothing says otherwise: at build time (the prerendered HTML,
 * the figure snapshots) and the widest a chart is drawn in the browser. A figure narrower than
 * this redraws its chart for the width it has (ChartFigure), never scales it down: a scaled
 * SVG's 13px text was 4 px high on a phone.
 */
export const CHART_WIDTH = 760;

/** Narrowest a chart is drawn: the chart box of a figure at 320 CSS px (WCAG 1.4.10 Reflow). */
export const MIN_CHART_WIDTH = 260;

/** Smallest text in a chart (px): labels on marks included. */
export const MIN_FONT = 12;

/** The width to draw a chart at for a box `box` px wide. */
export function chartWidthFor(box: number): number {
	return Math.round(Math.max(MIN_CHART_WIDTH, Math.min(CHART_WIDTH, box)));
}

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

/** Width of a character of 13px system-font text, on average (an estimate that errs wide). */
const CHAR = 6.9;

/** Left margin that fits the longest y label (13px system font, ~6.9px a character). */
export function labelMargin(labels: Iterable<string>, min = 80, max = 440): number {
	let longest = 0;
	for (const l of labels) longest = Math.max(longest, l.length);
	return Math.round(Math.min(max, Math.max(min, longest * CHAR + 16)));
}

/** Characters of 13px text that fit in `px`. */
export const charsIn = (px: number) => Math.max(4, Math.floor(px / CHAR));

/**
 * `text` broken at spaces into lines of at most `chars` characters (a longer word is cut with
 * a hyphen). Plot draws a "\n" in a label as a new line.
 */
export function wrapLines(text: string, chars: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (let word of text.split(/\s+/).filter(Boolean)) {
		while (word.length > chars) {
			if (line) lines.push(line);
			line = '';
			lines.push(`${word.slice(0, chars - 1)}-`);
			word = word.slice(chars - 1);
		}
		if (!line) line = word;
		else if (line.length + 1 + word.length <= chars) line += ` ${word}`;
		else {
			lines.push(line);
			line = word;
		}
	}
	if (line) lines.push(line);
	return lines.length ? lines : [''];
}

export interface FittedLabels {
	/** the left margin the labels take */
	margin: number;
	/** a label as drawn: on one line, or wrapped onto several */
	format: (label: string) => string;
	/** lines of the longest label once wrapped (1: no label wraps) */
	lines: number;
}

/**
 * Labels left of a chart `width` wide: on one line in the margin they need while that leaves
 * the plot more than half the width (or 280 px); on a narrower chart the margin is held to `share` of the
 * width and the labels wrap onto lines (the chart gives each row room for them: rowHeight).
 */
export function fitLabels(labels: Iterable<string>, width: number, { min = 80, max = 440, share = 0.45 } = {}): FittedLabels {
	const all = [...labels];
	const natural = labelMargin(all, min, max);
	// at the default width the plot keeps 280 px whatever the share: desktop charts as before
	const room = Math.round(Math.max(Math.min(min, natural), width * share, width - 280));
	if (natural <= room) return { margin: natural, format: (l) => l, lines: 1 };
	const chars = charsIn(room - 16);
	const wrapped = new Map(all.map((l) => [l, wrapLines(l, chars)]));
	const lines = Math.max(1, ...[...wrapped.values()].map((w) => w.length));
	return { margin: room, format: (l) => (wrapped.get(l) ?? wrapLines(l, chars)).join('\n'), lines };
}

/** Whether `text` in 12px type fits in `px` (a label inside a bar). */
export const fitsIn = (text: string, px: number) => text.length * 7.4 + 6 <= px;

/** A chart narrower than this lays its labels out for a phone. */
export const NARROW = 560;

/** Height of a row holding labels of `lines` lines: at least `min`. */
export const rowHeight = (lines: number, min: number) => (lines > 1 ? Math.max(min, lines * 15 + 8) : min);

/**
 * An axis label that fits across a chart `width` wide (wrapped when it does not), and the
 * room it needs beyond one line (added to the margin it sits in).
 */
export function axisLabel(label: string, width: number): { label: string; extra: number } {
	const lines = wrapLines(label, charsIn(width - 24));
	return { label: lines.join('\n'), extra: (lines.length - 1) * 15 };
}

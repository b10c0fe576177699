/**
 * Chart downloads that stand alone: a standalone SVG (title, subtitle, legend, the filters in
 * words, what it covers, the source with its addresses and the data's build date baked in;
 * `<title>`, `<desc>`, `role="img"`), a PNG rendered from it at 2x, the CSV of exactly the
 * rows behind the chart as the page shows them, and a zip of that CSV with a README.
 *
 * The chart markup comes from the DOM's HTML serialiser (`serialise` in theme.ts), which is
 * right for the page but not XML: it writes a no-break space as `&nbsp;` (not an XML entity)
 * and control characters as they are (not allowed in XML 1.0 at all). An SVG file or an
 * <img> of one is parsed as XML, so either character in a service's name made the file
 * unreadable and the PNG fail. `xmlMarkup` turns the page's markup into well-formed XML.
 */
import { toCsvRows, type CsvValue } from '../csv';
import { TABLES, TABLE_NAMES } from '../schema/tables';
import { FONT, type LegendItem } from './theme';

export interface ExportText {
	title: string;
	subtitle?: string;
	/** the filters of the result drawn, in words ("London, 2021 onwards") */
	filters?: string;
	/** what `filters` names, "Filters" unless said otherwise (e.g. "Services compared") */
	filtersLabel?: string;
	/** what the figure covers: how many inspections (and services), from which sources */
	coverage?: string;
	/** the source line, with the addresses of the sources */
	source: string;
	legend?: LegendItem[];
	/** the date the data was built (data/manifest.json), e.g. "2026-12-02" */
	built?: string;
	/** the page the figure comes from, with the filters of the result drawn */
	address?: string;
}

/**
 * Characters XML 1.0 does not allow, even escaped: C0 controls but tab, line feed and
 * carriage return; U+FFFE and U+FFFF; lone surrogates.
 */
const NOT_XML =
	// eslint-disable-next-line no-control-regex
	/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A control character as its visible picture (U+2400 block: ␀ ␁ … ␟), anything else not XML as U+FFFD. */
function picture(ch: string): string {
	const code = ch.charCodeAt(0);
	return code < 0x20 ? String.fromCharCode(0x2400 + code) : '\uFFFD';
}

/** Text made XML-safe: characters XML cannot hold become visible stand-ins, never silently dropped. */
export function xmlSafe(text: string): string {
	return text.replace(NOT_XML, picture);
}

/** Text for an XML text node or attribute value. */
export const esc = (s: string) => xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Markup from the HTML serialiser as well-formed XML. That serialiser escapes only & < > "
 * and the no-break space (as `&nbsp;`), so `&nbsp;` is the one entity XML lacks.
 */
export function xmlMarkup(markup: string): string {
	return xmlSafe(markup).replace(/&nbsp;/g, '&#160;');
}

/** Grapheme clusters (an emoji with its modifiers, a letter with its accents): where text may be cut. */
const graphemes: (text: string) => string[] =
	typeof Intl !== 'undefined' && 'Segmenter' in Intl
		? (() => {
				const seg = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
				return (text: string) => Array.from(seg.segment(text), (s) => s.segment);
			})()
		: (text: string) => Array.from(text);

/**
 * Lines of at most `max` characters, breaking at spaces (never at a no-break space), and inside words longer than a line
 * (addresses, long names). A word is only ever cut between grapheme clusters: cutting inside
 * a surrogate pair left half an emoji, which XML cannot hold (it became U+FFFD).
 */
export function wrap(text: string, max: number): string[] {
	const width = Math.max(8, max);
	// spaces break a line; no-break spaces (U+00A0, U+2007, U+202F) do not
	const words = text.split(/[^\S\u00A0\u2007\u202F]+/).filter(Boolean);
	const lines: string[] = [];
	let line = '';
	for (const word of words) {
		let w = word;
		if (w.length > width) {
			if (line) {
				lines.push(line);
				line = '';
			}
			const parts = graphemes(w);
			while (parts.length) {
				// as many clusters as fit in a line (at least one)
				let n = 0;
				let len = 0;
				while (n < parts.length && (n === 0 || len + parts[n].length <= width)) len += parts[n++].length;
				if (n === parts.length) break;
				// break after a slash or similar where there is one near the end of the line
				let cut = -1;
				for (let k = n - 1; k > n / 2; k--)
					if (parts[k] === '/' || parts[k] === '-' || parts[k] === '&') {
						cut = k + 1;
						break;
					}
				const at = cut > 0 ? cut : n;
				lines.push(parts.splice(0, at).join(''));
			}
			w = parts.join('');
		}
		if (!w) continue;
		if (line && line.length + 1 + w.length > width) {
			lines.push(line);
			line = w;
		} else line = line ? `${line} ${w}` : w;
	}
	if (line) lines.push(line);
	return lines;
}

/** Everything the image says, in one paragraph: its `<desc>`. */
export function describeExport(t: ExportText): string {
	return [
		t.subtitle,
		t.filters && `${t.filtersLabel ?? 'Filters'}: ${t.filters}.`,
		t.coverage,
		t.source,
		t.built && `Data built ${t.built}.`,
		t.address && `From ${t.address}`
	]
		.filter(Boolean)
		.join(' ');
}

/**
 * The chart's SVG markup wrapped with its title, subtitle, legend, filters, coverage, source
 * and build date: one well-formed SVG file that says what it shows without the page.
 */
export function standaloneSvg(chartSvg: string, t: ExportText): string {
	const w = Number(/\bwidth="(\d+(?:\.\d+)?)"/.exec(chartSvg)?.[1] ?? 760);
	const h = Number(/\bheight="(\d+(?:\.\d+)?)"/.exec(chartSvg)?.[1] ?? 400);
	const pad = 16;
	const chars = Math.floor((w - 2 * pad) / 8.5);
	// characters a line holds: about 11 px a character of the bold 18 px title, 8.5 of 14 px text
	const title = wrap(t.title, Math.floor((w - 2 * pad) / 11));
	const sub = t.subtitle ? wrap(t.subtitle, chars) : [];
	const out: string[] = [];
	let y = pad + 18;
	for (const l of title) {
		out.push(`<text x="${pad}" y="${y}" font-size="18" font-weight="700">${esc(l)}</text>`);
		y += 24;
	}
	for (const l of sub) {
		out.push(`<text x="${pad}" y="${y}" font-size="14" fill="#3D3D3D">${esc(l)}</text>`);
		y += 19;
	}
	if (t.filters) {
		for (const l of wrap(`${t.filtersLabel ?? 'Filters'}: ${t.filters}`, chars)) {
			out.push(`<text x="${pad}" y="${y}" font-size="14" font-weight="700" fill="#3D3D3D">${esc(l)}</text>`);
			y += 19;
		}
	}
	if (t.legend?.length) {
		let x = pad;
		y += 6;
		for (const item of t.legend) {
			const label = item.mark ? `${item.mark} ${item.label}` : item.label;
			const width = 34 + label.length * 7.2;
			if (x > pad && x + width > w - pad) {
				x = pad;
				y += 20;
			}
			out.push(`<rect x="${x}" y="${y - 11}" width="14" height="14" fill="${esc(item.colour)}"/>`);
			out.push(`<text x="${x + 20}" y="${y}" font-size="13">${esc(label)}</text>`);
			x += width;
		}
		y += 12;
	}
	const chartTop = y + 6;
	const markup = xmlMarkup(chartSvg);
	const body = markup.replace(/^<svg\b/, `<svg x="0" y="${chartTop}"`);
	let fy = chartTop + h + 22;
	const foot: string[] = [];
	const footLines = [
		...(t.coverage ? wrap(t.coverage, chars + 10) : []),
		...wrap(t.source, chars + 10),
		...wrap([t.built && `Data built ${t.built}.`, t.address && `From ${t.address}`].filter(Boolean).join(' '), chars + 10)
	];
	for (const l of footLines) {
		foot.push(`<text x="${pad}" y="${fy}" font-size="12" fill="#3D3D3D">${esc(l)}</text>`);
		fy += 16;
	}
	const total = fy + pad;
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${w}" height="${total}" viewBox="0 0 ${w} ${total}" font-family='${FONT}' fill="#0b0c0c" role="img" aria-labelledby="export-title export-desc">`,
		`<title id="export-title">${esc(t.title)}</title>`,
		`<desc id="export-desc">${esc(describeExport(t))}</desc>`,
		`<rect width="100%" height="100%" fill="white"/>`,
		...out,
		body.includes('xmlns=') ? body : body.replace(/^<svg\b/, '<svg xmlns="http://www.w3.org/2000/svg"'),
		...foot,
		'</svg>'
	].join('\n');
}

export function saveBlob(blob: Blob, filename: string) {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	a.rel = 'noopener';
	document.body.appendChild(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function svgBlob(svg: string): Blob {
	return new Blob([svg], { type: 'image/svg+xml;charset=utf-8' });
}

/** Rasterise the standalone SVG at `scale` (2x by default). */
export async function pngBlob(svg: string, scale = 2): Promise<Blob> {
	const w = Number(/\bwidth="(\d+(?:\.\d+)?)"/.exec(svg.slice(svg.indexOf('<svg')))?.[1] ?? 760);
	const h = Number(/\bheight="(\d+(?:\.\d+)?)"/.exec(svg.slice(svg.indexOf('<svg')))?.[1] ?? 400);
	// an image of an SVG is parsed as XML: say where it is not, rather than "could not be drawn"
	const problem = new DOMParser().parseFromString(svg, 'image/svg+xml').querySelector('parsererror');
	if (problem) throw new Error(`the chart is not well-formed SVG (${problem.textContent?.trim().slice(0, 200)})`);
	const url = URL.createObjectURL(svgBlob(svg));
	try {
		const img = new Image();
		img.decoding = 'sync';
		await new Promise<void>((resolve, reject) => {
			img.onload = () => resolve();
			img.onerror = () => reject(new Error('the chart could not be drawn as an image'));
			img.src = url;
		});
		const canvas = document.createElement('canvas');
		canvas.width = Math.ceil(w * scale);
		canvas.height = Math.ceil(h * scale);
		const ctx = canvas.getContext('2d');
		if (!ctx) throw new Error('this browser cannot draw images');
		ctx.fillStyle = 'white';
		ctx.fillRect(0, 0, canvas.width, canvas.height);
		ctx.scale(scale, scale);
		ctx.drawImage(img, 0, 0, w, h);
		return await new Promise<Blob>((resolve, reject) =>
			canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png')
		);
	} finally {
		URL.revokeObjectURL(url);
	}
}

export interface CsvColumn<R> {
	key: keyof R & string;
	/** the column's name in the table and in the CSV header */
	label: string;
	/** how the page shows the value; the CSV writes the same (see chartCsv) */
	format?: (value: R[keyof R], row: R) => string;
	/** where the page's table links the cell, from the site's root ('/authorities/leeds/'); the CSV keeps the text */
	link?: (row: R) => string | null;
}

/** The text the page's table shows for one cell: the CSV writes the same value. */
export function cellText<R>(c: CsvColumn<R>, r: R): string {
	const v = r[c.key];
	if (c.format) return c.format(v, r);
	if (v === null || v === undefined) return '';
	if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(2);
	return String(v);
}

/** A number as the page writes it, with its unit: "56%", "£1,200", "-12 points", "3.5". */
const QUANTITY = /^(£|\$|€)?([-−]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(%| points| pts)?$/;

function quantity(text: string): { value: string; unit: string } | null {
	const m = QUANTITY.exec(text.trim());
	if (!m) return null;
	return { value: `${m[2] ? '-' : ''}${m[3].replace(/,/g, '')}${m[4] ?? ''}`, unit: (m[1] ?? m[5] ?? '').trim() };
}

export interface ChartCsvColumn {
	/** the CSV header: the table's label, with the unit when the column has one ("Share (%)") */
	header: string;
	/** the unit taken out of the cells into the header, '' for none */
	unit: string;
	/** every cell a number */
	numeric: boolean;
}

/**
 * The CSV of a chart: the table's column names, and each cell as the page shows it, so
 * values are rounded as on screen. A column of numbers that the page shows with one unit
 * ("56%", "£1,200", "-3 points") is written as plain numbers (56, 1200, -3) with the unit in
 * its header ("Share (%)"); anything else (codes such as "1.2" too) is the page's text.
 */
export function chartCsvTable<R>(columns: CsvColumn<R>[], rows: R[]): { columns: ChartCsvColumn[]; cells: string[][] } {
	const texts = rows.map((r) => columns.map((c) => cellText(c, r)));
	const out: ChartCsvColumn[] = columns.map((c, j) => {
		const parsed = texts
			.map((row) => row[j])
			.filter((t) => t !== '')
			.map(quantity);
		// numbers are what the data holds as numbers: a code such as "1.2" is text, however it looks
		const values = rows.map((r) => r[c.key]).filter((v) => v !== null && v !== undefined);
		const numeric = parsed.length > 0 && parsed.every((q) => q !== null) && values.every((v) => typeof v === 'number');
		const units = new Set(parsed.map((q) => q?.unit));
		const unit = numeric && units.size === 1 ? [...units][0]! : '';
		const labelled = unit === '' || c.label.includes(unit) ? c.label : `${c.label} (${unit})`;
		return { header: labelled, unit, numeric: numeric && units.size === 1 };
	});
	const cells = texts.map((row) => row.map((t, j) => (out[j].numeric && t !== '' ? quantity(t)!.value : t)));
	return { columns: out, cells };
}

export function chartCsv<R>(columns: CsvColumn<R>[], rows: R[]): string {
	const t = chartCsvTable(columns, rows);
	return toCsvRows(
		t.columns.map((c) => c.header),
		t.cells as CsvValue[][]
	);
}

export function csvBlob<R>(columns: CsvColumn<R>[], rows: R[]): Blob {
	return new Blob([chartCsv(columns, rows)], { type: 'text/csv;charset=utf-8' });
}

/** Data-model columns whose name means one thing in every table: their meaning, for a README. */
const MEANINGS: Map<string, string> = (() => {
	const seen = new Map<string, Set<string>>();
	for (const t of TABLE_NAMES) for (const c of TABLES[t].columns) seen.set(c.name, (seen.get(c.name) ?? new Set()).add(c.description));
	return new Map([...seen].filter(([, d]) => d.size === 1).map(([name, d]) => [name, [...d][0]]));
})();

export interface ReadmeInfo extends ExportText {
	/** the CSV's file name in the zip */
	file: string;
	/** every source address behind the rows (as many as are known) and how many there are in all */
	addresses: string[];
	addressCount: number;
	/** where every address is listed (the dataset's inspections table) */
	dataset: string;
	/** when the file was made (ISO) */
	downloaded: string;
}

/** README.txt of a chart's data: what the CSV holds, for whom it is filtered, from what, and when. */
export function chartReadme<R>(columns: CsvColumn<R>[], rows: R[], info: ReadmeInfo): string {
	const table = chartCsvTable(columns, rows);
	const lines = [
		info.title,
		'',
		...(info.subtitle ? [info.subtitle, ''] : []),
		`${info.filtersLabel ?? 'Filters'}: ${info.filters ?? 'none (every inspection)'}`,
		...(info.coverage ? [info.coverage] : []),
		`Data built: ${info.built ?? 'not known'}`,
		`Downloaded: ${info.downloaded}${info.address ? ` from ${info.address}` : ''}`,
		'',
		info.source,
		''
	];
	if (info.addressCount) {
		lines.push(`Addresses of the published pages behind these rows (${info.addressCount}):`);
		for (const a of info.addresses) lines.push(`  ${a}`);
		if (info.addressCount > info.addresses.length)
			lines.push(`  ... and ${info.addressCount - info.addresses.length} more: every address is in ${info.dataset} (column source_url).`);
		lines.push('');
	}
	lines.push(
		`${info.file}: ${rows.length} row${rows.length === 1 ? '' : 's'}, one per row of the table under the chart on the page.`,
		'Values are as the page shows them, rounded the same way; where a column has a unit it is in the column name',
		'and the cells are plain numbers (a share shown as 56% is 56 under "Share (%)"). Empty cells: no value.',
		'Text a spreadsheet would run as a formula starts with an apostrophe.',
		'',
		'Columns:'
	);
	columns.forEach((c, j) => {
		const col = table.columns[j];
		const kind = col.numeric ? (col.unit ? `numbers in ${col.unit === '%' ? 'per cent' : col.unit}` : 'numbers') : 'text';
		const meaning = MEANINGS.get(c.key);
		lines.push(`  ${col.header}: ${kind}${meaning ? `. ${meaning}` : ''}`);
	});
	lines.push(
		'',
		'Sources: HM Inspectorate of Probation inspection reports and public pages, Crown copyright, Open Government Licence v3.0.',
		''
	);
	return lines.join('\r\n');
}

/** A zip of the CSV and its README (fflate loaded when first asked for). */
export async function csvZipBlob(csvName: string, csv: string, readme: string): Promise<Blob> {
	const { zipSync, strToU8 } = await import('fflate');
	const bytes = zipSync({ [csvName]: strToU8(csv), 'README.txt': strToU8(readme) });
	return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' });
}

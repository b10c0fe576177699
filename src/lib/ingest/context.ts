/**
 * Context metrics: the figures a report gives about the area and the service (first-time
 * entrants, reoffending, population, caseload, staffing, budget), with their scope (the
 * service's area, its region, England and Wales) and the source its footnote cites.
 *
 * Two layouts: a row with a value cell and a label cell (either order), anywhere in the
 * report; and, inside the "Contextual facts" section, one value per line with its label on
 * the next line, optionally under a heading that names the measure ("First-time entrant
 * (rate per 100,000)" then "226" / "<area> YJS" / "244" / "<region>" ...).
 */
import type { ContextMetric, Warning } from '../schema/extracted';
import { metricFor, type MetricDef } from './metrics';
import { parseValue } from './numbers';
import type { Footnotes, Row } from './text';
import { stripFootnotes } from './text';

const REGIONS = [
	'north east',
	'north west',
	'yorkshire',
	'humber',
	'east midlands',
	'west midlands',
	'east of england',
	'eastern region',
	'london',
	'south east',
	'south west',
	'wales',
	'region'
];

export function scopeOf(label: string, authority: string): ContextMetric['scope'] {
	const l = label.toLowerCase();
	if (/england and wales|national|nationally|\bengland\b/.test(l)) return 'national';
	const area = authority.toLowerCase();
	if ((area && l.includes(area)) || /\b(yot|yos|yjs|service|team)\b/.test(l)) return 'local';
	if (REGIONS.some((r) => new RegExp(`\\b${r}\\b`).test(l))) return 'region';
	return 'local';
}

function periodOf(label: string, note: string | undefined): string | undefined {
	const own = /\((\d{4}\/\d{2,4})\)/.exec(label);
	if (own) return own[1];
	if (!note) return undefined;
	const m =
		/([A-Z][a-z]+ \d{4} to [A-Z][a-z]+ \d{4})/.exec(note) ??
		/([A-Z][a-z]+ to [A-Z][a-z]+ \d{4})/.exec(note) ??
		/(\d{4}(?:\/\d{2,4})? to \d{4}(?:\/\d{2,4})?|\d{4}-\d{4}|\d{4}\/\d{2,4})/.exec(note) ??
		/(mid-\d{4})/.exec(note) ??
		/(census \d{4})/i.exec(note);
	return m?.[1];
}

interface Found {
	def: MetricDef;
	/** footnotes of the heading above, used when neither the row nor its metric cites one */
	sectionMarks: number[];
	scope: ContextMetric['scope'];
	value: number;
	label: string;
	marks: number[];
	line: number;
}

/** The "Contextual facts" section: from its heading to the first domain chapter. */
function contextSection(rows: Row[]): Row[] {
	const start = rows.findIndex((r) => r.cells.length === 1 && /^contextual facts$/i.test(r.cells[0].trim()));
	if (start < 0) return [];
	let end = rows.findIndex((r, i) => i > start && r.cells.length >= 1 && /^1\.\s+organisational delivery/i.test(r.cells[0]));
	if (end < 0) end = Math.min(rows.length, start + 200);
	return rows.slice(start + 1, end);
}

const VALUE_CELL = { allowTrailer: true };

/** Headings inside "Contextual facts" that end a run of values: the caseload tables and the like. */
const SECTION_BREAK =
	/^(caseload information|population information|additional caseload data|age \(years\)|age|race\/ethnicity|ethnicity|gender|offence types?)\b/i;

/**
 * "Total spend in previous financial year" / "(2018/19)" / "£1,578,894 (includes ...": a
 * measure's label on its own line or two, then a row that starts with its figure.
 */
function stackedPair(
	rows: Row[],
	i: number
): { def: MetricDef; label: string; value: NonNullable<ReturnType<typeof parseValue>>; next: number } | undefined {
	const first = rows[i].cells[0];
	// "789,194" / "Total population of Leeds": a label under a lone figure is that figure's
	const before = rows[i - 1];
	if (before?.cells.length === 1 && parseValue(before.cells[0], VALUE_CELL)) return undefined;
	if (first.length > 100 || /[.?]$/.test(first) || parseValue(first, VALUE_CELL) || !/^[A-Z]/.test(first)) return undefined;
	let label = first;
	let j = i + 1;
	const nextRow = rows[j];
	if (
		nextRow?.cells.length === 1 &&
		/^[a-z(]/.test(nextRow.cells[0]) &&
		nextRow.cells[0].length < 60 &&
		!parseValue(nextRow.cells[0], VALUE_CELL)
	) {
		label = `${label} ${nextRow.cells[0]}`;
		j++;
	}
	const def = metricFor(stripFootnotes(label).text);
	const valueRow = rows[j];
	if (!def || !valueRow?.cells.length) return undefined;
	const value = parseValue(valueRow.cells[0], VALUE_CELL);
	if (!value || (valueRow.cells.length > 1 && !/^[(,]/.test(valueRow.cells[1]))) return undefined;
	return { def, label, value, next: j + 1 };
}

export function extractContext(rows: Row[], authority: string, notes: Footnotes, warnings: Warning[]): ContextMetric[] {
	const found: Found[] = [];
	const add = (def: MetricDef, value: number, label: string, line: number, marks: number[], sectionMarks: number[] = []) => {
		const clean = stripFootnotes(label).text;
		found.push({ def, sectionMarks, scope: scopeOf(clean, authority), value, label: clean, marks, line });
	};

	// 1. Rows with a value and a label.
	let sectionMarks: number[] = [];
	for (let i = 0; i < rows.length; i++) {
		const row = rows[i];
		const cells = row.cells;
		if (cells.length === 1) {
			// a short heading ("Key staffing data¹⁶") cites the source of the rows under it
			const heading = stripFootnotes(cells[0]);
			if (heading.text.length < 100 && !/^[⁰¹²³⁴⁵⁶⁷⁸⁹]/.test(cells[0])) sectionMarks = heading.marks;
			// a label over a line or two with its figure on the next (PDF text of a two-column table)
			const stacked = stackedPair(rows, i);
			if (stacked) {
				add(
					stacked.def,
					stacked.value.value,
					stacked.label,
					row.n,
					[...stripFootnotes(stacked.label).marks, ...stacked.value.marks],
					sectionMarks
				);
				i = stacked.next - 1;
			}
			continue;
		}
		if (cells.length !== 2) continue;
		const [a, b] = cells;
		const va = parseValue(a, VALUE_CELL);
		const vb = parseValue(b, VALUE_CELL);
		const [label, valueCell, v] = va && !vb ? [b, a, va] : vb && !va ? [a, b, vb] : [undefined, undefined, undefined];
		if (!label || !v || !valueCell) continue;
		if (/\?\s*$/.test(label) || /^[a-z]\)/.test(label)) continue;
		const def = metricFor(stripFootnotes(label).text);
		if (!def) continue;
		const marks = [...stripFootnotes(label).marks, ...v.marks];
		add(def, v.value, label, row.n, marks, sectionMarks);
		const ofWhich = /of which (\d+(?:\.\d+)?) (?:were|are) case managers/i.exec(valueCell);
		if (ofWhich && def.metric === 'staff-fte') {
			add(
				metricFor('headcount case managers')!,
				Number(ofWhich[1]),
				`${stripFootnotes(label).text}: case managers`,
				row.n,
				marks,
				sectionMarks
			);
		}
	}

	// 2. One value per line inside "Contextual facts": a value, then its place or label over one
	// or more lines, then the next value; a measure's heading may come between ("226" / "Leeds
	// YJS" / ... / "England and" / "Wales" / "Reoffending rates" / "43.9%"). Blank lines are not
	// relied on: PDF text keeps some and loses others. A run of text after a value is its label,
	// except for a tail that names a measure, which heads the values after it.
	type Item =
		{ kind: 'value'; v: NonNullable<ReturnType<typeof parseValue>>; n: number } | { kind: 'text'; rows: Row[] } | { kind: 'reset' };
	const items: Item[] = [];
	for (const r of contextSection(rows)) {
		if (!r.cells.length) continue;
		const last = items[items.length - 1];
		if (r.cells.length > 1 || /^[⁰¹²³⁴⁵⁶⁷⁸⁹]/.test(r.cells[0]) || SECTION_BREAK.test(stripFootnotes(r.cells[0]).text)) {
			items.push({ kind: 'reset' });
			continue;
		}
		const v = parseValue(r.cells[0]);
		if (v) items.push({ kind: 'value', v, n: r.n });
		else if (last?.kind === 'text') last.rows.push(r);
		else items.push({ kind: 'text', rows: [r] });
	}
	const join = (rs: Row[]) => rs.map((r) => r.cells[0]).join(' ');
	let heading: { def: MetricDef; marks: number[] } | undefined;
	let pending: { v: NonNullable<ReturnType<typeof parseValue>>; n: number } | undefined;
	for (const item of items) {
		if (item.kind === 'reset') {
			heading = undefined;
			pending = undefined;
			continue;
		}
		if (item.kind === 'value') {
			pending = item;
			continue;
		}
		const rs = item.rows;
		if (!pending) {
			const def = metricFor(stripFootnotes(join(rs)).text);
			heading = def ? { def, marks: stripFootnotes(join(rs)).marks } : undefined;
			continue;
		}
		// the shortest tail of the run that names a measure, after a label that does not
		let split = rs.length;
		for (let k = rs.length - 1; k >= 1; k--) {
			if (metricFor(stripFootnotes(join(rs.slice(k))).text) && !metricFor(stripFootnotes(join(rs.slice(0, k))).text)) {
				split = k;
				break;
			}
		}
		const labelText = join(rs.slice(0, split));
		const own = metricFor(stripFootnotes(labelText).text);
		const marks = stripFootnotes(labelText).marks;
		if (own) add(own, pending.v.value, labelText, pending.n, marks);
		else if (heading) {
			add(heading.def, pending.v.value, `${heading.def.description}: ${stripFootnotes(labelText).text}`, pending.n, marks, heading.marks);
			// the place label decides the scope, not the measure's description
			found[found.length - 1].scope = scopeOf(stripFootnotes(labelText).text, authority);
		}
		pending = undefined;
		if (split < rs.length) {
			const tail = stripFootnotes(join(rs.slice(split)));
			heading = { def: metricFor(tail.text)!, marks: tail.marks };
		}
	}

	// Sources: a row's own footnote, else the last footnote seen for the same metric.
	const lastMarks = new Map<string, number[]>();
	const out: ContextMetric[] = [];
	const seen = new Map<string, Found>();
	for (const f of found) {
		const marks = f.marks.length ? f.marks : (lastMarks.get(f.def.metric) ?? f.sectionMarks);
		if (f.marks.length) lastMarks.set(f.def.metric, f.marks);
		const note = marks.map((m) => notes.text(m, f.line)).find((n) => n);
		const key = `${f.def.metric}/${f.scope}`;
		const prior = seen.get(key);
		if (prior) {
			if (prior.value !== f.value) {
				warnings.push({
					code: 'context-conflict',
					message: `${f.def.metric} (${f.scope}) is ${prior.value} on line ${prior.line} but ${f.value} on line ${f.line}; kept ${prior.value}.`,
					line: f.line
				});
			}
			continue;
		}
		seen.set(key, f);
		const metric: ContextMetric = { metric: f.def.metric, scope: f.scope, value: f.value, unit: f.def.unit, label: f.label };
		const period = periodOf(f.label, note);
		if (period) metric.period = period;
		if (note) metric.source = note;
		out.push(metric);
	}
	return out;
}

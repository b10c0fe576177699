/**
 * The same report, as the tools people use lay it out: the extraction must not change. Each
 * variant is made here from a shared report text, renamed to an invented area (the extractor
 * names no real one): running headers and footers with page numbers and form feeds, a hosting
 * site's transcript, words split by a space, words hyphenated at line ends, columns of spaces
 * instead of tabs, other title forms. (Renderings through a real PDF are in test/renderings.)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extract, statusOf } from '../../src/lib/ingest/index';
import type { Extracted } from '../../src/lib/schema/extracted';
import { REPORTS } from '../paths';

const AREA = 'Northmoor';
const base = (file: string, area: string) => readFileSync(`${REPORTS}/${file}`, 'utf8').replace(new RegExp(area, 'g'), AREA);

/** What must not change with the layout. */
function signature(x: Extracted) {
	return {
		head: [x.inspection?.authority, x.inspection?.published, x.inspection?.framework, x.inspection?.overallRating, x.inspection?.score],
		ratings: x.ratings.map((r) => `${r.code}=${r.rating}`),
		kq: x.keyQuestions.map((k) => `${k.code}=${k.pct}${k.discretion ? '*' : ''}`),
		prompts: x.prompts.length,
		context: x.context
			.filter((c) => /^(fte-rate|reoffending-rate|population|caseload-total)/.test(c.metric))
			.map((c) => `${c.metric}/${c.scope}=${c.value}`)
			.sort(),
		caseload: x.caseload.map((c) => `${c.dimension}/${c.group}/${c.category}=${c.pct}`).sort(),
		recommendations: x.recommendations.map((r) => r.n)
	};
}

function ok(text: string): Extracted {
	const r = extract(text);
	if (!r.ok) throw new Error(r.reason);
	return r.value;
}

/** Page furniture every 45 lines: a form feed, a running header with the page number, a footer. */
function paged(text: string): string {
	const lines = text.split('\n');
	const out: string[] = [];
	let page = 1;
	lines.forEach((l, i) => {
		if (i % 45 === 0) {
			if (i) out.push(`Inspection of youth offending services in ${AREA}    ${page}`, '\f');
			page++;
			out.push(`Inspection of youth offending services in ${AREA} ${page}`, '');
		}
		out.push(l);
	});
	return out.join('\n');
}

/** A document-hosting site's transcript: chrome, then "Page N: <title>" before every page. */
function transcript(text: string): string {
	const lines = text.split('\n');
	const out = [
		`An inspection of youth offending services in ${AREA} · the quality of work...`,
		'51',
		`An inspection of youth offending services in ${AREA} HM Inspectorate of Probation, June 2020`,
		'Upload: others',
		'Post on 07-Oct-2020',
		'0 views',
		'Category:',
		'Documents',
		'TRANSCRIPT'
	];
	lines.forEach((l, i) => {
		if (i % 50 === 0) out.push('', `Page ${i / 50 + 1}: An inspection of youth offending services in ${AREA} · the quality of work...`, '');
		out.push(l);
	});
	return out.join('\n');
}

/** Words a PDF text layer split with a space. */
function splitWords(text: string): string {
	let k = 0;
	return text
		.replace(/Requires improvement/g, () => (k++ % 2 ? 'Requires i mprovement' : 'Requi res improvement'))
		.replace(/Inadequate/g, 'Inadeq uate')
		.replace(/Partnerships and services/g, 'Partners hips and services')
		.replace(/Outstanding/g, (m) => (k++ % 3 ? m : 'Outs tanding'));
}

/** Tabs become runs of spaces, columns aligned, as `pdftotext -layout` prints tables. */
function spaceColumns(text: string): string {
	return text
		.split('\n')
		.map((l) => {
			if (!l.includes('\t')) return `  ${l}`;
			const cells = l.split('\t');
			return '   ' + cells.map((c, i) => (i < cells.length - 1 ? c.padEnd(Math.max(c.length + 3, 48 - (i ? 0 : 3))) : c)).join('');
		})
		.join('\n');
}

/** Prose wrapped at 90 characters, long words hyphenated at the break. */
function hyphenated(text: string): string {
	return text
		.split('\n')
		.flatMap((l) => {
			if (l.includes('\t') || l.length <= 90) return [l];
			const out: string[] = [];
			let rest = l;
			while (rest.length > 90) {
				let cut = rest.lastIndexOf(' ', 90);
				const word = rest.slice(cut + 1, rest.indexOf(' ', 90) > 0 ? rest.indexOf(' ', 90) : undefined);
				if (/^[a-z]{9,}$/.test(word)) {
					const half = cut + 1 + Math.floor(word.length / 2);
					out.push(rest.slice(0, half) + '-');
					rest = rest.slice(half);
					continue;
				}
				if (cut <= 0) cut = 90;
				out.push(rest.slice(0, cut));
				rest = rest.slice(cut + 1);
			}
			out.push(rest);
			return out;
		})
		.join('\n');
}

const REPORTS_UNDER_TEST: [string, string][] = [
	['bury-and-rochdale-2020-06.txt', 'Bury and Rochdale'],
	['leeds-2019-11.txt', 'Leeds'],
	['thurrock-2022-08.txt', 'Thurrock']
];

describe.each(REPORTS_UNDER_TEST)('%s in other layouts', (file, area) => {
	const text = base(file, area);
	const want = signature(ok(text));
	it.each([
		['running headers, footers and form feeds', paged],
		["a hosting site's transcript", transcript],
		['words split by a space', splitWords],
		['columns of spaces instead of tabs', spaceColumns],
		['prose wrapped and hyphenated', hyphenated],
		['all of them, with CRLF', (t: string) => transcript(splitWords(spaceColumns(t))).replace(/\n/g, '\r\n')]
	])('%s', (_, variant) => {
		const got = ok(variant(text));
		expect(signature(got)).toEqual(want);
		expect(got.inspection!.authority).toBe(AREA);
		expect(statusOf(got)).toBe('complete');
	});
});

describe('title forms', () => {
	const text = base('bury-and-rochdale-2020-06.txt', 'Bury and Rochdale');
	it.each([
		['Inspection of youth offending services: <area>', `Inspection of youth offending services: ${AREA}`],
		[
			'the area on the next line, with the inspectorate and month',
			`An inspection of youth offending services in\n\n${AREA} HM Inspectorate of Probation, June 2020`
		],
		['a running header with its page number', `Inspection of youth offending services in ${AREA} 1`]
	])('%s', (_, title) => {
		const t = text.replace(/^[\s\S]*?An inspection of youth offending services in\s*\n\s*\S[^\n]*/, title);
		const got = ok(t).inspection!;
		expect(got.authority).toBe(AREA);
		expect(got.serviceName).not.toMatch(/\d|Inspectorate|June/);
	});
});

describe('a report that stops early', () => {
	it('yields what it states, marked partial, never invented values', () => {
		const text = base('bury-and-rochdale-2020-06.txt', 'Bury and Rochdale');
		const opening = text.split('\n').slice(0, 90).join('\n');
		const x = ok(opening);
		expect(x.inspection).toMatchObject({ authority: AREA, published: '2020-06', framework: 'yos-2018' });
		expect(x.ratings).toEqual([]);
		expect(x.keyQuestions).toEqual([]);
		expect(statusOf(x)).toBe('partial');
		expect(x.warnings.find((w) => w.code === 'partial-report')?.message).toMatch(/^partial report: no ratings table/);
	});
});

describe('nothing silently lost', () => {
	const text = base('bury-and-rochdale-2020-06.txt', 'Bury and Rochdale');
	it('a standard printed without a readable rating is a warning naming its lines, and the report is partial', () => {
		// every 'Requires improvement' unreadable: standards 2.1 and 2.4 lose theirs
		const garbled = text.replace(/Requires improvement/g, 'Requ1res imprvement');
		const x = ok(garbled);
		const w = x.warnings.find((w) => w.code === 'standard-missing');
		expect(w?.message).toMatch(/2\.1 Assessment \(printed on lines? \d+/);
		expect(w?.line).toBeGreaterThan(0);
		expect(statusOf(x)).toBe('partial');
	});
	it('a coded key question whose figure cannot be read is a warning naming the line', () => {
		const garbled = text.replace(/^(2\.1\.1\.? [^\t\n]*\t)88%/m, '$18B%');
		const x = ok(garbled);
		const w = x.warnings.find((w) => w.code === 'row-unread');
		expect(w?.message).toMatch(/2\.1\.1 .*"8B%"/);
		expect(statusOf(x)).toBe('partial');
	});
});

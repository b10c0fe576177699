/** pdf.js text items -> the extractor's layout (src/lib/ingest/pdf-layout.ts), and the Node reader on small PDFs. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pdfTextNode } from '../../scripts/lib/pdf-node';
import { extract } from '../../src/lib/ingest/index';
import { describePdfError, layoutPage, layoutPages, type LayoutWork, type PdfTextItem } from '../../src/lib/ingest/pdf-layout';
import { pdfBytes, textToPdf } from '../pdf-fixture';
import { REPORTS } from '../paths';

/** A text item as pdf.js gives it: 0.5 em a character unless a width is given. */
const item = (str: string, x: number, y: number, size = 10, width = str.length * size * 0.5): PdfTextItem => ({
	str,
	transform: [size, 0, 0, size, x, y],
	width,
	height: size,
	hasEOL: false,
	fontName: 'g_d0_f1'
});

describe('one line per text row', () => {
	it('a word split into several items has no space inside it; words apart by a space get one', () => {
		// "Inspec" + "tion" touching, then a normal word space (0.25 em)
		expect(layoutPage([item('Inspec', 50, 700), item('tion', 80, 700), item('of', 102.5, 700)])).toBe('Inspection of');
	});

	it('items in any order come out top to bottom, left to right', () => {
		expect(layoutPage([item('second', 50, 680), item('line', 82.5, 680), item('first', 50, 700)])).toBe('first\nsecond line');
	});

	it('items of one line at slightly different baselines stay on one line', () => {
		expect(layoutPage([item('Overall', 50, 700), item('rating', 87.5, 698.8), item('Good', 200, 701.1)])).toBe('Overall rating\tGood');
	});

	it('cells that stand apart are separated by a tab; a right-aligned number column too', () => {
		const rows = [
			[item('2.1', 50, 700), item('Assessment', 90, 700), item('88%', 290, 700)],
			[item('2.2', 50, 686), item('Planning', 90, 686), item('100%', 285, 686)]
		].flat();
		expect(layoutPage(rows)).toBe('2.1\tAssessment\t88%\n2.2\tPlanning\t100%');
	});

	it('spaces that pdf.js keeps at the ends of items are not doubled', () => {
		expect(layoutPage([item('Youth ', 50, 700), item(' Justice', 80, 700)])).toBe('Youth Justice');
	});

	it('whitespace-only, empty, marked-content and rotated items are left out', () => {
		const rotated: PdfTextItem = { str: 'DRAFT', transform: [0, 10, -10, 0, 300, 400], width: 25, height: 10 };
		const items = [item('Text', 50, 700), item('   ', 80, 700), item('', 90, 700), { type: 'beginMarkedContent' }, rotated];
		expect(layoutPage(items)).toBe('Text');
	});

	it('the same text drawn twice a hair apart (simulated bold) comes out once', () => {
		expect(layoutPage([item('Good', 50, 700), item('Good', 50.3, 700)])).toBe('Good');
	});
});

describe('footnote markers', () => {
	it('a small raised number glued to its word becomes superscript digits', () => {
		expect(layoutPage([item('Staff', 50, 700), item('12', 75, 704, 6.5), item('were', 85, 700)])).toBe('Staff¹² were');
	});

	it('a raised number after a figure in a cell whose baseline sits off the line is still a marker', () => {
		const items = [item('Average caseload', 50, 700), item('8.3', 300, 697.3), item('17', 316.5, 701.5, 8.7)];
		expect(layoutPage(items)).toBe('Average caseload\t8.3¹⁷');
	});

	it('a footnote at the foot of the page starts with its superscript number', () => {
		expect(layoutPage([item('4', 50, 104, 6.5), item('The number of cases', 55, 100)])).toBe('⁴ The number of cases');
	});

	it('a raised word is not a footnote marker ("1st")', () => {
		expect(layoutPage([item('1', 50, 700), item('st', 55, 704, 6.5)])).toBe('1st');
	});
});

describe('paragraphs, pages and wrapped table cells', () => {
	const prose = (y: number, s: string) => item(s, 50, y);
	it('a vertical gap larger than the text leading ends a paragraph', () => {
		const items = [prose(700, 'one a'), prose(687, 'one b'), prose(674, 'one c'), prose(650, 'two a'), prose(637, 'two b')];
		expect(layoutPage(items)).toBe('one a\none b\none c\n\ntwo a\ntwo b');
	});

	it('pages are separated by a line holding a form feed', () => {
		expect(layoutPages([[item('page one', 50, 700)], [item('page two', 50, 700)]])).toBe('page one\n\f\npage two');
	});

	it("a cell's text wrapped onto the next line joins its cell", () => {
		const items = [
			item('Does planning focus sufficiently on keeping', 50, 700),
			item('63%', 400, 700),
			item('the child safe?', 50, 687),
			item('Does planning focus on other people?', 50, 674),
			item('75%', 400, 674),
			item('1.1', 50, 650),
			item('Governance and', 90, 650),
			item('Good', 300, 650),
			item('leadership', 90, 637),
			item('2.1', 50, 624),
			item('Assessment', 90, 624),
			item('Requires', 300, 624),
			item('improvement', 300, 611)
		];
		expect(layoutPage(items)).toBe(
			[
				'Does planning focus sufficiently on keeping the child safe?\t63%',
				'Does planning focus on other people?\t75%',
				'',
				'1.1\tGovernance and leadership\tGood',
				'2.1\tAssessment\tRequires improvement'
			].join('\n')
		);
	});

	it('a new row, a lettered prompt or a line running past the column is not a continuation', () => {
		const items = [
			item('a) Does planning set out the services?', 50, 700),
			item('63%', 400, 700),
			item('b) Does planning address diversity?', 50, 687),
			item('100%', 395, 687),
			item('Total staff headcount', 50, 674),
			item('26.7', 400, 674),
			item('prose that runs on across the whole width of the page and past the figures', 50, 661)
		];
		expect(layoutPage(items).split('\n')).toEqual([
			'a) Does planning set out the services?\t63%',
			'b) Does planning address diversity?\t100%',
			'Total staff headcount\t26.7',
			'prose that runs on across the whole width of the page and past the figures'
		]);
	});

	it("a hyphen the renderer added at the end of a cell's line goes when the word is joined", () => {
		const items = [item('Case', 50, 700), item('work with children holisti‐', 200, 700), item('cally', 200, 687)];
		expect(layoutPage(items)).toBe('Case\twork with children holistically');
	});
});

describe('work grows as n log n with the number of items', () => {
	it.each([
		['one long line of touching items', (n: number) => Array.from({ length: n }, (_, i) => item('ab', 50 + i * 10, 700))],
		['one item per line', (n: number) => Array.from({ length: n }, (_, i) => item('word', 50, 100000 - i * 12))],
		[
			'a table of many cells a row',
			(n: number) => Array.from({ length: n }, (_, i) => item(`${i}%`, 50 + (i % 500) * 40, 100000 - Math.floor(i / 500) * 12))
		],
		[
			'continuation lines under one wide row',
			(n: number) => [
				...Array.from({ length: n / 2 }, (_, i) => item('cell', 50 + i * 40, 100000)),
				...Array.from({ length: n / 2 }, (_, i) => item('more', 50 + (i % 50) * 40, 99988 - Math.floor(i / 50) * 12))
			]
		]
	])('%s', (_, make) => {
		const n = 40_000;
		const work: LayoutWork = { steps: 0 };
		layoutPages([make(n)], work);
		expect(work.steps).toBeGreaterThan(n);
		expect(work.steps).toBeLessThan(4 * n * Math.log2(n));
	});
});

describe('the Node reader (pdf.js legacy build)', () => {
	it('reads a report PDF into text the extractor reads as it reads the report text', async () => {
		const text = readFileSync(`${REPORTS}/bury-and-rochdale-2020-06.txt`, 'utf8');
		const { text: fromPdf, pages } = await pdfTextNode(textToPdf(text));
		expect(pages).toBe(1);
		const a = extract(fromPdf);
		const b = extract(text);
		if (!a.ok || !b.ok) throw new Error('refused');
		expect(a.value.ratings).toEqual(b.value.ratings);
		expect(a.value.keyQuestions.map((k) => [k.code, k.pct])).toEqual(b.value.keyQuestions.map((k) => [k.code, k.pct]));
		// footnote markers came back as superscript digits
		expect(fromPdf).toMatch(/thematic inspection of 2018\.¹/);
	});

	it('refuses an encrypted PDF, a PDF with no text layer and a damaged one, each with one clear clause', async () => {
		const why = async (bytes: Uint8Array) => pdfTextNode(bytes).then(() => 'read', describePdfError);
		const page = [[{ x: 50, y: 700, size: 10, text: 'Hello' }]];
		expect(await why(pdfBytes(page, { encrypted: true }))).toBe('the PDF is encrypted (it needs a password to open)');
		expect(await why(pdfBytes(page, { drawingOnly: true }))).toBe('the PDF has no text layer (a scan?)');
		expect(await why(new TextEncoder().encode('%PDF-1.4\nnot really'))).toMatch(/^the file is not a valid PDF/);
	});
});

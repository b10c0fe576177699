/** Whole HTML pages -> the extractor's text (src/lib/ingest/html.ts). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportMeta, reportToHtml } from '../../scripts/lib/render-text';
import { kindOf } from '../../src/lib/import/kind';
import { importReport } from '../../src/lib/import/report';
import { htmlToText, looksLikeHtmlDocument, type HtmlWork } from '../../src/lib/ingest/html';
import { extract } from '../../src/lib/ingest/index';
import { REPORTS } from '../paths';

describe('looksLikeHtmlDocument', () => {
	it.each([
		['<!DOCTYPE html><html><body><p>x</p></body></html>', true],
		['\uFEFF  <!-- saved from url=(0062)https://example.org -->\n<!doctype HTML>\n<html lang="en">', true],
		['<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', true],
		['<html>\n<head><title>t</title></head>', true],
		['<meta charset="utf-8"><head></head><body>a page without its html tag</body>', true],
		// a report text whose table cells hold HTML fragments is not a web page
		['Ratings\n<p>1.1. Governance and leadership</p> <p>The governance</p>\tGood\n<ul><li>a</li></ul>', false],
		['HM Inspectorate of Probation\nAn inspection of youth offending services in Leeds', false],
		['', false]
	])('%j -> %s', (raw, want) => {
		expect(looksLikeHtmlDocument(raw)).toBe(want);
	});
});

describe('htmlToText', () => {
	const page = (body: string, head = '') =>
		`<!DOCTYPE html><html lang="en"><head><title>Title</title>${head}</head><body>${body}</body></html>`;

	it('drops site chrome: scripts, styles, noscript, svg, nav, the page header and footer, forms, comments, the head', () => {
		const text = htmlToText(
			page(
				`<a href="#c">Skip to content</a><header class="site"><p>HMIP</p><nav><ul><li>Home</li></ul></nav></header>
				<form role="search"><input name="s"><button>Search</button></form>
				<main id="c"><p>Report text</p><!-- a comment <p>hidden</p> --><script>var s = "</p><p>not text";</script>
				<style>p { color: red }</style><noscript><p>Enable JavaScript</p></noscript><svg><text>chart</text></svg></main>
				<footer><p>All content is available under the Open Government Licence v3.0</p></footer>`,
				'<style>body{}</style><script src="x.js"></script><meta name="x" content="y">'
			)
		);
		expect(text).toBe('Skip to content\n\nReport text');
	});

	it("keeps a header inside the article (the document's own title)", () => {
		expect(htmlToText(page('<header>Site</header><article><header><h1>An inspection</h1></header><p>Body</p></article>'))).toBe(
			'An inspection\n\nBody'
		);
	});

	it('a page wrapped in a form (as some sites build them) keeps its main content', () => {
		expect(htmlToText(page('<form id="aspnetForm"><nav>Menu</nav><main><p>Report</p></main></form>'))).toBe('Report');
	});

	it('blocks become lines, paragraphs are separated by a blank line, whitespace collapses within a line', () => {
		const text = htmlToText(page('<h1>Title\n  of   page</h1><p>First<br>line two</p><div>a div</div><div>another</div><p>Last</p>'));
		expect(text).toBe('Title of page\n\nFirst\nline two\n\na div\nanother\n\nLast');
	});

	it('table rows become lines with a tab between cells; a cell’s paragraphs run in parallel lines', () => {
		const text = htmlToText(
			page(`<table><thead><tr><th>Code</th><th>Standard</th><th>Rating</th></tr></thead><tbody>
			<tr><td>1.1</td><td>Governance and leadership</td><td>Good</td></tr>
			<tr><td></td><td><p>2.1 Assessment</p><p>Assessment is well-informed</p></td><td><p>Requires improvement</p></td></tr>
			<tr><td>Overall rating</td><td></td><td>Good</td><td></td></tr></tbody></table><p>After</p>`)
		);
		expect(text).toBe(
			[
				'Code\tStandard\tRating',
				'1.1\tGovernance and leadership\tGood',
				'\t2.1 Assessment\tRequires improvement',
				'Assessment is well-informed',
				'Overall rating\t\tGood',
				'',
				'After'
			].join('\n')
		);
	});

	it('a table inside a cell is flattened into that cell', () => {
		expect(
			htmlToText(page('<table><tr><td>Outer</td><td><table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table></td></tr></table>'))
		).toBe('Outer\ta b\nc');
	});

	it('list items start with "- "', () => {
		expect(htmlToText(page('<p>Findings:</p><ul><li>One</li><li><p>Two</p></li><li>Three <em>here</em></li></ul>'))).toBe(
			'Findings:\n\n- One\n- Two\n- Three here'
		);
	});

	it('decodes entities, drops soft hyphens, keeps a literal "<"', () => {
		expect(
			htmlToText(
				page(
					'<p>Fire &amp; Rescue &ndash; &lsquo;Good&rsquo; &#8211; &#x2019; &pound;1&nbsp;m org&shy;anisa\u00adtion &copy; &lt;50% and 3 < 4</p>'
				)
			)
		).toBe('Fire & Rescue – ‘Good’ – ’ £1 m organisation © <50% and 3 < 4');
	});

	it('footnote numbers in <sup> become superscript digits glued to their word', () => {
		expect(htmlToText(page('<p>Staff<sup>12</sup> were <sup>st</sup></p><p><sup>4</sup> The number of cases</p>'))).toBe(
			'Staff¹² were st\n\n⁴ The number of cases'
		);
	});

	it('an unterminated tag at the end is dropped, as a browser drops it', () => {
		expect(htmlToText('<p>Kept</p><p class="unfinished')).toBe('Kept');
		expect(htmlToText('<p>Kept</p><!-- never closed <p>dropped</p>')).toBe('Kept');
		expect(htmlToText('<p>Kept</p><script>never closed')).toBe('Kept');
	});

	it('a quoted attribute may hold ">"', () => {
		expect(htmlToText('<p title="a > b">Text</p>')).toBe('Text');
	});
});

describe('hostile input: the work done stays linear in the length of the input', () => {
	const n = 200_000;
	it.each([
		['"<p" repeated on one line', '<p'.repeat(n)],
		['unclosed quotes', '<a b="'.repeat(n / 3)],
		["unclosed single quotes and '>'", "<a b='x>".repeat(n / 4)],
		['unclosed comments', '<!--'.repeat(n / 2)],
		['unclosed scripts', '<script>'.repeat(n / 4)],
		['unclosed divs', '<div>'.repeat(n / 3) + 'x'],
		['literal "<" characters', '<'.repeat(n)],
		['unclosed nav (chrome)', '<nav>'.repeat(n / 3) + 'x'],
		['nested tables', '<table><tr><td>'.repeat(n / 15) + 'x'],
		[
			'a cell with many paragraphs beside many empty cells',
			'<table><tr><td>' + '<p>a'.repeat(n / 4) + '<td>'.repeat(n / 4) + '<p>b'.repeat(n / 4)
		],
		['entities', '&amp;&#x41;&nosuch;'.repeat(n / 20)],
		['superscripts', '<sup>1</sup>'.repeat(n / 12)]
	])('%s', (_, html) => {
		const work: HtmlWork = { scanned: 0 };
		htmlToText(html, work);
		expect(work.scanned).toBeLessThanOrEqual(3 * html.length);
	});
});

describe('a report as an HMIP web page', () => {
	it('reads as the report text does', () => {
		const file = 'bury-and-rochdale-2020-06.txt';
		const text = readFileSync(`${REPORTS}/${file}`, 'utf8');
		const html = reportToHtml(text, reportMeta(file, text));
		expect(looksLikeHtmlDocument(html)).toBe(true);
		const a = extract(htmlToText(html));
		const b = extract(text);
		if (!a.ok || !b.ok) throw new Error('refused');
		expect(a.value.inspection).toEqual(b.value.inspection);
		expect(a.value.ratings).toEqual(b.value.ratings);
		expect(a.value.keyQuestions).toEqual(b.value.keyQuestions);
		expect(a.value.context).toEqual(b.value.context);
		expect(a.value.caseload).toEqual(b.value.caseload);
		expect(a.value.recommendations).toEqual(b.value.recommendations);
	});
});

describe('the data room takes a saved web page as a report', () => {
	const file = 'leeds-2019-11.txt';
	const text = readFileSync(`${REPORTS}/${file}`, 'utf8');
	const html = reportToHtml(text, reportMeta(file, text));
	const area = { nation: 'England', region: 'Yorkshire and the Humber', localAuthorities: ['Leeds'] };

	it('an .html or .htm file is a report text', () => {
		const head = new TextEncoder().encode(html.slice(0, 1024));
		expect(kindOf('Leeds inspection.html', head)).toEqual({ kind: 'report-text' });
		expect(kindOf('LEEDS.HTM', head)).toEqual({ kind: 'report-text' });
	});

	it('is read through its text: the rows the report text gives', () => {
		const fromPage = importReport('leeds.html', html, 'x', area);
		const fromText = importReport('leeds.txt', text, 'x', area);
		expect(fromPage.problems).toEqual([]);
		expect(fromPage.inspectionId).toBe('leeds-2019-11');
		expect(fromPage.rows.standard_ratings).toEqual(fromText.rows.standard_ratings);
		expect(fromPage.rows.key_questions.map((k) => [k.code, k.pct])).toEqual(fromText.rows.key_questions.map((k) => [k.code, k.pct]));
	});
});

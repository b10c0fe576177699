/**
 * The pure half of the rendering test bed (scripts/lib/render-reports.ts): a report text as an
 * HMIP-web-like page, and the texts users get from the PDF printed from it (a viewer's copy, a
 * hosting site's transcript, a text layer with split words). No file system, no browser: unit
 * tests use it too.
 */
import { createHash } from 'node:crypto';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

export const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December'
];

export interface ReportMeta {
	/** the area inspected, as the report names it */
	area: string;
	/** "June 2020" */
	month: string;
	/** "An inspection of youth offending services in <area>" */
	title: string;
}

/**
 * Area and publication month, read from the report's front matter (independently of the
 * extractor under test): the line after "... youth offending services in" or the area that ends
 * "... youth offending work in <area>", and the first "<Month> <year>" (a month and year on
 * separate lines, as Leeds prints them, included).
 */
export function reportMeta(file: string, text: string): ReportMeta {
	const lines = text
		.replace(/\r\n?/g, '\n')
		.split('\n')
		.map((l) => l.trim());
	let area: string | undefined;
	for (let i = 0; i < Math.min(lines.length, 120) && !area; i++) {
		const inline = /youth offending (?:services|work) in\s+([A-Z][A-Za-z' -]+?)\s*$/.exec(lines[i]);
		if (inline) area = inline[1];
		else if (/youth offending services in$/i.test(lines[i])) area = lines.slice(i + 1).find((l) => l !== '');
	}
	const head = lines.slice(0, 120).join('\n');
	const m = new RegExp(`\\b(${MONTHS.join('|')})\\b\\s*(\\d{4})`, 'i').exec(head);
	if (!area) throw new Error(`${file}: the area inspected was not found in the first 120 lines`);
	if (!m) throw new Error(`${file}: no "<Month> <year>" in the first 120 lines`);
	const month = `${MONTHS.find((x) => x.toLowerCase() === m[1].toLowerCase())} ${m[2]}`;
	return { area, month, title: `An inspection of youth offending services in ${area}` };
}

// ---------------------------------------------------------------------------------------------
// html

export const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** HTML the report texts already hold in their cells (kept as HTML). */
const HTML_TAG = /<\/?(?:p|ul|ol|li|i|b|em|strong|br|u|sup|sub|span|div)\b[^<>]*>/gi;

const SUP_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/**
 * A soft hyphen in each long word of prose ("organi\u00adsation"): Debian's Chromium has no
 * hyphenation dictionary, so `hyphens: auto` alone would never hyphenate. Chromium keeps the
 * soft hyphens in the PDF's text (pdftotext shows them), as any page printed from HTML would.
 */
export function softHyphenate(text: string): string {
	const vowel = (c: string) => 'aeiouy'.includes(c);
	return text.replace(/\b[a-z]{10,}\b/g, (w) => {
		// one soft hyphen, at the vowel-consonant-vowel joint nearest the middle
		let at = -1;
		for (let i = 3; i < w.length - 3; i++)
			if (
				vowel(w[i - 1]) &&
				!vowel(w[i]) &&
				vowel(w[i + 1]) &&
				// not just after an f: a soft hyphen after a ligature (fi, ffi) comes out of pdf.js as a space
				!w.slice(i - 2, i).includes('f') &&
				(at < 0 || Math.abs(i - w.length / 2) < Math.abs(at - w.length / 2))
			)
				at = i;
		return at < 0 ? w : `${w.slice(0, at)}\u00ad${w.slice(at)}`;
	});
}

/** One stretch of report text as inline HTML: escaped, with the texts' Markdown-ish marks and footnote markers as elements. */
function inline(s: string, prose: boolean): string {
	let out = '';
	let last = 0;
	for (const m of s.matchAll(HTML_TAG)) {
		out += inlineText(s.slice(last, m.index), prose) + m[0];
		last = m.index + m[0].length;
	}
	return out + inlineText(s.slice(last), prose);
}

function inlineText(s: string, prose: boolean): string {
	let t = escapeHtml(prose ? softHyphenate(s) : s);
	t = t.replace(/&lt;(https?:\/\/[^\s&]+)&gt;/g, '<a href="$1">$1</a>');
	t = t.replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, '<a href="$2">$1</a>');
	t = t.replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');
	t = t.replace(/(^|[\s(])\*([^*\s][^*]*?[^*\s]|[^*\s])\*(?=[\s).,;:]|$)/g, '$1<em>$2</em>');
	t = t.replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g, (d) => `<sup>${[...d].map((c) => SUP_DIGITS.indexOf(c)).join('')}</sup>`);
	return t;
}

const SECTION =
	/^(Foreword|Contents|Ratings|Executive summary|Recommendations|Background|Contextual facts|Acknowledgements|Diversity|Annexe \d[^\t]*|Glossary|Overview|Summary|Context|Key findings)$/;

/** Block-level HTML of the report text: paragraphs, tables, lists, headings, footnotes. */
export function reportBody(text: string): string {
	const lines = text
		.replace(/^\uFEFF/, '')
		.replace(/\r\n?/g, '\n')
		.split('\n');
	const out: string[] = [];
	let para: string[] = [];
	let table: string[] = [];
	let list: string[] = [];
	const flush = () => {
		if (para.length) {
			const one = para.length === 1 ? para[0].trim() : '';
			const footnote = /^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*(.*)$/.exec(para[0].trim());
			if (one && one.length < 70 && /^\d+\.\s+[A-Z][^.%]*$/.test(one)) out.push(`<h2 class="domain">${inline(one, false)}</h2>`);
			else if (one && one.length < 70 && /^\d+\.\d+\.?\s+[A-Z][^.%]*$/.test(one)) out.push(`<h3>${inline(one, false)}</h3>`);
			else if (one && (SECTION.test(one) || /^Annexe \d/.test(one)))
				out.push(`<h2${/^Annexe/.test(one) ? ' class="domain"' : ''}>${inline(one, false)}</h2>`);
			else if (footnote) out.push(`<p class="footnote">${inline(para.map((l) => l.trim()).join('\n'), true).replace(/\n/g, '<br>')}</p>`);
			else out.push(`<p>${para.map((l) => inline(l.trim(), true)).join('<br>')}</p>`);
			para = [];
		}
		if (table.length) {
			out.push(`<table>\n${table.join('\n')}\n</table>`);
			table = [];
		}
		if (list.length) {
			out.push(`<ul>\n${list.join('\n')}\n</ul>`);
			list = [];
		}
	};
	for (const line of lines) {
		if (line.trim() === '') {
			flush();
			continue;
		}
		if (line.includes('\t')) {
			if (para.length || list.length) {
				const t = table;
				table = [];
				flush();
				table = t;
			}
			table.push(
				`<tr>${line
					.split('\t')
					.map((c) => `<td>${inline(c.trim(), false)}</td>`)
					.join('')}</tr>`
			);
			continue;
		}
		if (/^\s*- /.test(line)) {
			if (para.length || table.length) flush();
			list.push(`<li>${inline(line.replace(/^\s*- /, ''), true)}</li>`);
			continue;
		}
		if (table.length || list.length) flush();
		para.push(line);
	}
	flush();
	return out.join('\n');
}

/** The title page: the report's opening lines up to the one giving the month. */
function splitTitlePage(text: string, meta: ReportMeta): { title: string; rest: string } {
	const lines = text.replace(/\r\n?/g, '\n').split('\n');
	const [monthName, year] = meta.month.split(' ');
	const at = lines.findIndex(
		(l, i) =>
			i < 120 && new RegExp(`\\b${year}\\b`).test(l) && new RegExp(monthName, 'i').test(lines.slice(Math.max(0, i - 2), i + 1).join(' '))
	);
	if (at < 0 || at > 60 || !/youth offending services in/i.test(lines.slice(0, at + 1).join(' '))) return { title: '', rest: text };
	return { title: lines.slice(0, at + 1).join('\n'), rest: lines.slice(at + 1).join('\n') };
}

const CSS = (fontPt: number) => `
html { font-family: 'Liberation Sans', Arial, sans-serif; font-size: ${fontPt}pt; line-height: 1.3; color: #111; }
body { margin: 0 auto; max-width: 46em; padding: 1em; }
article { hyphens: auto; -webkit-hyphens: auto; }
p { margin: 0 0 0.7em; }
h1 { font-size: 2.2em; margin: 0 0 0.5em; }
h2 { font-size: 1.45em; margin: 1.2em 0 0.5em; }
h3 { font-size: 1.15em; margin: 1em 0 0.4em; }
table { border-collapse: collapse; width: 100%; margin: 0.4em 0 0.9em; }
td { padding: 0.1em 0.55em; vertical-align: top; border-bottom: 0.5pt solid #bbb; hyphens: manual; }
td p { margin: 0 0 0.3em; }
ul { margin: 0 0 0.8em; padding-left: 1.5em; }
.footnote { font-size: 0.8em; }
.title-page { page-break-after: always; break-after: page; padding-top: 6em; }
.title-page p { font-size: 1.6em; margin: 0 0 0.8em; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1em; }
.site-header, .site-footer { background: #f3f2f1; padding: 0.5em 1em; }
.site-header nav ul, .site-footer ul { list-style: none; display: flex; gap: 1.5em; padding: 0; }
@media print {
  @page { size: A4; }
  body { max-width: none; padding: 0; }
  .skip, .site-header, .breadcrumb, .site-footer { display: none; }
  h2.domain { break-before: page; }
  tr, h2, h3 { break-inside: avoid; break-after: avoid; }
}
`;

export interface RenderOptions {
	/** body font size in pt (the bench makes a longer PDF with a larger font); default 10.5 */
	fontPt?: number;
	/** print only these pages ("1-60") */
	pageRanges?: string;
}

/** The report text as a whole HMIP-web-like page. */
export function reportToHtml(text: string, meta: ReportMeta, options: RenderOptions = {}): string {
	const { title, rest } = splitTitlePage(text, meta);
	return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(meta.title)} - HM Inspectorate of Probation</title>
<style>${CSS(options.fontPt ?? 10.5)}</style>
<script>document.documentElement.classList.add('js');</script>
</head>
<body>
<a class="skip" href="#content">Skip to content</a>
<header class="site-header">
<p><a href="/">HM Inspectorate of Probation</a></p>
<nav aria-label="Main menu"><ul><li><a href="/">Home</a></li><li><a href="/about-our-work/">About our work</a></li><li><a href="/our-inspections/">Our inspections</a></li><li><a href="/research/">Research</a></li><li><a href="/publications/">Publications</a></li><li><a href="/contact-us/">Contact us</a></li></ul></nav>
<form role="search"><label>Search <input type="search" name="s"></label><button>Search</button></form>
</header>
<nav class="breadcrumb" aria-label="Breadcrumb">Home › Publications › Inspection reports › ${escapeHtml(meta.area)}</nav>
<main id="content">
<article>
${title ? `<section class="title-page">\n${reportBody(title)}\n</section>\n` : ''}${reportBody(rest)}
</article>
</main>
<footer class="site-footer">
<p>All content is available under the Open Government Licence v3.0, except where otherwise stated.</p>
<p>© Crown copyright</p>
<ul><li><a href="/accessibility/">Accessibility</a></li><li><a href="/cookies/">Cookies</a></li><li><a href="/privacy/">Privacy notice</a></li></ul>
</footer>
<noscript><p>Some features of this site need JavaScript.</p></noscript>
</body>
</html>
`;
}

// ---------------------------------------------------------------------------------------------
// texts derived from the PDF

const pages = (pdfjsText: string) => pdfjsText.split('\n\f\n');

/** As copied from a PDF viewer: cells run together with single spaces, no page breaks. */
export function copiedText(pdfjsText: string): string {
	return pages(pdfjsText).join('\n\n').replace(/\t+/g, ' ');
}

/** A page's paragraphs each on one line, as hosting sites transcribe them. */
function transcribe(page: string): string[] {
	return page
		.split(/\n\s*\n/)
		.map((p) => p.replace(/\s+/g, ' ').trim())
		.filter((p) => p !== '');
}

/**
 * As a document-hosting site transcribes a PDF (see ../shared/samples/real-openings/
 * report-camden-2020-05.txt, report-north-yorkshire-2020-09.txt): its page chrome, then each page
 * after a "Page N: <title> · <snippet>" line, each paragraph joined on one line.
 */
export function transcriptText(pdfjsText: string, meta: ReportMeta): string {
	const ps = pages(pdfjsText).map(transcribe);
	const sample = ps[Math.min(3, ps.length - 1)].join(' ');
	const snippet = sample.slice(0, 160).replace(/\s+\S*$/, '');
	const [monthName, year] = meta.month.split(' ');
	const posted = new Date(Date.UTC(Number(year), MONTHS.indexOf(monthName) + 1, 7));
	const post = `${String(posted.getUTCDate()).padStart(2, '0')}-${MONTHS[posted.getUTCMonth()].slice(0, 3)}-${posted.getUTCFullYear()}`;
	const head = [
		`${meta.title} · ${snippet.slice(0, 70).replace(/\s+\S*$/, '')}...`,
		'',
		String(ps.length),
		`${meta.title} HM Inspectorate of Probation, ${meta.month}`,
		'',
		'Upload: others',
		'',
		`Post on ${post}`,
		'',
		'0 views',
		'',
		'Category:',
		'',
		'Documents',
		'',
		'',
		'0 download',
		'',
		'TRANSCRIPT',
		''
	];
	const body = ps.flatMap((paras, i) => [`Page ${i + 1}: ${meta.title} · ${snippet}`, '', ...paras.flatMap((p) => [p, ''])]);
	return [...head, ...body].join('\n');
}

/** A small seeded generator (mulberry32): the same report splits the same words every run. */
function prng(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Words of the rating scale and the standards' names: split more often, they are what the extractor keys on. */
const KEY_WORDS =
	/^(Requires|improvement|Inadequate|Outstanding|Good|Partnerships|Governance|leadership|Assessment|Planning|Implementation|Reviewing|Staff|Information|facilities|Resettlement)$/;

/**
 * Some words split by a space, as PDF text layers do ("Requires i mprovement", "Inadeq uate",
 * "Partners hips"): about a third of the key words' occurrences and one in twenty-five other
 * words of eight letters or more, at a seeded position.
 */
export function splitWords(text: string, seed: string): string {
	const rand = prng(parseInt(sha(seed).slice(0, 8), 16));
	return text.replace(/[A-Za-z]{4,}/g, (w) => {
		const key = KEY_WORDS.test(w);
		if (!(key ? rand() < 0.35 : w.length >= 8 && rand() < 0.04)) return w;
		const at = 1 + Math.floor(rand() * (w.length - 1));
		return `${w.slice(0, at)} ${w.slice(at)}`;
	});
}

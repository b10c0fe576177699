/**
 * Every rendering of every shared report (scripts/lib/render-reports.ts: the web page, the
 * Chromium PDF, what pdf.js, pdftotext, a PDF viewer's copy and a hosting site's transcript make
 * of it, ...) read the way the CLI reads a file (scripts/lib/read-document.ts), extracted, and
 * held to ../shared/golden/expected-core.json exactly as test/unit/golden.test.ts holds the plain
 * text (test/golden.ts), and to the extractor's own result on the plain text where the golden
 * file is silent.
 *
 * The pairs in KNOWN_FAILING fail with today's extractor and run as `it.fails`: when one starts
 * passing its test goes red, and the pair comes off the list. YJ_RENDERINGS_STRICT=1 runs every
 * pair as a plain `it` (to see what differs); each run writes what differs per pair to
 * test-results/renderings/status.json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocument } from '../../scripts/lib/read-document';
import { RENDER_DIR, RENDERINGS, renderReports, reportsToRender, type Rendered } from '../../scripts/lib/render-reports';
import { extract } from '../../src/lib/ingest/index';
import type { Extracted } from '../../src/lib/schema/extracted';
import { differences, goldenChecks, loadGolden, sameAsPlainChecks } from '../golden';
import { REPORTS } from '../paths';

/**
 * (report, rendering) pairs today's extractor gets wrong, each with what goes wrong (the first
 * differences; test-results/renderings/status.json has them all after a run). The new extractor
 * is meant to empty this list: a pair that starts passing fails its `it.fails`, and comes off.
 */
const KNOWN_FAILING = new Set<string>([
	// Chromium's PDF read by our pdf.js reader (pdf: through the CLI's reader; pdfjs: the cached text)
	// "In the 13 cases where there were relevant factors, ... the safety and wellbeing" wraps onto
	// a second line: sample.outOfCourtSafety (13) is not read
	'bury-and-rochdale-2020-06.txt pdf',
	'bury-and-rochdale-2020-06.txt pdfjs',
	// the numbered paragraphs 1.1-2.3 (list items in the text, plain lines in a PDF) pass for
	// standard codes: framework yjs-2021 instead of sqs-2016, so no lead inspector, no cases
	// examined (34), no reoffending rates, no findings (38)
	'derbyshire-sqs-2016-03.txt pdf',
	'derbyshire-sqs-2016-03.txt pdfjs',
	// a page break (page number, form feed, running header) falls inside the one-value-a-line
	// gender block ("Male" | page 10 | "Female"): caseload gender/yot and gender/national missing
	'leeds-2019-11.txt pdf',
	'leeds-2019-11.txt pdfjs',

	// pdftotext -layout (and the same with CRLF line endings): columns are runs of spaces, not
	// tabs, so no table is read. Bury: score, 7 ratings, 24 key questions, 9 context, 8 caseload;
	// Derbyshire: as the pdf pair; Leeds: score, all 12 ratings, 24 key questions, 6 context, 6
	// caseload; Thurrock: score, ratings 3.2-3.4, 21 key questions, 7 context, 7 caseload, prompts
	'bury-and-rochdale-2020-06.txt pdftotext-layout',
	'bury-and-rochdale-2020-06.txt crlf',
	'derbyshire-sqs-2016-03.txt pdftotext-layout',
	'derbyshire-sqs-2016-03.txt crlf',
	'leeds-2019-11.txt pdftotext-layout',
	'leeds-2019-11.txt crlf',
	'thurrock-2022-08.txt pdftotext-layout',
	'thurrock-2022-08.txt crlf',

	// pdftotext -raw and a PDF viewer's copy: a row's cells joined by single spaces
	// ("2.1 Assessment Requires improvement", "Does planning ... safe? 63%"). Bury: score, 5-6
	// ratings, 24 key questions, 9 context, 8 caseload; Derbyshire: as the pdf pair; Leeds: score,
	// 9-12 ratings, 24 key questions, 6 context (raw), caseload; Thurrock: 21 key questions (the
	// ratings are read from the copy), 7 context, 7 caseload, prompts
	'bury-and-rochdale-2020-06.txt pdftotext-raw',
	'bury-and-rochdale-2020-06.txt copied',
	'derbyshire-sqs-2016-03.txt pdftotext-raw',
	'derbyshire-sqs-2016-03.txt copied',
	'leeds-2019-11.txt pdftotext-raw',
	'leeds-2019-11.txt copied',
	'thurrock-2022-08.txt pdftotext-raw',
	'thurrock-2022-08.txt copied',

	// a hosting site's transcript: the area is read from the "Page N: <title> · <snippet>" line
	// ("Bury and Rochdale · Inspection of youth offending services in Bury and Rochdale The YJS"),
	// and each paragraph, a whole table included, is one line: ratings, key questions, context,
	// caseload and recommendations (5-7 of them) go. Derbyshire: area, and 28 of 38 findings
	'bury-and-rochdale-2020-06.txt transcript',
	'derbyshire-sqs-2016-03.txt transcript',
	'leeds-2019-11.txt transcript',
	'thurrock-2022-08.txt transcript',

	// words split by a space ("Go od", "Outs tanding", "Review ing", "Inadeq uate"). Bury: context
	// population-total and population-youth-bame, samples outOfCourt and outOfCourtSafety;
	// Derbyshire: as the pdf pair; Leeds: score, rating 2.4, caseload gender; Thurrock: score,
	// ratings 1.4, 2.2, 3.1, context reoffending-rate/national
	'bury-and-rochdale-2020-06.txt split-words',
	'derbyshire-sqs-2016-03.txt split-words',
	'leeds-2019-11.txt split-words',
	'thurrock-2022-08.txt split-words'
]);

const STRICT = process.env.YJ_RENDERINGS_STRICT === '1';
const golden = loadGolden();
const status: Record<string, { ok: boolean; count: number; bySection: Record<string, number>; differences: string[] }> = {};

afterAll(() => {
	writeFileSync(join(RENDER_DIR, 'status.json'), JSON.stringify(status, null, '\t') + '\n');
});

/** What differs between the rendering's extraction and the golden values and the plain text's extraction (none: it passes). */
async function check(report: string, file: string, plainText: string, plain: Extracted): Promise<string[]> {
	const doc = await readDocument(file);
	if (!doc.ok) return [`not read: ${doc.reason}`];
	const r = extract(doc.text);
	if (!r.ok) return [`refused: ${r.reason}`];
	const exp = golden[report];
	return [
		...(exp ? differences(goldenChecks(r.value, exp, plainText)).map((d) => `golden ${d}`) : []),
		...differences(sameAsPlainChecks(r.value, plain)).map((d) => `plain ${d}`)
	];
}

it('KNOWN_FAILING names only pairs that exist', () => {
	const pairs = reportsToRender().flatMap((r) => RENDERINGS.map((x) => `${r} ${x}`));
	expect([...KNOWN_FAILING].filter((p) => !pairs.includes(p))).toEqual([]);
});

describe.each(reportsToRender())('%s', (report) => {
	const plainText = readFileSync(`${REPORTS}/${report}`, 'utf8');
	let rendered: Rendered;
	let plain: Extracted;

	beforeAll(async () => {
		// cached by the project's global setup: this only looks the files up
		[rendered] = await renderReports([report]);
		const r = extract(plainText);
		if (!r.ok) throw new Error(`${report}: the plain text itself is refused: ${r.reason}`);
		plain = r.value;
	});

	for (const rendering of RENDERINGS) {
		const pair = `${report} ${rendering}`;
		const test = KNOWN_FAILING.has(pair) && !STRICT ? it.fails : it;
		test(rendering, async () => {
			const diffs = await check(report, rendered.files[rendering], plainText, plain);
			const bySection: Record<string, number> = {};
			for (const d of diffs) {
				const section = /^(\w+ \w+)/.exec(d)?.[1] ?? d;
				bySection[section] = (bySection[section] ?? 0) + 1;
			}
			status[pair] = { ok: diffs.length === 0, count: diffs.length, bySection, differences: diffs.slice(0, 12) };
			expect(diffs, `${pair}: what the extraction of this rendering gets wrong`).toEqual([]);
		});
	}
});

/**
 * `npm run --silent extract -- [--jsonl] FILE...` (scripts/extract.ts): text, web pages and PDFs,
 * several files, JSON Lines, warnings on stderr, and the exit codes (0 complete, 1 internal
 * error, 2 unreadable or not a report, 3 read in part).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportMeta, reportToHtml } from '../../scripts/lib/render-text';
import { extract } from '../../src/lib/ingest/index';
import { Extracted } from '../../src/lib/schema/extracted';
import { pdfBytes, textToPdf } from '../pdf-fixture';
import { REPORTS, ROOT } from '../paths';

const TSX = import.meta.resolve('tsx');
const BURY = 'bury-and-rochdale-2020-06.txt';
const burysText = readFileSync(`${REPORTS}/${BURY}`, 'utf8');
let dir: string;
const at = (name: string) => join(dir, name);

function cli(...args: string[]) {
	// one process: node with tsx's loader (resolved here: the files sit in a temporary folder)
	const r = spawnSync(process.execPath, ['--import', TSX, join(ROOT, 'scripts', 'extract.ts'), ...args], {
		cwd: dir,
		encoding: 'utf8'
	});
	return { code: r.status, stdout: r.stdout, stderr: r.stderr, errLines: r.stderr.split('\n').filter(Boolean) };
}

beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'yj-cli-'));
	writeFileSync(at('bury.txt'), burysText);
	writeFileSync(at('bury.html'), reportToHtml(burysText, reportMeta(BURY, burysText)));
	writeFileSync(at('bury.pdf'), textToPdf(burysText));
	const leeds = readFileSync(`${REPORTS}/leeds-2019-11.txt`, 'utf8');
	writeFileSync(at('leeds-opening.txt'), leeds.split('\n').slice(0, 60).join('\n'));
	writeFileSync(at('minutes.txt'), 'Minutes of the parish council meeting. Item 1: the village hall roof.');
	writeFileSync(at('encrypted.pdf'), pdfBytes([[{ x: 50, y: 700, size: 10, text: 'Secret' }]], { encrypted: true }));
	writeFileSync(at('scan.pdf'), pdfBytes([[]], { drawingOnly: true }));
	writeFileSync(at('not-a.pdf'), burysText);
	mkdirSync(at('folder'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const plain = (() => {
	const r = extract(burysText);
	if (!r.ok) throw new Error(r.reason);
	return r.value;
})();

describe('one file: one pretty-printed JSON object', () => {
	it('a report text: exit 0, the extraction on stdout, each warning on stderr as FILE:LINE: warning CODE: message', () => {
		const r = cli('bury.txt');
		expect(r.code).toBe(0);
		expect(r.stdout.startsWith('{\n')).toBe(true);
		expect(Extracted.parse(JSON.parse(r.stdout))).toEqual(plain);
		expect(plain.warnings.length).toBeGreaterThan(0);
		expect(r.errLines).toEqual(
			plain.warnings.map((w) => `bury.txt${w.line !== undefined ? `:${w.line}` : ''}: warning ${w.code}: ${w.message.replace(/\n/g, ' ')}`)
		);
		expect(r.errLines[0]).toMatch(/^bury\.txt:\d+: warning [a-z-]+: /);
	});

	it('a web page (.html): read through its text, the same ratings and key questions', () => {
		const r = cli('bury.html');
		expect(r.code).toBe(0);
		const v = Extracted.parse(JSON.parse(r.stdout));
		expect(v.inspection).toEqual(plain.inspection);
		expect(v.ratings).toEqual(plain.ratings);
		expect(v.keyQuestions).toEqual(plain.keyQuestions);
	});

	it('a PDF: read with pdf.js, the same ratings and key questions', () => {
		const r = cli('bury.pdf');
		expect(r.code).toBe(0);
		const v = Extracted.parse(JSON.parse(r.stdout));
		expect(v.inspection?.id).toBe(plain.inspection?.id);
		expect(v.ratings).toEqual(plain.ratings);
		expect(v.keyQuestions.map((k) => [k.code, k.pct, k.discretion])).toEqual(plain.keyQuestions.map((k) => [k.code, k.pct, k.discretion]));
		expect(r.errLines.every((l) => l.startsWith('bury.pdf:'))).toBe(true);
	});

	it('a report read only in part: exit 3, the extraction on stdout, one line saying what is missing', () => {
		const r = cli('leeds-opening.txt');
		expect(r.code).toBe(3);
		expect(Extracted.parse(JSON.parse(r.stdout)).inspection?.authority).toBe('Leeds');
		expect(r.errLines.filter((l) => !/: warning /.test(l))).toEqual([
			expect.stringMatching(/^leeds-opening\.txt: read only in part \(\d+ problems?: .+\)$/)
		]);
	});

	it('not a report: exit 2, nothing on stdout, one line on stderr naming the file and the reason', () => {
		const r = cli('minutes.txt');
		expect(r.code).toBe(2);
		expect(r.stdout).toBe('');
		expect(r.errLines).toEqual([
			expect.stringMatching(/^minutes\.txt: not a recognisable HMIP youth inspection report: .*HM Inspectorate of Probation/)
		]);
	});

	it('unreadable files: exit 2, one line each naming the file and the reason', () => {
		const files = ['missing.txt', 'folder', 'encrypted.pdf', 'scan.pdf', 'not-a.pdf'];
		const r = cli(...files);
		expect(r.code).toBe(2);
		expect(r.errLines).toEqual([
			'missing.txt: cannot read the file (no such file)',
			'folder: cannot read the file (it is a directory)',
			'encrypted.pdf: the PDF is encrypted (it needs a password to open)',
			'scan.pdf: the PDF has no text layer (a scan?)',
			'not-a.pdf: the name ends in .pdf but the file is not a PDF'
		]);
		expect(
			r.stdout
				.trimEnd()
				.split('\n')
				.map((l) => JSON.parse(l))
		).toEqual(r.errLines.map((l, i) => ({ file: files[i], ok: false, reason: l.slice(files[i].length + 2) })));
	});

	it('no file: the usage line, exit 2', () => {
		const r = cli();
		expect(r.code).toBe(2);
		expect(r.stderr).toMatch(/^usage: npm run --silent extract -- \[--jsonl\] FILE\.\.\./);
	});
});

describe('several files, or --jsonl: one JSON object per line', () => {
	it('each file in order, {file, ok, status, value} or {file, ok: false, reason}; the exit code is the worst', () => {
		const r = cli('bury.txt', 'missing.txt', 'bury.pdf', 'leeds-opening.txt');
		const lines = r.stdout.trimEnd().split('\n');
		expect(lines).toHaveLength(4);
		const rows = lines.map((l) => JSON.parse(l));
		expect(rows.map((x) => [x.file, x.ok, x.status])).toEqual([
			['bury.txt', true, 'complete'],
			['missing.txt', false, undefined],
			['bury.pdf', true, 'complete'],
			['leeds-opening.txt', true, 'partial']
		]);
		expect(Extracted.parse(rows[0].value)).toEqual(plain);
		expect(rows[1].reason).toBe('cannot read the file (no such file)');
		// not a report (2) is worse than read in part (3)
		expect(r.code).toBe(2);
	});

	it('read in part and complete: exit 3', () => {
		expect(cli('bury.txt', 'leeds-opening.txt').code).toBe(3);
	});

	it('--jsonl with one file: one line', () => {
		const r = cli('--jsonl', 'bury.html');
		expect(r.code).toBe(0);
		const lines = r.stdout.trimEnd().split('\n');
		expect(lines).toHaveLength(1);
		expect(JSON.parse(lines[0])).toMatchObject({ file: 'bury.html', ok: true, status: 'complete' });
	});

	it('an unknown option is refused with the usage line', () => {
		const r = cli('--json', 'bury.txt');
		expect(r.code).toBe(2);
		expect(r.stdout).toBe('');
		expect(r.stderr).toMatch(/^unknown option --json\nusage:/);
	});
});

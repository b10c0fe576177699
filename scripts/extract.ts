/**
 * npm run --silent extract -- [--jsonl] FILE...
 *
 * Reads inspection reports as text (.txt), web pages (.html/.htm) or PDFs (.pdf) and prints
 * what the extractor finds:
 *   - one FILE: the extraction as one pretty-printed JSON object (nothing on stdout on failure);
 *   - several FILEs, or --jsonl: one JSON object per line and per file, in the order given:
 *     {"file", "ok": true, "status": "complete" | "partial", "value"} or {"file", "ok": false, "reason"}.
 * stderr: each extraction warning on a line of its own, "FILE:LINE: warning CODE: message"
 * (LINE is the line of the text read: for a PDF or web page, of the text laid out from it),
 * and one line per file that could not be read or extracted, or was read only in part.
 * Exit code, the worst over all files: 1 an internal error; 2 a file that cannot be read (missing,
 * a directory, an encrypted PDF, a PDF with no text layer) or is not a recognisable HMIP youth
 * report; 3 a report read only in part (something its own structure says is there was not read);
 * 0 every file extracted completely (warnings allowed).
 */
import { extract, incompleteness, statusOf } from '../src/lib/ingest/index';
import type { Extracted } from '../src/lib/schema/extracted';
import { readDocument } from './lib/read-document';

type FileResult =
	{ file: string; ok: true; status: 'complete' | 'partial'; value: Extracted } | { file: string; ok: false; reason: string };

const USAGE = 'usage: npm run --silent extract -- [--jsonl] FILE...\n';

/** Exit codes, worst first. */
const SEVERITY = [1, 2, 3, 0];
const worst = (a: number, b: number) => (SEVERITY.indexOf(a) <= SEVERITY.indexOf(b) ? a : b);

async function extractFile(file: string, err: (line: string) => void): Promise<{ result: FileResult; code: number }> {
	const doc = await readDocument(file);
	if (!doc.ok) {
		err(`${file}: ${doc.reason}`);
		return { result: { file, ok: false, reason: doc.reason }, code: 2 };
	}
	try {
		const r = extract(doc.text);
		if (!r.ok) {
			const reason = `not a recognisable HMIP youth inspection report: ${r.reason}`;
			err(`${file}: ${reason}`);
			return { result: { file, ok: false, reason }, code: 2 };
		}
		for (const w of r.value.warnings) err(`${file}${w.line !== undefined ? `:${w.line}` : ''}: warning ${w.code}: ${w.message}`);
		const status = statusOf(r.value);
		if (status === 'partial') {
			const missing = incompleteness(r.value);
			err(`${file}: read only in part (${missing.length} problem${missing.length === 1 ? '' : 's'}: ${missing[0].message})`);
		}
		return { result: { file, ok: true, status, value: r.value }, code: status === 'partial' ? 3 : 0 };
	} catch (e) {
		const reason = `internal error while extracting: ${(e as Error).message}`;
		err(`${file}: ${reason}`);
		return { result: { file, ok: false, reason }, code: 1 };
	}
}

async function main(argv: string[]): Promise<number> {
	const jsonl = argv.includes('--jsonl');
	const files = argv.filter((a) => a !== '--jsonl');
	const unknown = files.find((a) => a.startsWith('--'));
	if (!files.length || unknown) {
		process.stderr.write((unknown ? `unknown option ${unknown}\n` : '') + USAGE);
		return 2;
	}
	const err = (line: string) => process.stderr.write(line.replace(/\n/g, ' ') + '\n');
	let code = 0;
	for (const file of files) {
		const { result, code: c } = await extractFile(file, err);
		code = worst(code, c);
		if (jsonl || files.length > 1) process.stdout.write(JSON.stringify(result) + '\n');
		else if (result.ok) process.stdout.write(JSON.stringify(result.value, null, 2) + '\n');
	}
	return code;
}

main(process.argv.slice(2)).then(
	(code) => (process.exitCode = code),
	(e) => {
		process.stderr.write(`extract: internal error: ${(e as Error).stack ?? e}\n`);
		process.exitCode = 1;
	}
);

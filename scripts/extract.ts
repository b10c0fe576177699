/**
 * npm run --silent extract -- FILE
 * One JSON object on stdout. Exit 0 on success (warnings allowed), 2 when FILE is not a
 * recognisable HMIP youth report (one line on stderr), 1 on an internal error.
 */
import { readFileSync } from 'node:fs';
import { extract } from '../src/lib/ingest/index';

function main(argv: string[]): number {
	const file = argv[0];
	if (!file || argv.length > 1) {
		process.stderr.write('usage: npm run --silent extract -- FILE\n');
		return 2;
	}
	let raw: string;
	try {
		const bytes = readFileSync(file);
		raw = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		process.stderr.write(
			`${file}: cannot read the file (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (code ?? 'unknown error')})\n`
		);
		return 2;
	}
	try {
		const result = extract(raw);
		if (!result.ok) {
			process.stderr.write(`${file}: not a recognisable HMIP youth inspection report: ${result.reason}\n`);
			return 2;
		}
		process.stdout.write(JSON.stringify(result.value, null, 2) + '\n');
		return 0;
	} catch (e) {
		process.stderr.write(`${file}: internal error while extracting: ${(e as Error).message}\n`);
		return 1;
	}
}

process.exitCode = main(process.argv.slice(2));

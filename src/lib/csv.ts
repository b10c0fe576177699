/**
 * CSV in and out, one implementation for the data build, downloads and imports.
 *
 * Reading: RFC 4180 quoting (commas, quotes and newlines inside quoted fields), a UTF-8
 * byte-order mark, Windows line endings, and `;` as the separator when the header uses it.
 * Writing: every text cell that a spreadsheet would run as a formula is prefixed with an
 * apostrophe: one starting with = + - @ (or their full-width and small forms, which some
 * spreadsheets fold to ASCII), after any leading whitespace, or with a tab or carriage return.
 * A plain negative number ("-5", "-0.25") is a number, not a formula, and stays as it is.
 * Reading strips the prefix again, so export then import gives back the same values.
 */

export interface CsvTable {
	header: string[];
	/** data rows, each with its 1-based line number in the file (for messages) */
	rows: { line: number; cells: string[] }[];
}

export class CsvError extends Error {
	constructor(
		message: string,
		readonly line: number
	) {
		super(message);
	}
}

/**
 * Starts like a formula, possibly after guard apostrophes already there: = + - @, their
 * full-width forms (＝ ＋ － ＠), small forms (﹦ ﹢ ﹣) and the minus sign, after any
 * whitespace; or a tab or carriage return.
 */
const FORMULA = /^'*(?:[\t\r]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\u2212])/;
/** A plain negative number: what a spreadsheet reads as a number, never as a formula. */
const NEGATIVE_NUMBER = /^-(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Would a spreadsheet run `s` as a formula? */
export function looksLikeFormula(s: string): boolean {
	return FORMULA.test(s) && !NEGATIVE_NUMBER.test(s);
}

/** Guess the separator from the header line: `;` when it has more of them than commas. */
function separatorOf(text: string): ',' | ';' | '\t' {
	let inQuotes = false;
	const counts = { ',': 0, ';': 0, '\t': 0 };
	for (const ch of text) {
		if (ch === '"') inQuotes = !inQuotes;
		else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
		else if (!inQuotes && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
	}
	if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
	return counts[';'] > counts[','] ? ';' : ',';
}

export function parseCsv(input: string): CsvTable {
	const text = input.replace(/^\uFEFF/, '');
	const sep = separatorOf(text);
	const records: { line: number; cells: string[] }[] = [];
	let cells: string[] = [];
	let cell = '';
	let quoted = false;
	let line = 1;
	let recordLine = 1;
	const endCell = () => {
		cells.push(cell);
		cell = '';
	};
	for (let k = 0; k < text.length; k++) {
		const ch = text[k];
		if (quoted) {
			if (ch === '"') {
				if (text[k + 1] === '"') {
					cell += '"';
					k++;
				} else quoted = false;
			} else {
				if (ch === '\n') line++;
				cell += ch;
			}
			continue;
		}
		if (ch === '"' && cell === '') {
			quoted = true;
		} else if (ch === sep) endCell();
		else if (ch === '\r' || ch === '\n') {
			if (ch === '\r' && text[k + 1] === '\n') k++;
			endCell();
			if (!(cells.length === 1 && cells[0] === '')) records.push({ line: recordLine, cells });
			cells = [];
			line++;
			recordLine = line;
		} else cell += ch;
	}
	if (quoted) throw new CsvError(`a quoted field that starts on line ${recordLine} is never closed`, recordLine);
	if (cell !== '' || cells.length) {
		endCell();
		if (!(cells.length === 1 && cells[0] === '')) records.push({ line: recordLine, cells });
	}
	if (!records.length) throw new CsvError('the file has no header row', 1);
	const [head, ...rows] = records;
	return {
		header: head.cells.map((h) => h.trim()),
		rows: rows.map((r) => ({ line: r.line, cells: r.cells.map(unguard) }))
	};
}

/** Undo the formula guard written by `csvCell`. */
function unguard(value: string): string {
	return value[0] === "'" && looksLikeFormula(value) ? value.slice(1) : value;
}

export type CsvValue = string | number | boolean | null | undefined | readonly string[];

/** One cell: formula-guarded, quoted when needed. Lists are written as JSON arrays. */
export function csvCell(value: CsvValue): string {
	if (value === null || value === undefined) return '';
	let s = Array.isArray(value) ? JSON.stringify(value) : String(value);
	// a value that already starts with the guard character is guarded too, so reading strips
	// exactly one apostrophe and gives back what was written
	if (typeof value === 'string' && looksLikeFormula(s)) s = `'${s}`;
	return /[",\n\r;]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(columns: readonly string[], rows: readonly Record<string, CsvValue>[]): string {
	return toCsvRows(
		columns,
		rows.map((row) => columns.map((c) => row[c]))
	);
}

/** A header and rows of cells in the header's order (names need not be unique or keys). */
export function toCsvRows(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
	const lines = [header.map(csvCell).join(',')];
	for (const row of rows) lines.push(row.map(csvCell).join(','));
	return lines.join('\r\n') + '\r\n';
}

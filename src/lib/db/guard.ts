/**
 * The SQL console's read-only guard: one reading statement at a time, nothing that writes,
 * attaches, installs or loads extensions, sets configuration, or reads files or URLs.
 *
 * It reads the statement the way DuckDB's lexer does (its scanner is PostgreSQL's): single
 * quotes with '' inside, E'…' with backslash escapes, "identifiers" with "" inside, dollar
 * quotes $$…$$ and $tag$…$tag$ (a tag starts with a letter or _, and a $ inside a word such as
 * a$q$ is part of that word, not a quote), -- comments to the end of the line, nested
 * /* … *\/ comments. Then it decides on tokens, never on patterns over the raw text: a write
 * keyword inside a string, a comment or a quoted identifier is just text.
 *
 * The engine enforces the same independently (console statements run prepared, inside a
 * transaction that is always rolled back; file and URL access are disabled and configuration
 * is locked), so this check gives clear messages and is not the only line of defence.
 */

export type GuardResult = { ok: true; sql: string } | { ok: false; reason: string };

export type TokenKind = 'word' | 'ident' | 'string' | 'number' | 'param' | 'op' | 'semi' | 'open' | 'close' | 'comma';

export interface Token {
	kind: TokenKind;
	/** word: upper case; ident: the name without quotes; string: the contents; else the text */
	value: string;
	/** offset of the token's first character in the statement */
	start: number;
}

export type Tokens = { ok: true; tokens: Token[] } | { ok: false; reason: string };

/** Statements that only read, as their first word. */
const READ_START = new Set(['SELECT', 'WITH', 'FROM', 'VALUES', 'TABLE', 'SHOW', 'DESCRIBE', 'SUMMARIZE', 'EXPLAIN', 'PIVOT', 'UNPIVOT']);

/** What may follow WITH's common table expressions, or open a CTE's body or a subquery. */
const QUERY_START = new Set(['SELECT', 'WITH', 'FROM', 'VALUES', 'TABLE', 'PIVOT', 'UNPIVOT']);

/**
 * Words that only ever belong to statements that write or change the session. Unquoted, they
 * are refused wherever they stand; as a column name they must be double-quoted ("update").
 */
const WRITE_WORDS = new Set([
	'INSERT',
	'UPDATE',
	'DELETE',
	'DROP',
	'CREATE',
	'ALTER',
	'ATTACH',
	'DETACH',
	'COPY',
	'INSTALL',
	'LOAD',
	'SET',
	'RESET',
	'PRAGMA',
	'CALL',
	'EXPORT',
	'IMPORT',
	'CHECKPOINT',
	'FORCE',
	'VACUUM',
	'BEGIN',
	'COMMIT',
	'ROLLBACK',
	'ABORT',
	'TRUNCATE',
	'GRANT',
	'REVOKE',
	'USE',
	'PREPARE',
	'EXECUTE',
	'DEALLOCATE',
	'MERGE',
	'UPSERT',
	'RETURNING'
]);

/** Words that write only with the word after them (REPLACE is also a function and a star modifier). */
const WRITE_PAIRS: Record<string, string> = { REPLACE: 'INTO', COMMENT: 'ON', START: 'TRANSACTION' };

/** Table functions and functions that read files or URLs, or run SQL given as text. */
const READERS = new Set([
	'read_csv',
	'read_csv_auto',
	'read_parquet',
	'parquet_scan',
	'read_json',
	'read_json_auto',
	'read_json_objects',
	'read_json_objects_auto',
	'read_ndjson',
	'read_ndjson_auto',
	'read_ndjson_objects',
	'read_text',
	'read_blob',
	'glob',
	'sniff_csv',
	'parquet_metadata',
	'parquet_schema',
	'parquet_file_metadata',
	'parquet_kv_metadata',
	'read_xlsx',
	'st_read',
	'sqlite_scan',
	'sqlite_attach',
	'postgres_scan',
	'postgres_attach',
	'mysql_scan',
	'iceberg_scan',
	'delta_scan',
	'query_table',
	'query',
	'checkpoint',
	'force_checkpoint',
	'read_csv_buffer',
	'arrow_scan',
	'read_ipc',
	'load_aws_credentials'
]);

/** A name that looks like a file or an address: a path, a scheme, a glob or a data file's extension. */
const FILE_LIKE = /[/\\:*?]|\.(csv|tsv|txt|parquet|json|jsonl|ndjson|arrow|ipc|feather|xlsx|db|duckdb|sqlite|gz|zst)$/i;

const isIdentStart = (ch: string) => /[A-Za-z_]/.test(ch) || ch.charCodeAt(0) >= 0x80;
const isIdentPart = (ch: string) => /[A-Za-z0-9_$]/.test(ch) || ch.charCodeAt(0) >= 0x80;
const DOLLAR_TAG = /^\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/;

/** "line 2, column 7" of an offset, for messages. */
export function where(sql: string, offset: number): string {
	const before = sql.slice(0, offset);
	const line = before.split('\n').length;
	const column = offset - (before.lastIndexOf('\n') + 1) + 1;
	return `line ${line}, column ${column}`;
}

/** DuckDB's (PostgreSQL's) lexical rules, as far as the guard needs them. */
export function tokenize(sql: string): Tokens {
	const tokens: Token[] = [];
	const n = sql.length;
	let i = 0;
	const unterminated = (what: string, at: number, close: string): Tokens => ({
		ok: false,
		reason: `The statement has ${what} that is never closed (opened at ${where(sql, at)}): add its closing ${close}, or remove it.`
	});
	while (i < n) {
		const ch = sql[i];
		const next = sql[i + 1] ?? '';
		if (/\s/.test(ch)) {
			i++;
		} else if (ch === '-' && next === '-') {
			while (i < n && sql[i] !== '\n' && sql[i] !== '\r') i++;
		} else if (ch === '/' && next === '*') {
			// DuckDB nests block comments: /* /* */ still open */
			const at = i;
			let depth = 1;
			i += 2;
			while (i < n && depth > 0) {
				if (sql[i] === '/' && sql[i + 1] === '*') {
					depth++;
					i += 2;
				} else if (sql[i] === '*' && sql[i + 1] === '/') {
					depth--;
					i += 2;
				} else i++;
			}
			if (depth > 0) return unterminated('a /* comment', at, '*/');
		} else if (ch === "'") {
			const at = i;
			const end = quoted(sql, i, "'", false);
			if (end < 0) return unterminated('a quoted string', at, "'");
			tokens.push({ kind: 'string', value: sql.slice(at + 1, end - 1).replace(/''/g, "'"), start: at });
			i = end;
		} else if (ch === '"') {
			const at = i;
			const end = quoted(sql, i, '"', false);
			if (end < 0) return unterminated('a quoted name', at, '"');
			tokens.push({ kind: 'ident', value: sql.slice(at + 1, end - 1).replace(/""/g, '"'), start: at });
			i = end;
		} else if (ch === '$') {
			const tag = DOLLAR_TAG.exec(sql.slice(i, i + 256))?.[0];
			if (tag) {
				const close = sql.indexOf(tag, i + tag.length);
				if (close < 0) return unterminated(`a dollar-quoted string (${tag})`, i, tag);
				tokens.push({ kind: 'string', value: sql.slice(i + tag.length, close), start: i });
				i = close + tag.length;
			} else {
				// a parameter: $1, $name
				const at = i++;
				while (i < n && /[A-Za-z0-9_]/.test(sql[i])) i++;
				tokens.push({ kind: 'param', value: sql.slice(at, i), start: at });
			}
		} else if (isIdentStart(ch)) {
			const at = i;
			while (i < n && isIdentPart(sql[i])) i++;
			const word = sql.slice(at, i);
			if (sql[i] === "'" && /^[eE]$/.test(word)) {
				// E'…': backslash escapes, so \' does not close it
				const end = quoted(sql, i, "'", true);
				if (end < 0) return unterminated('an E-string', at, "'");
				tokens.push({ kind: 'string', value: sql.slice(i + 1, end - 1), start: at });
				i = end;
			} else tokens.push({ kind: 'word', value: word.toUpperCase(), start: at });
		} else if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(next))) {
			const m = /^(?:0[xX][0-9A-Fa-f_]+|(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)(?:[eE][+-]?[0-9]+)?)/.exec(sql.slice(i))!;
			tokens.push({ kind: 'number', value: m[0], start: i });
			i += m[0].length;
		} else if (ch === ';') tokens.push({ kind: 'semi', value: ';', start: i++ });
		else if (ch === '(' || ch === '[') tokens.push({ kind: 'open', value: ch, start: i++ });
		else if (ch === ')' || ch === ']') tokens.push({ kind: 'close', value: ch, start: i++ });
		else if (ch === ',') tokens.push({ kind: 'comma', value: ',', start: i++ });
		else {
			// an operator: stops where a comment starts, as in PostgreSQL's scanner
			const at = i++;
			while (i < n && /[~!@#%^&|`?+\-*/<>=:.]/.test(sql[i]) && !/^(--|\/\*)/.test(sql.slice(i, i + 2))) i++;
			tokens.push({ kind: 'op', value: sql.slice(at, i), start: at });
		}
	}
	return { ok: true, tokens };
}

/** End (exclusive) of a quoted run opening at `i`, doubled quotes inside; -1 when never closed. */
function quoted(sql: string, i: number, q: string, backslash: boolean): number {
	let j = i + 1;
	while (j < sql.length) {
		if (backslash && sql[j] === '\\') j += 2;
		else if (sql[j] === q && sql[j + 1] === q) j += 2;
		else if (sql[j] === q) return j + 1;
		else j++;
	}
	return -1;
}

const READ_LIST = 'SELECT, WITH … SELECT, FROM, VALUES, TABLE, SHOW, DESCRIBE, SUMMARIZE, EXPLAIN';

function refuse(reason: string): GuardResult {
	return { ok: false, reason };
}

/** Index after the bracket group opening at `i` (tokens[i] is an open bracket); -1 if unbalanced. */
function closeOf(tokens: Token[], i: number): number {
	let depth = 0;
	for (let j = i; j < tokens.length; j++) {
		if (tokens[j].kind === 'open') depth++;
		else if (tokens[j].kind === 'close' && --depth === 0) return j + 1;
	}
	return -1;
}

const isWord = (t: Token | undefined, ...words: string[]) => t?.kind === 'word' && words.includes(t.value);

/**
 * The statement's structure: what it starts with, what each CTE and WITH's main statement
 * start with, what EXPLAIN, DESCRIBE and SUMMARIZE are given. `context` names the part in
 * messages ("the statement after WITH"). Returns a refusal, or null.
 */
function checkShape(sql: string, tokens: Token[], from: number, to: number, context: string): string | null {
	let i = from;
	while (i < to && tokens[i].kind === 'open') i++; // (SELECT …) UNION (SELECT …)
	const first = tokens[i];
	if (!first || i >= to) return `There is nothing to run in ${context}, so it is refused.`;
	const what = first.kind === 'word' ? first.value : sql.slice(first.start, first.start + 20);
	const at = where(sql, first.start);
	if (first.kind !== 'word' || !READ_START.has(first.value)) {
		const write = first.kind === 'word' && (WRITE_WORDS.has(first.value) || first.value in WRITE_PAIRS);
		return write
			? `The console is read-only: ${context} is a ${what} (${at}), which is refused. Nothing was changed.`
			: `Only reading statements run here (${READ_LIST}); ${context} starts with "${what}" (${at}), which is refused.`;
	}
	if (context !== 'the statement' && !QUERY_START.has(first.value) && first.value !== 'EXPLAIN') {
		return `Only a query (SELECT, FROM, VALUES) can stand in ${context}; it starts with ${first.value} (${at}), which is refused.`;
	}
	if (first.value === 'EXPLAIN') {
		let j = i + 1;
		if (isWord(tokens[j], 'ANALYZE', 'ANALYSE')) j++;
		// EXPLAIN (FORMAT json) SELECT …: an option list, unless the bracket opens the query itself
		if (tokens[j]?.kind === 'open' && !(tokens[j + 1]?.kind === 'word' && QUERY_START.has(tokens[j + 1].value))) {
			const after = closeOf(tokens, j);
			if (after < 0 || after > to) return `EXPLAIN's options are not closed (${where(sql, tokens[j].start)}), so the statement is refused.`;
			j = after;
		}
		return checkShape(sql, tokens, j, to, 'the statement EXPLAIN explains');
	}
	if (first.value === 'DESCRIBE' || first.value === 'SUMMARIZE') {
		const j = i + 1;
		const t = tokens[j];
		if (j < to && t.kind === 'word' && (READ_START.has(t.value) || WRITE_WORDS.has(t.value) || t.value in WRITE_PAIRS))
			return checkShape(sql, tokens, j, to, `the statement ${first.value} is given`);
	}
	if (first.value === 'WITH') {
		let j = i + 1;
		if (isWord(tokens[j], 'RECURSIVE')) j++;
		for (;;) {
			// name [(columns)] [USING KEY (…)] AS [NOT] [MATERIALIZED] ( body )
			const name = tokens[j];
			while (j < to && !isWord(tokens[j], 'AS')) {
				if (tokens[j].kind === 'open') {
					const after = closeOf(tokens, j);
					if (after < 0 || after > to) return `A bracket is not closed (${where(sql, tokens[j].start)}), so the statement is refused.`;
					j = after;
				} else j++;
			}
			j++; // AS
			if (isWord(tokens[j], 'NOT')) j++;
			if (isWord(tokens[j], 'MATERIALIZED')) j++;
			if (j >= to || tokens[j].kind !== 'open')
				return `WITH … AS must be followed by a query in brackets (${where(sql, (j < to ? tokens[j] : (name ?? first)).start)}), so the statement is refused.`;
			const after = closeOf(tokens, j);
			if (after < 0 || after > to) return `A bracket is not closed (${where(sql, tokens[j].start)}), so the statement is refused.`;
			const cte =
				name?.kind === 'ident' ? `"${name.value}"` : name?.kind === 'word' ? name.value.toLowerCase() : 'a common table expression';
			const problem = checkShape(sql, tokens, j + 1, after - 1, `the body of ${cte}`);
			if (problem) return problem;
			j = after;
			if (j < to && tokens[j].kind === 'comma') j++;
			else break;
		}
		return checkShape(sql, tokens, j, to, 'the statement after WITH');
	}
	return null;
}

/** Clause words that end a FROM clause at their bracket depth. */
const AFTER_FROM = new Set([
	'WHERE',
	'GROUP',
	'HAVING',
	'QUALIFY',
	'WINDOW',
	'ORDER',
	'LIMIT',
	'OFFSET',
	'UNION',
	'EXCEPT',
	'INTERSECT',
	'ON',
	'USING',
	'SELECT',
	'RETURNING',
	'PIVOT',
	'UNPIVOT'
]);

/** Every token that is not allowed wherever it stands. Returns a refusal, or null. */
function checkTokens(sql: string, tokens: Token[]): string | null {
	// whether each bracket depth is inside a FROM clause, where a comma is followed by a table
	const inFrom: boolean[] = [false];
	// names the statement gives itself (WITH "a/b" AS …, … AS "x.csv"): a table of that name is no file
	const named = new Set(
		tokens.filter((t, k) => t.kind === 'ident' && (isWord(tokens[k + 1], 'AS') || isWord(tokens[k - 1], 'AS'))).map((t) => t.value)
	);
	for (let k = 0; k < tokens.length; k++) {
		const t = tokens[k];
		const next = tokens[k + 1];
		const prev = tokens[k - 1];
		const depth = inFrom.length - 1;
		if (t.kind === 'word' && (WRITE_WORDS.has(t.value) || (t.value in WRITE_PAIRS && isWord(next, WRITE_PAIRS[t.value])))) {
			const words = t.value in WRITE_PAIRS ? `${t.value} ${WRITE_PAIRS[t.value]}` : t.value;
			return `The console is read-only: ${words} (${where(sql, t.start)}) is refused. Nothing was changed. If it is a column's name, put it in double quotes: "${t.value.toLowerCase()}".`;
		}
		if ((t.kind === 'word' || t.kind === 'ident') && next?.kind === 'open' && next.value === '(' && READERS.has(t.value.toLowerCase())) {
			return `Reading files or URLs, or running SQL given as text, is refused (${t.value.toLowerCase()} at ${where(sql, t.start)}). Query the loaded tables instead.`;
		}
		// a file or URL named where a table goes: FROM 'x.csv', JOIN 'https://…', FROM t, "/etc/x.csv", DESCRIBE 'x.parquet'
		const tablePlace = isWord(prev, 'FROM', 'JOIN', 'DESCRIBE', 'SUMMARIZE', 'TABLE') || (prev?.kind === 'comma' && inFrom[depth]);
		if (tablePlace && (t.kind === 'string' || (t.kind === 'ident' && FILE_LIKE.test(t.value) && !named.has(t.value)))) {
			return `Reading a file or URL by name is refused (${where(sql, t.start)}). Query the loaded tables instead.`;
		}
		if (t.kind === 'open') inFrom.push(false);
		else if (t.kind === 'close' && inFrom.length > 1) inFrom.pop();
		else if (isWord(t, 'FROM', 'JOIN')) inFrom[depth] = true;
		else if (t.kind === 'word' && AFTER_FROM.has(t.value)) inFrom[depth] = false;
	}
	return null;
}

export function checkReadOnly(input: string): GuardResult {
	const sql = input.trim();
	if (!sql) return refuse('Type a query first.');
	const lexed = tokenize(sql);
	if (!lexed.ok) return refuse(lexed.reason);
	const { tokens } = lexed;
	if (!tokens.length) return refuse('There are only comments here: no statement to run, so it is refused.');
	// one statement; semicolons at the end are allowed
	const semi = tokens.findIndex((t) => t.kind === 'semi');
	if (semi >= 0 && tokens.slice(semi).some((t) => t.kind !== 'semi')) {
		const count = tokens.filter((t, k) => t.kind !== 'semi' && (k === 0 || tokens[k - 1].kind === 'semi')).length;
		return refuse(
			`One statement at a time: this is ${count} statements (the first ends with the semicolon at ${where(sql, tokens[semi].start)}). Run them one by one.`
		);
	}
	const body = semi >= 0 ? tokens.slice(0, semi) : tokens;
	if (!body.length) return refuse('There is no statement here, only a semicolon: nothing to run, so it is refused.');
	const problem = checkShape(sql, body, 0, body.length, 'the statement') ?? checkTokens(sql, body);
	return problem ? refuse(problem) : { ok: true, sql };
}

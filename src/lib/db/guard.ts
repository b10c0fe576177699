/**
 * The SQL console's read-only guard: one reading statement at a time, nothing that writes,
 * attaches, installs or loads extensions, sets configuration, or reads files or URLs. The
 * engine enforces the same independently (console statements run inside a transaction that
 * is always rolled back; file and URL access are disabled and configuration is locked), so
 * this check is for clear messages, not the only line of defence.
 */

export type GuardResult = { ok: true; sql: string } | { ok: false; reason: string };

const READ_START = new Set(['SELECT', 'WITH', 'FROM', 'VALUES', 'SHOW', 'DESCRIBE', 'SUMMARIZE', 'EXPLAIN', 'TABLE']);

const WRITE_WORDS = [
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
	'REPLACE INTO'
];

const READERS = [
	'read_csv',
	'read_csv_auto',
	'read_parquet',
	'parquet_scan',
	'read_json',
	'read_json_auto',
	'read_json_objects',
	'read_ndjson',
	'read_text',
	'read_blob',
	'glob',
	'sniff_csv',
	'parquet_metadata',
	'parquet_schema',
	'read_xlsx',
	'st_read',
	'sqlite_scan',
	'postgres_scan',
	'mysql_scan',
	'iceberg_scan',
	'delta_scan',
	'query_table',
	'query',
	'checkpoint',
	'force_checkpoint',
	'read_csv_buffer',
	'arrow_scan',
	'read_ipc'
];

/**
 * Code with comments removed and string contents blanked (so keywords inside strings do not
 * count). Handles '...' (with '' escapes), E'...' (backslash escapes), $$...$$ and $tag$...$tag$
 * strings. Double-quoted identifiers keep their text, unquoted, so "read_csv"(...) is seen.
 */
export function mask(sql: string): string {
	let out = '';
	for (let i = 0; i < sql.length; i++) {
		const ch = sql[i];
		if (ch === '-' && sql[i + 1] === '-') {
			while (i < sql.length && sql[i] !== '\n') i++;
			out += ' ';
		} else if (ch === '/' && sql[i + 1] === '*') {
			// DuckDB nests block comments: /* /* */ still open */
			let depth = 1;
			i += 2;
			while (i < sql.length && depth > 0) {
				if (sql[i] === '/' && sql[i + 1] === '*') {
					depth++;
					i += 2;
				} else if (sql[i] === '*' && sql[i + 1] === '/') {
					depth--;
					i += 2;
				} else i++;
			}
			i--;
			out += ' ';
		} else if (ch === '$' && /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.test(sql.slice(i))) {
			const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i))![0];
			const close = sql.indexOf(tag, i + tag.length);
			const stop = close < 0 ? sql.length : close + tag.length;
			out += "'" + '_'.repeat(Math.max(0, stop - i - 2)) + "'";
			i = stop - 1;
		} else if (ch === "'") {
			const escapes = /[eE]/.test(sql[i - 1] ?? '') && !/[A-Za-z0-9_]/.test(sql[i - 2] ?? '');
			out += "'";
			i++;
			while (i < sql.length) {
				if (escapes && sql[i] === '\\') {
					out += '__';
					i += 2;
				} else if (sql[i] === "'" && sql[i + 1] === "'") {
					out += '__';
					i += 2;
				} else if (sql[i] === "'") break;
				else {
					out += '_';
					i++;
				}
			}
			out += "'";
		} else if (ch === '"') {
			// an identifier: keep its text (so reader names and file-like names are seen), drop the quotes
			let ident = '';
			i++;
			while (i < sql.length && !(sql[i] === '"' && sql[i + 1] !== '"')) {
				if (sql[i] === '"') i++;
				ident += sql[i];
				i++;
			}
			out += ` ${ident.replace(/\s/g, '_')} `;
		} else out += ch;
	}
	return out;
}

export function checkReadOnly(input: string): GuardResult {
	const sql = input.trim();
	if (!sql) return { ok: false, reason: 'Type a query first.' };
	const masked = mask(sql);
	const statements = masked
		.split(';')
		.map((s) => s.trim())
		.filter(Boolean);
	if (statements.length > 1) return { ok: false, reason: 'One statement at a time: remove the semicolons between statements.' };
	const words: string[] = masked.toUpperCase().match(/[A-Z_][A-Z0-9_]*/g) ?? [];
	if (!words.length || !READ_START.has(words[0])) {
		return {
			ok: false,
			reason: `Only reading statements run here (SELECT, WITH, FROM, VALUES, SHOW, DESCRIBE, SUMMARIZE, EXPLAIN); "${words[0] ?? sql.slice(0, 20)}" is refused.`
		};
	}
	const upper = ` ${masked.toUpperCase().replace(/\s+/g, ' ')} `;
	for (const w of WRITE_WORDS) {
		if (new RegExp(`[^A-Z0-9_]${w.replace(' ', '\\s+')}[^A-Z0-9_]`).test(upper)) {
			return { ok: false, reason: `The console is read-only: ${w} is refused. Nothing was changed.` };
		}
	}
	const lower = masked.toLowerCase();
	for (const f of READERS) {
		if (new RegExp(`\\b${f}\\s*\\(`).test(lower))
			return { ok: false, reason: `Reading files or URLs is refused (${f}). Query the loaded tables instead.` };
	}
	// a file or URL named where a table goes: FROM 'x.csv', JOIN 'https://…', FROM "/etc/x.csv"
	if (
		/\b(from|join)\s+'/.test(lower) ||
		/'[a-z][a-z0-9+.-]*:\/\//.test(sql.toLowerCase()) ||
		/\b(from|join)\s+[^\s,()]*[/\\:][^\s,()]*/.test(lower) ||
		/\b(from|join)\s+[a-z0-9_]+\.(csv|tsv|parquet|json|ndjson|txt|arrow|xlsx|db|duckdb)\b/.test(lower)
	) {
		return { ok: false, reason: 'Reading a file or URL by name is refused. Query the loaded tables instead.' };
	}
	return { ok: true, sql };
}

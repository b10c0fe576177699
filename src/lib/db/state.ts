/**
 * The loaded state of the database = the shipped tables + every stored import that loads,
 * applied in order. Rebuilding from those two sources (Arrow bytes, and the import store) is how an
 * import is added, replaced or removed, so a failure can always fall back to the last good
 * state and nothing the user stored is ever the only copy in memory.
 */
import { TABLE_NAMES, TABLES, type Dataset, type TableName } from '../schema/tables';
import { WIDE_TABLE } from './types';

/** What both engines (browser worker, Node) offer for loading data. */
export interface LoadIO {
	run(sql: string): Promise<void>;
	insertArrow(table: string, bytes: Uint8Array): Promise<void>;
}

export interface ImportRows {
	id: string;
	rows: Dataset;
	/** inspection ids whose shipped rows this import replaces */
	replaces: string[];
}

const CHILD: TableName[] = [
	'standard_ratings',
	'key_questions',
	'prompts',
	'context_metrics',
	'caseload',
	'offences',
	'recommendations',
	'sqs_findings',
	'extraction_warnings'
];

const quoted = (ids: string[]) => ids.map((i) => `'${i.replace(/'/g, "''")}'`).join(', ');

export async function loadBase(io: LoadIO, base: Map<string, Uint8Array>) {
	for (const t of TABLE_NAMES) {
		const bytes = base.get(t);
		if (!bytes) throw new Error(`data/${t}.arrow was not loaded`);
		await io.run(`DROP TABLE IF EXISTS ${t}`);
		await io.insertArrow(t, bytes);
	}
}

/** Add one import's rows (after removing the inspections it replaces). */
export async function applyImport(io: LoadIO, imp: ImportRows) {
	// the Arrow writer (arquero) is only needed once there are imports: keep it out of the first load
	const { toArrowIPC } = await import('../dataset/arrow');
	const ids = [...new Set([...imp.replaces, ...imp.rows.inspections.map((r) => String(r.inspection_id))])];
	if (ids.length) {
		for (const t of [...CHILD, 'inspections'] as TableName[]) await io.run(`DELETE FROM ${t} WHERE inspection_id IN (${quoted(ids)})`);
	}
	for (const t of TABLE_NAMES) {
		const rows = imp.rows[t];
		if (!rows.length) continue;
		const tmp = `import_${t}`;
		await io.run(`DROP TABLE IF EXISTS ${tmp}`);
		await io.insertArrow(tmp, toArrowIPC(t, rows));
		const cols = TABLES[t].columns.map((c) => c.name).join(', ');
		if (t === 'authorities') {
			await io.run(
				`INSERT INTO authorities (${cols}) SELECT ${cols} FROM ${tmp} WHERE authority_id NOT IN (SELECT authority_id FROM authorities)`
			);
		} else {
			await io.run(`INSERT INTO ${t} (${cols}) SELECT ${cols} FROM ${tmp}`);
		}
		await io.run(`DROP TABLE ${tmp}`);
	}
}

/** An import the engine could not load, and why. */
export interface FailedImport {
	id: string;
	message: string;
}

/**
 * The shipped tables, then each import in order. An import whose rows the engine refuses is
 * left out and the state is built again without it (a failed import may have been half
 * applied), so it never takes the shipped data or the other imports with it. Returns the
 * imports left out; only a failure of the shipped tables themselves is thrown.
 */
export async function loadState(io: LoadIO, base: Map<string, Uint8Array>, imports: ImportRows[]): Promise<FailedImport[]> {
	const failed: FailedImport[] = [];
	let todo = imports;
	for (;;) {
		await loadBase(io, base);
		let broken = -1;
		for (let k = 0; k < todo.length && broken < 0; k++) {
			try {
				await applyImport(io, todo[k]);
			} catch (e) {
				failed.push({ id: todo[k].id, message: e instanceof Error ? e.message : String(e) });
				broken = k;
			}
		}
		if (broken < 0) break;
		todo = todo.filter((_, k) => k !== broken);
	}
	performance.mark('duckdb:tables');
	await deriveTables(io);
	return failed;
}

/**
 * Each inspection with its service's name, region and nation: the rows every view filters
 * (queries/filter-sql.ts). Joined once per load rather than in each of the dozen queries a
 * filter change runs. TEMP: private to the app's connection, so the console and the data room
 * see only the data model's tables. Rebuilt whenever the loaded state changes.
 */
export async function deriveTables(io: LoadIO) {
	await io.run(
		`CREATE OR REPLACE TEMP TABLE ${WIDE_TABLE} AS
		 SELECT i.*, a.name AS area, a.region, a.nation FROM inspections i JOIN authorities a USING (authority_id)`
	);
}

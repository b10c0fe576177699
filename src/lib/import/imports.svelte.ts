/**
 * The user's imports: stored in IndexedDB (the only lasting copy), loaded into DuckDB on
 * start, added and removed here. Every change goes to the engine first and to storage second,
 * and either failure puts the previous state back and says what happened.
 */
import { setImportSource, setImports } from '../db/browser';
import type { ImportRows } from '../db/state';
import { clearImports, deleteImport, listImports, putImports, type ImportRecord } from './store';

export type ImportMeta = Omit<ImportRecord, 'rows' | 'source'> & { inspections: string[] };

const rowsOf = (r: ImportRecord): ImportRows => ({ id: r.id, rows: r.rows, replaces: r.replaces });
const metaOf = (r: ImportRecord): ImportMeta => {
	const { rows, source: _source, ...meta } = r;
	void _source;
	return { ...meta, inspections: rows.inspections.map((i) => String(i.inspection_id)) };
};

class Imports {
	list = $state<ImportMeta[]>([]);
	error = $state('');
	ready = $state(false);

	/** Register the store as the engine's source of imports; call before the engine starts. */
	register() {
		setImportSource(async () => {
			const all = await listImports();
			this.list = all.map(metaOf);
			this.ready = true;
			return all.map(rowsOf);
		});
	}

	async refresh() {
		this.list = (await listImports()).map(metaOf);
	}

	/**
	 * Several imports in one step: one rebuild of the engine's state, one storage transaction.
	 * A failure of either leaves the engine and storage as they were.
	 */
	async addMany(records: ImportRecord[]) {
		if (!records.length) return;
		const current = await listImports();
		const before = current.map(rowsOf);
		await setImports([...before, ...records.map(rowsOf)], before);
		try {
			await putImports(records);
		} catch (e) {
			await setImports(before, before);
			throw new Error(
				`the import${records.length === 1 ? '' : 's'} could not be saved in this browser (${e instanceof Error ? e.message : String(e)}); ${records.length === 1 ? 'it has' : 'they have'} been undone and nothing was added`,
				{ cause: e }
			);
		}
		await this.refresh();
	}

	async remove(id: string) {
		const current = await listImports();
		await deleteImport(id);
		const next = current.filter((r) => r.id !== id);
		await setImports(next.map(rowsOf), current.map(rowsOf));
		await this.refresh();
	}

	async removeAll() {
		const current = await listImports();
		await clearImports();
		await setImports([], current.map(rowsOf));
		await this.refresh();
	}
}

export const imports = new Imports();

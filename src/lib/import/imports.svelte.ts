/**
 * The user's imports: stored in IndexedDB (the only lasting copy), loaded into DuckDB on
 * start, added and removed here. Every change goes to the engine first and to storage second,
 * and either failure puts the previous state back and says what happened. Each stored record is
 * checked on its own as it is read (record.ts): the good ones load, a damaged one is listed
 * apart (to export or remove) and never hides the others or the shipped data.
 */
import { setImportSource, setImports } from '../db/browser';
import { dbStatus } from '../db/status.svelte';
import type { FailedImport, ImportRows } from '../db/state';
import { unloadable, type DamagedImport } from './record';
import { clearImports, countImports, deleteImport, putImports, readImports, type ImportRecord } from './store';

export type ImportMeta = Omit<ImportRecord, 'rows' | 'source'> & { inspections: string[] };

const rowsOf = (r: ImportRecord): ImportRows => ({ id: r.id, rows: r.rows, replaces: r.replaces });
const metaOf = (r: ImportRecord): ImportMeta => {
	const { rows, source: _source, ...meta } = r;
	void _source;
	return { ...meta, inspections: rows.inspections.map((i) => String(i.inspection_id)) };
};

/** "broken.csv (added 2025-03-01 10:00)" */
export const damagedLabel = (d: DamagedImport) =>
	`${d.name ?? `an import with no readable name (${d.label})`}${d.createdAt ? ` (added ${d.createdAt.slice(0, 16).replace('T', ' ')})` : ''}`;

/** What every page says while stored imports are left out. */
function noticeOf(damaged: DamagedImport[]): string {
	if (!damaged.length) return '';
	const n = damaged.length;
	const names = damaged.slice(0, 3).map(damagedLabel).join('; ') + (n > 3 ? `; and ${n - 3} more` : '');
	return `${n === 1 ? 'One of your imported files is' : `${n} of your imported files are`} damaged or from another version of the dashboard, and left out: ${names}. Everything else is shown. The data room lists ${n === 1 ? 'it' : 'them'}, to export or remove.`;
}

class Imports {
	list = $state<ImportMeta[]>([]);
	/** stored records that do not load: damaged, from a newer version, or refused by the engine */
	damaged = $state.raw<DamagedImport[]>([]);
	ready = $state(false);
	/** records that passed the checks but that the engine refused this session, with why: not tried again until reload */
	#unloadable = new Map<string, string>();
	#notice = '';

	/** Register the store as the engine's source of imports; call before the engine starts. */
	register() {
		setImportSource(
			async () => {
				const good = await this.#read();
				this.ready = true;
				return good.map(rowsOf);
			},
			(failed) => void this.#failed(failed)
		);
	}

	/** Read and check the store; list what it holds. Returns the records to load. */
	async #read(): Promise<ImportRecord[]> {
		const { good, damaged } = await readImports();
		const loads = good.filter((r) => !this.#unloadable.has(r.id));
		this.list = loads.map(metaOf);
		this.damaged = [...damaged, ...good.filter((r) => this.#unloadable.has(r.id)).map((r) => unloadable(r, this.#unloadable.get(r.id)!))];
		this.#say();
		return loads;
	}

	#say() {
		const next = noticeOf(this.damaged);
		// the notice line is shared with the engine's own messages: only ours is replaced or cleared
		if (dbStatus.notice === this.#notice || !dbStatus.notice) dbStatus.notice = next;
		this.#notice = next;
	}

	async #failed(failed: FailedImport[]) {
		for (const f of failed) this.#unloadable.set(f.id, f.message);
		await this.#read();
	}

	/** How many records are stored, without reading them (the layout: whether the data is as shipped). */
	count(): Promise<number> {
		return countImports();
	}

	async refresh() {
		await this.#read();
	}

	/**
	 * Several imports in one step: one rebuild of the engine's state, one storage transaction.
	 * A failure of either leaves the engine and storage as they were.
	 */
	async addMany(records: ImportRecord[]) {
		if (!records.length) return;
		const current = await this.#read();
		const before = current.map(rowsOf);
		const failed = await setImports([...before, ...records.map(rowsOf)], before);
		const refused = failed.filter((f) => records.some((r) => r.id === f.id));
		if (refused.length) {
			await setImports(before, before);
			const names = refused.map((f) => `${records.find((r) => r.id === f.id)!.name} (${f.message})`).join('; ');
			throw new Error(`the data engine could not load ${names}; nothing was added`);
		}
		try {
			await putImports(records);
		} catch (e) {
			await setImports(before, before);
			throw new Error(
				`the import${records.length === 1 ? '' : 's'} could not be saved in this browser (${e instanceof Error ? e.message : String(e)}); ${records.length === 1 ? 'it has' : 'they have'} been undone and nothing was added`,
				{ cause: e }
			);
		}
		for (const f of failed) this.#unloadable.set(f.id, f.message);
		await this.#read();
	}

	async remove(id: string) {
		const current = await this.#read();
		await deleteImport(id);
		const next = current.filter((r) => r.id !== id);
		const failed = await setImports(next.map(rowsOf), current.map(rowsOf));
		for (const f of failed) this.#unloadable.set(f.id, f.message);
		await this.#read();
	}

	/** A record that is not loaded: removed from storage; the engine's state does not change. */
	async removeDamaged(d: DamagedImport) {
		await deleteImport(d.key);
		if (typeof d.key === 'string') this.#unloadable.delete(d.key);
		await this.#read();
	}

	async removeAll() {
		const current = await this.#read();
		await clearImports();
		this.#unloadable.clear();
		await setImports([], current.map(rowsOf));
		await this.#read();
	}
}

export const imports = new Imports();

/**
 * Imports kept in the browser (IndexedDB): the source file's text and the parsed rows, so
 * they survive reload and restart and load into DuckDB on start. One file is one record; the
 * records of one "add" (one file, or every ready file of a batch) are written in one
 * transaction: a reload or a failure mid-way leaves them all there or none. Reading checks each
 * record on its own (record.ts): a damaged one is listed apart and never hides the others.
 */
import { checkStored, type CheckedImports, type ImportRecord, type StoredEntry } from './record';

export type { ImportRecord } from './record';

const DB = 'yj-dashboard';
const STORE = 'imports';

function open(): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		if (typeof indexedDB === 'undefined') return reject(new Error('this browser has no IndexedDB storage'));
		const req = indexedDB.open(DB, 1);
		req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'id' });
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error ?? new Error('storage could not be opened'));
		req.onblocked = () => reject(new Error('storage is in use by another tab of this site'));
	});
}

function storageError(e: unknown): Error {
	if (e instanceof Error && e.name === 'QuotaExceededError') return new Error("this browser's storage for the site is full");
	return e instanceof Error ? e : new Error('storage transaction failed');
}

async function tx<T>(mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
	const db = await open();
	return new Promise<T | undefined>((resolve, reject) => {
		const t = db.transaction(STORE, mode);
		let req: IDBRequest<T> | void;
		try {
			req = work(t.objectStore(STORE));
		} catch (e) {
			// a put that throws (quota, an object that cannot be stored) undoes the whole transaction
			t.abort();
			db.close();
			reject(storageError(e));
			return;
		}
		t.oncomplete = () => {
			db.close();
			resolve(req ? req.result : undefined);
		};
		t.onabort = t.onerror = () => {
			db.close();
			reject(storageError(t.error ?? (req ? req.error : null)));
		};
	});
}

/** Every record with its key, as stored: nothing is interpreted here. */
async function storedEntries(): Promise<StoredEntry[]> {
	const db = await open();
	return new Promise<StoredEntry[]>((resolve, reject) => {
		const out: StoredEntry[] = [];
		const t = db.transaction(STORE, 'readonly');
		const req = t.objectStore(STORE).openCursor();
		req.onsuccess = () => {
			const cursor = req.result;
			if (!cursor) return;
			out.push({ key: cursor.primaryKey, value: cursor.value });
			cursor.continue();
		};
		t.oncomplete = () => {
			db.close();
			resolve(out);
		};
		t.onabort = t.onerror = () => {
			db.close();
			reject(storageError(t.error ?? req.error));
		};
	});
}

/** The stored imports, each checked on its own: those that load (oldest first) and the damaged ones. */
export async function readImports(): Promise<CheckedImports> {
	return checkStored(await storedEntries());
}

/**
 * How many records are stored, without reading them: whether the data differs from what the
 * site ships (then the build's precomputed views do not describe it: views/precomputed.ts).
 */
export const countImports = () => tx<number>('readonly', (s) => s.count()).then((n) => n ?? 0);

/**
 * Imports in one transaction: all stored, or none. Records must be plain objects (pass
 * $state.snapshot of reactive state): IndexedDB clones them.
 */
export const putImports = (records: ImportRecord[]) =>
	tx('readwrite', (s) => {
		for (const r of records) s.put(r);
	}).then(() => undefined);
/** Remove one record by its key (a damaged record's key need not be a string). */
export const deleteImport = (key: IDBValidKey) => tx('readwrite', (s) => s.delete(key)).then(() => undefined);
export const clearImports = () => tx('readwrite', (s) => s.clear()).then(() => undefined);

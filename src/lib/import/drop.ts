/**
 * Files from a drop: the files themselves, and the files inside a dropped folder where the
 * browser lets a page read it (the File and Directory Entries API, `webkitGetAsEntry`).
 * Where it does not, a folder arrives as a "file" that cannot be read, and the reading step
 * says to drop the files instead.
 */

/** The parts of FileSystemEntry this uses (typed here so tests can pass their own). */
export interface EntryLike {
	name: string;
	fullPath: string;
	isFile: boolean;
	isDirectory: boolean;
	file?(ok: (f: File) => void, fail: (e: unknown) => void): void;
	createReader?(): { readEntries(ok: (entries: EntryLike[]) => void, fail: (e: unknown) => void): void };
}

export type DropItem = { entry: EntryLike } | { file: File };

export interface DroppedFile {
	file: File;
	/** its name, with the folders it was in: "reports/2019/leeds.pdf" */
	name: string;
}

/**
 * What was dropped. Call it in the drop handler itself: the browser empties the DataTransfer
 * once the handler returns, while the entries it gives stay readable.
 */
export function dropItems(dt: DataTransfer): DropItem[] {
	const items = [...(dt.items ?? [])].filter((i) => i.kind === 'file');
	if (items.length && typeof items[0].webkitGetAsEntry === 'function') {
		const out: DropItem[] = [];
		for (const item of items) {
			const entry = item.webkitGetAsEntry() as EntryLike | null;
			const file = entry ? null : item.getAsFile();
			if (entry) out.push({ entry });
			else if (file) out.push({ file });
		}
		return out;
	}
	return [...(dt.files ?? [])].map((file) => ({ file }));
}

const fileOf = (e: EntryLike) => new Promise<File>((ok, fail) => e.file!(ok, fail));

async function entriesOf(dir: EntryLike): Promise<EntryLike[]> {
	const reader = dir.createReader!();
	const all: EntryLike[] = [];
	// readEntries gives a folder's entries a batch at a time (100 in Chromium), then an empty batch
	for (;;) {
		const batch = await new Promise<EntryLike[]>((ok, fail) => reader.readEntries(ok, fail));
		if (!batch.length) return all;
		all.push(...batch);
	}
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Every file, folders opened (in name order, files before the folders inside each), hidden
 * files (".DS_Store") left out. Problems name the folder or file that could not be read.
 */
export async function droppedFiles(items: DropItem[]): Promise<{ files: DroppedFile[]; problems: string[] }> {
	const files: DroppedFile[] = [];
	const problems: string[] = [];
	const path = (e: EntryLike) => e.fullPath.replace(/^\/+/, '') || e.name;

	async function walk(e: EntryLike, top: boolean): Promise<void> {
		if (!top && e.name.startsWith('.')) return;
		if (e.isFile && e.file) {
			try {
				files.push({ file: await fileOf(e), name: path(e) });
			} catch (err) {
				problems.push(`${path(e)}: the file could not be read (${message(err)})`);
			}
			return;
		}
		if (e.isDirectory && e.createReader) {
			let inside: EntryLike[];
			try {
				inside = await entriesOf(e);
			} catch (err) {
				problems.push(`${path(e)}: the folder could not be opened (${message(err)}); drop the files, not the folder`);
				return;
			}
			inside.sort((a, b) => Number(a.isDirectory) - Number(b.isDirectory) || a.name.localeCompare(b.name));
			if (!inside.some((x) => !x.name.startsWith('.'))) problems.push(`${path(e)}: the folder is empty`);
			for (const x of inside) await walk(x, false);
		}
	}

	for (const item of items) {
		if ('file' in item) files.push({ file: item.file, name: item.file.name });
		else await walk(item.entry, true);
	}
	return { files, problems };
}

/**
 * The data room's list of files being imported: reads them one at a time (yielding to the
 * page between files), keeps what each gave, and adds every ready one in one step. The
 * statuses and what is added come from the pure model in batch.ts.
 */
import { browserEngine } from '../db/browser';
import type { Engine } from '../db/types';
import { announce, planAdd, viewBatch, withMonth, type Assessed, type BatchRow, type Choice, type Regions } from './batch';
import type { DroppedFile } from './drop';
import { imports } from './imports.svelte';
import { browserReader, type ReportReader } from './off-thread';
import { assess, readImportFile, recheck } from './prepare';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
/** let the page paint and take input between files */
const yieldToPage = () => new Promise<void>((ok) => setTimeout(ok, 0));

const skipAll = (f: Assessed, before: Record<string, Choice> = {}): Record<string, Choice> =>
	f.type === 'refused' ? {} : Object.fromEntries(f.conflicts.map((c) => [c.inspection_id, before[c.inspection_id] ?? 'skip']));

export class ImportBatch {
	rows = $state.raw<BatchRow[]>([]);
	regions = $state<Regions>({});
	/** pages of the PDF being read, by row */
	pages = $state<Record<string, { done: number; total: number }>>({});
	views = $derived(viewBatch(this.rows, this.regions));
	reading = $state(false);
	adding = $state(false);
	/** what the live region says when a batch is read or stopped (said once; the tally below stays current) */
	announcement = $state('');
	/** said after the tally when reading was stopped */
	stopped = $state('');
	/** the list's statuses as they stand, once every file is read */
	tally = $derived(!this.reading && (this.rows.length || this.stopped) ? announce(this.views) : '');
	/** what adding did (shown, and focused) */
	message = $state('');
	failure = $state('');
	/** what could not be taken from a drop (a folder that could not be opened) */
	dropProblems = $state.raw<string[]>([]);

	#files = new Map<string, File>();
	/** bumped by stop/clear: a read still under way then drops its result */
	#run = 0;
	#seq = 0;
	/** reports are read in a worker, with a time limit; stop/clear end a read under way */
	#reader: ReportReader | null = null;
	#abort = new AbortController();

	#stopReading() {
		this.#run++;
		this.#abort.abort(new DOMException('Reading was stopped', 'AbortError'));
		this.#abort = new AbortController();
	}

	#patch(key: string, patch: Partial<BatchRow>) {
		this.rows = this.rows.map((r) => (r.key === key ? { ...r, ...patch } : r));
	}

	add(files: DroppedFile[]) {
		if (!files.length) return;
		this.message = '';
		this.failure = '';
		this.stopped = '';
		const added = files.map(({ file, name }): BatchRow => {
			const key = `f${++this.#seq}`;
			this.#files.set(key, file);
			return { key, name, size: file.size, stage: 'waiting', choices: {}, includePartial: false };
		});
		this.rows = [...this.rows, ...added];
		void this.#read();
	}

	async #read() {
		if (this.reading) return;
		this.reading = true;
		const run = this.#run;
		try {
			const db = await browserEngine();
			for (;;) {
				if (run !== this.#run) return;
				const row = this.rows.find((r) => r.stage === 'waiting');
				if (!row) break;
				this.#patch(row.key, { stage: 'reading' });
				const file = await this.#assess(db, row, run);
				if (run !== this.#run) return;
				delete this.pages[row.key];
				this.#patch(row.key, { stage: 'done', file, choices: skipAll(file) });
				await yieldToPage();
			}
			this.announcement = announce(this.views);
		} catch (e) {
			// stopped or cleared while a report was being read: not a failure
			if (run !== this.#run) return;
			this.failure = `The files could not be checked: ${message(e)}. Nothing was added.`;
		} finally {
			if (run === this.#run) this.reading = false;
		}
	}

	async #assess(db: Engine, row: BatchRow, run: number): Promise<Assessed> {
		const file = this.#files.get(row.key)!;
		this.#files.delete(row.key);
		let bytes: Uint8Array;
		try {
			bytes = new Uint8Array(await file.arrayBuffer());
		} catch (e) {
			const folder = file.type === '' && !/\.[a-z0-9]{1,5}$/i.test(file.name);
			return {
				type: 'refused',
				kind: null,
				problems: [
					{
						file: row.name,
						reason: folder
							? 'a folder this browser does not let the page open: drop the files, not the folder'
							: `the file could not be read (${message(e)})`
					}
				]
			};
		}
		const read = await readImportFile(row.name, bytes, {
			onPage: (done, total) => {
				if (run === this.#run) this.pages[row.key] = { done, total };
			}
		});
		this.#reader ??= browserReader();
		return assess(db, read, this.#reader, this.#abort.signal);
	}

	/** Stop reading: files already read stay in the list, the others leave it. */
	stop() {
		if (!this.reading) return;
		this.#stopReading();
		this.reading = false;
		const read = this.rows.filter((r) => r.stage === 'done');
		const dropped = this.rows.length - read.length;
		this.rows = read;
		this.#files.clear();
		this.pages = {};
		this.stopped = `Stopped: ${dropped} file${dropped === 1 ? '' : 's'} not read, taken off the list.`;
		this.announcement = `${this.stopped} ${announce(this.views)}`;
	}

	clear() {
		this.#stopReading();
		this.reading = false;
		this.rows = [];
		this.regions = {};
		this.pages = {};
		this.#files.clear();
		this.dropProblems = [];
		this.stopped = '';
		this.announcement = 'The list of files is empty.';
	}

	remove(key: string) {
		this.#files.delete(key);
		delete this.pages[key];
		this.rows = this.rows.filter((r) => r.key !== key);
	}

	setRegion(authorityId: string, region: string) {
		if (region) this.regions[authorityId] = region;
		else delete this.regions[authorityId];
	}

	setChoice(key: string, inspectionId: string, choice: Choice) {
		const row = this.rows.find((r) => r.key === key);
		if (row) this.#patch(key, { choices: { ...row.choices, [inspectionId]: choice } });
	}

	setPartial(key: string, include: boolean) {
		this.#patch(key, { includePartial: include });
	}

	/** A month for a report that states none: re-dated from what was read, then checked against the data again. */
	async setMonth(key: string, month: string) {
		const row = this.rows.find((r) => r.key === key);
		if (row?.file?.type !== 'report') return;
		if (month && !MONTH.test(month)) return;
		const dated = withMonth(row.file, month);
		this.#patch(key, { file: dated, choices: {} });
		const checked = await recheck(await browserEngine(), dated);
		const now = this.rows.find((r) => r.key === key);
		if (now?.file !== dated) return; // changed again meanwhile
		this.#patch(key, { file: checked, choices: skipAll(checked) });
	}

	/**
	 * After the data changed (an add, a removal): conflicts and known services again, for every
	 * file still listed; `without` leave the list in the same update, so no stale status shows.
	 */
	async recheckAll(without: string[] = []) {
		const db = await browserEngine();
		const fresh = new Map<string, { before: Assessed; after: Assessed }>();
		for (const row of this.rows) {
			if (without.includes(row.key) || row.stage !== 'done' || !row.file || row.file.type === 'refused') continue;
			fresh.set(row.key, { before: row.file, after: await recheck(db, row.file) });
		}
		this.rows = this.rows
			.filter((r) => !without.includes(r.key))
			.map((r) => {
				const f = fresh.get(r.key);
				// a file changed meanwhile (a month given) keeps its own, newer check
				return f && r.file === f.before ? { ...r, file: f.after, choices: skipAll(f.after, r.choices) } : r;
			});
	}

	/** Every ready file (and each partial one ticked) in one step. True when something was added. */
	async addAll(): Promise<boolean> {
		this.message = '';
		this.failure = '';
		const { records, keys } = planAdd(this.rows, $state.snapshot(this.regions), new Date());
		if (!records.length) return false;
		this.adding = true;
		try {
			await imports.addMany(records);
		} catch (e) {
			const what = records.length === 1 ? records[0].name : `The ${records.length} ready files`;
			this.failure = `${what} ${records.length === 1 ? 'was' : 'were'} not added: ${message(e)}. Your data is as it was, and the list is kept.`;
			this.adding = false;
			return false;
		}
		try {
			await this.recheckAll(keys);
		} catch {
			// the files are added all the same; the others keep the check they had
			this.rows = this.rows.filter((r) => !keys.includes(r.key));
		}
		const ids = records.flatMap((r) => r.rows.inspections.map((i) => String(i.inspection_id)));
		this.message =
			records.length === 1
				? `${records[0].name} added: ${records[0].summary}. It now appears in every view, marked as imported.`
				: `${records.length} files added: ${ids.length} inspections. They now appear in every view, marked as imported, and each is listed under "Your imports".`;
		// the message is focused, so read out; the list's summary no longer holds
		this.announcement = '';
		this.adding = false;
		return true;
	}
}

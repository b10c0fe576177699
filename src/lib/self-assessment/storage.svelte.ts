/**
 * The self-assessment kept in this browser (localStorage, versioned key). Reading never
 * throws: unreadable data is reported as a message, a copy of it is kept under a second key
 * before anything overwrites it, and the page carries on with what could be read.
 */
import { z } from 'zod';
import { Entry, KEY, normalise, withEntry, type Assessment } from './model';

export const STORAGE_KEY = 'yj-self-assessment-v1';
/** where unreadable saved data is copied before it is overwritten */
export const UNREADABLE_KEY = `${STORAGE_KEY}-unreadable`;

const Stored = z.object({ version: z.literal(1), saved: z.string().optional(), entries: z.record(z.string(), z.unknown()) });

export interface ReadResult {
	entries: Assessment;
	/** empty when everything saved was read */
	problem: string;
	/** the raw text could not be read at all (kept aside before it is overwritten) */
	unreadable: boolean;
}

type Store = Pick<Storage, 'getItem' | 'setItem'>;

export function readStored(storage: Store): ReadResult {
	let raw: string | null;
	try {
		raw = storage.getItem(STORAGE_KEY);
	} catch (e) {
		return {
			entries: {},
			problem: `This browser does not allow the page to read saved data (${message(e)}). You can still assess and export, but nothing will be kept after a reload.`,
			unreadable: false
		};
	}
	if (raw === null) return { entries: {}, problem: '', unreadable: false };
	let json: unknown;
	try {
		json = JSON.parse(raw);
	} catch {
		return {
			entries: {},
			problem:
				'The self-assessment saved in this browser could not be read (it is not valid JSON), so you are starting afresh. A copy of the unreadable data is kept in this browser.',
			unreadable: true
		};
	}
	const top = Stored.safeParse(json);
	if (!top.success) {
		return {
			entries: {},
			problem:
				'The self-assessment saved in this browser is not in a form this page understands, so you are starting afresh. A copy of the unreadable data is kept in this browser.',
			unreadable: true
		};
	}
	const entries: Assessment = {};
	let dropped = 0;
	for (const [key, value] of Object.entries(top.data.entries)) {
		const e = Entry.safeParse(value);
		if (KEY.test(key) && e.success) entries[key] = e.data;
		else dropped++;
	}
	return {
		entries: normalise(entries),
		problem: dropped
			? `${dropped} saved line${dropped === 1 ? ' was' : 's were'} not readable and ${dropped === 1 ? 'has' : 'have'} been left out; the rest of your self-assessment is loaded.`
			: '',
		unreadable: false
	};
}

export function writeStored(storage: Store, entries: Assessment, now = new Date()): void {
	storage.setItem(STORAGE_KEY, JSON.stringify({ version: 1, saved: now.toISOString(), entries: normalise(entries) }));
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The assessment as page state, saved on every change. Construct in the browser, call load() on mount. */
export class SelfAssessmentStore {
	entries = $state<Assessment>({});
	loaded = $state(false);
	/** a problem reading what was saved (shown, never thrown) */
	loadProblem = $state('');
	/** a problem saving (storage full or disabled) */
	saveProblem = $state('');
	savedAt = $state('');
	#unreadable = false;
	#storage: () => Store | undefined;

	constructor(storage: () => Store | undefined = () => (typeof localStorage === 'undefined' ? undefined : localStorage)) {
		this.#storage = storage;
	}

	load() {
		const s = this.#storage();
		if (!s) return;
		const r = readStored(s);
		this.entries = r.entries;
		this.loadProblem = r.problem;
		this.#unreadable = r.unreadable;
		this.loaded = true;
	}

	set(key: string, patch: Parameters<typeof withEntry>[2]) {
		this.entries = withEntry(this.entries, key, patch);
		this.#save();
	}

	/** Replace everything (an import that passed validation). */
	replace(entries: Assessment) {
		this.entries = normalise(entries);
		this.#save();
	}

	#save() {
		const s = this.#storage();
		if (!s) return;
		try {
			if (this.#unreadable) {
				// keep what could not be read, once, before overwriting it
				const raw = s.getItem(STORAGE_KEY);
				if (raw !== null) s.setItem(UNREADABLE_KEY, raw);
				this.#unreadable = false;
			}
			writeStored(s, $state.snapshot(this.entries));
			this.saveProblem = '';
			this.savedAt = new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
		} catch (e) {
			this.saveProblem = `Your changes could not be saved in this browser (${message(e)}). Export the CSV to keep them.`;
		}
	}
}

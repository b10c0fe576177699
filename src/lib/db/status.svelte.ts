/**
 * What the page shows about the engine: a small status line, and <html data-db> for tests:
 * "idle" (not started: nothing on the page has needed it yet, views/precomputed.ts), "loading",
 * "ready", "error".
 */
type State = 'idle' | 'loading' | 'ready' | 'error';

class DbStatus {
	state = $state<State>('idle');
	stage = $state<'engine' | 'data' | ''>('');
	engineLoaded = $state(0);
	engineTotal = $state(0);
	dataLoaded = $state(0);
	error = $state('');
	readyAt = $state(0);
	/** bumped whenever the loaded data changes (imports), so views recompute */
	dataVersion = $state(0);
	/**
	 * whether the user has imports stored in this browser (they change the data, so the build's
	 * precomputed views do not describe it); null until storage has been looked at
	 */
	imports = $state<boolean | null>(null);
	/** what the engine was started for, in words ("to combine filters"); '' when started unasked */
	wantedFor = $state('');
	/** something the user should know that did not stop the engine (e.g. imports not loaded) */
	notice = $state('');
	/** data loaded from another address than the site's own data/ */
	external = $state<{ base: string; synthetic: boolean; scale: number | null; built: string | null } | null>(null);

	private mark(state: State) {
		this.state = state;
		if (typeof document !== 'undefined') document.documentElement.dataset.db = state;
	}
	/** the page is up and the engine not started (<html data-db="idle">) */
	idle() {
		if (this.state === 'idle') this.mark('idle');
	}
	begin() {
		this.mark('loading');
	}
	phase(stage: 'engine' | 'data') {
		this.stage = stage;
	}
	progress(loaded: number, total: number) {
		this.engineLoaded = loaded;
		this.engineTotal = total;
	}
	dataBytes(n: number) {
		this.dataLoaded += n;
	}
	ready() {
		this.readyAt = performance.now();
		this.mark('ready');
	}
	fail(message: string) {
		this.error = message;
		this.mark('error');
	}
}

export const dbStatus = new DbStatus();

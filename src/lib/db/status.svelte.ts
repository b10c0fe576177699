/**
 * What the page shows about the engine: a small status line, and <html data-db> for tests
 * ("loading", "ready", "error").
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
	/** something the user should know that did not stop the engine (e.g. imports not loaded) */
	notice = $state('');
	/** data loaded from another address than the site's own data/ */
	external = $state<{ base: string; synthetic: boolean; scale: number | null; built: string | null } | null>(null);

	private mark(state: State) {
		this.state = state;
		if (typeof document !== 'undefined') document.documentElement.dataset.db = state;
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

/**
 * A chart capped to the most recent inspections (views/recent.ts), drawn whole on request:
 * for the results on screen only, so a filter change goes back to the most recent. Runes
 * class; construct it during component initialisation.
 */
export class WholeChart<V> {
	private whole = $state.raw<{ of: V; svg: string } | null>(null);
	drawing = $state(false);
	/** why the whole chart could not be drawn for a result (e.g. its code failed to download) */
	private failure = $state.raw<{ of: V; message: string } | null>(null);

	/** `draw`: the whole chart for a result (import the chart code on demand inside it) */
	constructor(private readonly draw: (of: V) => Promise<string>) {}

	/** The whole chart, when the reader asked for it for `of`. */
	svgFor(of: V): string | null {
		return this.whole !== null && this.whole.of === of ? this.whole.svg : null;
	}

	/** Why the whole chart could not be drawn for `of`, or ''. */
	failedFor(of: V): string {
		return this.failure !== null && this.failure.of === of ? this.failure.message : '';
	}

	async show(of: V) {
		this.drawing = true;
		this.failure = null;
		try {
			this.whole = { of, svg: await this.draw(of) };
		} catch (e) {
			this.failure = { of, message: e instanceof Error ? e.message : String(e) };
		} finally {
			this.drawing = false;
		}
	}

	hide() {
		this.whole = null;
	}
}

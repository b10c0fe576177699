/** The report reader off the page's thread: answers, time limit, stop, a crashed worker. */
import { describe, expect, it } from 'vitest';
import { readReport } from '../../src/lib/import/report';
import { workerReader, type WorkerLike } from '../../src/lib/import/off-thread';

/** A stand-in Worker: answers like extract.worker.ts, or never (hang), or crashes. */
class FakeWorker implements WorkerLike {
	static made: FakeWorker[] = [];
	onmessage: ((e: MessageEvent) => void) | null = null;
	onerror: ((e: ErrorEvent) => void) | null = null;
	terminated = false;
	constructor(private mode: 'answer' | 'hang' | 'crash') {
		FakeWorker.made.push(this);
	}
	postMessage(m: unknown) {
		const { id, file, text } = m as { id: number; file: string; text: string };
		if (this.mode === 'hang') return;
		setTimeout(() => {
			if (this.terminated) return;
			if (this.mode === 'crash') this.onerror?.({ message: 'out of memory' } as ErrorEvent);
			else this.onmessage?.({ data: { id, result: readReport(file, text) } } as MessageEvent);
		}, 1);
	}
	terminate() {
		this.terminated = true;
	}
}

describe('workerReader', () => {
	it("gives the worker's answer, and keeps one worker for the next file", async () => {
		FakeWorker.made = [];
		const read = workerReader(() => new FakeWorker('answer'));
		const a = await read('notes.txt', 'Shopping list: eggs');
		expect(a).toEqual(readReport('notes.txt', 'Shopping list: eggs'));
		expect(a.ok).toBe(false);
		await read('other.txt', 'more');
		expect(FakeWorker.made).toHaveLength(1);
	});

	it('past the time limit the worker is ended and the file refused, saying so; the next file gets a new worker', async () => {
		FakeWorker.made = [];
		let mode: 'hang' | 'answer' = 'hang';
		const read = workerReader(() => new FakeWorker(mode), 20);
		const r = await read('slow.txt', 'x');
		expect(r).toEqual({
			ok: false,
			problems: [{ file: 'slow.txt', reason: expect.stringMatching(/took longer than 20 ms and was stopped/) }]
		});
		expect(FakeWorker.made[0].terminated).toBe(true);
		mode = 'answer';
		const next = await read('next.txt', 'Shopping list');
		expect(next.ok).toBe(false);
		expect(FakeWorker.made).toHaveLength(2);
	});

	it('a stop ends the worker and rejects with the reason given', async () => {
		FakeWorker.made = [];
		const read = workerReader(() => new FakeWorker('hang'), 60_000);
		const stop = new AbortController();
		const pending = read('big.txt', 'x', stop.signal);
		stop.abort(new DOMException('Reading was stopped', 'AbortError'));
		await expect(pending).rejects.toThrow('Reading was stopped');
		expect(FakeWorker.made[0].terminated).toBe(true);
		// already stopped: refused before a worker is asked
		await expect(read('again.txt', 'x', stop.signal)).rejects.toThrow('Reading was stopped');
		expect(FakeWorker.made).toHaveLength(1);
	});

	it('a worker that fails refuses the file with the reason, never hangs', async () => {
		const read = workerReader(() => new FakeWorker('crash'));
		expect(await read('r.txt', 'x')).toEqual({
			ok: false,
			problems: [{ file: 'r.txt', reason: 'the report could not be read (out of memory)' }]
		});
	});
});

/**
 * Reading a report where it cannot hold the page: in a worker (./extract.worker.ts), with a
 * time limit and a way to stop. Extraction is linear in its input and bounded (ingest/index.ts
 * INPUT_LIMITS), so the limit is a last line: a read that passes it is stopped by ending the
 * worker, and the file is refused saying so; the next file gets a fresh worker.
 */
import { readReport } from './report';

export type ReportRead = ReturnType<typeof readReport>;
/** file name and text -> the extraction or its problems; rejects with an AbortError when stopped */
export type ReportReader = (file: string, text: string, signal?: AbortSignal) => Promise<ReportRead>;

/** Far past what any report takes (well under 2 s at the input limits on a slow laptop). */
export const READ_TIME_LIMIT_MS = 30_000;

/** What the reader needs of a Worker (a stand-in in the unit tests). */
export interface WorkerLike {
	postMessage(message: unknown): void;
	terminate(): void;
	onmessage: ((e: MessageEvent) => void) | null;
	onerror: ((e: ErrorEvent) => void) | null;
}

const duration = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`);

/** The reader on the page's own thread: where no Worker exists (Node, the tests). */
export const inThread: ReportReader = async (file, text, signal) => {
	signal?.throwIfAborted();
	return readReport(file, text);
};

export function workerReader(makeWorker: () => WorkerLike, limitMs = READ_TIME_LIMIT_MS): ReportReader {
	let worker: WorkerLike | null = null;
	let seq = 0;
	const end = () => {
		worker?.terminate();
		worker = null;
	};
	return (file, text, signal) =>
		new Promise<ReportRead>((resolve, reject) => {
			if (signal?.aborted) return reject(signal.reason);
			const w = (worker ??= makeWorker());
			const id = ++seq;
			const done = () => {
				clearTimeout(timer);
				signal?.removeEventListener('abort', onAbort);
				w.onmessage = null;
				w.onerror = null;
			};
			const timer = setTimeout(() => {
				done();
				end();
				resolve({
					ok: false,
					problems: [
						{ file, reason: `reading it took longer than ${duration(limitMs)} and was stopped: it is not a report this dashboard can read` }
					]
				});
			}, limitMs);
			const onAbort = () => {
				done();
				end();
				reject(signal!.reason);
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			w.onmessage = (e: MessageEvent) => {
				const data = e.data as { id: number; result?: ReportRead; error?: string };
				if (data.id !== id) return;
				done();
				if (data.result) resolve(data.result);
				else resolve({ ok: false, problems: [{ file, reason: `the report could not be read (${data.error ?? 'unknown error'})` }] });
			};
			w.onerror = (e: ErrorEvent) => {
				done();
				end();
				resolve({ ok: false, problems: [{ file, reason: `the report could not be read (${e.message || 'the reader stopped'})` }] });
			};
			w.postMessage({ id, file, text });
		});
}

/** The browser's reader: a module worker from this site (CSP worker-src 'self'). */
export function browserReader(): ReportReader {
	if (typeof Worker === 'undefined') return inThread;
	return workerReader(() => new Worker(new URL('./extract.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike);
}

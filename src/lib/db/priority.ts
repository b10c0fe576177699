/**
 * Two priorities over one engine whose worker runs one query at a time. The reader's queries
 * go straight through; work nobody waits for (the views' idle-time prefetch) goes one query
 * at a time, and only while none of the reader's is in flight, so a reader waits behind one
 * background query at most, not behind a whole view's batch.
 */
import type { Param } from './types';

type Run = <T>(sql: string, params: readonly Param[]) => Promise<T[]>;

export function prioritised(run: Run): { foreground: Run; background: Run } {
	let inFlight = 0;
	const waiting: (() => void)[] = [];
	let chain: Promise<unknown> = Promise.resolve();
	return {
		async foreground<T>(sql: string, params: readonly Param[]): Promise<T[]> {
			inFlight++;
			try {
				return await run<T>(sql, params);
			} finally {
				if (--inFlight === 0) for (const go of waiting.splice(0)) go();
			}
		},
		background<T>(sql: string, params: readonly Param[]): Promise<T[]> {
			const next = chain.then(async () => {
				while (inFlight > 0) await new Promise<void>((go) => waiting.push(go));
				return run<T>(sql, params);
			});
			chain = next.catch(() => {});
			return next;
		}
	};
}

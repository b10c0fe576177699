import { describe, expect, it } from 'vitest';
import { prioritised } from '../../src/lib/db/priority';

/** A fake worker: records what starts, and each query ends when the test says so. */
function fakeWorker() {
	const log: string[] = [];
	const open = new Map<string, () => void>();
	const run = <T>(sql: string): Promise<T[]> => {
		log.push(`start ${sql}`);
		return new Promise<T[]>((resolve) =>
			open.set(sql, () => {
				log.push(`end ${sql}`);
				resolve([{ sql } as T]);
			})
		);
	};
	const finish = async (sql: string) => {
		open.get(sql)!();
		open.delete(sql);
		// let the promise chains move on
		for (let i = 0; i < 5; i++) await Promise.resolve();
	};
	return { log, run, finish, running: () => [...open.keys()] };
}

const tick = async () => {
	for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('query priorities', () => {
	it("background queries go one at a time, and only while none of the reader's is in flight", async () => {
		const w = fakeWorker();
		const lanes = prioritised(w.run);
		const r1 = lanes.foreground('reader 1', []);
		const b1 = lanes.background('ahead 1', []);
		const b2 = lanes.background('ahead 2', []);
		await tick();
		expect(w.running()).toEqual(['reader 1']);
		await w.finish('reader 1');
		expect(await r1).toEqual([{ sql: 'reader 1' }]);
		expect(w.running()).toEqual(['ahead 1']);
		// the reader comes back while a background query runs: theirs goes straight in,
		// the next background query waits for it
		const r2 = lanes.foreground('reader 2', []);
		await tick();
		expect(w.running()).toEqual(['ahead 1', 'reader 2']);
		await w.finish('ahead 1');
		expect(w.running()).toEqual(['reader 2']);
		await w.finish('reader 2');
		await r2;
		expect(w.running()).toEqual(['ahead 2']);
		await w.finish('ahead 2');
		expect(await b1).toEqual([{ sql: 'ahead 1' }]);
		expect(await b2).toEqual([{ sql: 'ahead 2' }]);
		expect(w.log).toEqual([
			'start reader 1',
			'end reader 1',
			'start ahead 1',
			'start reader 2',
			'end ahead 1',
			'end reader 2',
			'start ahead 2',
			'end ahead 2'
		]);
	});

	it('a failed query fails its caller only; the queues go on', async () => {
		const lanes = prioritised(async <T>(sql: string): Promise<T[]> => {
			if (sql.startsWith('bad')) throw new Error(`${sql} failed`);
			return [sql as T];
		});
		await expect(lanes.foreground('bad reader', [])).rejects.toThrow('bad reader failed');
		await expect(lanes.background('bad ahead', [])).rejects.toThrow('bad ahead failed');
		expect(await lanes.background('ahead', [])).toEqual(['ahead']);
		expect(await lanes.foreground('reader', [])).toEqual(['reader']);
	});
});

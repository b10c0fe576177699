/**
 * Precomputed or engine (issue 15): which filters the build works out, their file names, the
 * choice between the page's own HTML, a build file and the engine, and when the engine may
 * start unasked. The files' contents are the view's build for that filter.
 */
import { describe, expect, it } from 'vitest';
import { nodeEngine } from '../../src/lib/db/node';
import { filterOptions } from '../../src/lib/queries/options';
import { serverDocument } from '../../src/lib/charts/server';
import { buildStandards } from '../../src/lib/views/standards';
import { buildTrends } from '../../src/lib/views/trends';
import {
	measuredMbps,
	planFor,
	precomputedFile,
	singleFilters,
	startEngineWhenIdle,
	type DataState
} from '../../src/lib/views/precomputed';
import { offeredFilters, precomputedView } from '../../src/lib/views/precomputed-build';

const choices = {
	regions: ['London', 'North West', 'Yorkshire and The Humber'],
	nations: ['England', 'Wales'],
	frameworks: ['yos-2018', 'yjs-2021'],
	years: [2019, 2020]
};
const offered = singleFilters(choices);
const shippedData: DataState = { imports: false, external: false, dataVersion: 0 };

describe('the single filters the build works out', () => {
	it('are each region, nation, framework, rating, source, and each year as either bound, one filter each', () => {
		expect(offered.every((f) => Object.keys(f).length === 1)).toBe(true);
		expect(offered).toContainEqual({ region: 'Yorkshire and The Humber' });
		expect(offered).toContainEqual({ nation: 'Wales' });
		expect(offered).toContainEqual({ framework: 'yjs-2021' });
		expect(offered).toContainEqual({ rating: 'Requires improvement' });
		expect(offered).toContainEqual({ source: 'report' });
		expect(offered).toContainEqual({ yearFrom: 2019 });
		expect(offered).toContainEqual({ yearTo: 2020 });
		// 3 regions + 2 nations + 2 frameworks + 4 ratings + 4 sources + 2 x 2 years
		expect(offered).toHaveLength(19);
	});

	it('have one file name each, readable, and none for no filter or for two', () => {
		expect(precomputedFile({ region: 'Yorkshire and The Humber' })).toBe('region-yorkshire-and-the-humber.json');
		expect(precomputedFile({ yearFrom: 2019 })).toBe('year-from-2019.json');
		expect(precomputedFile({ rating: 'Requires improvement' })).toBe('rating-requires-improvement.json');
		expect(precomputedFile({})).toBeNull();
		expect(precomputedFile({ region: 'London', rating: 'Good' })).toBeNull();
		expect(new Set(offered.map(precomputedFile)).size).toBe(offered.length);
	});
});

describe('precomputed or engine', () => {
	it('no filter on the shipped data: the page as prerendered', () => {
		expect(planFor({}, offered, shippedData)).toEqual({ kind: 'prerendered' });
	});
	it('one offered filter on the shipped data: its file', () => {
		expect(planFor({ region: 'London' }, offered, shippedData)).toEqual({ kind: 'precomputed', file: 'region-london.json' });
		expect(planFor({ yearTo: 2020 }, offered, shippedData)).toEqual({ kind: 'precomputed', file: 'year-to-2020.json' });
	});
	it('a combination, or a value the build did not offer: the engine', () => {
		expect(planFor({ region: 'London', rating: 'Good' }, offered, shippedData)).toEqual({ kind: 'engine' });
		expect(planFor({ yearFrom: 2019, yearTo: 2020 }, offered, shippedData)).toEqual({ kind: 'engine' });
		expect(planFor({ region: 'Atlantis' }, offered, shippedData)).toEqual({ kind: 'engine' });
		expect(planFor({ yearFrom: 2001 }, offered, shippedData)).toEqual({ kind: 'engine' });
		// a value that slugs like an offered one is still another value
		expect(planFor({ region: 'london' }, offered, shippedData)).toEqual({ kind: 'engine' });
	});
	it('imported data or another dataset: the engine, even with no filter or one', () => {
		for (const data of [
			{ ...shippedData, imports: true },
			{ ...shippedData, external: true },
			{ ...shippedData, dataVersion: 2 }
		]) {
			expect(planFor({ region: 'London' }, offered, data)).toEqual({ kind: 'engine' });
			expect(planFor({}, offered, data)).toEqual({ kind: 'engine' });
		}
	});
	it('while stored imports are being looked at, a file is not shown as the answer', () => {
		expect(planFor({ region: 'London' }, offered, { ...shippedData, imports: null })).toEqual({ kind: 'wait' });
		// a combination goes to the engine whatever storage holds
		expect(planFor({ region: 'London', nation: 'England' }, offered, { ...shippedData, imports: null })).toEqual({ kind: 'engine' });
	});
});

describe('starting the engine unasked', () => {
	it('where the browser says nothing, or on a fast link', () => {
		expect(startEngineWhenIdle(undefined)).toBe(true);
		expect(startEngineWhenIdle({ effectiveType: '4g' })).toBe(true);
		expect(startEngineWhenIdle({ effectiveType: '4g', type: 'ethernet' })).toBe(true);
	});
	it('never when the reader saves data, on cellular, or below 4g', () => {
		expect(startEngineWhenIdle({ saveData: true, effectiveType: '4g' })).toBe(false);
		expect(startEngineWhenIdle({ type: 'cellular', effectiveType: '4g' })).toBe(false);
		expect(startEngineWhenIdle({ effectiveType: '3g' })).toBe(false);
		expect(startEngineWhenIdle({ effectiveType: 'slow-2g' })).toBe(false);
	});
	it('never when the page itself arrived slower than 5 Mbps, whatever the browser says', () => {
		// 237 KB in 1.2 s: 1.6 Mbps
		const slow = measuredMbps({ transferSize: 237_000, responseStart: 100, responseEnd: 1300 });
		expect(slow).toBeCloseTo(1.58, 2);
		expect(startEngineWhenIdle({ effectiveType: '4g' }, slow)).toBe(false);
		const fast = measuredMbps({ transferSize: 237_000, responseStart: 100, responseEnd: 110 });
		expect(startEngineWhenIdle({ effectiveType: '4g' }, fast)).toBe(true);
		// too small, or from a cache (nothing transferred): not a measure
		expect(measuredMbps({ transferSize: 2_000, responseStart: 100, responseEnd: 2000 })).toBeNull();
		expect(measuredMbps({ transferSize: 0, responseStart: 100, responseEnd: 2000 })).toBeNull();
		expect(startEngineWhenIdle(undefined, null)).toBe(true);
	});
});

describe('the files the build writes', () => {
	it('offer every single filter of the shipped data, each under its own name', async () => {
		const db = await nodeEngine();
		const files = await offeredFilters(db);
		expect(files.size).toBe(singleFilters(await filterOptions(db)).length);
		expect(files.get('region-london.json')).toEqual({ region: 'London' });
	});

	it('hold the view as its build gives it for that filter, and not for another', async () => {
		const db = await nodeEngine();
		const london = await precomputedView('standards', 'region-london.json');
		expect(london.filters).toEqual({ region: 'London' });
		const built = await buildStandards(db, { region: 'London' }, serverDocument());
		expect(JSON.parse(JSON.stringify(london.view))).toEqual(JSON.parse(JSON.stringify(built)));
		const all = await buildStandards(db, {}, serverDocument());
		expect(JSON.stringify(london.view)).not.toBe(JSON.stringify(all));
		const trends = await precomputedView('trends', 'year-from-2021.json');
		expect(JSON.parse(JSON.stringify(trends.view))).toEqual(
			JSON.parse(JSON.stringify(await buildTrends(db, { yearFrom: 2021 }, serverDocument())))
		);
	});

	it('refuse a file name the build does not offer', async () => {
		await expect(precomputedView('standards', 'region-atlantis.json')).rejects.toThrow(/not one of the single filters/);
	});
});

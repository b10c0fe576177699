/**
 * The whole chart on request (views/whole.svelte.ts): drawn for one result only, and a
 * failure to draw it said, not lost.
 */
import { describe, expect, it } from 'vitest';
import { WholeChart } from '../../src/lib/views/whole.svelte';

describe('WholeChart', () => {
	it('is shown for the result it was drawn for, and not for the next one', async () => {
		const first = { id: 1 };
		const next = { id: 2 };
		const whole = new WholeChart<{ id: number }>(async (of) => `<svg data-of="${of.id}"></svg>`);
		expect(whole.svgFor(first)).toBeNull();
		const drawing = whole.show(first);
		expect(whole.drawing).toBe(true);
		await drawing;
		expect(whole.drawing).toBe(false);
		expect(whole.svgFor(first)).toBe('<svg data-of="1"></svg>');
		// a filter change gives a new result: back to the most recent
		expect(whole.svgFor(next)).toBeNull();
		whole.hide();
		expect(whole.svgFor(first)).toBeNull();
	});

	it('says why the chart could not be drawn, and keeps nothing half drawn', async () => {
		const of = { id: 1 };
		const whole = new WholeChart<{ id: number }>(async () => {
			throw new Error('the chart code did not download');
		});
		await whole.show(of);
		expect(whole.failedFor(of)).toBe('the chart code did not download');
		expect(whole.drawing).toBe(false);
		expect(whole.svgFor(of)).toBeNull();
		// the message belongs to that result: the next one (a filter change) starts clean
		expect(whole.failedFor({ id: 2 })).toBe('');
	});
});

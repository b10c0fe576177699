/**
 * Renders the shared reports as users bring them (scripts/lib/render-reports.ts) before the
 * project's tests run: Chromium prints each PDF once, and not at all when the cache in
 * test-results/renderings/ is current.
 */
import { renderReports } from '../../scripts/lib/render-reports';

export default async function setup() {
	const started = performance.now();
	const rendered = await renderReports();
	const s = ((performance.now() - started) / 1000).toFixed(1);
	process.stderr.write(`renderings: ${rendered.length} reports ready in test-results/renderings/ (${s} s)\n`);
}

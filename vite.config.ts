import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	build: {
		// never inline assets as data: URLs: the data files are fetched, and the CSP allows
		// connections to this site only
		assetsInlineLimit: 0
	},
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['test/unit/**/*.test.ts', 'src/**/*.test.ts'],
					environment: 'node',
					testTimeout: 60_000,
					hookTimeout: 120_000
				}
			},
			{
				// The rendering test bed: the shared reports as HTML pages, Chromium-printed PDFs and
				// what PDF readers make of them (scripts/lib/render-reports.ts), held to the golden
				// values. The setup prints the PDFs once (cached in test-results/renderings/), so the
				// unit project stays fast and Chromium-free.
				extends: true,
				test: {
					name: 'renderings',
					include: ['test/renderings/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['test/renderings/global-setup.ts'],
					testTimeout: 60_000,
					hookTimeout: 300_000
				}
			},
			{
				// Browser tests: build the site once, serve build/ statically, drive Debian's Chromium.
				extends: true,
				test: {
					name: 'e2e',
					include: ['test/e2e/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['test/e2e/global-setup.ts'],
					testTimeout: 90_000,
					hookTimeout: 300_000,
					// expect.poll waits 1 s by default: on a busy two-core machine a redraw or a
					// rebuild of the engine's state can take longer; every poll waits up to 20 s
					expect: { poll: { timeout: 20_000, interval: 100 } },
					fileParallelism: false
				}
			}
		]
	}
});

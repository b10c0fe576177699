/**
 * Build the site (unless YJ_SKIP_BUILD=1 and build/ exists) and serve build/ on a free port,
 * as any static host would. Tests get the address with inject('baseURL').
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { serveStatic } from '../../scripts/serve';
import { ROOT } from '../paths';

/** Where the data-location test serves a dataset from (another port: another origin). */
export const DATA_PORT = 4181;
export const DATA_ORIGIN = `http://127.0.0.1:${DATA_PORT}`;

export default async function setup(project: TestProject) {
	if (!(process.env.YJ_SKIP_BUILD === '1' && existsSync(`${ROOT}/build/index.html`))) {
		// the build allows one extra data origin: the second server of the data-location test
		execSync('npx vite build', {
			cwd: ROOT,
			stdio: ['ignore', 'ignore', 'inherit'],
			env: { ...process.env, YJ_DATA_ORIGINS: DATA_ORIGIN }
		});
	}
	const { server, url } = await serveStatic(`${ROOT}/build`);
	project.provide('baseURL', url);
	return () => new Promise<void>((ok) => server.close(() => ok()));
}

declare module 'vitest' {
	export interface ProvidedContext {
		baseURL: string;
	}
}

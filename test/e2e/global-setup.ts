/**
 * Build the site (unless YJ_SKIP_BUILD=1 and build/ exists) and serve build/ on a free port,
 * as any static host would. Tests get the address with inject('baseURL').
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { serveStatic } from '../../scripts/serve';
import { ROOT } from '../paths';

export default async function setup(project: TestProject) {
	if (!(process.env.YJ_SKIP_BUILD === '1' && existsSync(`${ROOT}/build/index.html`))) {
		execSync('npx vite build', { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
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

/** Where the shared inputs live: ../shared beside the project (CI puts it there too). */
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
export const SHARED = process.env.YJ_SHARED ?? `${ROOT}/../shared`;
export const REPORTS = `${SHARED}/reports`;
export const REFERENCE = `${SHARED}/reference`;

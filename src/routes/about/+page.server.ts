import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { METRICS } from '$lib/ingest/metrics';
import { TABLES, TABLE_NAMES } from '$lib/schema/tables';

interface Manifest {
	built: string;
	tool: { name: string; version: string };
	sources: { file: string; sha256: string; bytes: number }[];
	tables: Record<string, { rows: number; files: Record<string, { path: string; bytes: number; sha256: string }> }>;
}

export function load() {
	const root = process.cwd();
	const manifest: Manifest = JSON.parse(readFileSync(join(root, 'data', 'manifest.json'), 'utf8'));
	const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
	return {
		manifest,
		version: pkg.version as string,
		metrics: METRICS.map(({ metric, unit, description }) => ({ metric, unit, description })),
		tables: TABLE_NAMES.map((t) => ({
			name: t,
			description: TABLES[t].description,
			key: TABLES[t].key,
			rows: manifest.tables[t]?.rows ?? 0
		}))
	};
}

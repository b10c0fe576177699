/**
 * Where an area is: its nation and region. The reference rows of published-inspections.csv
 * state both; ../shared/reference/README.md names the regions of the report services; an area
 * named by neither is looked up in the project's own table of local authorities
 * (inputs/local-authority-regions.csv, sourced from ONS, see inputs/README.md). Nothing is
 * guessed: an area that none of them places is for the caller to report.
 */
import { z } from 'zod';
import { slug } from '../ingest/header';
import { nationOf, REGIONS } from '../import/regions';
import { optional, readCsvRows, type SourceProblem } from './from-reference';

export interface Place {
	nation: string;
	region: string;
	/** what placed it, for messages: "inputs/local-authority-regions.csv line 4" */
	from: string;
}

export const RegionLookupRow = z
	.object({
		local_authority: z.string().min(1),
		ons_code: z
			.string()
			.regex(/^(E06|E08|E09|E10|W06)\d{6}$/, 'expected the ONS code of an upper-tier authority (E06, E08, E09, E10 or W06, six digits)'),
		region: z.enum(REGIONS, { message: `expected one of ${REGIONS.join(', ')}` }),
		region_code: z.string().regex(/^(E1200000[1-9]|W92000004)$/, 'expected an ONS region code E12000001-E12000009, or W92000004 for Wales'),
		notes: optional(z.string())
	})
	.superRefine((r, ctx) => {
		// the code says what kind of authority it is: London boroughs are E09, Welsh ones W06
		if (r.ons_code.startsWith('E09') !== (r.region === 'London'))
			ctx.addIssue({
				code: 'custom',
				path: ['region'],
				message: `${r.ons_code} is ${r.ons_code.startsWith('E09') ? '' : 'not '}a London borough`
			});
		if (r.ons_code.startsWith('W') !== (r.region === 'Wales'))
			ctx.addIssue({ code: 'custom', path: ['region'], message: `${r.ons_code} is ${r.ons_code.startsWith('W') ? '' : 'not '}in Wales` });
	});

/** The lookup, keyed by slug of the authority's name ("St. Helens" and "St Helens" are one). */
export function readRegionLookup(file: string, text: string): { places: Map<string, Place>; problems: SourceProblem[] } {
	const { rows, problems } = readCsvRows(file, text, RegionLookupRow);
	const places = new Map<string, Place>();
	const codeOfRegion = new Map<string, { code: string; line: number }>();
	for (const { line, value: r } of rows) {
		const key = slug(r.local_authority);
		if (places.has(key)) {
			problems.push({ file, line, field: 'local_authority', message: `${r.local_authority} is already in ${places.get(key)!.from}` });
			continue;
		}
		const seen = codeOfRegion.get(r.region);
		if (seen && seen.code !== r.region_code)
			problems.push({ file, line, field: 'region_code', message: `${r.region} is ${seen.code} on line ${seen.line}` });
		else codeOfRegion.set(r.region, { code: r.region_code, line });
		places.set(key, { nation: nationOf(r.region), region: r.region, from: `${file} line ${line}` });
	}
	return { places, problems };
}

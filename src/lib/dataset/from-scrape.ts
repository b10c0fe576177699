/**
 * The data-to-insight scrape of HMIP youth inspection reports
 * (../shared/reference/scraped-overall-ratings.csv) added to the reference rows.
 *
 * One scraped inspection is the rows that share a `report_url` (its overall rating, its score,
 * or both). The reference README says its `area` is the `service_name` of the same inspection
 * in published-inspections.csv where there is one, else the local authority name. Matching:
 *
 *  1. Candidates: the reference inspections whose service_name is the area; if there are none,
 *     the inspections of a service that covers a local authority of that name.
 *  2. The first of these rules that finds any candidate decides:
 *     a. same publication month;
 *     b. a month apart (one calendar month either way);
 *     c. the reference row has no month: same programme and, if it has a year, the same year.
 *     Two candidates under the deciding rule, or one reference inspection claimed by two
 *     scraped ones, is an error: a match is never a choice.
 *  3. No candidate: a new inspection, provenance `reference`, its source the HMIP report page.
 *
 * A match adds what the reference row lacks (the month, the score) and says so in `notes`.
 * Where the two disagree (overall rating, month, score, programme, or the score's band against
 * the rating kept) the reference row's value is kept and the difference is a dataset warning
 * (`extraction_warnings`, provenance `reference`): a disagreement is never a silent choice.
 */
import { z } from 'zod';
import { nameId, slug } from '../ingest/header';
import { overallRating } from '../rules/bands';
import { Framework, RATINGS, type Rating } from '../schema/extracted';
import { nullsOf, type Dataset, type RowOf } from '../schema/tables';
import { optional, readCsvRows, ReferenceError, type SourceProblem } from './from-reference';
import { readRegionLookup, type Place } from './places';

/** Where the scrape sits in ../shared, and how rows from it name their source_file. */
export const SCRAPE_FILE = 'reference/scraped-overall-ratings.csv';

const isRating = (v: string): v is Rating => (RATINGS as readonly string[]).includes(v);

export const ScrapedRatingRow = z
	.object({
		area: z.string().min(1),
		published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD'),
		programme: Framework,
		code: z.enum(['overall', 'score'], { message: 'expected overall or score' }),
		name: z.string(),
		value: z.string().min(1),
		report_url: z.string().url(),
		via: z.string().url(),
		check: optional(z.string())
	})
	.superRefine((r, ctx) => {
		const [y, m, d] = r.published.split('-').map(Number);
		const date = new Date(Date.UTC(y, m - 1, d));
		if (/^\d{4}-\d{2}-\d{2}$/.test(r.published) && (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d))
			ctx.addIssue({ code: 'custom', path: ['published'], message: `${r.published} is not a date` });
		if (r.code === 'overall' && !isRating(r.value))
			ctx.addIssue({ code: 'custom', path: ['value'], message: `an overall rating is one of ${RATINGS.join(', ')}, not "${r.value}"` });
		if (r.code === 'score') {
			const n = /^(\d{1,2})\/36$/.exec(r.value);
			if (!n || Number(n[1]) > 36)
				ctx.addIssue({ code: 'custom', path: ['value'], message: `a score is n/36 with n from 0 to 36, not "${r.value}"` });
		}
	});

export interface ScrapedInspection {
	area: string;
	/** YYYY-MM-DD as the scrape gives it */
	date: string;
	month: string;
	programme: Framework;
	reportUrl: string;
	via: string;
	overall?: { rating: Rating; line: number };
	score?: { value: number; line: number };
	lines: number[];
}

/** Rows of the scrape, validated, grouped into inspections (one per report page). */
export function readScrape(file: string, text: string): { inspections: ScrapedInspection[]; problems: SourceProblem[] } {
	const { rows, problems } = readCsvRows(file, text, ScrapedRatingRow);
	const byUrl = new Map<string, ScrapedInspection>();
	for (const { line, value: r } of rows) {
		let ins = byUrl.get(r.report_url);
		if (!ins) {
			ins = {
				area: r.area,
				date: r.published,
				month: r.published.slice(0, 7),
				programme: r.programme,
				reportUrl: r.report_url,
				via: r.via,
				lines: []
			};
			byUrl.set(r.report_url, ins);
		}
		const first = ins.lines[0];
		let consistent = true;
		for (const [field, mine, theirs] of [
			['area', r.area, ins.area],
			['published', r.published, ins.date],
			['programme', r.programme, ins.programme]
		] as const) {
			if (mine !== theirs) {
				problems.push({ file, line, field, message: `"${mine}" for the report page of line ${first}, which gives "${theirs}"` });
				consistent = false;
			}
		}
		if (!consistent) continue;
		if (ins[r.code]) {
			problems.push({ file, line, field: 'code', message: `a second ${r.code} for the report page of line ${ins[r.code]!.line}` });
			continue;
		}
		if (r.code === 'overall') ins.overall = { rating: r.value as Rating, line };
		else ins.score = { value: Number(r.value.split('/')[0]), line };
		ins.lines.push(line);
	}
	return { inspections: [...byUrl.values()], problems };
}

export type MatchRule = 'same-month' | 'month-apart' | 'year-or-programme' | 'new';

export interface ScrapeOptions {
	scrape: { file: string; text: string };
	/** the project's lookup of local authorities' regions (inputs/local-authority-regions.csv) */
	regions: { file: string; text: string };
	/** regions of the report services, from ../shared/reference/README.md, by authority id */
	seedRegions: Map<string, { nation: string; region: string }>;
	/** named in messages */
	seedFrom?: string;
}

export interface ScrapeResult {
	data: Dataset;
	/** how each scraped inspection was placed: the rule that decided and the inspection it became */
	matches: { rule: MatchRule; lines: number[]; area: string; inspectionId: string }[];
}

const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const lineList = (lines: number[]) => (lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.join(' and ')}`);
/** "reference/x.csv, lines 4 and 5," */
const at = (file: string, lines: number[]) => `${file}, ${lineList(lines)},`;

/**
 * The reference dataset with the scrape added (a new dataset; `reference` is not changed).
 * Throws ReferenceError listing every problem (file, line, column) when the scrape or the
 * lookup is malformed, a match is ambiguous, or a new area cannot be placed.
 */
export function addScrapedInspections(reference: Dataset, options: ScrapeOptions): ScrapeResult {
	const { file } = options.scrape;
	const data: Dataset = structuredClone(reference);
	const scraped = readScrape(file, options.scrape.text);
	const lookup = readRegionLookup(options.regions.file, options.regions.text);
	const problems = [...scraped.problems, ...lookup.problems];
	if (problems.length) throw new ReferenceError(problems);

	const authorities = new Map(data.authorities.map((a) => [a.authority_id as string, a]));
	const ids = new Set(data.inspections.map((i) => i.inspection_id as string));
	const claimed = new Map<RowOf<'inspections'>, ScrapedInspection>();
	/** new areas: where their region comes from, for the inspection's notes */
	const placedBy = new Map<string, string>();
	const matches: ScrapeResult['matches'] = [];
	const warn = (ins: RowOf<'inspections'>, code: string, message: string, line: number) =>
		data.extraction_warnings.push({
			inspection_id: ins.inspection_id,
			ordinal: data.extraction_warnings.filter((w) => w.inspection_id === ins.inspection_id).length + 1,
			code,
			message,
			line,
			provenance: 'reference'
		});
	const via = `the data-to-insight scrape of the HMIP report (${file}`;

	const candidatesFor = (area: string): RowOf<'inspections'>[] => {
		const byService = data.inspections.filter((i) => i.service_name === area);
		if (byService.length) return byService;
		const la = slug(area);
		const services = new Set(
			data.authorities.filter((a) => (a.local_authorities as string[]).some((n) => slug(n) === la)).map((a) => a.authority_id)
		);
		return data.inspections.filter((i) => services.has(i.authority_id));
	};

	const placeOf = (id: string): Place | undefined => {
		const seed = options.seedRegions.get(id);
		if (seed) return { ...seed, from: options.seedFrom ?? 'the regions of the report services' };
		return lookup.places.get(id);
	};

	for (const s of scraped.inspections) {
		const candidates = candidatesFor(s.area);
		const rules: [MatchRule, (i: RowOf<'inspections'>) => boolean][] = [
			['same-month', (i) => i.published === s.month],
			['month-apart', (i) => typeof i.published === 'string' && Math.abs(monthIndex(i.published) - monthIndex(s.month)) === 1],
			[
				'year-or-programme',
				(i) =>
					i.published === null &&
					i.framework === s.programme &&
					(i.published_year === null || i.published_year === Number(s.date.slice(0, 4)))
			]
		];
		let rule: MatchRule = 'new';
		let found: RowOf<'inspections'>[] = [];
		for (const [name, test] of rules) {
			found = candidates.filter(test);
			if (found.length) {
				rule = name;
				break;
			}
		}
		if (found.length > 1) {
			problems.push({
				file,
				line: s.lines[0],
				field: 'area',
				message: `${s.area} ${s.date} matches ${found.length} reference inspections (${found.map((i) => i.inspection_id).join(', ')}) by ${rule}: which one is not clear`
			});
			continue;
		}
		if (found.length === 1) {
			const ins = found[0];
			const other = claimed.get(ins);
			if (other) {
				problems.push({
					file,
					line: s.lines[0],
					field: 'area',
					message: `${s.area} ${s.date} matches ${ins.inspection_id}, which line ${other.lines[0]} (${other.area} ${other.date}) matches too`
				});
				continue;
			}
			claimed.set(ins, s);
			matches.push({ rule, lines: s.lines, area: s.area, inspectionId: applyMatch(ins, s) });
			continue;
		}

		// A new inspection. Its service: the one the reference rows name so, else the local authority.
		const services = [...new Set(data.inspections.filter((i) => i.service_name === s.area).map((i) => i.authority_id as string))];
		const authorityId = services[0] ?? nameId(s.area);
		if (services.length > 1) {
			problems.push({
				file,
				line: s.lines[0],
				field: 'area',
				message: `${s.area} names ${services.length} services (${services.join(', ')})`
			});
			continue;
		}
		if (!authorities.has(authorityId)) {
			const place = placeOf(authorityId);
			if (!place) {
				problems.push({
					file,
					line: s.lines[0],
					field: 'area',
					message: `no region for "${s.area}": no reference row, report service or row of ${options.regions.file} places it (add it there, with its ONS code)`
				});
				continue;
			}
			placedBy.set(authorityId, `${place.region} from ${place.from}`);
			authorities.set(authorityId, {
				authority_id: authorityId,
				name: s.area,
				nation: place.nation,
				region: place.region,
				local_authorities: [s.area],
				provenance: 'reference'
			});
		}
		const id = uniqueId(`${authorityId}-${s.month}`);
		const stated = [
			`published ${s.date}`,
			s.overall && `overall rating ${s.overall.rating}`,
			s.score && `score ${s.score.value}/36`
		].filter(Boolean);
		const row: RowOf<'inspections'> = {
			...nullsOf('inspections'),
			inspection_id: id,
			authority_id: authorityId,
			service_name: s.area,
			published: s.month,
			published_year: Number(s.date.slice(0, 4)),
			framework: s.programme,
			overall_rating: s.overall?.rating ?? null,
			score: s.score?.value ?? null,
			reinspection: false,
			source_file: file,
			source_url: s.reportUrl,
			notes: `From ${via} ${lineList(s.lines)}; ${s.via}, MIT licence): ${stated.join(', ')}. Not in published-inspections.csv; the scrape names the local authority, not the service.${placedBy.has(authorityId) ? ` Region: ${placedBy.get(authorityId)}.` : ''}`,
			provenance: 'reference'
		};
		data.inspections.push(row);
		checkBand(row, s);
		matches.push({ rule: 'new', lines: s.lines, area: s.area, inspectionId: id });
	}
	if (problems.length) throw new ReferenceError(problems);
	data.authorities = [...authorities.values()];
	return { data, matches };

	function uniqueId(base: string): string {
		let id = base;
		for (let k = 2; ids.has(id); k++) id = `${base}-${k}`;
		ids.add(id);
		return id;
	}

	/** The score's band against the overall rating kept, when the score is the scrape's. */
	function checkBand(ins: RowOf<'inspections'>, s: ScrapedInspection) {
		if (!s.score || ins.score !== s.score.value || typeof ins.overall_rating !== 'string') return;
		const band = overallRating(s.score.value, (ins.resettlement_rating as Rating | null) ?? undefined);
		if (band !== ins.overall_rating)
			warn(
				ins,
				'overall-rule-difference',
				`The score ${s.score.value}/36 (${file} line ${s.score.line}) gives ${band} under the rules; the overall rating is '${ins.overall_rating}'.`,
				s.score.line
			);
	}

	/** Add what the reference row lacks; warn where the two differ. Returns the (possibly new) id. */
	function applyMatch(ins: RowOf<'inspections'>, s: ScrapedInspection): string {
		const source = ins.source_file as string;
		const added: string[] = [];
		const firstLine = s.lines[0];
		if (ins.published === null) {
			const oldId = ins.inspection_id as string;
			ins.published = s.month;
			ins.published_year = Number(s.month.slice(0, 4));
			ins.date_note = `Month from ${via} ${lineList(s.lines)}: published ${s.date}).${ins.date_note ? ` ${ins.date_note}` : ''}`;
			added.push(`publication date ${s.date}`);
			// the id is the area and the month: an undated row gets the id its month gives
			ids.delete(oldId);
			const id = uniqueId(`${ins.authority_id}-${s.month}`);
			ins.inspection_id = id;
			for (const t of ['standard_ratings', 'extraction_warnings'] as const)
				for (const r of data[t]) if (r.inspection_id === oldId) r.inspection_id = id;
		} else if (ins.published !== s.month) {
			warn(
				ins,
				'scrape-disagrees',
				`${at(file, s.lines)} gives the publication date ${s.date}; ${source} gives ${ins.published}, which is kept.`,
				firstLine
			);
		}
		if (ins.framework !== s.programme)
			warn(
				ins,
				'scrape-disagrees',
				`${at(file, s.lines)} files the inspection under ${s.programme}; ${source} under ${ins.framework}, which is kept.`,
				firstLine
			);
		if (s.overall) {
			if (ins.overall_rating === null) {
				ins.overall_rating = s.overall.rating;
				added.push(`overall rating ${s.overall.rating}`);
			} else if (ins.overall_rating !== s.overall.rating) {
				const band = s.score ? ` Its own score, ${s.score.value}/36, is in the ${overallRating(s.score.value)} band.` : '';
				warn(
					ins,
					'scrape-disagrees',
					`${at(file, [s.overall.line])} gives the overall rating '${s.overall.rating}'; ${source} gives '${ins.overall_rating}', which is kept.${band}`,
					s.overall.line
				);
			}
		}
		if (s.score) {
			if (ins.score === null) {
				ins.score = s.score.value;
				added.push(`score ${s.score.value}/36`);
			} else if (ins.score !== s.score.value) {
				warn(
					ins,
					'scrape-disagrees',
					`${at(file, [s.score.line])} gives the score ${s.score.value}/36; ${source} gives ${ins.score}/36, which is kept.`,
					s.score.line
				);
			}
			checkBand(ins, s);
		}
		if (added.length) {
			const note = `Added from ${via} ${lineList(s.lines)}; ${s.reportUrl}): ${added.join(', ')}.`;
			ins.notes = ins.notes ? `${ins.notes} ${note}` : note;
		}
		return ins.inspection_id as string;
	}
}

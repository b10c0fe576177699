/**
 * Recommendations view: theme rules on real recommendation texts (data/recommendations.csv),
 * the SQL against data/ with counts checked by hand (Leeds 2019: 8, Bury and Rochdale 2020: 6,
 * Thurrock 2022: 8), and the page's own filters.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverDocument } from '../../src/lib/charts/server';
import { parseCsv } from '../../src/lib/csv';
import { openNodeEngine } from '../../src/lib/db/node';
import type { Engine } from '../../src/lib/db/types';
import { buildRecommendations } from '../../src/lib/views/recommendations';
import {
	filterRecommendations,
	parsePageFilters,
	recommendations,
	themeCounts,
	thematicRecommendations
} from '../../src/lib/views/recommendations/query';
import { OTHER, THEME_RULES, THEMES, classify, matchedPhrases, phrasePattern } from '../../src/lib/views/recommendations/themes';
import { ROOT } from '../paths';

const csv = parseCsv(readFileSync(`${ROOT}/data/recommendations.csv`, 'utf8'));
const col = (name: string) => csv.header.indexOf(name);
/** the text of recommendation `n` of the report whose id starts with `service` */
function text(service: string, n: number): string {
	const row = csv.rows.find((r) => r.cells[col('inspection_id')].startsWith(service) && r.cells[col('n')] === String(n));
	if (!row) throw new Error(`no recommendation ${service} ${n}`);
	return row.cells[col('text')];
}

describe('theme rules', () => {
	it('Leeds 3: risk of harm in court work is about risk of harm to others, not out-of-court work', () => {
		expect(text('leeds', 3)).toMatch(/^for court disposal work, assessment of risk of harm to others needs to be more analytical/);
		expect(classify(text('leeds', 3))).toContain('Risk of harm to others');
		expect(classify(text('leeds', 3))).not.toContain('Out-of-court disposals');
	});

	it('Thurrock 1: the Equality Act characteristics are diversity', () => {
		expect(text('thurrock', 1)).toMatch(/^consider the nine characteristics protected by the Equality Act 2010/);
		expect(classify(text('thurrock', 1))).toEqual(['Diversity and disproportionality']);
	});

	it('Leeds 8: board attendance and holding partners to account is governance, not school attendance', () => {
		expect(text('leeds', 8)).toBe(
			'prioritise attendance and ensure each partner agency is held to account within and between YJS Board meetings'
		);
		expect(classify(text('leeds', 8))).toEqual(['Governance and partnerships']);
	});

	it('a recommendation takes every matching theme, in rule order', () => {
		// "make sure that planning and reviewing to address both safety and wellbeing and the risk of harm to others improve"
		expect(classify(text('leeds', 4))).toEqual(['Risk of harm to others', 'Safety and wellbeing']);
		// training for all staff in risk of harm
		expect(classify(text('bury-and-rochdale', 1))).toEqual(['Risk of harm to others', 'Workforce']);
		// children and parents expressing their interests within the governance arrangements
		expect(classify(text('bury-and-rochdale', 3))).toEqual(['Governance and partnerships', "Children and families' voice"]);
		// overrepresentation of children known to social care at the out-of-court panel
		expect(classify(text('thurrock', 2))).toEqual(['Out-of-court disposals', 'Diversity and disproportionality']);
		// ETE attendance escalated to management
		expect(classify(text('leeds', 5))).toEqual(['Quality assurance and management oversight', 'Education, training and employment']);
	});

	it('involving staff is workforce; involving children and parents is their voice', () => {
		expect(classify(text('bury-and-rochdale', 4))).toEqual(['Workforce']);
		expect(classify(text('thurrock', 4))).toEqual(["Children and families' voice"]);
	});

	it('every real recommendation gets a theme other than Other', () => {
		for (const r of csv.rows) expect(classify(r.cells[col('text')]), r.cells[col('text')]).not.toContain(OTHER);
	});

	it('Other only when nothing matches', () => {
		expect(classify('publish the annual report on time')).toEqual([OTHER]);
		expect(classify('')).toEqual([OTHER]);
	});

	it('phrases: whole words, * for endings, flexible hyphens, curly apostrophes, case-sensitive acronyms', () => {
		expect(phrasePattern('board').test('onboarding staff')).toBe(false);
		expect(phrasePattern('safeguard*').test('Safeguarding children')).toBe(true);
		expect(phrasePattern('well-being').test('wellbeing')).toBe(true);
		expect(phrasePattern('well-being').test('well being')).toBe(true);
		expect(phrasePattern('out-of-court').test('out of court work')).toBe(true);
		expect(phrasePattern("children's safety").test('children’s safety')).toBe(true);
		expect(phrasePattern('SEND').test('send the plan')).toBe(false);
		expect(phrasePattern('SEND').test('children with SEND')).toBe(true);
		expect(classify('improve the reporting of ETE outcomes')).toContain('Education, training and employment');
		expect(classify('improve the reporting of outcomes to meet targets')).not.toContain('Education, training and employment');
	});

	it('the documented rules are the rules: every theme has a description and phrases, and matchedPhrases explains a match', () => {
		expect(THEMES).toHaveLength(12);
		expect(THEMES.at(-1)).toBe(OTHER);
		for (const r of THEME_RULES) {
			expect(r.description.length).toBeGreaterThan(10);
			expect(r.phrases.length).toBeGreaterThan(0);
		}
		const governance = THEME_RULES.find((r) => r.theme === 'Governance and partnerships')!;
		expect(matchedPhrases(governance, text('leeds', 8))).toEqual(['board', 'partner*', 'held to account']);
	});
});

let db: Engine;
beforeAll(async () => {
	db = await openNodeEngine(`${ROOT}/data`);
});
afterAll(() => db?.close());

describe('recommendations query', () => {
	it('lists the 22 recommendations of the 3 reports that have them: Leeds 8, Bury and Rochdale 6, Thurrock 8', async () => {
		const d = await recommendations(db, {});
		expect(d.rows).toHaveLength(22);
		const per: Record<string, number> = {};
		for (const r of d.rows) per[r.service] = (per[r.service] ?? 0) + 1;
		expect(per).toEqual({ Leeds: 8, 'Bury and Rochdale': 6, Thurrock: 8 });
		expect(d.coverage).toMatchObject({ inspections: 3, report: 3, reference: 0 });
		const leeds8 = d.rows.find((r) => r.service === 'Leeds' && r.n === 8)!;
		expect(leeds8).toMatchObject({
			inspection_id: 'leeds-2019-11',
			published: '2019-11',
			addressee: 'Youth Justice Management Board',
			provenance: 'report'
		});
		expect(leeds8.themes).toEqual(['Governance and partnerships']);
		expect(d.addressees).toContain('Youth Crime Governance Board');
		expect(d.addressees).toHaveLength(5);
	});

	it('respects the global filters: the North West leaves Bury and Rochdale (6)', async () => {
		const d = await recommendations(db, { region: 'North West' });
		expect(d.rows).toHaveLength(6);
		expect(new Set(d.rows.map((r) => r.service))).toEqual(new Set(['Bury and Rochdale']));
		expect(d.rows.map((r) => r.n)).toEqual([1, 2, 3, 4, 5, 6]);
		expect(d.coverage.inspections).toBe(1);
		expect((await recommendations(db, { yearFrom: 2021 })).rows).toHaveLength(8);
		expect((await recommendations(db, { region: 'London' })).rows).toEqual([]);
	});

	it('theme counts: most first, every theme listed, matching the rows', async () => {
		const d = await recommendations(db, {});
		expect(d.themes.map((t) => t.theme).sort()).toEqual([...THEMES].sort());
		for (let i = 1; i < d.themes.length; i++) expect(d.themes[i - 1].recommendations).toBeGreaterThanOrEqual(d.themes[i].recommendations);
		for (const t of d.themes) expect(t.recommendations).toBe(d.rows.filter((r) => r.themes.includes(t.theme)).length);
		const byTheme = Object.fromEntries(d.themes.map((t) => [t.theme, t.recommendations]));
		// worked by hand from the 22 texts
		expect(byTheme).toMatchObject({
			'Governance and partnerships': 7,
			'Quality assurance and management oversight': 6,
			'Risk of harm to others': 6,
			'Out-of-court disposals': 4,
			'Safety and wellbeing': 3,
			"Children and families' voice": 3,
			'Diversity and disproportionality': 2,
			Workforce: 2,
			Desistance: 2,
			'Education, training and employment': 1,
			Resettlement: 0,
			Other: 0
		});
		expect(themeCounts([])).toHaveLength(12);
		expect(themeCounts([]).every((t) => t.share === 0)).toBe(true);
	});

	it('page filters: theme, addressee and every search word', async () => {
		const d = await recommendations(db, {});
		expect(filterRecommendations(d.rows, { theme: 'Diversity and disproportionality' }).map((r) => `${r.service} ${r.n}`)).toEqual([
			'Thurrock 1',
			'Thurrock 2'
		]);
		expect(filterRecommendations(d.rows, { addressee: 'Youth Justice Management Board' })).toHaveLength(2);
		expect(filterRecommendations(d.rows, { q: 'RISK harm' })).toHaveLength(4);
		expect(filterRecommendations(d.rows, { q: 'thurrock board' })).toHaveLength(4);
		expect(filterRecommendations(d.rows, { theme: 'Workforce', q: 'policy' }).map((r) => r.n)).toEqual([4]);
		expect(filterRecommendations(d.rows, {})).toHaveLength(22);
	});

	it('page filters from the URL drop unknown themes and blanks', () => {
		expect(parsePageFilters(new URLSearchParams('theme=Workforce&addressee=&q=%20risk'))).toEqual({ theme: 'Workforce', q: ' risk' });
		expect(parsePageFilters(new URLSearchParams('theme=Nonsense'))).toEqual({});
	});

	it('builds the chart at build time: one bar per theme, with titles, from zero', async () => {
		const v = await buildRecommendations(db, {}, serverDocument());
		expect(v.charts.themes).toMatch(/^<svg[^>]*class="plot/);
		expect(v.charts.themes).toContain('<title>Governance and partnerships: 7 recommendations');
		expect((v.charts.themes.match(/<title>/g) ?? []).length).toBe(12);
		expect((await buildRecommendations(db, { region: 'London' }, serverDocument())).charts.themes).toBe('');
	});
});

describe('thematic recommendations', () => {
	it('35 recommendations of 13 thematic inspections, 2010-2014, numbered 1-35, lists as arrays', async () => {
		const t = await thematicRecommendations(db);
		expect(t).toHaveLength(35);
		expect(t.map((r) => r.ordinal)).toEqual(Array.from({ length: 35 }, (_, i) => i + 1));
		expect(new Set(t.map((r) => r.thematic)).size).toBe(13);
		expect(Math.min(...t.map((r) => r.year))).toBe(2010);
		expect(Math.max(...t.map((r) => r.year))).toBe(2014);
		expect(t[0].lines_of_enquiry).toHaveLength(5);
		expect(t[4].lines_of_enquiry).toEqual([]);
		expect(t.every((r) => Array.isArray(r.evidence))).toBe(true);
	});
});

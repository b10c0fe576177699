/**
 * Recommendations: every recommendation of every report in view (global filters applied
 * through the scope CTE), each with its themes (themes.ts); theme counts for the chart; and
 * the page's own filters (theme, addressee, words), applied to the rows in the browser.
 * Also the thematic recommendations (2010-2014), which belong to no inspection and so take
 * no filter: they feed the self-assessment.
 */
import { z } from 'zod';
import type { Engine } from '../../db/types';
import type { Filters } from '../../filters';
import { coverage, type Coverage } from '../../queries/coverage';
import { scopeCte } from '../../queries/filter-sql';
import type { ThematicRecommendation } from '../../self-assessment/model';
import { classify, THEME_RULES, THEMES } from './themes';

export interface RecommendationRow {
	inspection_id: string;
	service: string;
	/** publication month YYYY-MM, or the year alone when the month is not known */
	published: string | null;
	n: number;
	addressee: string;
	text: string;
	provenance: string;
	themes: string[];
}

export interface ThemeCount {
	theme: string;
	description: string;
	recommendations: number;
	/** share of the recommendations in view, 0-1 */
	share: number;
}

export interface RecommendationsData {
	coverage: Coverage;
	rows: RecommendationRow[];
	themes: ThemeCount[];
	addressees: string[];
}

export const RECOMMENDATIONS_SQL = (scope: string) => `
WITH ${scope}
SELECT r.inspection_id, sc.area AS service,
       coalesce(sc.published, sc.published_year::VARCHAR) AS published,
       r.n::INTEGER AS n, r.addressee, r.text, r.provenance
FROM recommendations r JOIN scope sc USING (inspection_id)
ORDER BY sc.area, published, r.inspection_id, r.n`;

export async function recommendations(db: Engine, filters: Filters): Promise<RecommendationsData> {
	const scope = scopeCte(filters);
	const [raw, cov] = await Promise.all([
		db.query<Omit<RecommendationRow, 'themes'>>(RECOMMENDATIONS_SQL(scope.sql), scope.params),
		coverage(db, filters, 'inspection_id IN (SELECT inspection_id FROM recommendations)')
	]);
	const rows = raw.map((r) => ({ ...r, themes: classify(r.text) }));
	return {
		coverage: cov,
		rows,
		themes: themeCounts(rows),
		addressees: [...new Set(rows.map((r) => r.addressee))].sort((a, b) => a.localeCompare(b))
	};
}

/** Recommendations per theme, most first (ties in rule order); every theme listed, even at 0. */
export function themeCounts(rows: readonly Pick<RecommendationRow, 'themes'>[]): ThemeCount[] {
	const description = (t: string) => THEME_RULES.find((r) => r.theme === t)?.description ?? 'No rule matched.';
	return THEMES.map((theme, order) => {
		const n = rows.filter((r) => r.themes.includes(theme)).length;
		return { theme, description: description(theme), recommendations: n, share: rows.length ? n / rows.length : 0, order };
	})
		.sort((a, b) => b.recommendations - a.recommendations || a.order - b.order)
		.map(({ order: _order, ...t }) => t);
}

/** The page's own filters, on top of the global ones. Unknown values are dropped. */
export const PageFilters = z.object({
	theme: z.string().max(80).optional(),
	addressee: z.string().max(300).optional(),
	q: z.string().max(200).optional()
});
export type PageFilters = z.infer<typeof PageFilters>;

export function parsePageFilters(params: URLSearchParams): PageFilters {
	const out: PageFilters = {};
	for (const key of ['theme', 'addressee', 'q'] as const) {
		const v = params.get(key);
		if (v === null || v.trim() === '') continue;
		const parsed = PageFilters.shape[key].safeParse(v);
		if (!parsed.success) continue;
		if (key === 'theme' && !THEMES.includes(v)) continue;
		out[key] = parsed.data;
	}
	return out;
}

/** Rows matching the theme, the addressee and every word of `q` (in text, addressee or service). */
export function filterRecommendations(rows: readonly RecommendationRow[], f: PageFilters): RecommendationRow[] {
	const words = (f.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
	return rows.filter(
		(r) =>
			(!f.theme || r.themes.includes(f.theme)) &&
			(!f.addressee || r.addressee === f.addressee) &&
			words.every((w) => `${r.text} ${r.addressee} ${r.service}`.toLowerCase().includes(w))
	);
}

// ---------------------------------------------------------------------------------------------
// Thematic recommendations (for the self-assessment)

export const THEMATIC_SQL = `
SELECT thematic, ordinal::INTEGER AS ordinal, year::INTEGER AS year, addressee, text,
       coalesce(lines_of_enquiry, []::VARCHAR[]) AS lines_of_enquiry,
       coalesce(evidence, []::VARCHAR[]) AS evidence
FROM thematic_recommendations
ORDER BY ordinal`;

export function thematicRecommendations(db: Engine): Promise<ThematicRecommendation[]> {
	return db.query<ThematicRecommendation>(THEMATIC_SQL);
}

/**
 * Charts with a row per inspection (or several) grow with the data: at 100x one region has
 * hundreds of inspections, and a chart thousands of pixels tall that nobody reads and that
 * takes longer to lay out than the reader waits for a filter. Such a chart draws the most
 * recently published inspections only and says so; the table and the CSV keep every row,
 * and the page offers the whole chart on request (WholeChartNote).
 */

export interface OfInspection {
	inspection_id: string;
	service: string;
	published: string | null;
}

export interface Recent<T> {
	rows: T[];
	/** inspections kept */
	shown: number;
	/** inspections in `rows` before the cut */
	total: number;
}

/**
 * The rows of the `limit` most recently published inspections (ties: by service; no date
 * last), in the order they came. Every row when there are no more than `limit` inspections.
 */
export function mostRecent<T extends OfInspection>(rows: T[], limit: number): Recent<T> {
	const latest = new Map<string, { published: string; service: string }>();
	for (const r of rows) if (!latest.has(r.inspection_id)) latest.set(r.inspection_id, { published: r.published ?? '', service: r.service });
	if (latest.size <= limit) return { rows, shown: latest.size, total: latest.size };
	const keep = new Set(
		[...latest]
			.sort(([, a], [, b]) => b.published.localeCompare(a.published) || a.service.localeCompare(b.service))
			.slice(0, limit)
			.map(([id]) => id)
	);
	return { rows: rows.filter((r) => keep.has(r.inspection_id)), shown: limit, total: latest.size };
}

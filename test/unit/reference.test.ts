/** Reference CSVs are validated row by row; a bad row names the file, line and column. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ReferenceError, rowsFromReference } from '../../src/lib/dataset/from-reference';
import { REFERENCE } from '../paths';

const real = {
	publishedInspections: {
		file: 'reference/published-inspections.csv',
		text: readFileSync(`${REFERENCE}/published-inspections.csv`, 'utf8')
	},
	overallRatings: {
		file: 'reference/published-overall-ratings.csv',
		text: readFileSync(`${REFERENCE}/published-overall-ratings.csv`, 'utf8')
	},
	annualAggregates: { file: 'reference/annual-aggregates.csv', text: readFileSync(`${REFERENCE}/annual-aggregates.csv`, 'utf8') }
};

function problemsWith(edit: (csv: string) => string) {
	try {
		rowsFromReference({ ...real, publishedInspections: { ...real.publishedInspections, text: edit(real.publishedInspections.text) } });
	} catch (e) {
		if (e instanceof ReferenceError) return e.problems;
		throw e;
	}
	return [];
}

describe('reference facts', () => {
	it('load: every published inspection with its source address and quote', () => {
		const data = rowsFromReference(real);
		expect(data.inspections.length).toBe(143);
		for (const i of data.inspections) {
			expect(i.provenance).toBe('reference');
			expect(i.source_url).toMatch(/^https?:\/\//);
			expect(i.source_quote).toBeTruthy();
		}
		expect(new Set(data.authorities.map((a) => a.region)).size).toBe(10);
		expect(data.annual_aggregates.map((a) => a.inspection_year)).toEqual(['2018-19', '2019-20']);
	});

	it('the sixteen 2019-20 services are already in the published list: they add their inspection year', () => {
		const data = rowsFromReference(real);
		expect(data.inspections.filter((i) => i.inspection_year === '2019-20')).toHaveLength(16);
	});

	it('a rating that is not one of the four is an error naming file, line and column', () => {
		const problems = problemsWith((csv) =>
			csv.replace('Camden,England,London,2020-05,2020,,yos-2018,Outstanding', 'Camden,England,London,2020-05,2020,,yos-2018,Excellent')
		);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatchObject({ file: 'reference/published-inspections.csv', line: 2, field: 'overall_rating' });
	});

	it('a bad month and an unknown standard code are reported, with the line', () => {
		const lines = real.publishedInspections.text.split('\n');
		lines[2] = lines[2].replace(',2019-12,', ',2019-13,');
		lines[3] = lines[3].replace('3.1=Outstanding', '5.1=Outstanding');
		const problems = problemsWith(() => lines.join('\n'));
		expect(problems.map((p) => `${p.line}:${p.field}`)).toEqual(['3:published', '4:standard_ratings']);
	});

	it('a missing column is named', () => {
		const problems = problemsWith((csv) => csv.replace('overall_rating,', 'rating,'));
		expect(problems[0]).toMatchObject({ field: 'overall_rating', message: 'missing column' });
	});
});

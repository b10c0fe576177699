/**
 * The one list of context metrics (DESIGN.md "Context metric names"): how each is recognised
 * from a report's label, and its unit. Order matters: the first pattern that matches wins, so
 * narrower labels come before broader ones.
 */

export type MetricUnit = 'per-100k' | 'percent' | 'count' | 'gbp' | 'days' | 'fte';

export interface MetricDef {
	metric: string;
	unit: MetricUnit;
	/** what it means, for the data dictionary and the app */
	description: string;
	pattern: RegExp;
}

export const METRICS: MetricDef[] = [
	{
		metric: 'fte-rate',
		unit: 'per-100k',
		description: 'First-time entrants to the youth justice system per 100,000 children aged 10-17',
		pattern: /first[- ]time entrants?/i
	},
	{
		metric: 'reoffending-rate',
		unit: 'percent',
		description: 'Proven reoffending rate (binary, 12 months)',
		pattern: /re-?offending rates?/i
	},
	{
		metric: 'population-youth-bame',
		unit: 'count',
		description: 'Black and minority ethnic population aged 10-17',
		pattern:
			/(black and minority ethnic|bame|ethnic minority|minority ethnic) youth population|youth population.*(black and minority ethnic|bame)/i
	},
	{
		metric: 'population-youth',
		unit: 'count',
		description: 'Population aged 10-17',
		pattern: /total youth population|youth population \(10/i
	},
	{ metric: 'population-total', unit: 'count', description: 'Total population of the area', pattern: /total population/i },
	{
		metric: 'caseload-youth-conditional-caution',
		unit: 'count',
		description: 'Current caseload with a youth conditional caution',
		pattern: /caseload.*youth conditional caution/i
	},
	{
		metric: 'caseload-youth-caution',
		unit: 'count',
		description: 'Current caseload with a youth caution',
		pattern: /caseload.*youth caution/i
	},
	{
		metric: 'caseload-community-resolution',
		unit: 'count',
		description: 'Current caseload with a community resolution or other out-of-court disposal',
		pattern: /caseload.*community resolution/i
	},
	{
		metric: 'caseload-community',
		unit: 'count',
		description: 'Current caseload on community sentences',
		pattern: /caseload.*community sentences?/i
	},
	{ metric: 'caseload-custody', unit: 'count', description: 'Current caseload in custody', pattern: /caseload.*\bin custody/i },
	{ metric: 'caseload-licence', unit: 'count', description: 'Current caseload on licence', pattern: /caseload.*\bon licen[cs]e/i },
	{
		metric: 'caseload-oocd-pct',
		unit: 'percent',
		description: 'Share of the current caseload subject to an out-of-court disposal',
		pattern: /caseload subject to (an )?out[- ]of[- ]court/i
	},
	{
		metric: 'caseload-court-pct',
		unit: 'percent',
		description: 'Share of the current caseload subject to a court disposal',
		pattern: /caseload subject to (a )?court/i
	},
	{
		metric: 'caseload-oocd',
		unit: 'count',
		description: 'Current caseload on out-of-court disposals',
		pattern: /^out[- ]of[- ]court disposals$/i
	},
	{ metric: 'caseload-court', unit: 'count', description: 'Current caseload on court disposals', pattern: /^court disposals$/i },
	{ metric: 'caseload-total', unit: 'count', description: 'Total current caseload', pattern: /^total (current )?caseload\b/i },
	{
		metric: 'lac-resident-pct',
		unit: 'percent',
		description: 'Share of the caseload who are looked-after children resident in the area',
		pattern: /looked[- ]after children.*resident/i
	},
	{
		metric: 'lac-outside-pct',
		unit: 'percent',
		description: 'Share of the caseload who are looked-after children placed outside the area',
		pattern: /looked[- ]after children.*outside/i
	},
	{
		metric: 'cp-plan-pct',
		unit: 'percent',
		description: 'Share of the caseload with a child protection plan',
		pattern: /child protection plan/i
	},
	{
		metric: 'cin-plan-pct',
		unit: 'percent',
		description: 'Share of the caseload with a child in need plan',
		pattern: /child in need plan/i
	},
	{
		metric: 'neet-17plus-pct',
		unit: 'percent',
		description: 'Share of the caseload aged 17+ not in education, training or employment',
		pattern: /17\+? (and over )?not in education/i
	},
	{
		metric: 'not-in-school-16under-pct',
		unit: 'percent',
		description: 'Share of the caseload aged 16 and under not in school, pupil referral unit or alternative education',
		pattern: /16 and under not in school/i
	},
	{
		metric: 'pru-alt-ed-pct',
		unit: 'percent',
		description: 'Share of the caseload aged 16 and under in a pupil referral unit, alternative education or part-time school',
		pattern: /16 and under in a pupil referral unit/i
	},
	{
		metric: 'full-time-school-pct',
		unit: 'percent',
		description: 'Share of the caseload aged 16 and under in full-time school',
		pattern: /16 and under in full[- ]time school/i
	},
	{
		metric: 'vacancy-case-managers-pct',
		unit: 'percent',
		description: 'Unfilled case manager posts as a share of case manager headcount',
		pattern: /vacancy rate.*case managers/i
	},
	{ metric: 'vacancy-pct', unit: 'percent', description: 'Unfilled posts as a share of total staff headcount', pattern: /vacancy rate/i },
	{ metric: 'average-caseload', unit: 'count', description: 'Average caseload of case managers (FTE)', pattern: /average caseload/i },
	{ metric: 'sickness-days', unit: 'days', description: 'Average annual working days lost through sickness', pattern: /sickness/i },
	{ metric: 'attrition-pct', unit: 'percent', description: 'Share of all staff leaving in a 12-month period', pattern: /attrition/i },
	{
		metric: 'case-managers-fte',
		unit: 'fte',
		description: 'Case managers (full-time equivalent)',
		pattern: /headcount (of )?(qualified )?case managers/i
	},
	{ metric: 'staff-fte', unit: 'fte', description: 'Total staff (full-time equivalent)', pattern: /total staff headcount/i },
	{
		metric: 'spend-previous-year',
		unit: 'gbp',
		description: 'Total spend in the previous financial year',
		pattern: /total spend in (the )?previous/i
	},
	{
		metric: 'budget-current-year',
		unit: 'gbp',
		description: 'Total projected budget for the current financial year',
		pattern: /projected budget/i
	},
	{
		metric: 'mental-health-pct',
		unit: 'percent',
		description: 'Share of the caseload with mental health issues',
		pattern: /mental health/i
	},
	{
		metric: 'substance-misuse-pct',
		unit: 'percent',
		description: 'Share of the caseload with substance misuse issues',
		pattern: /substance misuse/i
	},
	{
		metric: 'ehcp-pct',
		unit: 'percent',
		description: 'Share of the caseload with an education, health and care plan',
		pattern: /education,? health and care plan/i
	},
	{
		metric: 'send-pct',
		unit: 'percent',
		description: 'Share of the caseload with special educational needs or disability',
		pattern: /special educational needs/i
	}
];

export function metricFor(label: string): MetricDef | undefined {
	return METRICS.find((m) => m.pattern.test(label));
}

export function metricDef(metric: string): MetricDef | undefined {
	return METRICS.find((m) => m.metric === metric);
}

/** Labels and legends the profile page shows itself: apart from chart.ts so that the page does not load Plot for them. */
import { METRICS } from '../../ingest/metrics';

export const THEME_LABEL: Record<string, string> = {
	desistance: 'desistance',
	'child-safety': "child's safety",
	'others-safety': "other people's safety",
	'joint-working': 'joint working'
};

export const GROUP_LABEL: Record<string, string> = {
	yot: 'Service caseload',
	'youth-population': 'Youth population',
	national: 'National caseload'
};
export const CASELOAD_LEGEND = [
	{ label: GROUP_LABEL.yot, colour: '#12436D' },
	{ label: GROUP_LABEL['youth-population'], colour: '#28A197' },
	{ label: GROUP_LABEL.national, colour: '#A285D1' }
];

/** Short names for charts; the data dictionary keeps the full descriptions. */
const SHORT: Record<string, string> = {
	'fte-rate': 'First-time entrants per 100,000',
	'reoffending-rate': 'Reoffending rate (%)'
};
export const METRIC_LABELS: Record<string, string> = Object.fromEntries(METRICS.map((m) => [m.metric, SHORT[m.metric] ?? m.description]));

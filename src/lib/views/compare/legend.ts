/** Column labels and the legend the compare page shows itself: apart from chart.ts so that the page does not load Plot for them. */
import { PALETTE } from '../../charts/theme';
import type { CompareData } from './query';

export const colLabel = (c: CompareData['columns'][number]) => `${c.name} ${c.published ?? c.published_year ?? ''}`.trim();

export const compareLegend = (d: CompareData) =>
	d.columns.map((c, i) => ({ label: colLabel(c), colour: PALETTE[i], mark: ['●', '■', '▲', '◆'][i] }));

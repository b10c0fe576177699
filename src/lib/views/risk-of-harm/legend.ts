/** The gap chart's series and legend: apart from chart.ts so that the page can show the legend without loading Plot. */
export const SERIES = [
	{ key: 'desistance', name: 'Desistance', colour: '#12436D', symbol: 'circle' },
	{ key: 'child_safety', name: "Child's safety", colour: '#28A197', symbol: 'square' },
	{ key: 'others_safety', name: "Other people's safety", colour: '#F46A25', symbol: 'triangle' }
] as const;
export const GAP_LEGEND = SERIES.map((s) => ({
	label: s.name,
	colour: s.colour,
	mark: s.symbol === 'circle' ? '●' : s.symbol === 'square' ? '■' : '▲'
}));

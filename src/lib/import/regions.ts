/** Regions a service can be in: the nine ONS regions of England, and Wales. */
export const REGIONS = [
	'East Midlands',
	'East of England',
	'London',
	'North East',
	'North West',
	'South East',
	'South West',
	'West Midlands',
	'Yorkshire and The Humber',
	'Wales'
] as const;

export const nationOf = (region: string) => (region === 'Wales' ? 'Wales' : 'England');

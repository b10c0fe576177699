/**
 * The HMIP youth inspection frameworks: which standards exist, what they are called, which
 * count towards the overall score. Names are HMIP's published standard names, not any one
 * report's wording; extraction compares a report's names with these and warns on differences.
 */
import type { Framework, Theme } from '../schema/extracted';

export interface StandardDef {
	code: string;
	name: string;
	domain: 1 | 2 | 3 | 4;
	/** counted in the 0-36 score */
	core: boolean;
	/** rated from key-question percentages (case-based) rather than qualitative evidence */
	caseBased: boolean;
}

const CORE: StandardDef[] = [
	{ code: '1.1', name: 'Governance and leadership', domain: 1, core: true, caseBased: false },
	{ code: '1.2', name: 'Staff', domain: 1, core: true, caseBased: false },
	{ code: '1.3', name: 'Partnerships and services', domain: 1, core: true, caseBased: false },
	{ code: '1.4', name: 'Information and facilities', domain: 1, core: true, caseBased: false },
	{ code: '2.1', name: 'Assessment', domain: 2, core: true, caseBased: true },
	{ code: '2.2', name: 'Planning', domain: 2, core: true, caseBased: true },
	{ code: '2.3', name: 'Implementation and delivery', domain: 2, core: true, caseBased: true },
	{ code: '2.4', name: 'Reviewing', domain: 2, core: true, caseBased: true },
	{ code: '3.1', name: 'Assessment', domain: 3, core: true, caseBased: true },
	{ code: '3.2', name: 'Planning', domain: 3, core: true, caseBased: true },
	{ code: '3.3', name: 'Implementation and delivery', domain: 3, core: true, caseBased: true }
];

export const STANDARDS: Record<'yos-2018' | 'yjs-2021', StandardDef[]> = {
	'yos-2018': [...CORE, { code: '3.4', name: 'Joint working', domain: 3, core: true, caseBased: true }],
	'yjs-2021': [
		...CORE,
		{ code: '3.4', name: 'Out-of-court disposal policy and provision', domain: 3, core: true, caseBased: false },
		{ code: '4.1', name: 'Resettlement policy and provision', domain: 4, core: false, caseBased: false }
	]
};

/**
 * The 2024 programme (inspections of youth justice work with children and victims) rates
 * work with children (assessing, planning, implementation and delivery) and work with
 * victims. Reports name these areas without printing codes; C1-C3 and V1 are this project's
 * labels for them (V1 is HMIP's own name for the victims standard), chosen so that they can
 * never be read as the 1.1-4.1 standards of the earlier frameworks. There is no 0-36 score.
 */
export const CV_STANDARDS: StandardDef[] = [
	{ code: 'C1', name: 'Assessing', domain: 1, core: false, caseBased: true },
	{ code: 'C2', name: 'Planning', domain: 1, core: false, caseBased: true },
	{ code: 'C3', name: 'Implementation and delivery', domain: 1, core: false, caseBased: true },
	{ code: 'V1', name: 'Work with victims', domain: 2, core: false, caseBased: true }
];

export const CV_DOMAIN_NAMES: Record<number, string> = { 1: 'Work with children', 2: 'Work with victims' };

export const DOMAIN_NAMES: Record<number, string> = {
	1: 'Organisational delivery',
	2: 'Court disposals',
	3: 'Out-of-court disposals',
	4: 'Resettlement'
};

/** Every standard name any framework uses, longest first, for prefix matching. */
export const KNOWN_STANDARD_NAMES: string[] = [...new Set([...STANDARDS['yos-2018'], ...STANDARDS['yjs-2021']].map((s) => s.name))].sort(
	(a, b) => b.length - a.length
);

export function standardsFor(framework: Framework): StandardDef[] {
	if (framework === 'children-victims-2024') return CV_STANDARDS;
	return framework === 'yos-2018' || framework === 'yjs-2021' ? STANDARDS[framework] : [];
}

export function standardDef(framework: Framework, code: string): StandardDef | undefined {
	return standardsFor(framework).find((s) => s.code === code);
}

/**
 * Theme of a case-based key question from its position: in both frameworks x.y.1 is about
 * desistance, x.y.2 the child's safety, x.y.3 other people's safety; the two key questions
 * of 2018 standard 3.4 are about joint working with the police.
 */
export function themeFromCode(framework: Framework, code: string): Theme | undefined {
	const [d, s, q] = code.split('.').map(Number);
	if (framework === 'yos-2018' && d === 3 && s === 4) return q <= 2 ? 'joint-working' : undefined;
	if ((d === 2 || d === 3) && s >= 1 && s <= 4) {
		return q === 1 ? 'desistance' : q === 2 ? 'child-safety' : q === 3 ? 'others-safety' : undefined;
	}
	return undefined;
}

export const THEME_SUFFIX: Record<Theme, number> = {
	desistance: 1,
	'child-safety': 2,
	'others-safety': 3,
	'joint-working': 0
};

/** Theme of a key question from its wording, or undefined when the wording says nothing clear. */
export function themeFromText(text: string): Theme | undefined {
	const t = text.toLowerCase();
	if (/other people|others safe|risk of harm to others/.test(t)) return 'others-safety';
	if (/desistance/.test(t)) return 'desistance';
	if (
		/(child|young person)('s|’s)? (safe|safety)|keep(ing)? the child( or young person)? safe|safety (and wellbeing )?of the child/.test(t)
	)
		return 'child-safety';
	if (/police|joint decision|recommendations sufficiently/.test(t)) return 'joint-working';
	return undefined;
}

/** The activity a key question is about, used to spot wording copied from another standard. */
export function activityOfText(text: string): string | undefined {
	const t = text.toLowerCase();
	if (/^does (the )?assessment|\bassessment sufficiently/.test(t)) return 'Assessment';
	if (/^does (the )?planning|\bplanning focus/.test(t)) return 'Planning';
	if (/implementation and delivery|service delivery/.test(t)) return 'Implementation and delivery';
	if (/^does (the )?reviewing|\breviewing focus/.test(t)) return 'Reviewing';
	return undefined;
}

/**
 * A standard as a row label that can never merge two meanings: "2.1 Assessment", "3.4 Joint
 * working (2018 framework)", "3.4 Out-of-court disposal policy and provision (2021 framework)",
 * "C2 Planning (2024 programme)".
 */
export function standardRowLabel(code: string, framework: string): string {
	if (framework === 'children-victims-2024') {
		const def = CV_STANDARDS.find((s) => s.code === code);
		return `${code} ${def?.name ?? ''} (2024 programme)`.replace('  ', ' ');
	}
	const fw = framework === 'yjs-2021' ? 'yjs-2021' : 'yos-2018';
	const def = STANDARDS[fw].find((s) => s.code === code);
	if (!def) return code;
	return code === '3.4' ? `3.4 ${def.name} (${fw === 'yjs-2021' ? '2021' : '2018'} framework)` : `${code} ${def.name}`;
}

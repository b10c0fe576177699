/**
 * Themes of inspection recommendations: a small, ordered rule set. The page renders this same
 * list as its method note, so what the page says and what the code does cannot differ.
 *
 * How a rule matches: any of its phrases appearing in the recommendation, ignoring case.
 * In a phrase, `*` stands for any word ending ("safeguard*" matches "safeguarding"), a space
 * matches spaces or a hyphen, a hyphen matches a hyphen, a space or nothing ("well-being"
 * matches "wellbeing"), and an apostrophe matches ' or ’. Phrases match whole words. A phrase in
 * capitals (an acronym such as "ETE") matches only in capitals, so "SEND" is not the verb.
 * A recommendation takes every theme whose rule matches, in the order below; "Other" only
 * when none does.
 */

export interface ThemeRule {
	theme: string;
	description: string;
	phrases: readonly string[];
}

export const OTHER = 'Other';

export const THEME_RULES: readonly ThemeRule[] = [
	{
		theme: 'Risk of harm to others',
		description: 'Assessing, planning for and managing the risk a child poses to other people (keeping other people safe).',
		phrases: [
			'risk of harm',
			'harm to others',
			'risk management',
			'management of risk*',
			'management of those risks',
			'public protection',
			'protect* the public',
			'MAPPA',
			'contingency planning'
		]
	},
	{
		theme: 'Safety and wellbeing',
		description:
			"The child's own safety and wellbeing: safeguarding, vulnerability, exploitation. Contingency planning counts here too, as HMIP asks for it for both kinds of safety.",
		phrases: [
			'safety and wellbeing',
			'well-being',
			'safeguard*',
			'child protection',
			"children's safety",
			"child's safety",
			'vulnerab*',
			'exploitation',
			'contingency planning'
		]
	},
	{
		theme: 'Desistance',
		description: 'Work that helps a child stop offending: assessment of needs and strengths, interventions, reoffending.',
		phrases: [
			'desist*',
			're-offend*',
			'offending behaviour',
			'assessment of need*',
			'needs of children',
			'needs of the child*',
			'intervention*',
			'protective factors',
			'strengths'
		]
	},
	{
		theme: 'Out-of-court disposals',
		description: 'Diversion and out-of-court work: cautions, community resolutions, decision-making panels, first-time entrants.',
		phrases: ['out-of-court', 'diversion', 'youth caution*', 'conditional caution*', 'community resolution*', 'first-time entra*', 'triage']
	},
	{
		theme: 'Resettlement',
		description: 'Custody and the return to the community after it, and the move to adult services.',
		phrases: ['resettle*', 'custody', 'custodial', 'release from', 'transition* to adult', 'secure estate']
	},
	{
		theme: 'Governance and partnerships',
		description: 'The management board, holding partner agencies to account, and joint working with partners such as the police.',
		phrases: ['board', 'governance', 'partner*', 'multi-agency', 'held to account', 'police', 'scrutinis*', 'scrutiniz*']
	},
	{
		theme: 'Workforce',
		description: 'Staff: training, involvement, recruitment and retention, caseloads.',
		phrases: ['staff*', 'workforce', 'refresher training', 'learning and development', 'recruit*', 'retention', 'caseload*', 'vacanc*']
	},
	{
		theme: 'Diversity and disproportionality',
		description: 'Equality and protected characteristics, and groups of children over- or under-represented in the system.',
		phrases: [
			'protected characteristic*',
			'characteristics protected',
			'Equality Act',
			'equalit*',
			'diversity',
			'disproportion*',
			'over-represent*',
			'under-represent*',
			'ethnic*',
			'race',
			'racial*',
			'racism',
			'discriminat*',
			'girls',
			'gender'
		]
	},
	{
		theme: "Children and families' voice",
		description: 'Participation: involving children and their parents or carers, hearing their views, services that are child-friendly.',
		phrases: [
			'involve* children',
			'involve* young people',
			'involve* parents',
			'involve* families',
			'participat*',
			'voice of the child',
			"children's views",
			'views of children',
			'means of expressing',
			'feedback from children',
			'listen* to children',
			'child-friendly',
			'co-produc*'
		]
	},
	{
		theme: 'Quality assurance and management oversight',
		description: 'Quality assurance, management oversight and escalation, performance and management information.',
		phrases: [
			'quality assurance',
			'management oversight',
			'oversight',
			'line management',
			'quality systems',
			'performance',
			'audit*',
			'escalat*',
			'management information',
			'case management system'
		]
	},
	{
		theme: 'Education, training and employment',
		description: 'Education, training and employment (ETE) for children, including school attendance and special educational needs.',
		phrases: ['ETE', 'NEET', 'SEND', 'EHCP', 'education*', 'training and employment', 'employment', 'school*', 'apprentice*']
	}
];

/** Every theme a recommendation can have, "Other" last. */
export const THEMES: readonly string[] = [...THEME_RULES.map((r) => r.theme), OTHER];

const WORD = /[A-Za-z0-9]/;

/** One phrase as a regular expression (see the module comment for the rules). */
export function phrasePattern(phrase: string): RegExp {
	let src = WORD.test(phrase[0]) ? '\\b' : '';
	for (const ch of phrase) {
		if (ch === '*') src += '\\w*';
		else if (ch === ' ') src += '[\\s-]+';
		else if (ch === '-') src += '[\\s-]?';
		else if (ch === "'" || ch === '’') src += "['’]";
		else src += ch.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
	}
	if (WORD.test(phrase[phrase.length - 1])) src += '\\b';
	const acronym = /^[A-Z0-9]{2,}$/.test(phrase);
	return new RegExp(src, acronym ? '' : 'i');
}

const COMPILED = THEME_RULES.map((r) => ({ theme: r.theme, patterns: r.phrases.map(phrasePattern) }));

/** The themes of one recommendation, in rule order; ["Other"] when no rule matches. */
export function classify(text: string): string[] {
	const themes = COMPILED.filter((r) => r.patterns.some((p) => p.test(text))).map((r) => r.theme);
	return themes.length ? themes : [OTHER];
}

/** The phrases of `rule` found in `text` (to explain a classification). */
export function matchedPhrases(rule: ThemeRule, text: string): string[] {
	return rule.phrases.filter((p) => phrasePattern(p).test(text));
}

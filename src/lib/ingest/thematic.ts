/**
 * The thematic recommendations document: for each thematic inspection, its recommendations
 * to youth offending partnerships, each with its addressee, the "lines of enquiry" a
 * partnership should ask itself and the "how do we know" evidence. The document mixes HTML
 * lists inside tab-separated cells, Markdown bullets, and cells continued on the next line.
 */
import type { Thematic, ThematicRecommendation, Warning } from '../schema/extracted';
import { clean, normaliseText } from './text';

interface Listed {
	title: string;
	year: number;
	noRecommendations: boolean;
}

const key = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

function stripTags(s: string): string {
	return clean(s.replace(/<\s*\/?\s*(li|p|br)\b[^<>]*>/gi, ' '));
}

/** Split a list cell into items at bullets; without bullets, at question marks. */
function items(text: string, { questions = false } = {}): string[] {
	const t = stripTags(text)
		.replace(/^suggested sources? of information:?/i, '')
		.trim();
	let parts = t.split('•');
	if (parts.length === 1 && questions) parts = t.split(/(?<=\?)\s+(?=[A-Z])/);
	return parts.map((p) => p.replace(/^suggested sources? of information:?/i, '').trim()).filter((p) => p.length > 1);
}

const ADDRESSEE = /^(?:in order to [^,]+,\s*)?(?:the\s+)?(.+?)\s+(?:should|will|must)\b/i;

function addresseeOf(text: string): string | undefined {
	const m = ADDRESSEE.exec(text.replace(/\*\*/g, ''));
	return m ? m[1].replace(/\*\*/g, '').trim() : undefined;
}

/** A recommendation from its text block: addressee clause, then bullet or numbered items. */
function recommendationOf(block: string): Omit<ThematicRecommendation, 'linesOfEnquiry' | 'evidence'> | undefined {
	const text = stripTags(block);
	if (!text) return undefined;
	const addressee = addresseeOf(text) ?? 'Not stated';
	const bullets = text
		.split('•')
		.map((s) => s.trim())
		.filter(Boolean);
	if (bullets.length > 1) return { addressee, text: bullets.slice(1).join('\n') };
	const numbered = text.split(/\s(?=\d\.\s)/);
	if (numbered.length > 1 && /:\s*$/.test(numbered[0])) {
		return {
			addressee,
			text: numbered
				.slice(1)
				.map((s) => s.replace(/^\d\.\s*/, '').trim())
				.join('\n')
		};
	}
	return { addressee, text };
}

function listedReports(lines: string[]): Listed[] {
	const listed: Listed[] = [];
	for (const line of lines) {
		const m = /^-\s+(.+?)\s+published(?: in)? (?:[A-Z][a-z]+ )?(\d{4})\.?([¹²³⁴⁵⁶⁷⁸⁹]*)\s*$/.exec(line.trim());
		if (m) listed.push({ title: m[1].trim(), year: Number(m[2]), noRecommendations: false });
		const mark = m?.[3];
		if (mark && lines.some((l) => l.startsWith(mark) && /did not contain any recommendations/i.test(l))) {
			listed[listed.length - 1].noRecommendations = true;
		}
	}
	return listed;
}

export function extractThematic(raw: string, warnings: Warning[]): Thematic[] {
	const lines = normaliseText(raw).split('\n');
	const listed = listedReports(lines);
	const out: Thematic[] = [];
	let current: Thematic | undefined;
	let mode: 'none' | 'rec' | 'table' | 'extra' = 'none';
	let recBlock: string[] = [];
	let left: string[] = [];
	let right: string[] = [];
	let extra: { addressee: string; items: string[] } | undefined;

	const section = (): Thematic => {
		if (current) return current;
		// Recommendations before any heading: the listed report just before the first headed one.
		const headed = lines
			.map(headingOf)
			.filter((h): h is string => !!h)
			.map(key);
		const firstHeaded = listed.findIndex((l) => headed.some((h) => h.startsWith(key(l.title).slice(0, 25))));
		const guess = listed
			.slice(0, firstHeaded < 0 ? listed.length : firstHeaded)
			.filter((l) => !l.noRecommendations && !headed.some((h) => h.startsWith(key(l.title).slice(0, 25))))
			.pop();
		current = { title: guess?.title ?? 'Untitled thematic inspection', year: guess?.year ?? 0, recommendations: [] };
		warnings.push({
			code: 'thematic-title-inferred',
			message: `Recommendations appear before the first thematic heading; attributed to "${current.title}" (${current.year || 'year unknown'}), the listed report that precedes the first headed one.`
		});
		out.push(current);
		return current;
	};
	const flushRec = () => {
		if (mode === 'rec' || mode === 'table') {
			// plain-text bullets ("- item") become list items like the HTML ones
			const rec = recommendationOf(recBlock.map((l) => l.replace(/^\s*-\s+/, '• ')).join(' '));
			if (rec) {
				section().recommendations.push({
					...rec,
					linesOfEnquiry: items(left.join(' '), { questions: true }),
					evidence: items(right.join(' '))
				});
			}
		}
		if (mode === 'extra' && extra && extra.items.length) {
			section().recommendations.push({ addressee: extra.addressee, text: extra.items.join('\n'), linesOfEnquiry: [], evidence: [] });
		}
		recBlock = [];
		left = [];
		right = [];
		extra = undefined;
		mode = 'none';
	};

	lines.forEach((line) => {
		const plain = stripTags(line);
		const heading = headingOf(line);
		if (heading) {
			flushRec();
			const { title, year } = titleAndYear(heading, listed);
			current = { title, year, recommendations: [] };
			out.push(current);
			return;
		}
		if (!current && !/^recommendations?$/i.test(plain) && mode === 'none') return; // preamble
		if (/^recommendations?$/i.test(plain)) {
			flushRec();
			mode = 'rec';
			return;
		}
		if (
			/^lines of enquiry\s+how do we know$/i.test(plain.replace(/\s+/g, ' ')) ||
			(/^lines of enquiry/i.test(plain) && /how do we know/i.test(plain))
		) {
			mode = 'table';
			return;
		}
		if (!line.trim() || /^[\s|:\-–—]+$/.test(line) || /^[¹²³⁴⁵⁶⁷⁸⁹]/.test(line.trim())) return;
		if (/additional recommendations|^no specific benchmarking|^<http/i.test(plain)) {
			flushRec();
			return;
		}
		if (mode === 'rec') {
			// a second "<addressee> should:" before any table starts a second recommendation
			if (recBlock.length && /^(?:the\s+)?.+?\s+(?:should|must)(?: ensure that)?:\s*$/i.test(plain)) {
				flushRec();
				mode = 'rec';
			}
			recBlock.push(line);
			return;
		}
		if (mode === 'table') {
			if (line.includes('\t') || /^\s*</.test(line) || /^\s*•/.test(line)) {
				const cells = line.split('\t');
				if (cells[0].trim()) left.push(cells[0]);
				if (cells.slice(1).join(' ').trim()) right.push(cells.slice(1).join(' '));
				return;
			}
			flushRec();
		}
		if (/^-\s*\*[^*]/.test(line.trim())) return; // italic editorial note
		const addressLine = /^(?:the\s+)?(.+?)\s+(?:should|must)(?: ensure that)?:?\s*$/i.exec(plain);
		if (addressLine && !/^[-•]/.test(plain)) {
			flushRec();
			mode = 'extra';
			extra = { addressee: addressLine[1].trim(), items: [] };
			return;
		}
		const bullet = /^-\s+(.*)$/.exec(line.trim());
		const subItem = /^\s+(?:\d+\.|-)\s+(.*)$/.exec(line);
		if (subItem && (mode === 'extra' || current?.recommendations.length)) {
			if (mode === 'extra' && extra?.items.length) extra.items[extra.items.length - 1] += ' ' + clean(subItem[1]);
			else if (current?.recommendations.length) {
				const last = current.recommendations[current.recommendations.length - 1];
				last.text += ' ' + clean(subItem[1]);
			}
			return;
		}
		if (bullet) {
			const text = clean(bullet[1]);
			if (mode === 'extra' && extra) extra.items.push(text);
			else {
				// a bullet naming its own addressee: "The **Police** will ..."
				flushRec();
				section().recommendations.push({ addressee: addresseeOf(bullet[1]) ?? 'Not stated', text, linesOfEnquiry: [], evidence: [] });
			}
			return;
		}
		if (mode === 'extra' && extra) {
			extra.items.push(plain);
			return;
		}
		if (addresseeOf(line) && current) {
			section().recommendations.push({ addressee: addresseeOf(line)!, text: plain, linesOfEnquiry: [], evidence: [] });
		}
	});
	flushRec();
	const result = out.filter((t) => t.recommendations.length > 0);
	for (const t of result) {
		if (!t.year) {
			warnings.push({ code: 'thematic-year-missing', message: `No year found for thematic "${t.title}".` });
		}
	}
	return result.filter((t) => t.year > 0);
}

function headingOf(line: string): string | undefined {
	if (line.includes('\t')) return undefined; // contents rows carry a page number
	const m = /^\s*Thematic(?: Inspection)?:\s*(.+?)\s*$/.exec(stripTags(line));
	return m?.[1];
}

function titleAndYear(heading: string, listed: Listed[]): { title: string; year: number } {
	const own = /\((?:published\s+)?(?:[A-Z][a-z]+\s+)?(\d{4})\)\s*$/.exec(heading);
	const title = heading.replace(/\s*\((?:published\s+)?(?:[A-Z][a-z]+\s+)?\d{4}\)\s*$/, '').trim();
	if (own) return { title, year: Number(own[1]) };
	const k = key(title);
	const hit = listed.find((l) => key(l.title).startsWith(k.slice(0, 40)) || k.startsWith(key(l.title).slice(0, 40)));
	return { title, year: hit?.year ?? 0 };
}

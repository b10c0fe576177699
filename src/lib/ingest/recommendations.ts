/**
 * Recommendations: the numbered list under the "Recommendations" heading, each under the
 * "The <body> should:" line that addresses it.
 */
import type { Recommendation, Warning } from '../schema/extracted';
import type { Row } from './text';
import { rowText, stripFootnotes } from './text';

const END = /^(introduction|background|contextual facts|context|\d\.\s+[A-Z]|annexe?\b|foreword|summary|executive summary|ratings?)\b/i;

export function extractRecommendations(rows: Row[], warnings: Warning[]): Recommendation[] {
	const start = rows.findIndex((r) => r.cells.length === 1 && /^recommendations:?$/i.test(r.cells[0].trim()));
	if (start < 0) return [];
	const out: Recommendation[] = [];
	let addressee: string | undefined;
	let last: Recommendation | undefined;
	for (const row of rows.slice(start + 1)) {
		if (!row.cells.length) continue;
		const text = stripFootnotes(rowText(row)).text;
		if (END.test(text) && !/^\d+\.\s+[a-z]/.test(text)) break;
		const who = /^(?:the\s+)?(.+?)\s+(?:should|must|will need to|needs to)(?: also)?:\s*$/i.exec(text);
		if (who) {
			addressee = who[1].trim();
			continue;
		}
		const item = /^(\d{1,2})[.)]\s+(.+)$/.exec(text);
		if (item && addressee) {
			const n = Number(item[1]);
			if (out.some((r) => r.n === n)) {
				warnings.push({ code: 'duplicate-recommendation', message: `Recommendation ${n} appears twice.`, line: row.n });
				continue;
			}
			last = { n, addressee, text: item[2].replace(/[.;]\s*$/, '').trim() };
			out.push(last);
			continue;
		}
		if (/^[-•]\s+/.test(text) && last) {
			last.text += '; ' + text.replace(/^[-•]\s+/, '').replace(/[.;]\s*$/, '');
		}
	}
	const expected = out.length;
	const stated = rows
		.slice(start, start + 6)
		.map(rowText)
		.join(' ');
	const m = /made (\w+) recommendations/i.exec(stated);
	if (m) {
		const words = [
			'zero',
			'one',
			'two',
			'three',
			'four',
			'five',
			'six',
			'seven',
			'eight',
			'nine',
			'ten',
			'eleven',
			'twelve',
			'thirteen',
			'fourteen',
			'fifteen'
		];
		const said = /^\d+$/.test(m[1]) ? Number(m[1]) : words.indexOf(m[1].toLowerCase());
		if (said >= 0 && said !== expected) {
			warnings.push({
				code: 'recommendation-count',
				message: `The report says it makes ${said} recommendations but ${expected} are listed.`,
				line: rows[start].n
			});
		}
	}
	return out;
}

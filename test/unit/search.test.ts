/**
 * Finding a service by any name it goes by (src/lib/search): the words both sides are reduced
 * to, the edit distance, and the index built from data/ answering what people type.
 */
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { openNodeEngine } from '../../src/lib/db/node';
import { searchIndex } from '../../src/lib/search/index';
import { editDistance, prepare, search, words, type PreparedEntry, type SearchEntry } from '../../src/lib/search/match';
import { WELSH_NAMES } from '../../src/lib/search/welsh-names';
import { ROOT, SHARED } from '../paths';

let entries: SearchEntry[];
let index: PreparedEntry[];
beforeAll(async () => {
	const db = await openNodeEngine(`${ROOT}/data`, ['authorities', 'inspections']);
	entries = await searchIndex(db);
	await db.close();
	index = prepare(entries);
});

const ids = (q: string) => search(index, q).map((h) => h.entry.id);
const first = (q: string) => ids(q)[0];

describe('words', () => {
	it('folds case, accents, "&", "St.", hyphens and apostrophes, and names of the kind of service', () => {
		expect(words('Gwynedd & Ynys Môn YJS')).toEqual(['gwynedd', 'and', 'ynys', 'mon', 'yjs']);
		expect(words('St. Helens')).toEqual(['saint', 'helens']);
		expect(words('Saint Helens')).toEqual(['saint', 'helens']);
		expect(words('Stockton-on-Tees Youth Offending Team')).toEqual(['stockton', 'on', 'tees', 'yot']);
		expect(words('Leeds Youth Justice Service')).toEqual(['leeds', 'yjs']);
		expect(words("Leicester City Children and Young People's Justice Service")).toContain('peoples');
		expect(words('  ')).toEqual([]);
	});
});

describe('editDistance', () => {
	it('counts insertions, deletions, substitutions and a swap of neighbours as one edit each', () => {
		expect(editDistance('camdn', 'camden')).toBe(1);
		expect(editDistance('leicster', 'leicester')).toBe(1);
		expect(editDistance('lambteh', 'lambeth')).toBe(1);
		expect(editDistance('kent', 'kent')).toBe(0);
		expect(editDistance('bury', 'derby')).toBe(3);
		expect(editDistance('', 'abc')).toBe(3);
		// stops counting past the limit
		expect(editDistance('abcdefgh', 'zyxwvuts', 1)).toBe(2);
	});
});

describe('the index from data/', () => {
	it('has every service once, with the names of its inspections and local authorities', () => {
		expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
		expect(entries.length).toBeGreaterThan(100);
		const leeds = entries.find((e) => e.id === 'leeds')!;
		expect(leeds.aliases).toContain('Leeds Youth Justice Service');
		const cheshire = entries.find((e) => e.id.startsWith('halton'))!;
		expect(cheshire.aliases).toEqual(expect.arrayContaining(['Cheshire YJS', 'Warrington']));
		expect(entries.find((e) => e.id === 'cardiff')!.aliases).toContain('Caerdydd');
	});

	it.each([
		['leeds yjs', 'leeds'],
		['Leeds YJS', 'leeds'],
		['Leeds YOT', 'leeds'],
		['leeds youth offending team', 'leeds'],
		['Leeds Youth Justice Service', 'leeds'],
		['camdn', 'camden'],
		['Caerdydd', 'cardiff'],
		['abertawe', 'swansea'],
		['Wrecsam', 'wrexham'],
		['ynys mon', 'gwynedd-and-isle-of-anglesey'],
		['Bury & Rochdale', 'bury-and-rochdale'],
		['bury and rochdale yjs', 'bury-and-rochdale'],
		['St. Helens', 'st-helens'],
		['saint helens', 'st-helens'],
		['southend on sea', 'southend-on-sea'],
		['Stoke on Trent', 'stoke-on-trent'],
		['stokeontrent', 'stoke-on-trent'],
		['swansea', 'swansea'],
		['york', 'york'],
		['west mercia', 'herefordshire-shropshire-worcestershire-and-telford-and-wrekin'],
		['telford', 'herefordshire-shropshire-worcestershire-and-telford-and-wrekin'],
		['warrington', 'halton-warrington-cheshire-east-and-cheshire-west-and-chester'],
		['cwm taf', 'merthyr-tydfil-and-rhondda-cynon-taf'],
		['leicster', 'leicester'],
		['hull', 'kingston-upon-hull'],
		['county durham', 'county-durham'],
		['durham', 'county-durham'],
		['tower hamlets', 'tower-hamlets-and-city-of-london'],
		['bradford yot', 'bradford']
	])('%s → %s first', (q, id) => {
		expect(first(q)).toBe(id);
	});

	it('keeps the rest apart: a place does not match its neighbours, and the part is not the whole', () => {
		expect(ids('leeds')).toEqual(['leeds']);
		expect(ids('camdn')).toEqual(['camden']);
		expect(ids('north yorkshire')).toEqual(['north-yorkshire']);
		// Swansea alone, then the joint service it was part of
		expect(ids('swansea')).toEqual(['swansea', 'swansea-and-bridgend']);
		expect(ids('zzzz')).toEqual([]);
		expect(ids('')).toEqual([]);
		expect(ids('YJS leeds')).toEqual(['leeds']);
	});

	it('a query of kind-of-service words alone finds the names that have them', () => {
		const yot = search(index, 'YOT');
		expect(yot.length).toBeGreaterThan(3);
		for (const h of yot) expect(words(h.matched)).toContain('yot');
		expect(yot.map((h) => h.entry.id)).toContain('bradford');
		expect(ids('youth offending team')).toEqual(yot.map((h) => h.entry.id));
	});

	it('says which name matched', () => {
		expect(search(index, 'caerdydd')[0].matched).toBe('Caerdydd');
		expect(search(index, 'cheshire yjs')[0].matched).toBe('Cheshire YJS');
	});
});

describe.runIf(existsSync(`${SHARED}/geo/wales-unitary-authorities.hexjson`))('Welsh names', () => {
	it("are the hex map's Welsh names, each under the English name the data uses", () => {
		const hexes = Object.values(JSON.parse(readFileSync(`${SHARED}/geo/wales-unitary-authorities.hexjson`, 'utf8')).hexes) as {
			n: string;
			en?: string;
		}[];
		const english = (en: string) => (en === 'Anglesey' ? 'Isle of Anglesey' : en);
		const withWelsh = hexes.filter((h) => h.en);
		for (const h of withWelsh) expect(WELSH_NAMES[english(h.en!)]).toContain(h.n);
		// and nothing else: each entry is a hexagon, by its English name or its Welsh one (Wrecsam has no English name there)
		for (const [en, cy] of Object.entries(WELSH_NAMES))
			expect(hexes.some((h) => (h.en && english(h.en) === en) || cy.includes(h.n))).toBe(true);
	});
});

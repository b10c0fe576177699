/**
 * The hex maps of ../shared/geo (Open Innovations' hexmaps, MIT licence: geo/LICENSE-hexmaps),
 * copied byte for byte into geo/ so that a clone of the project draws the map without
 * ../shared (test/unit/map.test.ts checks the copies against ../shared/geo when it is there).
 * One hex per English upper-tier authority (2020 boundaries) and per Welsh unitary authority,
 * in "odd-r" offset co-ordinates: column q, row r counting up from the south, odd rows pushed
 * half a hex east. The two files are separate grids: Wales is drawn west of England by moving
 * its grid (WALES_SHIFT), never by moving a hex within it.
 */
import { slug } from '../../ingest/header';
import englandFile from './geo/england-upper-tier-local-authorities-2020.json';
import walesFile from './geo/wales-unitary-authorities.json';

export interface Hex {
	/** the file's key: the ONS code in England (E06…, E08…, E09…, E10…), a local number in Wales */
	key: string;
	/** the English name as the file gives it ("Bristol, City of", "Cardiff") */
	name: string;
	/** the Welsh name where it differs ("Caerdydd") */
	welsh?: string;
	nation: 'England' | 'Wales';
	/** column and row on the one grid both nations are drawn on */
	q: number;
	r: number;
}

/**
 * Where Wales's grid sits on England's: rows up 2 (an even number, so the odd rows stay the
 * pushed ones) and columns 5 west, which puts Cardiff level with Bristol and Flintshire with
 * Shropshire, wholly west of England on every row, with no Welsh hex touching an English one
 * (test/unit/map.test.ts): the smallest such shift.
 */
export const WALES_SHIFT = { q: -5, r: 2 } as const;

interface HexFile {
	layout: string;
	hexes: Record<string, { n: string; en?: string; q: number; r: number }>;
}

function read(file: HexFile, nation: Hex['nation'], shift: { q: number; r: number }): Hex[] {
	if (file.layout !== 'odd-r') throw new Error(`hex map of ${nation}: expected the odd-r layout, found ${file.layout}`);
	return Object.entries(file.hexes).map(([key, h]) => ({
		key,
		name: h.en ?? h.n,
		...(h.en && h.en !== h.n ? { welsh: h.n } : {}),
		nation,
		q: h.q + shift.q,
		r: h.r + shift.r
	}));
}

export const HEXES: readonly Hex[] = [
	...read(englandFile as HexFile, 'England', { q: 0, r: 0 }),
	...read(walesFile as HexFile, 'Wales', WALES_SHIFT)
];

/**
 * A local authority's name as a key: the slug, with the ONS habit of writing "Bristol, City of"
 * and "Herefordshire, County of" undone (the data says "Bristol", "Herefordshire"). Nothing
 * fuzzy: two names are one authority only when this makes them equal, or an entry of ALIASES
 * says so.
 */
export function placeKey(name: string): string {
	const key = slug(name.replace(/,\s*(City|County) of\s*$/i, ''));
	return ALIASES[key] ?? key;
}

/**
 * Names the data and the map spell differently for the same authority, each checked by hand:
 * the Welsh file's English name for Ynys Môn is "Anglesey", the services' is "Isle of Anglesey";
 * the file gives Wrexham only its Welsh name, Wrecsam.
 */
const ALIASES: Record<string, string> = { 'isle-of-anglesey': 'anglesey', wrexham: 'wrecsam' };

/**
 * Authorities created after the map's 2020 boundaries, and the hex they are part of
 * (../shared/geo/README.md): Northamptonshire split in 2021, Cumbria in 2023. North Yorkshire
 * and Somerset became unitary in 2023 under the same names and need nothing here.
 */
export const SUCCESSORS: Record<string, readonly string[]> = {
	Northamptonshire: ['North Northamptonshire', 'West Northamptonshire'],
	Cumbria: ['Cumberland', 'Westmorland and Furness']
};

/** A short label for a hex: the first three letters of a one-word name, else the initials of its main words. */
export function abbreviation(name: string): string {
	const words = name
		.replace(/,\s*(City|County) of\s*$/i, '')
		.split(/[\s-]+/)
		.filter((w) => w && !/^(and|with|of|upon|on|the|in|y|ar)$/i.test(w));
	if (words.length === 1) return words[0].slice(0, 3);
	return words
		.slice(0, 3)
		.map((w) => w[0].toUpperCase())
		.join('');
}

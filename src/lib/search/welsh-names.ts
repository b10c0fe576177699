/**
 * Welsh names of the 22 local authorities of Wales, by the English name the data uses
 * (`authorities.local_authorities`), so that "Caerdydd" finds Cardiff and "Abertawe" Swansea.
 *
 * Source: the Welsh names (`n`) of `../shared/geo/wales-unitary-authorities.hexjson` (Open
 * Innovations hexmaps, MIT licence), which `test/unit/search.test.ts` checks this list against
 * when `../shared` is there. That file writes the names without accents or hyphens and in one
 * form each (Wrecsam with no English name beside it); the forms in common use the councils give themselves (Cyngor Sir Ddinbych, Sir
 * Benfro, Ynys Môn, Pen-y-bont ar Ogwr, Castell-nedd Port Talbot, Casnewydd, Sir Gâr) are
 * added beside them. Authorities whose Welsh and English names are the same (Gwynedd, Powys,
 * Conwy, Ceredigion, Torfaen, Blaenau Gwent, Rhondda Cynon Taf) need no entry.
 */
export const WELSH_NAMES: Readonly<Record<string, readonly string[]>> = {
	Cardiff: ['Caerdydd'],
	Swansea: ['Abertawe'],
	Newport: ['Dinas Casnewydd', 'Casnewydd'],
	Bridgend: ['Pen y bont ar Ogwr', 'Pen-y-bont ar Ogwr'],
	'Vale of Glamorgan': ['Bro Morgannwg'],
	Caerphilly: ['Caerffili'],
	'Merthyr Tydfil': ['Merthyr Tudful'],
	'Neath Port Talbot': ['Castell nedd Port Talbot', 'Castell-nedd Port Talbot'],
	Monmouthshire: ['Sir Fynwy'],
	Carmarthenshire: ['Sir Gaerfyrddin', 'Sir Gâr'],
	Pembrokeshire: ['Sir Penfro', 'Sir Benfro'],
	Denbighshire: ['Sir y Ddinbych', 'Sir Ddinbych'],
	Flintshire: ['Sir y Fflint'],
	Wrexham: ['Wrecsam'],
	'Isle of Anglesey': ['Ynys Mon', 'Ynys Môn']
};

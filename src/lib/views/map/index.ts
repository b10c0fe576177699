/** The map of services: data + chart for one set of filters (build time and browser alike). */
import type { Engine } from '../../db/types';
import type { Filters } from '../../filters';
import { hexMap } from './chart';
import { placeServices, type Placed } from './join';
import { mapData, type MapData } from './query';

export interface MapView {
	data: MapData;
	placed: Placed;
	charts: { map: string };
}

export async function buildMap(db: Engine, filters: Filters, document: Document): Promise<MapView> {
	const data = await mapData(db, filters);
	const placed = placeServices(data.rows);
	return { data, placed, charts: { map: hexMap(placed.hexes, { document }) } };
}

import type { Engine } from '../../db/types';
import type { Filters } from '../../filters';
import { services, type ServiceRow } from './query';

export interface ServicesView {
	rows: ServiceRow[];
	charts: Record<string, never>;
}

export async function buildServices(db: Engine, filters: Filters): Promise<ServicesView> {
	return { rows: await services(db, filters), charts: {} };
}

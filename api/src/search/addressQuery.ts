import type { Knex } from 'knex';
import type { Dataset, PrivacyClass } from '@kbs/core';
import { bboxJson, rowsAs } from './sqlFragments';

/** The address cascade of Turkish city guides: mahalle → street → door number → the building. */

export interface AddressSources {
  neighbourhoods: Dataset;
  streets: Dataset;
  addresses: Dataset;
  clearance: PrivacyClass;
}

/** The columns the cascade reads of each dataset: the caller must be allowed to see them all. */
export const ADDRESS_COLUMNS: Record<'neighbourhoods' | 'streets' | 'addresses', string[]> = {
  neighbourhoods: ['uavt_code', 'name'],
  streets: ['id', 'name', 'kind', 'uavt_code'],
  addresses: ['id', 'street_id', 'door_number'],
};

export interface AddressMahalle {
  uavt_code: string;
  name: string;
  streets: number;
  bbox: Bbox;
}

export interface AddressStreet {
  id: string;
  name: string;
  kind: string | null;
  doors: number;
  bbox: Bbox;
}

export interface AddressDoor {
  id: string;
  door_number: string;
  point: [number, number];
}

type Bbox = [number, number, number, number];
const bbox = (values: unknown[]) => values.map(Number) as Bbox;

/** Names in Turkish alphabetical order, numbers by value ("2. Sokak" before "10. Sokak"; Ç after C). */
const turkishOrder = new Intl.Collator('tr', { numeric: true, sensitivity: 'base' });

/** Door numbers by number, then as written: 12, 12A, 12/1, 14. */
export function compareDoors(a: string, b: string): number {
  return (Number.parseInt(a, 10) - Number.parseInt(b, 10)) || turkishOrder.compare(a, b);
}

/** The mahalle that have streets, with their street counts. */
export async function addressNeighbourhoods(knex: Knex, sources: AddressSources): Promise<AddressMahalle[]> {
  const n = rowsAs(sources.neighbourhoods, sources.clearance, 'n');
  const s = rowsAs(sources.streets, sources.clearance, 's');
  const { rows } = await knex.raw<{ rows: AddressMahalle[] }>(`
SELECT n.uavt_code, n.name, count(*)::int AS streets, ${bboxJson('n.geom')} AS bbox
FROM ${n.sql} JOIN ${s.sql} ON s.uavt_code = n.uavt_code
GROUP BY n.uavt_code, n.name, n.geom`, [...n.bindings, ...s.bindings]);
  return rows.map((r) => ({ ...r, bbox: bbox(r.bbox) })).sort((a, b) => turkishOrder.compare(a.name, b.name));
}

/** A mahalle's name, or null when there is no such mahalle. */
export async function neighbourhoodName(knex: Knex, sources: AddressSources, uavtCode: string): Promise<string | null> {
  const n = rowsAs(sources.neighbourhoods, sources.clearance, 'n');
  const { rows } = await knex.raw<{ rows: { name: string }[] }>(`SELECT n.name FROM ${n.sql} WHERE n.uavt_code = ?`, [...n.bindings, uavtCode]);
  return rows[0]?.name ?? null;
}

/** The streets of a mahalle with the number of doors on each (indexes: streets by mahalle, addresses by street). */
export async function streetsOf(knex: Knex, sources: AddressSources, uavtCode: string): Promise<AddressStreet[]> {
  const s = rowsAs(sources.streets, sources.clearance, 's');
  const a = rowsAs(sources.addresses, sources.clearance, 'a');
  const { rows } = await knex.raw<{ rows: AddressStreet[] }>(`
SELECT s.id, s.name, s.kind, (SELECT count(*)::int FROM ${a.sql} WHERE a.street_id = s.id) AS doors, ${bboxJson('s.geom')} AS bbox
FROM ${s.sql}
WHERE s.uavt_code = ?`, [...a.bindings, ...s.bindings, uavtCode]);
  return rows.map((r) => ({ ...r, bbox: bbox(r.bbox) })).sort((x, y) => turkishOrder.compare(x.name, y.name) || x.id.localeCompare(y.id));
}

/** A street with its mahalle, or null when there is no such street. */
export async function streetById(knex: Knex, sources: AddressSources, id: string): Promise<{ id: string; name: string; uavt_code: string | null } | null> {
  const s = rowsAs(sources.streets, sources.clearance, 's');
  const { rows } = await knex.raw<{ rows: { id: string; name: string; uavt_code: string | null }[] }>(`SELECT s.id, s.name, s.uavt_code FROM ${s.sql} WHERE s.id = ?`, [...s.bindings, id]);
  return rows[0] ?? null;
}

/** The doors of a street, each with its building's position. */
export async function doorsOf(knex: Knex, sources: AddressSources, streetId: string): Promise<AddressDoor[]> {
  const a = rowsAs(sources.addresses, sources.clearance, 'a');
  const { rows } = await knex.raw<{ rows: { id: string; door_number: string; lon: number; lat: number }[] }>(`
SELECT a.id, a.door_number, round(ST_X(a.geom)::numeric, 6)::float8 AS lon, round(ST_Y(a.geom)::numeric, 6)::float8 AS lat
FROM ${a.sql}
WHERE a.street_id = ?`, [...a.bindings, streetId]);
  return rows
    .map((r) => ({ id: r.id, door_number: r.door_number, point: [r.lon, r.lat] as [number, number] }))
    .sort((x, y) => compareDoors(x.door_number, y.door_number) || x.id.localeCompare(y.id));
}

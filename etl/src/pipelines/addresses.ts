import { turkishUpper } from '@kbs/core';
import { checkedPoint } from '../coordinates';
import { readSource } from '../readers';
import { loadNeighbourhoodMatcher, matchByPosition, positionDisagreements, type NeighbourhoodMatcher } from '../matching';
import type { Pipeline } from './types';
import { text } from './values';

const LINEAR = new Set(['LineString', 'MultiLineString']);
const STREET_KINDS = new Set(['cadde', 'sokak', 'bulvar', 'meydan', 'yol']);
/** Door numbers as UAVT writes them: "12", "12A", "14/1", "14/1B", "3-5". */
const DOOR_NUMBER = /^\d{1,5}(?:[A-ZÇĞİÖŞÜ]|\/\d{1,4}[A-ZÇĞİÖŞÜ]?|-\d{1,5})?$/;

/** The mahalle a record names: its UAVT code, else its name (Turkish-aware, former names too). */
function mahalleOf(values: Record<string, unknown>, neighbourhoods: NeighbourhoodMatcher): string | null | undefined {
  const code = text(values.uavt_code);
  if (code) return neighbourhoods.hasCode(code) ? code : undefined;
  const name = text(values.mahalle);
  return name ? neighbourhoods.byName(name) ?? undefined : null;
}

/** Streets of each mahalle (UAVT: a street crossing a boundary is one record per mahalle). */
export const streetsPipeline: Pipeline<NeighbourhoodMatcher> = {
  targets: ['streets'],
  read: readSource,
  prepare: ({ knex }) => loadNeighbourhoodMatcher(knex),
  transform(record, neighbourhoods) {
    const v = record.values;
    const id = text(v.street_id);
    const name = text(v.name);
    const kind = text(v.kind)?.toLocaleLowerCase('tr-TR');
    if (!id) return { reject: 'street_id is required' };
    if (!name) return { reject: 'name is required' };
    if (kind !== undefined && !STREET_KINDS.has(kind)) return { reject: `kind "${kind}" is not one of ${[...STREET_KINDS].join(', ')}` };
    if (!record.geometry || !LINEAR.has(record.geometry.type)) return { reject: 'geometry must be a LineString or MultiLineString' };
    const uavtCode = mahalleOf(v, neighbourhoods);
    if (uavtCode === undefined) return { reject: `mahalle "${String(v.uavt_code ?? v.mahalle)}" is not a mahalle of the district` };
    return { rows: { streets: [{ id, name, kind: kind ?? null, uavt_code: uavtCode, geom: record.geometry }] } };
  },
};

interface AddressesState {
  streets: Map<string, { name: string; uavtCode: string | null }>;
}

/** Building addresses: a door number on a loaded street, at the building's position. */
export const addressesPipeline: Pipeline<AddressesState> = {
  targets: ['addresses'],
  read: readSource,
  async prepare({ knex }) {
    const rows: { id: string; name: string; uavt_code: string | null }[] = await knex('public.streets').select('id', 'name', 'uavt_code');
    return { streets: new Map(rows.map((r) => [r.id, { name: r.name, uavtCode: r.uavt_code }])) };
  },
  transform(record, { streets }) {
    const v = record.values;
    const id = text(v.address_id);
    const streetId = text(v.street_id);
    const door = text(v.door_number)?.replace(/\s+/g, '');
    if (!id) return { reject: 'address_id is required' };
    const street = streetId ? streets.get(streetId) : undefined;
    if (!street) return { reject: `street_id "${streetId ?? ''}" is not a loaded street` };
    const doorNumber = door ? turkishUpper(door) : undefined;
    if (!doorNumber || !DOOR_NUMBER.test(doorNumber)) return { reject: `door_number "${door ?? ''}" is not a door number (12, 12A, 14/1)` };
    const position = checkedPoint(v.latitude, v.longitude);
    if ('reject' in position) return { reject: position.reject };
    const uavtCode = text(v.uavt_code);
    if (uavtCode && street.uavtCode && uavtCode !== street.uavtCode) return { reject: `street ${streetId} is in mahalle ${street.uavtCode}, not ${uavtCode}` };
    // The street's own name: an address row's spelling of it may differ ("İNÖNÜ CD.").
    return {
      rows: { addresses: [{ id, uavt_code: street.uavtCode, street_id: streetId, street_name: street.name, door_number: doorNumber, geom: position.point }] },
      ...(position.swapped ? { notes: ['latitude and longitude swapped'] } : {}),
    };
  },
  async finalise(knex, _dataset, partition) {
    return matchByPosition(knex, partition);
  },
  async check(knex, _dataset, partition) {
    return positionDisagreements(knex, partition);
  },
};

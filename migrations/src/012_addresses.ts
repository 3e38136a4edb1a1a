import type { Knex } from 'knex';
import { createVersionedTable, dropVersionedTable } from './versionedTable';

export const name = '012_addresses';

/**
 * The address register (UAVT's shape): streets of each mahalle and the door numbers of buildings along
 * them, for the web map's address search (mahalle → street → door).
 *
 * Indexes for the questions asked of them: a mahalle's streets, a street's doors, and street names by
 * word prefix (a GIN index over the Turkish-folded words, so "inonu" finds "İnönü Caddesi"; the search
 * builds the same expression). Indexes on the parent are built on every loaded version's partition.
 */
export async function up(knex: Knex): Promise<void> {
  await createVersionedTable(knex, 'streets', [
    ['id', 'text NOT NULL'],
    ['name', 'text NOT NULL'],
    ['kind', 'text'],
    ['uavt_code', 'text'],
    ['geom', 'geometry(MultiLineString, 4326) NOT NULL'],
  ], ['id']);
  await createVersionedTable(knex, 'addresses', [
    ['id', 'text NOT NULL'],
    ['uavt_code', 'text'],
    ['street_id', 'text NOT NULL'],
    ['street_name', 'text NOT NULL'],
    ['door_number', 'text NOT NULL'],
    ['geom', 'geometry(Point, 4326) NOT NULL'],
  ], ['id']);
  await knex.raw(`
CREATE INDEX streets_uavt_code ON data.streets (uavt_code);
CREATE INDEX streets_name_words ON data.streets USING gin (to_tsvector('simple'::regconfig, portal.fold_turkish(name)));
CREATE INDEX addresses_street_id ON data.addresses (street_id);`);
}

export async function down(knex: Knex): Promise<void> {
  await dropVersionedTable(knex, 'addresses');
  await dropVersionedTable(knex, 'streets');
}

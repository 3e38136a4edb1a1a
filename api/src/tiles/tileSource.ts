import type { Knex } from 'knex';
import type { Database, Dataset, PrivacyClass } from '@kbs/core';
import { encodePortableLayer, type PortableRow } from './portableEncoder';
import { buildNativeTileQuery, buildPortableTileQuery, type TileAddress } from './tileQuery';

/** One layer of one tile as protobuf bytes (what `clearance` may read), or null when the layer has no feature there. */
export type LayerEncoder = (knex: Knex, dataset: Dataset, clearance: PrivacyClass, layer: string, tile: TileAddress) => Promise<Uint8Array | null>;

export const nativeEncoder: LayerEncoder = async (knex, dataset, clearance, layer, tile) => {
  const q = buildNativeTileQuery(dataset, clearance, layer, tile);
  const { rows } = await knex.raw<{ rows: { tile: Buffer | null }[] }>(q.sql, q.bindings);
  const bytes = rows[0]?.tile;
  return bytes && bytes.length > 0 ? new Uint8Array(bytes) : null;
};

export const portableEncoder: LayerEncoder = async (knex, dataset, clearance, layer, tile) => {
  const q = buildPortableTileQuery(dataset, clearance, tile);
  const { rows } = await knex.raw<{ rows: PortableRow[] }>(q.sql, q.bindings);
  return encodePortableLayer(layer, rows);
};

/** ST_AsMVT where PostGIS has protobuf (a real server), the portable encoder where not (PGlite). */
export async function chooseEncoder(db: Database): Promise<{ name: 'native' | 'portable'; encode: LayerEncoder }> {
  try {
    await db.knex.raw("SELECT ST_AsMVT(t, 'probe') FROM (SELECT 1 AS a, ST_AsMVTGeom(ST_Point(0, 0, 3857), ST_TileEnvelope(0, 0, 0)) AS geom) t");
    return { name: 'native', encode: nativeEncoder };
  } catch {
    return { name: 'portable', encode: portableEncoder };
  }
}

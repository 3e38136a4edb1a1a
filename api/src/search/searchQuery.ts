import type { Knex } from 'knex';
import { visibleColumns, type Dataset, type PrivacyClass } from '@kbs/core';
import { bboxJson, rowsAs } from './sqlFragments';
import { prefixQuery, type SearchTerms } from './searchTerms';

export type SearchKind = 'neighbourhood' | 'street' | 'facility' | 'address';

export interface SearchResult {
  kind: SearchKind;
  id: string;
  /** The name to show ("İnönü Caddesi No: 12" for an address). */
  name: string;
  /** A facility's category, an address's door number; else null. */
  detail: string | null;
  uavt_code: string | null;
  /** The mahalle's name, null when unknown. */
  mahalle: string | null;
  /** [west, south, east, north], WGS84. */
  bbox: [number, number, number, number];
  /** Where to land: the point itself, a point on the street's line, a point inside the mahalle. */
  point: [number, number];
}

/** The datasets a search reads, each only when the caller may see it and the columns a branch reads. */
export interface SearchSources {
  neighbourhoods: Dataset | null;
  facilities: Dataset | null;
  streets: Dataset | null;
  addresses: Dataset | null;
}

/** The columns each dataset's branch reads: a branch whose columns the caller may not all see is left out. */
export const SEARCH_COLUMNS: Record<keyof SearchSources, string[]> = {
  neighbourhoods: ['uavt_code', 'name', 'former_names'],
  facilities: ['id', 'name', 'category', 'uavt_code'],
  streets: ['id', 'name', 'uavt_code'],
  addresses: ['id', 'street_id', 'door_number'],
};

/** The dataset when the caller may read every column `columns` names of it; else null. */
export function readableFor(dataset: Dataset | null, clearance: PrivacyClass, columns: string[]): Dataset | null {
  if (!dataset) return null;
  const visible = new Set(visibleColumns(dataset, clearance).map((c) => c.name));
  return columns.every((c) => visible.has(c)) ? dataset : null;
}

const FOLDED_WORDS = (column: string) => `to_tsvector('simple'::regconfig, portal.fold_turkish(${column}))`;
const POINT = (g: string) => `json_build_array(round(ST_X(${g})::numeric, 6), round(ST_Y(${g})::numeric, 6))`;
/** Names equal to the query first, then names that begin with it, then the rest. */
const RANK = (name: string) => `CASE WHEN portal.fold_turkish(${name}) = q.phrase THEN 0 WHEN portal.fold_turkish(${name}) LIKE q.phrase || '%' THEN 1 ELSE 2 END`;

interface Branch {
  sql: string;
  bindings: Knex.RawBinding[];
}

/**
 * Mahalle (by current and former names), facilities and streets whose words begin with the query's
 * words, and — when the query ends in a door number — the buildings with that number on the matching
 * streets (street or mahalle words). Turkish letters are folded on both sides ("inonu" finds "İnönü");
 * street names match through the GIN index of migration 012. Each dataset is read through
 * `visibleRows`, and only when `sources` holds it (the caller may see it).
 */
export async function search(knex: Knex, sources: SearchSources, terms: SearchTerms, limit: number, clearance: PrivacyClass): Promise<SearchResult[]> {
  const { neighbourhoods, facilities, streets, addresses } = sources;
  const branches: Branch[] = [];
  const from = (dataset: Dataset, alias: string): Branch => rowsAs(dataset, clearance, alias);
  // The mahalle's name beside each result, when the mahalle are visible to the caller.
  const mahalleJoin = (alias: string): Branch => {
    if (!neighbourhoods) return { sql: 'LEFT JOIN (SELECT NULL::text AS uavt_code, NULL::text AS name) n ON false', bindings: [] };
    const n = from(neighbourhoods, 'n');
    return { sql: `LEFT JOIN ${n.sql} ON n.uavt_code = ${alias}.uavt_code`, bindings: n.bindings };
  };
  const words = prefixQuery(terms.words);

  if (neighbourhoods && terms.words.length) {
    const n = from(neighbourhoods, 'm');
    branches.push({
      sql: `SELECT 'neighbourhood' AS kind, 0 AS kind_order, ${RANK('m.name')} AS rank, m.uavt_code AS id, m.name, NULL::text AS detail, m.uavt_code, m.name AS mahalle,
  ${bboxJson('m.geom')} AS bbox, ${POINT('ST_PointOnSurface(m.geom)')} AS point
FROM ${n.sql}, q
WHERE ${FOLDED_WORDS("m.name || ' ' || array_to_string(m.former_names, ' ')")} @@ to_tsquery('simple', ?)`,
      bindings: [...n.bindings, words],
    });
  }
  if (streets && terms.words.length) {
    const s = from(streets, 's');
    const join = mahalleJoin('s');
    branches.push({
      sql: `SELECT 'street', 1, ${RANK('s.name')}, s.id, s.name, NULL::text, s.uavt_code, n.name,
  ${bboxJson('s.geom')}, ${POINT('ST_ClosestPoint(s.geom, ST_Centroid(s.geom))')}
FROM ${s.sql} ${join.sql}, q
WHERE ${FOLDED_WORDS('s.name')} @@ to_tsquery('simple', ?)`,
      bindings: [...s.bindings, ...join.bindings, words],
    });
  }
  if (facilities && terms.words.length) {
    const f = from(facilities, 'f');
    const join = mahalleJoin('f');
    branches.push({
      sql: `SELECT 'facility', 2, ${RANK('f.name')}, f.id, f.name, f.category, f.uavt_code, n.name,
  ${bboxJson('f.geom')}, ${POINT('f.geom')}
FROM ${f.sql} ${join.sql}, q
WHERE ${FOLDED_WORDS('f.name')} @@ to_tsquery('simple', ?)`,
      bindings: [...f.bindings, ...join.bindings, words],
    });
  }
  if (streets && addresses && terms.address) {
    const s = from(streets, 's');
    const a = from(addresses, 'a');
    const join = mahalleJoin('s');
    // "12" finds 12, 12A and 12/1; "12a" or "14/1" only that door.
    const plain = /^\d+$/.test(terms.address.door);
    branches.push({
      sql: `SELECT 'address', 3, CASE WHEN lower(a.door_number) = ? THEN 0 ELSE 1 END, a.id, s.name, a.door_number, s.uavt_code, n.name,
  ${bboxJson('a.geom')}, ${POINT('a.geom')}
FROM ${s.sql} JOIN ${a.sql} ON a.street_id = s.id ${join.sql}, q
WHERE ${FOLDED_WORDS("s.name || ' ' || coalesce(n.name, '')")} @@ to_tsquery('simple', ?)
  AND ${plain ? "substring(a.door_number from '^[0-9]+') = ?" : 'portal.fold_turkish(a.door_number) = ?'}`,
      bindings: [terms.address.door, ...s.bindings, ...a.bindings, ...join.bindings, prefixQuery(terms.address.words), terms.address.door],
    });
  }
  if (branches.length === 0) return [];

  const { rows } = await knex.raw<{ rows: (Omit<SearchResult, 'name'> & { name: string; kind_order: number; rank: number })[] }>(`
WITH q AS (SELECT ?::text AS phrase)
SELECT kind, id, name, detail, uavt_code, mahalle, bbox, point
FROM (
${branches.map((b) => b.sql).join('\nUNION ALL\n')}
) r(kind, kind_order, rank, id, name, detail, uavt_code, mahalle, bbox, point)
ORDER BY rank, kind_order, length(name), name, detail, id
LIMIT ?`, [terms.phrase, ...branches.flatMap((b) => b.bindings), limit]);
  return rows.map((r) => ({
    kind: r.kind,
    id: r.id,
    name: r.kind === 'address' ? `${r.name} No: ${r.detail}` : r.name,
    detail: r.detail,
    uavt_code: r.uavt_code,
    mahalle: r.mahalle,
    bbox: r.bbox.map(Number) as SearchResult['bbox'],
    point: r.point.map(Number) as SearchResult['point'],
  }));
}

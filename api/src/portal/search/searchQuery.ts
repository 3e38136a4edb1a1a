import type { Knex } from 'knex';
import type { PrivacyClass } from '@kbs/core';
import type { SearchWord } from './searchWords';

/** What a search can be narrowed by and counted on (the facets). */
export const FACET_KEYS = ['theme', 'publisher', 'keyword', 'licence', 'frequency', 'spatial'] as const;
export type FacetKey = (typeof FACET_KEYS)[number];

/** One condition: the field takes one of `values` (a keyword: the dataset has one of them). Conditions are ANDed. */
export interface SearchCondition {
  field: FacetKey | 'id';
  values: string[];
}

export const SORT_KEYS = ['score', 'modified', 'created', 'title', 'id', 'downloads', 'views'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface SearchSort {
  key: SortKey;
  direction: 'asc' | 'desc';
}

export interface SearchRequest {
  /** The caller's clearance: the public sees published public datasets, staff what their clearance covers. */
  clearance: PrivacyClass;
  words: SearchWord[];
  conditions: SearchCondition[];
  sort: SearchSort[];
  offset: number;
  limit: number;
  facets: readonly FacetKey[];
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchResult {
  total: number;
  hits: { id: string; score: number }[];
  facets: Partial<Record<FacetKey, FacetCount[]>>;
}

// Expressions from fixed tables only: no caller text reaches the SQL but as a bound value.
const FIELD_SQL: Record<Exclude<SearchCondition['field'], 'keyword'>, string> = {
  id: 'd.id',
  theme: 'd.theme',
  publisher: 'd.publisher',
  licence: 'd.licence',
  frequency: 'd.update_frequency',
  spatial: "(CASE WHEN d.geometry_type IS NULL THEN 'false' ELSE 'true' END)",
};

const SORT_SQL: Record<SortKey, string> = {
  score: 'm.score',
  modified: 'm.updated_at',
  created: 'm.created_at',
  title: 'portal.fold_turkish(m.title_tr)',
  id: 'm.id',
  downloads: 'coalesce(u.downloads, 0)',
  views: 'coalesce(u.views, 0)',
};

const FACET_SQL: Record<FacetKey, string> = {
  theme: 'SELECT theme, count(*) FROM matched GROUP BY 1',
  publisher: 'SELECT publisher, count(*) FROM matched GROUP BY 1',
  // A keyword listed twice in one dataset counts once.
  keyword: 'SELECT k, count(*) FROM matched, LATERAL (SELECT DISTINCT unnest(matched.keywords)) AS t(k) GROUP BY 1',
  licence: 'SELECT licence, count(*) FROM matched GROUP BY 1',
  frequency: 'SELECT update_frequency, count(*) FROM matched GROUP BY 1',
  spatial: "SELECT CASE WHEN spatial THEN 'true' ELSE 'false' END, count(*) FROM matched GROUP BY 1",
};

/**
 * The tsquery of the words: each word as (stemmed-then-folded:* | folded-then-stemmed:*), words ANDed.
 * Prefix matching lets "nufus" find "nüfusu" even where the stemmer cuts differently; stop words
 * (both forms empty) drop out. NULL when nothing is left: no text condition.
 */
const QUERY_CTE = `q AS (
  SELECT to_tsquery('simple', string_agg('(' || array_to_string(forms, ':* | ') || ':*)', ' & ' ORDER BY n)) AS query
  FROM (
    SELECT n, ARRAY(SELECT DISTINCT f FROM unnest(ARRAY[
             portal.fold_turkish((tsvector_to_array(to_tsvector('turkish', w.lower)))[1]),
             (tsvector_to_array(to_tsvector('turkish', w.folded)))[1]]) AS f
           WHERE f ~ '^[a-z0-9]+$' ORDER BY f) AS forms
    FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS w(lower, folded, n)
  ) words
  WHERE cardinality(forms) > 0
)`;

function baseQuery(request: SearchRequest): { sql: string; bindings: Knex.RawBinding[] } {
  const bindings: Knex.RawBinding[] = [request.words.map((w) => w.lower), request.words.map((w) => w.folded)];
  const isPublic = request.clearance === 'public';
  const cleared = isPublic ? [] : request.clearance === 'internal' ? ['public', 'internal'] : ['public', 'internal', 'personal'];
  const where = ["((?::boolean AND d.published AND d.access = 'public') OR d.access = ANY(?::text[]))", '(q.query IS NULL OR s.document @@ q.query)'];
  bindings.push(isPublic, cleared);
  for (const condition of request.conditions) {
    if (condition.field === 'keyword') where.push('d.keywords && ?::text[]');
    else where.push(`${FIELD_SQL[condition.field]} = ANY(?::text[])`);
    bindings.push(condition.values);
  }
  return {
    sql: `WITH ${QUERY_CTE},
matched AS MATERIALIZED (
  SELECT d.id, d.title_tr, d.updated_at, d.created_at, d.theme, d.publisher, d.keywords, d.licence, d.update_frequency,
         d.geometry_type IS NOT NULL AS spatial,
         CASE WHEN q.query IS NULL THEN 1 ELSE ts_rank(s.document, q.query) END AS score
  FROM catalog.datasets d
  JOIN portal.search_documents s ON s.dataset_id = d.id
  LEFT JOIN q ON true
  WHERE ${where.join('\n    AND ')}
)`,
    bindings,
  };
}

/** The bare SQL of one search page (the benchmark times it as the floor). */
export function buildHitsQuery(request: SearchRequest): { sql: string; bindings: Knex.RawBinding[] } {
  const base = baseQuery(request);
  const usage = request.sort.some((s) => s.key === 'downloads' || s.key === 'views');
  const order = [...request.sort.map((s) => `${SORT_SQL[s.key]} ${s.direction === 'asc' ? 'ASC' : 'DESC'}`), 'm.id ASC'].join(', ');
  return {
    sql: `${base.sql}
SELECT m.id, m.score::float8 AS score
FROM matched m
${usage ? 'LEFT JOIN (SELECT dataset_id, sum(downloads) AS downloads, sum(views) AS views FROM portal.usage GROUP BY dataset_id) u ON u.dataset_id = m.id' : ''}
ORDER BY ${order}
LIMIT ? OFFSET ?`,
    bindings: [...base.bindings, request.limit, request.offset],
  };
}

/** The bare SQL of the total and the facet counts of one search. */
export function buildFacetsQuery(request: SearchRequest): { sql: string; bindings: Knex.RawBinding[] } {
  const base = baseQuery(request);
  const parts = ["SELECT 'total' AS facet, NULL::text AS value, count(*)::int AS n FROM matched"];
  for (const key of request.facets) parts.push(`SELECT ?::text, f.* FROM (${FACET_SQL[key]}) AS f`);
  return { sql: `${base.sql}\n${parts.join('\nUNION ALL\n')}`, bindings: [...base.bindings, ...request.facets] };
}

/** One page of matching dataset ids with their relevance, the total, and the requested facet counts. */
export async function searchDatasets(knex: Knex, request: SearchRequest): Promise<SearchResult> {
  const hitsQuery = buildHitsQuery(request);
  const facetsQuery = buildFacetsQuery(request);
  const [hits, counts] = await Promise.all([
    request.limit > 0 ? knex.raw<{ rows: { id: string; score: number }[] }>(hitsQuery.sql, hitsQuery.bindings) : { rows: [] },
    knex.raw<{ rows: { facet: string; value: string | null; n: number }[] }>(facetsQuery.sql, facetsQuery.bindings),
  ]);
  const facets: Partial<Record<FacetKey, FacetCount[]>> = {};
  for (const key of request.facets) facets[key] = [];
  let total = 0;
  for (const row of counts.rows) {
    if (row.facet === 'total') total = Number(row.n);
    else if (row.value !== null) facets[row.facet as FacetKey]!.push({ value: row.value, count: Number(row.n) });
  }
  for (const list of Object.values(facets)) list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, 'tr'));
  return { total, hits: hits.rows.map((r) => ({ id: r.id, score: Number(r.score) })), facets };
}

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
  score: 'score',
  modified: 'd.updated_at',
  created: 'd.created_at',
  title: 'portal.fold_turkish(d.title_tr)',
  id: 'd.id',
  downloads: 'coalesce(u.downloads, 0)',
  views: 'coalesce(u.views, 0)',
};

/** Facets that are one column each: counted in one pass with GROUPING SETS. */
const SCALAR_FACETS: Record<Exclude<FacetKey, 'keyword'>, string> = {
  theme: 'theme',
  publisher: 'publisher',
  licence: 'licence',
  frequency: 'update_frequency',
  spatial: 'spatial',
};

/**
 * The tsquery of the words: each word as (stemmed-then-folded:* | folded-then-stemmed:*), words ANDed.
 * Prefix matching lets "nufus" find "nüfusu" even where the stemmer cuts differently; stop words
 * (both forms empty) drop out. NULL when nothing is left: no text condition. Run on its own so that
 * the search itself gets the tsquery as a bound value, which the planner can take to the GIN index.
 */
export function buildTextQuery(words: SearchWord[]): { sql: string; bindings: Knex.RawBinding[] } {
  return {
    sql: `SELECT to_tsquery('simple', string_agg('(' || array_to_string(forms, ':* | ') || ':*)', ' & ' ORDER BY n))::text AS query
FROM (
  SELECT n, ARRAY(SELECT DISTINCT f FROM unnest(ARRAY[
           portal.fold_turkish((tsvector_to_array(to_tsvector('turkish', w.lower)))[1]),
           (tsvector_to_array(to_tsvector('turkish', w.folded)))[1]]) AS f
         WHERE f ~ '^[a-z0-9]+$' ORDER BY f) AS forms
  FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS w(lower, folded, n)
) words
WHERE cardinality(forms) > 0`,
    bindings: [words.map((w) => w.lower), words.map((w) => w.folded)],
  };
}

export async function textQuery(knex: Knex, words: SearchWord[]): Promise<string | null> {
  if (words.length === 0) return null;
  const { sql, bindings } = buildTextQuery(words);
  const { rows } = await knex.raw<{ rows: { query: string | null }[] }>(sql, bindings);
  return rows[0]?.query || null;
}

/** FROM and WHERE of a search; `tsquery` is textQuery's answer; `join` goes between them. */
function matchedSql(request: SearchRequest, tsquery: string | null, join = ''): { sql: string; bindings: Knex.RawBinding[] } {
  const isPublic = request.clearance === 'public';
  const cleared = isPublic ? [] : request.clearance === 'internal' ? ['public', 'internal'] : ['public', 'internal', 'personal'];
  const where = ["((?::boolean AND d.published AND d.access = 'public') OR d.access = ANY(?::text[]))"];
  const bindings: Knex.RawBinding[] = [isPublic, cleared];
  if (tsquery !== null) {
    where.push('s.document @@ ?::tsquery');
    bindings.push(tsquery);
  }
  for (const condition of request.conditions) {
    if (condition.field === 'keyword') where.push('d.keywords && ?::text[]');
    else where.push(`${FIELD_SQL[condition.field]} = ANY(?::text[])`);
    bindings.push(condition.values);
  }
  return {
    sql: `FROM catalog.datasets d
JOIN portal.search_documents s ON s.dataset_id = d.id
${join}
WHERE ${where.join('\n  AND ')}`,
    bindings,
  };
}

/** The bare SQL of one search page (the benchmark times it as the floor). */
export function buildHitsQuery(request: SearchRequest, tsquery: string | null): { sql: string; bindings: Knex.RawBinding[] } {
  const usage = request.sort.some((s) => s.key === 'downloads' || s.key === 'views');
  const matched = matchedSql(request, tsquery, usage ? 'LEFT JOIN portal.usage_totals u ON u.dataset_id = d.id' : '');
  const order = [...request.sort.map((s) => `${SORT_SQL[s.key]} ${s.direction === 'asc' ? 'ASC' : 'DESC'}`), 'd.id ASC'].join(', ');
  const score = tsquery === null ? { sql: '1::float8', bindings: [] } : { sql: 'ts_rank(s.document, ?::tsquery)::float8', bindings: [tsquery] };
  return {
    sql: `SELECT d.id, ${score.sql} AS score
${matched.sql}
ORDER BY ${order}
LIMIT ? OFFSET ?`,
    bindings: [...score.bindings, ...matched.bindings, request.limit, request.offset],
  };
}

/** The bare SQL of the total and the facet counts of one search. */
export function buildFacetsQuery(request: SearchRequest, tsquery: string | null): { sql: string; bindings: Knex.RawBinding[] } {
  const matched = matchedSql(request, tsquery);
  const scalar = request.facets.filter((f): f is Exclude<FacetKey, 'keyword'> => Object.hasOwn(SCALAR_FACETS, f));
  const sets = ['()', ...scalar.map((f) => `(${SCALAR_FACETS[f]})`)].join(', ');
  // Which facet a grouping-set row belongs to: the one column not rolled up.
  const which = scalar.map((f) => `WHEN GROUPING(${SCALAR_FACETS[f]}) = 0 THEN '${f}'`).join(' ');
  const value = scalar.map((f) => `WHEN GROUPING(${SCALAR_FACETS[f]}) = 0 THEN ${SCALAR_FACETS[f]}`).join(' ');
  const parts = [
    scalar.length
      ? `SELECT CASE ${which} ELSE 'total' END AS facet, CASE ${value} ELSE NULL END AS value, count(*)::int AS n
FROM matched GROUP BY GROUPING SETS (${sets})`
      : "SELECT 'total' AS facet, NULL::text AS value, count(*)::int AS n FROM matched",
  ];
  if (request.facets.includes('keyword')) {
    // A keyword listed twice in one dataset counts once.
    parts.push("SELECT 'keyword', k, count(*)::int FROM matched, LATERAL (SELECT DISTINCT unnest(matched.keywords)) AS t(k) GROUP BY k");
  }
  return {
    sql: `WITH matched AS MATERIALIZED (
  SELECT d.theme, d.publisher, d.keywords, d.licence, d.update_frequency,
         CASE WHEN d.geometry_type IS NULL THEN 'false' ELSE 'true' END AS spatial
  ${matched.sql}
)
${parts.join('\nUNION ALL\n')}`,
    bindings: matched.bindings,
  };
}

/**
 * One page of matching dataset ids with their relevance, the total, and the requested facet counts.
 * `load` runs on the page's ids as soon as they are known, beside the facet counts (one round trip less
 * on a server, where the two go on separate connections).
 */
export async function searchDatasets<T = undefined>(
  knex: Knex,
  request: SearchRequest,
  load?: (ids: string[]) => Promise<T>,
): Promise<SearchResult & { loaded: T | undefined }> {
  const tsquery = await textQuery(knex, request.words);
  const hitsQuery = buildHitsQuery(request, tsquery);
  const facetsQuery = buildFacetsQuery(request, tsquery);
  const hitsAndLoaded = async () => {
    const rows = request.limit > 0 ? (await knex.raw<{ rows: { id: string; score: number }[] }>(hitsQuery.sql, hitsQuery.bindings)).rows : [];
    return { rows, loaded: load ? await load(rows.map((r) => r.id)) : undefined };
  };
  const [hits, counts] = await Promise.all([
    hitsAndLoaded(),
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
  return { total, hits: hits.rows.map((r) => ({ id: r.id, score: Number(r.score) })), facets, loaded: hits.loaded };
}

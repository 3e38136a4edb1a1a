import type { Knex } from 'knex';
import { SMALL_COUNT_THRESHOLD, suppressSmallCounts } from '@kbs/core';
import { readSource } from '../readers';
import type { Pipeline } from '../pipelines/types';
import { integer, text } from '../pipelines/values';
import type { DerivedTable } from './types';

/** The code of a margin (every mahalle, every category) and of the requests without a mahalle. */
export const ALL = 'all';
export const UNKNOWN_MAHALLE = 'unknown';

const HEADER = ['id', 'month', 'uavt_code', 'mahalle', 'category', 'request_count'];

/**
 * The public aggregate of the current `citizen_requests` version: for every month (Istanbul time) one
 * table mahalle × category with its margins, suppressed as one table (suppressSmallCounts). Every
 * mahalle, every category seen in the version and every month between the first and the last appear,
 * zeros included (suppressed like any small count), so that a missing row gives nothing away. Months are
 * separate tables and no total across months is published, so no equation links them.
 */
export async function deriveCitizenRequestCounts(knex: Knex): Promise<DerivedTable | null> {
  const source = await knex('catalog.datasets').select('current_version').where({ id: 'citizen_requests' }).first();
  if (!source?.current_version) return null;
  const [{ rows: counts }, { rows: mahalleRows }] = await Promise.all([
    knex.raw<{ rows: { month: string; uavt_code: string | null; category: string; n: number }[] }>(`
SELECT to_char(date_trunc('month', opened_at AT TIME ZONE 'Europe/Istanbul'), 'YYYY-MM-DD') AS month, uavt_code, category, count(*)::int AS n
FROM public.citizen_requests
GROUP BY 1, 2, 3`),
    knex.raw<{ rows: { uavt_code: string; name: string }[] }>('SELECT uavt_code, name FROM public.neighbourhoods ORDER BY uavt_code'),
  ]);
  if (counts.length === 0) return null;
  const known = new Set(mahalleRows.map((m) => m.uavt_code));
  const areaOf = (code: string | null) => (code !== null && known.has(code) ? code : UNKNOWN_MAHALLE);
  const areas = [...mahalleRows.map((m) => ({ code: m.uavt_code, name: m.name }))];
  if (counts.some((c) => areaOf(c.uavt_code) === UNKNOWN_MAHALLE)) areas.push({ code: UNKNOWN_MAHALLE, name: 'Mahallesi bilinmeyen' });
  const categories = [...new Set(counts.map((c) => c.category))].sort();
  const months = monthsBetween(counts.map((c) => c.month));

  const cube = new Map<string, number>();
  for (const c of counts) {
    const key = `${c.month}|${areaOf(c.uavt_code)}|${c.category}`;
    cube.set(key, (cube.get(key) ?? 0) + c.n);
  }
  const rows: unknown[][] = [];
  const row = (month: string, area: { code: string; name: string }, category: string, count: number | null) =>
    rows.push([`${month.slice(0, 7)}/${area.code}/${category}`, month, area.code, area.name, category, count]);
  const district = { code: ALL, name: 'Bağcılar' };
  for (const month of months) {
    const cells = areas.map((a) => categories.map((c) => cube.get(`${month}|${a.code}|${c}`) ?? 0));
    const table = suppressSmallCounts(cells, SMALL_COUNT_THRESHOLD);
    areas.forEach((area, i) => {
      categories.forEach((category, j) => row(month, area, category, table.cells[i]![j]!));
      row(month, area, ALL, table.rowTotals[i]!);
    });
    categories.forEach((category, j) => row(month, district, category, table.columnTotals[j]!));
    row(month, district, ALL, table.total);
  }
  return { header: HEADER, rows, source: `derived from citizen_requests version ${source.current_version}` };
}

/** Every month from the first to the last given ("YYYY-MM-01"), in order. */
function monthsBetween(months: string[]): string[] {
  const sorted = [...new Set(months)].sort();
  const out: string[] = [];
  let [y, m] = sorted[0]!.split('-').map(Number) as [number, number];
  const last = sorted[sorted.length - 1]!;
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}-01`;
    out.push(month);
    if (month >= last) return out;
    m += 1;
    if (m === 13) [y, m] = [y + 1, 1];
  }
}

/** Reads back the derived file; refuses (fails the load) any published count under the threshold. */
export const citizenRequestCountsPipeline: Pipeline = {
  targets: ['citizen_request_counts'],
  read: readSource,
  transform(record) {
    const v = record.values;
    const id = text(v.id);
    const month = text(v.month);
    const uavtCode = text(v.uavt_code);
    const category = text(v.category);
    const count = text(v.request_count) === undefined ? null : integer(v.request_count);
    if (!id || !month || !uavtCode || !category) return { reject: 'id, month, uavt_code and category are required' };
    if (count === undefined) return { reject: `request_count "${String(v.request_count)}" is not a whole number` };
    if (count !== null && count < SMALL_COUNT_THRESHOLD) return { reject: `request_count ${count} is under ${SMALL_COUNT_THRESHOLD} and may not be published` };
    return { rows: { citizen_request_counts: [{ id, month, uavt_code: uavtCode, mahalle: text(v.mahalle) ?? '', category, request_count: count, geom: null }] } };
  },
  /** The mahalle's boundary, or the district's for the district totals (none for requests without a mahalle). */
  async finalise(knex, _dataset, partition) {
    await knex.raw('UPDATE data.?? p SET geom = n.geom FROM public.neighbourhoods n WHERE n.uavt_code = p.uavt_code', [partition]);
    await knex.raw('UPDATE data.?? SET geom = (SELECT ST_Multi(ST_Union(geom)) FROM public.district) WHERE uavt_code = ?', [partition, ALL]);
  },
};

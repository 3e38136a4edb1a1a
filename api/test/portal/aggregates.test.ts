import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoverableCells, SMALL_COUNT_THRESHOLD as K } from '@kbs/core';
import { deriveDataset } from '@kbs/etl';
import { createApiKey } from '../../src/access/apiKeys';
import { recordUsage } from '../../src/portal/usage';
import { ENGINES } from '../../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../../test/support/platform';

interface Feature {
  id: string;
  properties: Record<string, unknown>;
  geometry: { type: string } | null;
}

/** Every item of a collection as an anonymous caller sees it, following the `next` links. */
async function allItems(base: string, collection: string): Promise<Feature[]> {
  const features: Feature[] = [];
  let url: string | undefined = `${base}/ogc/collections/${collection}/items?limit=10000`;
  while (url) {
    const response = await fetch(url, { headers: { Accept: 'application/geo+json' } });
    expect(response.status).toBe(200);
    const page = (await response.json()) as { features: Feature[]; links: { rel: string; href: string }[] };
    features.push(...page.features);
    url = page.links.find((l) => l.rel === 'next')?.href;
  }
  return features;
}

/**
 * The suppressed values that the published values determine exactly, by linear algebra alone
 * (reduced row echelon form of the line equations over the suppressed unknowns): independent of the
 * cycle reasoning the suppression itself uses. A variable is determined iff its RREF row is a unit row.
 */
function linearlyDetermined(grid: (number | null)[][]): [number, number][] {
  const m = grid.length - 1;
  const n = grid[0]!.length - 1;
  const unknowns: [number, number][] = [];
  grid.forEach((r, i) => r.forEach((v, j) => v === null && unknowns.push([i, j])));
  const index = new Map(unknowns.map(([i, j], x) => [`${i},${j}`, x]));
  const rows: number[][] = [];
  const line = (entries: [number, number][]) => {
    // Sum of the entries but the last equals the last: coefficients +1, and −1 for the total.
    const row = new Array(unknowns.length).fill(0);
    entries.forEach(([i, j], e) => {
      const x = index.get(`${i},${j}`);
      if (x !== undefined) row[x] += e === entries.length - 1 ? -1 : 1;
    });
    if (row.some((c) => c !== 0)) rows.push(row);
  };
  for (let i = 0; i <= m; i++) line(Array.from({ length: n + 1 }, (_, j) => [i, j]));
  for (let j = 0; j <= n; j++) line(Array.from({ length: m + 1 }, (_, i) => [i, j]));
  // Gauss–Jordan over the rationals (small integers stay exact enough with this tolerance).
  let pivotRow = 0;
  const pivotOf: number[] = [];
  for (let col = 0; col < unknowns.length && pivotRow < rows.length; col++) {
    const p = rows.findIndex((r, k) => k >= pivotRow && Math.abs(r[col]!) > 1e-9);
    if (p < 0) continue;
    [rows[pivotRow], rows[p]] = [rows[p]!, rows[pivotRow]!];
    const pivot = rows[pivotRow]![col]!;
    rows[pivotRow] = rows[pivotRow]!.map((c) => c / pivot);
    rows.forEach((r, k) => {
      if (k === pivotRow || Math.abs(r[col]!) < 1e-9) return;
      const f = r[col]!;
      rows[k] = r.map((c, x) => c - f * rows[pivotRow]![x]!);
    });
    pivotOf[pivotRow] = col;
    pivotRow += 1;
  }
  const determined: [number, number][] = [];
  for (let k = 0; k < pivotRow; k++) {
    if (rows[k]!.filter((c) => Math.abs(c) > 1e-9).length === 1) determined.push(unknowns[pivotOf[k]!]!);
  }
  return determined;
}

describe.each(ENGINES)('published aggregates on the %s engine', (engine) => {
  let platform: TestPlatform;
  const sql = async <T>(text: string, bindings: unknown[] = []): Promise<T[]> => (await platform.db.knex.raw(text, bindings as never)).rows;
  beforeAll(async () => {
    platform = await startPlatform({ engine });
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('the anonymous OGC API lists the request counts and usage, never the record-level requests', async () => {
    const response = await fetch(`${platform.url}/ogc/collections`, { headers: { Accept: 'application/json' } });
    const ids = ((await response.json()) as { collections: { id: string }[] }).collections.map((c) => c.id);
    expect(ids).toContain('citizen_request_counts');
    expect(ids).toContain('portal_usage');
    expect(ids).not.toContain('citizen_requests');
    expect(ids).not.toContain('citizen_request_applicants');
  });

  it('citizen request counts: no published cell under k, none recoverable, every published value true', async () => {
    const features = await allItems(platform.url, 'citizen_request_counts');
    // The unsuppressed truth, straight from the record-level version.
    const truth = await sql<{ month: string; uavt_code: string | null; category: string; n: number }>(`
      SELECT to_char(date_trunc('month', opened_at AT TIME ZONE 'Europe/Istanbul'), 'YYYY-MM-DD') AS month, uavt_code, category, count(*)::int AS n
      FROM citizen_requests GROUP BY 1, 2, 3`);
    const mahalle = (await sql<{ uavt_code: string }>('SELECT uavt_code FROM neighbourhoods ORDER BY uavt_code')).map((r) => r.uavt_code);
    const categories = [...new Set(truth.map((t) => t.category))].sort();
    const months = [...new Set(truth.map((t) => t.month))].sort();
    const areas = truth.some((t) => t.uavt_code === null || !mahalle.includes(t.uavt_code)) ? [...mahalle, 'unknown'] : mahalle;
    const trueCount = new Map<string, number>();
    const add = (key: string, n: number) => trueCount.set(key, (trueCount.get(key) ?? 0) + n);
    for (const t of truth) {
      const area = t.uavt_code !== null && mahalle.includes(t.uavt_code) ? t.uavt_code : 'unknown';
      for (const a of [area, 'all']) for (const c of [t.category, 'all']) add(`${t.month}|${a}|${c}`, t.n);
    }

    // The whole grid, margins included, every month from the first to the last (the demo's are contiguous).
    expect(features.length).toBe(months.length * (areas.length + 1) * (categories.length + 1));
    const published = new Map<string, number | null>();
    let suppressed = 0;
    for (const f of features) {
      const p = f.properties;
      expect(Object.keys(p).sort()).toEqual(['category', 'id', 'mahalle', 'month', 'request_count', 'uavt_code']);
      const count = p.request_count as number | null;
      const key = `${p.month}|${p.uavt_code}|${p.category}`;
      published.set(key, count);
      if (count === null) suppressed += 1;
      else {
        expect(count).toBeGreaterThanOrEqual(K);
        expect(count, key).toBe(trueCount.get(key) ?? 0);
      }
      // Mahalle rows carry the mahalle, district totals the district; requests without a mahalle no shape.
      expect(f.geometry?.type ?? null).toBe(p.uavt_code === 'unknown' ? null : 'MultiPolygon');
    }
    // Every true small count is suppressed (zeros included), and secondary suppression happened.
    const small = [...trueCount.entries()].filter(([, n]) => n < K);
    for (const [key] of small) expect(published.get(key), key).toBeNull();
    const zeros = months.length * (areas.length + 1) * (categories.length + 1) - trueCount.size;
    expect(suppressed).toBeGreaterThan(small.length + zeros);
    const published0 = [...published.values()].filter((v) => v !== null).length;
    expect(published0).toBeGreaterThan(0);

    for (const month of months) {
      const rowKeys = [...areas, 'all'];
      const colKeys = [...categories, 'all'];
      const grid = rowKeys.map((a) => colKeys.map((c) => published.get(`${month}|${a}|${c}`)!));
      const cells = rowKeys.slice(0, -1).map((a) => categories.map((c) => trueCount.get(`${month}|${a}|${c}`) ?? 0));
      // No line (row or column, its total included) with exactly one suppressed entry: subtraction recovers nothing.
      for (const line of [...grid, ...colKeys.map((_, j) => grid.map((r) => r[j]!))]) {
        expect(line.filter((v) => v === null).length, month).not.toBe(1);
      }
      // Nor any combination of lines (linear algebra), nor with non-negativity (the cycle audit on the true counts).
      expect(linearlyDetermined(grid), month).toEqual([]);
      const table = {
        cells: grid.slice(0, -1).map((r) => r.slice(0, -1)),
        rowTotals: grid.slice(0, -1).map((r) => r[r.length - 1]!),
        columnTotals: grid[grid.length - 1]!.slice(0, -1),
        total: grid[grid.length - 1]![colKeys.length - 1]!,
      };
      expect(recoverableCells(cells, table), month).toEqual([]);
    }
  });

  it('the linear check catches a table that is recoverable (so it can fail)', () => {
    // 3 suppressed alone in its row and column: 3 = 25 − 10 − 12.
    expect(linearlyDetermined([[null, 10, 12, 25], [8, 9, 7, 24], [null, 19, 19, 49]])).toEqual([[0, 0], [2, 0]]);
    expect(linearlyDetermined([[null, null, 12, 25], [null, null, 7, 24], [11, 19, 19, 49]])).toEqual([]);
  });

  it('portal usage: views and downloads per dataset and month as recorded, refreshed by a derivation', async () => {
    const month = new Date().toISOString().slice(0, 7);
    for (let i = 0; i < 3; i++) await recordUsage(platform.db.knex, 'facilities', 'views');
    await recordUsage(platform.db.knex, 'facilities', 'downloads');
    // Usage of a dataset the public may not see stays out of the public figures.
    await recordUsage(platform.db.knex, 'citizen_requests', 'views');
    const report = await deriveDataset(platform.db.knex, 'portal_usage', { actor: 'test' });
    expect(report?.status).toBe('succeeded');
    const again = await deriveDataset(platform.db.knex, 'portal_usage', { actor: 'test' });
    expect(again?.status).toBe('unchanged');

    const features = await allItems(platform.url, 'portal_usage');
    const row = features.find((f) => f.id === `facilities/${month}`);
    expect(row?.properties).toMatchObject({ dataset_id: 'facilities', month: `${month}-01`, views: 3, downloads: 1 });
    expect(features.some((f) => f.properties.dataset_id === 'citizen_requests')).toBe(false);
    // One row per published public dataset for this month, zeros included.
    const published = await sql<{ id: string }>("SELECT id FROM catalog.datasets WHERE published AND access = 'public' ORDER BY id");
    expect(features.filter((f) => f.properties.month === `${month}-01`).map((f) => f.properties.dataset_id).sort()).toEqual(published.map((p) => p.id));
  });

  it('a citizen_requests version uploaded over HTTP re-derives the public counts at once', async () => {
    const before = await sql<{ current_version: number }>("SELECT current_version FROM catalog.datasets WHERE id = 'citizen_request_counts'");
    const lines = ['request_id,channel,category,status,opened_at,uavt_code,applicant_name'];
    for (let i = 0; i < 30; i++) lines.push(`T${i},web_form,cleaning,closed,2025-03-${String(10 + (i % 10)).padStart(2, '0')}T10:00:00+03:00,${i < 15 ? '40159' : '40169'},Ad Soyad ${i}`);
    const form = new FormData();
    form.set('dataset', 'citizen_requests');
    form.set('file', new Blob([`${lines.join('\n')}\n`], { type: 'text/csv' }), 'basvurular.csv');
    const { key } = await createApiKey(platform.db.knex, { name: 'aggregates publisher', role: 'publisher', datasets: [], expiresInDays: 1, createdBy: 'test' });
    const response = await fetch(`${platform.url}/api/uploads`, { method: 'POST', headers: { Authorization: `Bearer ${key}` }, body: form });
    expect(response.status).toBe(201);

    const after = await sql<{ current_version: number }>("SELECT current_version FROM catalog.datasets WHERE id = 'citizen_request_counts'");
    expect(after[0]!.current_version).toBe(before[0]!.current_version + 1);
    const features = await allItems(platform.url, 'citizen_request_counts');
    const mahalle = await sql<{ n: number }>('SELECT count(*)::int AS n FROM neighbourhoods');
    // One month, every mahalle and the district, one category and its total.
    expect(features.length).toBe(1 * (mahalle[0]!.n + 1) * 2);
    const truth: Record<string, number> = { '40159|cleaning': 15, '40159|all': 15, '40169|cleaning': 15, '40169|all': 15, 'all|cleaning': 30, 'all|all': 30 };
    for (const f of features) {
      const p = f.properties;
      expect(p.month).toBe('2025-03-01');
      const count = p.request_count as number | null;
      if (count !== null) expect(count, String(p.id)).toBe(truth[`${p.uavt_code}|${p.category}`] ?? 0);
    }
    // The 20 empty mahalle are suppressed zeros; the two of 15 would give each other away through the
    // district total, so at least one of them is suppressed too.
    const published = features.filter((f) => f.properties.request_count !== null).map((f) => `${f.properties.uavt_code}|${f.properties.category}`);
    expect(published.filter((k) => k.startsWith('4')).length).toBeLessThan(4);
  });
});

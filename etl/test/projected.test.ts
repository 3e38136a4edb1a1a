/*
 * x/y columns in a projected CRS (TUREF / TM30, EPSG:5254, as İstanbul's municipal data comes): checked
 * against the district extent in their own units and reprojected by PostGIS, to the same points.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EtlError, loadDataset, validateDataset } from '@kbs/etl';
import { ENGINES } from '../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../test/support/platform';

describe.each(ENGINES)('projected x/y coordinates on the %s engine', (engine) => {
  let platform: TestPlatform;
  let dir: string;
  beforeAll(async () => {
    platform = await startPlatform({ engine });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbs-projected-'));
  });
  afterAll(async () => {
    await platform?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loads EPSG:5254 x/y with --srid to the same WGS84 points, and explains them without it', async () => {
    const sql = async (text: string, bindings: unknown[] = []) => (await platform.db.knex.raw(text, bindings as never)).rows;
    const points = await sql(`SELECT id, ST_X(geom) AS lon, ST_Y(geom) AS lat, ST_X(ST_Transform(geom, 5254)) AS x, ST_Y(ST_Transform(geom, 5254)) AS y
      FROM public.facilities ORDER BY id LIMIT 3`);
    const [outside] = await sql('SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(29.0, 41.05), 4326), 5254) AS p) s');
    const lines = ['facility_id,category,name,mahalle,X,Y'];
    points.forEach((p: { x: number; y: number }, i: number) => lines.push(`P${i},park,Park ${i},,${p.x.toFixed(3)},${p.y.toFixed(3)}`));
    lines.push(`P9,park,Uzak Park,,${outside.x.toFixed(3)},${outside.y.toFixed(3)}`);
    lines.push(`P8,park,Ters Park,,${points[0].y.toFixed(3)},${points[0].x.toFixed(3)}`); // x and y swapped
    const file = path.join(dir, 'tm30.csv');
    fs.writeFileSync(file, lines.join('\n'));

    const before = await sql('SELECT count(*)::int AS n FROM public.facilities');
    const checked = await validateDataset(platform.db.knex, file, 'facilities');
    expect(checked.rejections[0]!.reason).toMatch(/look like projected coordinates: give their CRS \(--srid, e\.g\. 5254/);
    await expect(loadDataset(platform.db.knex, file, 'facilities')).rejects.toThrowError(EtlError);
    // Even a threshold of 100 %: a load with nothing accepted would blank the dataset.
    await expect(loadDataset(platform.db.knex, file, 'facilities', { maxRejectedShare: 1 })).rejects.toThrowError(/all 5 records were rejected/);
    expect(await sql('SELECT count(*)::int AS n FROM public.facilities')).toEqual(before);

    const report = await loadDataset(platform.db.knex, file, 'facilities', { sourceSrid: 5254, maxRejectedShare: 0.3 });
    expect(report).toMatchObject({ status: 'succeeded', rowsRead: 5, rowsLoaded: 4, rowsRejected: 1 });
    expect(report.rejections[0]).toEqual({ position: 'line 5', reason: expect.stringMatching(/is in İstanbul but outside the district extent/) });
    expect(report.notes).toMatchObject({ 'latitude and longitude swapped': 1 });
    const stored = await sql('SELECT id, ST_X(geom) AS lon, ST_Y(geom) AS lat, uavt_code FROM public.facilities ORDER BY id');
    points.forEach((p: { lon: number; lat: number }, i: number) => {
      const s = stored.find((r: { id: string }) => r.id === `P${i}`);
      expect(Math.abs(s.lon - p.lon)).toBeLessThan(1e-7);
      expect(Math.abs(s.lat - p.lat)).toBeLessThan(1e-7);
      expect(s.uavt_code).toMatch(/^\d{5}$/); // matched to its mahalle by position
    });
    const swapped = stored.find((r: { id: string }) => r.id === 'P8');
    expect(Math.abs(swapped.lon - points[0].lon)).toBeLessThan(1e-7);
  });
});

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../../test/support/platform';

const run = promisify(execFile);
const HAS_GDAL = fs.existsSync('/usr/bin/ogrinfo') && fs.existsSync('/usr/bin/ogr2ogr');
if (!HAS_GDAL) console.warn('GDAL (ogrinfo/ogr2ogr) is not installed: the OGC API client tests are skipped. apt-get install gdal-bin');

describe.runIf(HAS_GDAL).each(ENGINES)('GDAL as an OGC API – Features client on the %s engine', (engine) => {
  let platform: TestPlatform;
  let dir: string;
  beforeAll(async () => {
    platform = await startPlatform({ engine });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbs-gdal-'));
  });
  afterAll(async () => {
    await platform?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('ogrinfo lists every public collection', async () => {
    const { stdout } = await run('ogrinfo', ['-ro', '-q', `OAPIF:${platform.url}/ogc`], { env: { ...process.env, GDAL_HTTP_TIMEOUT: '30' } });
    for (const id of ['capture_sequences', 'citizen_request_counts', 'district', 'facilities', 'indicator_values', 'indicators', 'neighbourhoods', 'panoramas', 'portal_usage']) {
      expect(stdout).toMatch(new RegExp(`^\\d+: ${id}( |$)`, 'm'));
    }
    // The record-level requests and their applicants never; their suppressed aggregate only.
    expect(stdout).not.toMatch(/^\d+: citizen_request(s|_applicants)( |$)/m);
  });

  it('ogr2ogr copies a multi-page collection into a GeoPackage with every feature', async () => {
    const out = path.join(dir, 'facilities.gpkg');
    // A small page size makes GDAL follow many rel=next links.
    await run('ogr2ogr', ['-f', 'GPKG', out, `OAPIF:${platform.url}/ogc`, 'facilities', '-oo', 'PAGE_SIZE=50'], { env: { ...process.env, GDAL_HTTP_TIMEOUT: '30' } });
    const { stdout } = await run('ogrinfo', ['-ro', '-so', out, 'facilities']);
    const count = Number(/Feature Count: (\d+)/.exec(stdout)?.[1]);
    const { rows } = await platform.db.knex.raw('SELECT count(*)::int AS n FROM facilities');
    expect(rows[0].n).toBeGreaterThan(50);
    expect(count).toBe(rows[0].n);
  });
});

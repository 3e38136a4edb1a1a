/*
 * The database goes away and comes back: requests get a 503 problem within 2 s while it is gone, and
 * the same running API serves again when it returns — no restart. A private throwaway cluster is
 * stopped and started (scripts/pg-throwaway.sh), so other test files keep theirs.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, loadConfig } from '@kbs/core';
import { ROOT } from '../../test/support/testDatabase';
import { startPlatform } from '../src/platform';

const PG_CTL = '/usr/lib/postgresql/15/bin/pg_ctl';
const HAS_POSTGRES = fs.existsSync(PG_CTL);
if (!HAS_POSTGRES) console.warn(`${PG_CTL} is missing: the database fault test is skipped (apt-get install postgresql-15-postgis-3).`);

describe.runIf(HAS_POSTGRES)('when the database goes away', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbs-faults-'));
  const env = { ...process.env, PG_THROWAWAY_STATE: path.join(dir, 'state.env'), PG_THROWAWAY_PORT: '56500', PG_THROWAWAY_DB: 'kbs_faults' };
  const cluster = (...args: string[]) => execFileSync(path.join(ROOT, 'scripts/pg-throwaway.sh'), args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  beforeAll(async () => {
    cluster('start');
    const url = cluster('url').trim();
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: url, DATA_DIR: dir, DEMO_DATA: 'false', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' }, ROOT);
    platform = await startPlatform(config, createLogger(config.logLevel));
  }, 120_000);
  afterAll(async () => {
    await platform?.close();
    cluster('stop');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 problem+json within 2 s while it is down and serves again when it is back', async () => {
    expect((await fetch(`${platform.url}/health`)).status).toBe(200);
    expect((await fetch(`${platform.url}/ogc/collections`)).status).toBe(200);
    cluster('stop-server', 'immediate');
    for (const path of ['/health', '/ogc/collections', '/api/neighbourhoods', '/tiles/facilities/14/9504/6140.mvt']) {
      const started = Date.now();
      const response = await fetch(`${platform.url}${path}`);
      const elapsed = Date.now() - started;
      const body = (await response.json()) as { status: number; detail: string };
      expect([path, response.status]).toEqual([path, 503]);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(body.detail).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|5650\d/);
      expect(elapsed, path).toBeLessThan(2000);
    }
    cluster('start-server');
    const back = await fetch(`${platform.url}/health`);
    expect(back.status).toBe(200);
    expect((await fetch(`${platform.url}/ogc/collections`)).status).toBe(200);
  }, 120_000);
});

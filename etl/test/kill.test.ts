import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Engine } from '@kbs/core';
import { ENGINES } from '../../test/support/engines';
import { createServerDatabase, embeddedSnapshot, ROOT } from '../../test/support/testDatabase';

const ROWS = 60_000;

function bigFacilitiesCsv(file: string): void {
  const lines = ['facility_id,category,name,address,mahalle,latitude,longitude,source,capacity,opening_year'];
  for (let i = 0; i < ROWS; i++) {
    lines.push(`K${i},park,Park ${i},,Merkez,${(41.03 + (i % 100) * 1e-5).toFixed(6)},${(28.86 + (i % 97) * 1e-5).toFixed(6)},test,${i % 500},2000`);
  }
  fs.writeFileSync(file, lines.join('\n'));
}

/** Runs the ETL command line in its own process; kills it with SIGKILL after `killAfterMs` unless null. */
function runCli(env: NodeJS.ProcessEnv, file: string, killAfterMs: number | null): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'etl/src/cli.ts'), 'load', file, '--dataset', 'facilities'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, output });
    });
  });
}

describe.each(ENGINES)('an ETL load killed with SIGKILL on the %s engine', (engine: Engine) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbs-kill-'));
  const file = path.join(dir, 'facilities.csv');
  let env: NodeJS.ProcessEnv;
  let drop: (() => Promise<void>) | undefined;
  const open = () => openDatabase({ databaseUrl: env.DATABASE_URL ?? null, dataDir: env.DATA_DIR ?? null });

  beforeAll(async () => {
    bigFacilitiesCsv(file);
    if (engine === 'server') {
      const database = await createServerDatabase();
      drop = database.drop;
      env = { DATABASE_URL: database.url, DATA_DIR: dir };
    } else {
      // A persisted embedded database made from the prepared snapshot, for a second process to open.
      const dataDir = path.join(dir, 'data');
      const seed = await openDatabase({ databaseUrl: null, dataDir, snapshot: embeddedSnapshot() });
      await seed.close();
      env = { DATA_DIR: dataDir, DATABASE_URL: '' };
    }
  });
  afterAll(async () => {
    await drop?.();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function state() {
    const db = await open();
    try {
      const dataset = await db.knex('catalog.datasets').where({ id: 'facilities' }).first();
      const { rows } = await db.knex.raw('SELECT count(*)::int AS n, md5(string_agg(id, \',\' ORDER BY id)) AS ids FROM public.facilities');
      const staging = await db.knex('catalog.versions').where({ dataset_id: 'facilities', status: 'staging' }).count({ n: '*' }).first();
      return { version: dataset.current_version as number, rows: rows[0].n as number, ids: rows[0].ids as string, staging: Number(staging!.n) };
    } finally {
      await db.close();
    }
  }

  it('leaves the previous version served after every kill at a random point, and the next run succeeds', async () => {
    // 20 trials on a server (the issue's count); the embedded engine's start-up (~10 s a process under
    // load) allows 4 there in the suite's time. Kill times are random and printed on failure.
    const trials = engine === 'server' ? 20 : 4;
    const log: string[] = [];
    let killedBeforeSwitch = 0;
    // Kill times fall within the time one whole load takes here, measured first, so that most land
    // before the switch however fast the machine and the loader are (a fixed window of 6 s let a
    // 2.5 s load finish before most kills).
    const baselineFile = path.join(dir, 'facilities-baseline.csv');
    fs.copyFileSync(file, baselineFile);
    fs.appendFileSync(baselineFile, '\nTB,park,Deneme,,Merkez,41.031,28.861,test,1,2000');
    const started = Date.now();
    const baseline = await runCli(env, baselineFile, null);
    const loadMs = Date.now() - started;
    expect(baseline.code, baseline.output).toBe(0);
    for (let trial = 0; trial < trials; trial++) {
      const before = await state();
      // A file of its own each trial (one more row), so that no run is skipped as unchanged.
      const trialFile = path.join(dir, `facilities-${trial}.csv`);
      fs.copyFileSync(file, trialFile);
      fs.appendFileSync(trialFile, `\nT${trial},park,Deneme ${trial},,Merkez,41.031,28.861,test,1,2000`);
      const killAfter = 200 + Math.round(Math.random() * loadMs);
      const run = await runCli(env, trialFile, killAfter);
      const after = await state();
      log.push(`trial ${trial}: kill at ${killAfter} ms → ${run.signal ?? `exit ${run.code}`}, version ${before.version} → ${after.version}`);
      // A killed run may leave its staging partition until the next run drops it; never more than one.
      expect(after.staging, log.join('\n')).toBeLessThanOrEqual(run.signal === 'SIGKILL' ? 1 : 0);
      if (after.version === before.version) {
        expect(run.signal, `${log.join('\n')}\n${run.output}`).toBe('SIGKILL');
        expect({ rows: after.rows, ids: after.ids }, log.join('\n')).toEqual({ rows: before.rows, ids: before.ids });
        killedBeforeSwitch += 1;
      } else {
        // Killed after its switch, or not killed at all: then the new version is whole.
        if (run.signal !== 'SIGKILL') expect(run.code, run.output).toBe(0);
        expect(after.rows, log.join('\n')).toBe(ROWS + 1);
      }
    }
    expect(killedBeforeSwitch, `kills that landed before the switch\n${log.join('\n')}`).toBeGreaterThanOrEqual(Math.ceil(trials / 4));
    const finished = await runCli(env, file, null);
    expect(finished.code, finished.output).toBe(0);
    const final = await state();
    expect(final.rows).toBe(ROWS);
    // What the killed runs staged was dropped by the next run.
    expect(final.staging).toBe(0);
  }, 600_000);
});

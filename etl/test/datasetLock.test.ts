/*
 * One load, rollback or edit of a dataset at a time. Before, a second load's start took the first's
 * staged partition for abandoned and dropped it under the running COPY: the first load failed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetBusyError, deriveDataset, editFeatures, loadDataset, rollbackDataset, type LoadReport } from '@kbs/etl';
import { LOCK_CLASS, withDatasetLocks } from '../src/datasetLock';
import { ENGINES } from '../../test/support/engines';
import { fingerprint } from '../../test/support/fingerprint';
import { startPlatform, type TestPlatform } from '../../test/support/platform';

const HEADER = 'facility_id,category,name,address,mahalle,latitude,longitude,source,capacity,opening_year';
const csv = (ids: string[]) => [HEADER, ...ids.map((id) => `${id},park,Park ${id},,Merkez,41.03,28.85,test,1,2000`)].join('\n');

describe.each(ENGINES)('one change of a dataset at a time on the %s engine', (engine) => {
  let platform: TestPlatform;
  let dir: string;
  const write = (name: string, ids: string[]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, csv(ids));
    return file;
  };
  beforeAll(async () => {
    platform = await startPlatform({ engine });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbs-lock-'));
  });
  afterAll(async () => {
    await platform?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a load, a rollback and an edit while another holds the dataset, and takes the load once it is free', async () => {
    const { knex } = platform.db;
    await loadDataset(knex, write('v1.csv', ['L1', 'L2']), 'facilities');
    const kept = (await knex('catalog.versions').where({ dataset_id: 'facilities', status: 'current' }).first()).version as number;
    const second = write('v2.csv', ['L3']);
    const refusals: unknown[] = [];
    await withDatasetLocks(knex, ['facilities', 'planned_facilities'], async () => {
      const before = await fingerprint(knex, ['facilities', 'planned_facilities']);
      for (const attempt of [
        () => loadDataset(knex, second, 'facilities'),
        () => rollbackDataset(knex, 'facilities', kept),
        () => editFeatures(knex, 'planned_facilities', [{ kind: 'create', properties: { name: 'Yeni' }, geometry: { type: 'Point', coordinates: [28.85, 41.03] } }], 'test'),
      ]) refusals.push(await attempt().catch((e: unknown) => e));
      expect(await fingerprint(knex, ['facilities', 'planned_facilities'])).toEqual(before);
    });
    expect(refusals.map((e) => [(e as Error).constructor.name, (e as Error).message])).toEqual([
      ['DatasetBusyError', 'dataset "facilities" is being changed by another load, rollback or edit; try again when it has finished'],
      ['DatasetBusyError', 'dataset "facilities" is being changed by another load, rollback or edit; try again when it has finished'],
      ['DatasetBusyError', 'dataset "planned_facilities" is being changed by another load, rollback or edit; try again when it has finished'],
    ]);
    // Free again: the same load goes through.
    expect((await loadDataset(knex, second, 'facilities')).status).toBe('succeeded');
  });

  it('lets a derivation wait for the dataset, then read its sources and write', async () => {
    const { knex } = platform.db;
    const runs = () => knex('catalog.etl_runs').where({ dataset_id: 'citizen_request_counts' }).count<{ n: string }[]>({ n: '*' }).then((r) => Number(r[0]!.n));
    const before = await runs();
    let derived: Promise<LoadReport | null> | undefined;
    await withDatasetLocks(knex, ['citizen_request_counts'], async () => {
      derived = deriveDataset(knex, 'citizen_request_counts', { actor: 'test' });
      // Several round trips to the database later, still no run of its own: it waits, it is not refused.
      for (let i = 0; i < 5; i++) expect(await runs()).toBe(before);
    });
    expect(await derived).toMatchObject({ status: expect.stringMatching(/^(succeeded|unchanged)$/) });
    expect(await runs()).toBe(before + 1);
  });

  it('names the running load in the refusal', async () => {
    const { knex } = platform.db;
    let refusal: unknown;
    const lines = Array.from({ length: 2500 }, (_, i) => `N${i}`);
    const report = await loadDataset(knex, write('named.csv', lines), 'facilities', {
      actor: 'ilk yükleme',
      onCount: (n) => {
        // The second load is refused before its first await: nothing races the first one's end.
        if (n === 1000) refusal = loadDataset(knex, write('other.csv', ['O1']), 'facilities').catch((e: unknown) => e);
      },
    });
    expect(report.status).toBe('succeeded');
    const error = await refusal;
    expect(error).toBeInstanceOf(DatasetBusyError);
    expect((error as Error).message).toMatch(new RegExp(`^dataset "facilities" is being changed by load run ${report.runId} \\(ilk yükleme, since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\); try again when it has finished$`));
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('a load on another instance', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startPlatform({ engine: 'server' });
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('is refused, or waited for, through the cluster', async () => {
    const { knex } = platform.db;
    const file = path.join(os.tmpdir(), `kbs-lock-instance-${process.pid}.csv`);
    fs.writeFileSync(file, csv(['I1', 'I2']));
    try {
      // Another API instance's load holds facilities: the same lock in a session of its own.
      await knex.transaction(async (other) => {
        await other.raw('SELECT pg_advisory_lock(?, hashtext(?))', [LOCK_CLASS, 'facilities']);
        await expect(loadDataset(knex, file, 'facilities')).rejects.toThrowError(DatasetBusyError);
        const waiting = loadDataset(knex, file, 'facilities', { wait: true });
        // Waiting on the lock, as PostgreSQL shows it; then the other instance lets go.
        await expect.poll(async () => (await other.raw("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")).rows[0].n, { timeout: 30_000 }).toBe(1);
        await other.raw('SELECT pg_advisory_unlock(?, hashtext(?))', [LOCK_CLASS, 'facilities']);
        expect((await waiting).status).toBe('succeeded');
      });
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});

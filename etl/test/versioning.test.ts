import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset, EtlError } from '@kbs/etl';
import { ENGINES } from '../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../test/support/platform';
import { fingerprint } from '../../test/support/fingerprint';

const HEADER = 'facility_id,category,name,address,mahalle,latitude,longitude,source,capacity,opening_year';

function facilitiesCsv(dir: string, name: string, rows: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, [HEADER, ...rows].join('\n'));
  return file;
}

describe.each(ENGINES)('versioned loads on the %s engine', (engine) => {
  let platform: TestPlatform;
  let dir: string;
  beforeAll(async () => {
    platform = await startPlatform({ engine });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbs-etl-'));
  });
  afterAll(async () => {
    await platform?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('switches to a new version, keeps the previous one, and skips an unchanged file', async () => {
    const { knex } = platform.db;
    const before = await knex('catalog.datasets').where({ id: 'facilities' }).first();
    const file = facilitiesCsv(dir, 'v-next.csv', [
      'x1,school,"İnönü İlkokulu, Ek Bina",Adres 1,İNÖNÜ MAH.,41.0291,28.8506,test,250,1995',
      'x2,park,Evren Parkı,,Evren,41.0361,28.8169,test,,',
    ]);
    const report = await loadDataset(knex, file, 'facilities', { actor: 'test' });
    expect(report.status).toBe('succeeded');
    expect(report.rowsLoaded).toBe(2);
    const version = report.versions[0]!.version;
    expect(version).toBe(before.current_version + 1);

    const current = await knex('facilities').select('id', 'name', 'uavt_code').orderBy('id');
    expect(current).toEqual([
      { id: 'x1', name: 'İnönü İlkokulu, Ek Bina', uavt_code: '40159' },
      { id: 'x2', name: 'Evren Parkı', uavt_code: '40169' },
    ]);
    // The previous version is still there for rollback and downloads.
    const previous = await knex('data.facilities').where('_version', before.current_version).count({ n: '*' }).first();
    expect(Number(previous!.n)).toBeGreaterThan(100);

    const again = await loadDataset(knex, file, 'facilities', { actor: 'test' });
    expect(again.status).toBe('unchanged');
    expect((await knex('catalog.datasets').where({ id: 'facilities' }).first()).current_version).toBe(version);
    // The same file read another way is how a wrong reading is put right: a new version, not a no-op.
    const reread = await loadDataset(knex, file, 'facilities', { actor: 'test', read: { delimiter: ',', columnMap: { name: 'name', category: 'category' } } });
    expect(reread).toMatchObject({ status: 'succeeded', versions: [{ version: version + 1 }] });
    const rereadAgain = await loadDataset(knex, file, 'facilities', { actor: 'test', read: { columnMap: { category: 'category', name: 'name' }, delimiter: ',' } });
    expect(rereadAgain.status).toBe('unchanged');

    const run = await knex('catalog.etl_runs').where({ id: report.runId }).first();
    expect(run).toMatchObject({ status: 'succeeded', rows_read: 2, rows_loaded: 2, rows_rejected: 0, actor: 'test', version });
  });

  it('rejects a file with too many bad rows, names line and reason, and changes nothing', async () => {
    const { knex } = platform.db;
    const before = await fingerprint(knex);
    const file = facilitiesCsv(dir, 'bad.csv', [
      'b1,school,Okul,,Merkez,41.03,28.86,test,,',
      'b2,spaceport,Uzay Üssü,,Merkez,41.03,28.86,test,,',
      'b3,park,,,Merkez,41.03,28.86,test,,',
    ]);
    const rejectsDir = path.join(dir, 'rejects');
    const error = await loadDataset(knex, file, 'facilities', { rejectsDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EtlError);
    expect((error as Error).message).toMatch(/2 of 3 records were rejected/);
    const run = await knex('catalog.etl_runs').orderBy('id', 'desc').first();
    expect(run.status).toBe('failed');
    expect(run.report.rejections).toEqual([
      { position: 'line 3', reason: expect.stringMatching(/category "spaceport"/) },
      { position: 'line 4', reason: 'name is required' },
    ]);
    const after = await fingerprint(knex);
    expect(after).toEqual(before);
    const [rejectsFile] = fs.readdirSync(rejectsDir);
    expect(rejectsFile).toMatch(/^run-\d+-facilities-rejects\.csv$/);
    const lines = fs.readFileSync(path.join(rejectsDir, rejectsFile!), 'utf8').replace(/^\ufeff/, '').trim().split('\n');
    expect(lines[0]).toBe('position,reason');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['line 3', 'line 4']);
  });

  it('retires versions beyond the keep count', async () => {
    const { knex } = platform.db;
    for (let i = 0; i < 4; i++) {
      const file = facilitiesCsv(dir, `k${i}.csv`, [`k${i},park,Park ${i},,Merkez,41.03,28.86,test,,`]);
      expect((await loadDataset(knex, file, 'facilities')).status).toBe('succeeded');
    }
    const kept = await knex('catalog.versions').where({ dataset_id: 'facilities' }).whereIn('status', ['current', 'ready']);
    expect(kept).toHaveLength(3);
    const partitions = await knex('pg_tables').where({ schemaname: 'data' }).where('tablename', 'like', 'facilities__v%');
    expect(partitions).toHaveLength(3);
    expect(await knex('facilities').pluck('id')).toEqual(['k3']);
  });
});

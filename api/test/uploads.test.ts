/*
 * POST /api/uploads: the ETL's load over HTTP — the same report as the command line, allowed by role
 * and dataset scope, streamed to disk with a size limit, and a failed load changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../test/support/platform';
import { withDatasetLocks } from '@kbs/etl';
import { createApiKey } from '../src/access/apiKeys';

const HEADER = 'facility_id,category,name,address,mahalle,latitude,longitude,source,capacity,opening_year';

function facilitiesCsv(n: number, extra = ''): string {
  const lines = [HEADER];
  for (let i = 0; i < n; i++) lines.push(`U${i},park,Park ${i},Adres ${i},Merkez,${(41.03 + i * 0.0001).toFixed(5)},${(28.85 + i * 0.0001).toFixed(5)},upload,${i},2001`);
  return `${lines.join('\n')}\n${extra}`;
}

function form(fields: Record<string, string>, file?: { name: string; text: string }): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  if (file) f.set('file', new Blob([file.text], { type: 'text/csv' }), file.name);
  return f;
}

describe.each(ENGINES)('uploads on the %s engine', (engine) => {
  let platform: TestPlatform;
  const keys: Record<string, string> = {};
  const upload = (key: string | null, body: FormData) =>
    fetch(`${platform.url}/api/uploads`, { method: 'POST', headers: key ? { Authorization: `Bearer ${key}` } : {}, body });
  const facilities = async () => (await platform.db.knex.raw('SELECT count(*)::int AS n, md5(string_agg(id || category, \',\' ORDER BY id)) AS sum FROM public.facilities')).rows[0];
  beforeAll(async () => {
    platform = await startPlatform({ engine, env: { UPLOAD_MAX_MB: '1' } });
    const make = async (role: 'publisher' | 'department_editor', datasets: string[] = []) =>
      (await createApiKey(platform.db.knex, { name: `uploads ${role} ${datasets}`, role, datasets, expiresInDays: 1, createdBy: 'test' })).key;
    keys.publisher = await make('publisher');
    keys.parks = await make('department_editor', ['facilities']);
    keys.other = await make('department_editor', ['panoramas']);
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('loads a file as a new version and answers with the ETL report; the same file again is a no-op', async () => {
    const response = await upload(keys.parks!, form({ dataset: 'facilities' }, { name: 'parklar.csv', text: facilitiesCsv(40, 'U999,park,Dışarıda,,Merkez,0,0,upload,1,2001\n') }));
    expect(response.status).toBe(201);
    const report = (await response.json()) as { status: string; rowsRead: number; rowsLoaded: number; rowsRejected: number; rejections: { position: string; reason: string }[]; versions: { version: number }[]; rejectsFile: string | null };
    expect(report).toMatchObject({ status: 'succeeded', rowsRead: 41, rowsLoaded: 40, rowsRejected: 1 });
    expect(report.rejections[0]!.position).toBe('line 42');
    expect(report.rejectsFile).toMatch(/^run-\d+-facilities-rejects\.csv$/);
    expect((await facilities()).n).toBe(40);
    const again = await upload(keys.publisher!, form({ dataset: 'facilities' }, { name: 'aynı.csv', text: facilitiesCsv(40, 'U999,park,Dışarıda,,Merkez,0,0,upload,1,2001\n') }));
    expect(again.status).toBe(200);
    expect(((await again.json()) as { status: string }).status).toBe('unchanged');
    const audit = await platform.db.knex('audit.log').where({ action: 'upload' }).orderBy('id');
    expect(audit.map((a) => [a.actor.startsWith('key:'), a.target, a.outcome, a.details.status])).toEqual([
      [true, 'dataset:facilities', 'ok', 'succeeded'],
      [true, 'dataset:facilities', 'ok', 'unchanged'],
    ]);
  });

  it('refuses callers outside the matrix and scope, and bad forms, changing nothing', async () => {
    const before = await facilities();
    const csv = { name: 'f.csv', text: facilitiesCsv(5) };
    const cases: [string | null, FormData, number, string | undefined][] = [
      [null, form({ dataset: 'facilities' }, csv), 401, undefined],
      [keys.other!, form({ dataset: 'facilities' }, csv), 403, 'dataset'],
      [keys.publisher!, form({ dataset: 'nothing_here' }, csv), 404, 'dataset'],
      [keys.publisher!, form({ dataset: 'facilities' }), 400, 'file'],
      [keys.publisher!, form({}, csv), 400, 'dataset'],
      [keys.publisher!, form({ dataset: 'facilities', srid: 'utm' }, csv), 400, 'srid'],
      [keys.publisher!, form({ dataset: 'facilities', surprise: '1' }, csv), 400, 'surprise'],
      [keys.publisher!, form({ dataset: 'facilities', map: 'facility_id' }, csv), 400, 'map'],
      [keys.publisher!, form({ dataset: 'facilities', map: 'facility_id=Tesis No' }, csv), 422, 'map'],
      [keys.publisher!, form({ dataset: 'facilities' }, { name: 'big.csv', text: facilitiesCsv(20_000) }), 413, 'file'],
      [keys.publisher!, form({ dataset: 'facilities' }, { name: 'broken.geojson', text: '{"type":"FeatureCollection","features":[' }), 422, 'file'],
      [keys.publisher!, form({ dataset: 'facilities' }, { name: 'empty.csv', text: `${HEADER}\nX1,park,Yok,,Merkez,0,0,u,1,2001\n` }), 422, 'file'],
    ];
    for (const [key, body, status, parameter] of cases) {
      const response = await upload(key, body);
      const problem = (await response.json()) as { parameter?: string; detail: string };
      expect([response.status, problem.parameter], problem.detail).toEqual([status, parameter]);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    // Repeated ids: the lines that repeat them, never the database's words (they name internal tables).
    const repeated = await upload(keys.publisher!, form({ dataset: 'facilities' }, { name: 'tekrar.csv', text: facilitiesCsv(3, 'U1,park,Yine,,Merkez,41.03,28.85,upload,1,2001\n') }));
    expect(repeated.status).toBe(422);
    expect(((await repeated.json()) as { detail: string }).detail)
      .toBe('id "U1" appears on more than one record (line 3, line 5); each id may appear once in a file, so nothing was loaded');
    // Another load holds the dataset: 409, and the file waits for a later try.
    const busy = await withDatasetLocks(platform.db.knex, ['facilities'], () => upload(keys.publisher!, form({ dataset: 'facilities' }, csv)));
    expect(busy.status).toBe(409);
    expect((await busy.json()) as object).toMatchObject({ parameter: 'dataset', detail: 'dataset "facilities" is being changed by another load, rollback or edit; try again when it has finished' });
    const json = await fetch(`${platform.url}/api/uploads`, { method: 'POST', headers: { Authorization: `Bearer ${keys.publisher}`, 'Content-Type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(400);
    expect(await facilities()).toEqual(before);
  });

  it('reads a department\'s column names through a column map', async () => {
    const text = 'Tesis No;Tür;Adı;Mahalle;Enlem;Boylam\nT1;park;Çınar Parkı;Merkez;41,0291;28,8506\nT2;park;Gün Parkı;Merkez;41,0383;28,8293\n';
    const response = await upload(keys.publisher!, form({ dataset: 'facilities', map: 'facility_id=Tesis No,category=Tür,name=Adı' }, { name: 'tesisler.csv', text }));
    expect(response.status).toBe(201);
    expect((await response.json()) as object).toMatchObject({ rowsLoaded: 2, rowsRejected: 0 });
    expect(await platform.db.knex('public.facilities').select('id', 'name').orderBy('id')).toEqual([{ id: 'T1', name: 'Çınar Parkı' }, { id: 'T2', name: 'Gün Parkı' }]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../test/support/platform';

describe.each(ENGINES)('GET /api/datasets/{id}/versions on the %s engine', (engine) => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startPlatform({ engine });
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('lists the loaded versions with their dates, row counts and what the load did', async () => {
    const response = await fetch(`${platform.url}/api/datasets/neighbourhoods/versions`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    const { rows } = await platform.db.knex.raw(
      `SELECT v.version, v.status, v.row_count, r.rows_loaded FROM catalog.versions v JOIN catalog.etl_runs r ON r.id = v.run_id
        WHERE v.dataset_id = 'neighbourhoods' AND v.status <> 'staging' ORDER BY v.version DESC`,
    );
    const count = (await platform.db.knex.raw('SELECT count(*)::int AS n FROM public.neighbourhoods')).rows[0].n;
    expect(count).toBe(22);
    expect(body.dataset).toBe('neighbourhoods');
    expect(body.versions).toHaveLength(rows.length);
    const current = body.versions.find((v: any) => v.status === 'current');
    expect(current.version).toBe(body.current);
    expect(current.rowCount).toBe(count);
    expect(current.changes).toMatchObject({ rowsLoaded: count, rowsRejected: 0 });
    expect(Date.parse(current.activatedAt)).toBeGreaterThan(Date.parse('2020-01-01'));
    expect(body.versions.map((v: any) => v.version)).toEqual(rows.map((r: any) => r.version));
    // Rejections quote the source's values: never in this answer.
    expect(JSON.stringify(body)).not.toMatch(/rejections/);
  });

  it('answers 404 naming the id for an unknown dataset and for one the public may not see', async () => {
    for (const id of ['no_such_dataset', 'citizen_request_applicants']) {
      const response = await fetch(`${platform.url}/api/datasets/${id}/versions`);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(((await response.json()) as any).parameter).toBe('id');
    }
  });

  it('answers 410 with the reason for an unpublished dataset', async () => {
    await platform.db.knex('catalog.datasets').where({ id: 'facilities' }).update({ published: false, unpublished_at: new Date(), unpublished_reason: 'Yeniden düzenleniyor' });
    try {
      const response = await fetch(`${platform.url}/api/datasets/facilities/versions`);
      expect(response.status).toBe(410);
      expect((await response.json()) as any).toMatchObject({ parameter: 'id', reason: 'Yeniden düzenleniyor' });
    } finally {
      await platform.db.knex('catalog.datasets').where({ id: 'facilities' }).update({ published: true, unpublished_at: null, unpublished_reason: null });
    }
  });
});

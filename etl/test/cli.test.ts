import { spawnSync } from 'node:child_process';
import path from 'node:path';
import knexFactory from 'knex';
import { describe, expect, it } from 'vitest';
import { createServerDatabase, ROOT } from '../../test/support/testDatabase';

/** The command line refuses bad flags before it opens any database (exit 2, a message naming the fault). */
function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'etl/src/cli.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: '/nonexistent/kbs-cli-test', DATABASE_URL: '' },
  });
  return { status: r.status, stderr: r.stderr };
}

describe('etl command line', () => {
  it.each([
    [[], /usage/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['load', 'x.csv'], /load needs a file and --dataset/],
    [['load', 'x.csv', '--dataset', 'facilities', '--max-rejected', '5'], /--max-rejected must be a share from 0 to 1/],
    [['load', 'x.csv', '--dataset', 'facilities', '--srid', 'utm'], /--srid must be an EPSG code/],
    [['create', 'x.csv', '--dataset', 'a'], /create needs a file, --dataset and --title/],
    [['rollback', 'facilities', 'latest'], /rollback needs a dataset id and a version number/],
    [['versions'], /versions needs a dataset id/],
    [['derive'], /derive needs a dataset id/],
    [['load', 'x.csv', '--colour', 'red'], /Unknown option '--colour'/],
    [['load', 'x.csv', '--dataset', 'facilities', '--encoding', 'latin5'], /--encoding must be one of utf-8, windows-1254, iso-8859-9, not "latin5"/],
    [['validate', 'x.csv', '--dataset', 'facilities', '--map', 'facility_id'], /--map: the column map "facility_id" is not name=file column/],
    [['load', 'x.csv', '--dataset', 'facilities', '--map', 'id=A', '--map', 'id=B'], /--map: the column map names id twice/],
  ])('refuses %j', (args, message) => {
    const { status, stderr } = cli(...args);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('etl derive on a server', () => {
  it('re-derives portal_usage from portal.usage: a new version when the counts changed, a no-op when not', async () => {
    const db = await createServerDatabase();
    const knex = knexFactory({ client: 'pg', connection: db.url, pool: { min: 0, max: 1 } });
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'etl/src/cli.ts'), ...args], {
      cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'silent' },
    });
    try {
      await knex.raw("INSERT INTO portal.usage (dataset_id, month, views, downloads) VALUES ('facilities', date_trunc('month', now() AT TIME ZONE 'UTC')::date, 41, 7)");
      const first = run('derive', 'portal_usage');
      expect(first.status, first.stderr).toBe(0);
      expect(JSON.parse(first.stdout.trim().split('\n').pop()!)).toMatchObject({ status: 'succeeded' });
      const { rows } = await knex.raw("SELECT views, downloads FROM public.portal_usage WHERE dataset_id = 'facilities' AND month = date_trunc('month', now() AT TIME ZONE 'UTC')::date");
      expect(rows).toEqual([{ views: '41', downloads: '7' }]);
      const again = run('derive', 'portal_usage');
      expect(JSON.parse(again.stdout.trim().split('\n').pop()!)).toMatchObject({ status: 'unchanged' });
      const wrong = run('derive', 'facilities');
      expect(wrong.status).toBe(1);
      expect(wrong.stderr).toMatch(/"facilities" is not a derived dataset; derived: citizen_request_counts, portal_usage/);
    } finally {
      await knex.destroy();
      await db.drop();
    }
  }, 120_000);
});

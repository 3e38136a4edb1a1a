import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import knexFactory from 'knex';
import { migrateDownAll, migrateToLatest, openDatabase, type Database } from '@kbs/core';
import { migrations } from '@kbs/migrations';
import { ENGINES } from '../../test/support/engines';
import { serverUrl } from '../../test/support/testDatabase';

async function objectCounts(db: Database) {
  const { rows } = await db.knex.raw<{ rows: { schemas: number; tables: number; views: number }[] }>(`
SELECT
  (SELECT count(*)::int FROM pg_namespace WHERE nspname IN ('catalog', 'data')) AS schemas,
  (SELECT count(*)::int FROM pg_tables WHERE schemaname IN ('catalog', 'data')) AS tables,
  (SELECT count(*)::int FROM pg_views WHERE schemaname = 'public' AND viewname <> 'geography_columns' AND viewname <> 'geometry_columns') AS views`);
  return rows[0]!;
}

describe.each(ENGINES)('migrations on the %s engine', (engine) => {
  let db: Database;
  let dropServerDb: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    let databaseUrl: string | null = null;
    if (engine === 'server') {
      const name = `kbs_mig_${process.pid}`;
      const admin = knexFactory({ client: 'pg', connection: serverUrl('postgres') });
      await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
      await admin.raw('CREATE DATABASE ??', [name]);
      await admin.destroy();
      databaseUrl = serverUrl(name);
      dropServerDb = async () => {
        const k = knexFactory({ client: 'pg', connection: serverUrl('postgres') });
        await k.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
        await k.destroy();
      };
    }
    db = await openDatabase({ databaseUrl, dataDir: null });
  });

  afterAll(async () => {
    await db?.close();
    await dropServerDb?.();
  });

  it('migrates up, down and up again to the same schema', async () => {
    const applied = await migrateToLatest(db.knex, migrations);
    expect(applied).toEqual(migrations.map((m) => m.name));
    const afterUp = await objectCounts(db);
    expect(afterUp.schemas).toBe(2);
    // One current-version view per dataset table: 9 core datasets, the 2 published aggregates (010) and
    // the 3 editable planning datasets (011) and the address register's streets and addresses (012).
    expect(afterUp.views).toBe(16);
    expect(afterUp.tables).toBeGreaterThanOrEqual(4 + 16);

    const reverted = await migrateDownAll(db.knex, migrations);
    expect(reverted.sort()).toEqual(migrations.map((m) => m.name).sort());
    expect(await objectCounts(db)).toEqual({ schemas: 0, tables: 0, views: 0 });

    expect(await migrateToLatest(db.knex, migrations)).toHaveLength(migrations.length);
    expect(await objectCounts(db)).toEqual(afterUp);
  });
});

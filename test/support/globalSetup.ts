import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import { createLogger, loadConfig } from '@kbs/core';
import { prepareDatabase } from '../../api/src/platform';
import { DEMO_PANORAMA_DIR, EMBEDDED_SNAPSHOT, ROOT, SERVER_TEMPLATE, serverUrl, TMP } from './testDatabase';

/**
 * Prepares each engine once per run — migrated, catalog written, demo data loaded through the ETL —
 * so that every test file starts from a copy in about two seconds instead of a minute.
 */
export default async function setup(): Promise<void> {
  fs.mkdirSync(TMP, { recursive: true });
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'warn', 'test-setup');
  const demoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbs-demo-'));
  const config = { ...loadConfig({}, ROOT), dataDir: demoDir, logLevel: 'warn' as const };

  const started = Date.now();
  const embedded = await prepareDatabase({ ...config, databaseUrl: null }, logger, { inMemory: true });
  fs.writeFileSync(EMBEDDED_SNAPSHOT, Buffer.from(await (await embedded.db.snapshot!()).arrayBuffer()));
  await embedded.db.close();
  console.log(`[setup] embedded engine prepared in ${Date.now() - started} ms`);

  if (process.env.TEST_DATABASE_URL) {
    const t = Date.now();
    const admin = knexFactory({ client: 'pg', connection: serverUrl('postgres'), pool: { min: 0, max: 1 } });
    await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [SERVER_TEMPLATE]);
    await admin.raw('CREATE DATABASE ??', [SERVER_TEMPLATE]);
    await admin.destroy();
    const server = await prepareDatabase({ ...config, databaseUrl: serverUrl(SERVER_TEMPLATE) }, logger);
    await server.db.close();
    console.log(`[setup] server engine prepared in ${Date.now() - t} ms`);
  }
  // The images the loaded captures point to: both engines loaded the same generated files.
  fs.rmSync(DEMO_PANORAMA_DIR, { recursive: true, force: true });
  fs.mkdirSync(DEMO_PANORAMA_DIR, { recursive: true });
  fs.cpSync(path.join(demoDir, 'demo', 'panoramas'), path.join(DEMO_PANORAMA_DIR, 'panoramas'), { recursive: true });
  fs.rmSync(demoDir, { recursive: true, force: true });
}

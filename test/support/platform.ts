import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { createLogger, loadConfig, type Database, type Engine } from '@kbs/core';
import { startPlatform as start } from '../../api/src/platform';
import { createServerDatabase, DEMO_PANORAMA_DIR, embeddedSnapshot, ROOT } from './testDatabase';

export interface TestPlatform {
  url: string;
  db: Database;
  engine: Engine;
  close(): Promise<void>;
}

/**
 * The whole platform on a free loopback port over a private copy of the prepared database
 * (the embedded snapshot in memory, or a database made from the server template).
 */
export async function startPlatform(opts: { engine?: Engine; env?: NodeJS.ProcessEnv } = {}): Promise<TestPlatform> {
  const engine = opts.engine ?? 'embedded';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbs-test-'));
  const serverDb = engine === 'server' ? await createServerDatabase() : null;
  const config = loadConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      PANORAMA_DIR: DEMO_PANORAMA_DIR,
      ...(serverDb ? { DATABASE_URL: serverDb.url } : {}),
      ...opts.env,
    },
    ROOT,
  );
  const logger = createLogger(config.logLevel, `test-${engine}`);
  const platform = await start(config, logger, engine === 'embedded' ? { snapshot: embeddedSnapshot() } : {});
  return {
    url: platform.url,
    db: platform.db,
    engine,
    async close() {
      await platform.close();
      await serverDb?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

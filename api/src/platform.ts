import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  listDatasets,
  migrateToLatest,
  openDatabase,
  upsertDataset,
  validateCatalog,
  type Config,
  type Database,
  type Logger,
} from '@kbs/core';
import { isDemoLoaded, loadDemoData, SHIPPED_DATASETS } from '@kbs/data';
import { deriveDataset, underivedDatasets } from '@kbs/etl';
import { migrations } from '@kbs/migrations';
import { createApp } from './app';

/**
 * The composition root: the one module that brings the schema (migrations), the shipped datasets and
 * demo data (data) and the HTTP app together. Route modules never import migrations or data.
 */

export interface PreparedDatabase {
  db: Database;
  demoLoaded: boolean;
}

/** Opens the database, migrates it, writes and checks the catalog, and loads the demo data if asked. */
export interface EmbeddedSource {
  /** Start the embedded engine in memory from this snapshot instead of the data folder. */
  snapshot?: Blob;
  /** Keep the embedded engine in memory, starting empty. */
  inMemory?: boolean;
}

export async function prepareDatabase(config: Config, logger: Logger, source: EmbeddedSource = {}): Promise<PreparedDatabase> {
  const started = Date.now();
  const inMemory = Boolean(source.snapshot || source.inMemory);
  logger.info(config.databaseUrl ? 'connecting to PostgreSQL' : `opening embedded PostGIS in ${inMemory ? 'memory' : config.dataDir}`);
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: inMemory ? null : config.dataDir,
    statementTimeoutMs: config.statementTimeoutMs,
    ...(source.snapshot ? { snapshot: source.snapshot } : {}),
  });
  try {
    const applied = await migrateToLatest(db.knex, migrations);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    for (const dataset of SHIPPED_DATASETS) await upsertDataset(db.knex, dataset, { keepPublication: true });
    await validateCatalog(db.knex, await listDatasets(db.knex));
    let demoLoaded = false;
    if (config.demoData && !(await isDemoLoaded(db.knex))) {
      logger.info('loading the Bağcılar demo data (first start)');
      await loadDemoData(db.knex, path.join(config.dataDir, 'demo'), (message) => logger.info(message));
      demoLoaded = true;
    }
    await refreshDerivedAtStart(db, logger);
    logger.info({ engine: db.engine, ms: Date.now() - started }, 'database ready');
    return { db, demoLoaded };
  } catch (error) {
    await db.close();
    throw error;
  }
}

/**
 * The portal's usage figures as a dataset, as of this start; and any derived dataset never derived yet
 * (an installation upgraded to it). A failure here is logged and does not stop the start.
 */
async function refreshDerivedAtStart(db: Database, logger: Logger): Promise<void> {
  for (const id of new Set([...(await underivedDatasets(db.knex)), 'portal_usage'])) {
    try {
      const report = await deriveDataset(db.knex, id, { actor: 'start' });
      if (report?.status === 'succeeded') logger.info({ dataset: id, version: report.versions[0]?.version, rows: report.rowsLoaded }, 'derived dataset refreshed');
    } catch (error) {
      logger.warn({ dataset: id, err: error }, 'derived dataset could not be refreshed');
    }
  }
}

export interface RunningPlatform {
  url: string;
  db: Database;
  close(): Promise<void>;
}

/** Starts the whole platform on one port: API and web app. */
export async function startPlatform(config: Config, logger: Logger, source: EmbeddedSource = {}): Promise<RunningPlatform> {
  const { db } = await prepareDatabase(config, logger, source);
  const app = createApp({ db, config, logger });
  const handle = app.callback();
  let draining = false;
  const server = http.createServer((req, res) => {
    if (draining) res.setHeader('Connection', 'close');
    // A response that was in flight when closing began leaves an idle keep-alive socket behind it.
    res.once('finish', () => {
      if (draining) setImmediate(() => server.closeIdleConnections());
    });
    void handle(req, res);
  });
  // Longer than a load balancer's idle timeout (60 s on the common ones), so that the balancer, or a
  // client reusing a pooled socket, never sends a request on a connection this server is closing.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${host}:${port}`;
  let closing: Promise<void> | null = null;
  return {
    url,
    db,
    close() {
      // In-flight requests finish, new connections are refused, then the database closes cleanly.
      closing ??= new Promise<void>((resolve) => {
        draining = true;
        server.close(() => resolve());
        server.closeIdleConnections();
      }).then(() => db.close());
      return closing;
    },
  };
}

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import knexFactory from 'knex';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** KBS_TEST_TMP lets two test runs share a checkout without sharing prepared databases. */
export const TMP = process.env.KBS_TEST_TMP ? path.resolve(process.env.KBS_TEST_TMP) : path.join(ROOT, '.tmp');
/** The embedded engine, migrated and with the demo data, dumped once per run by the global setup. */
export const EMBEDDED_SNAPSHOT = path.join(TMP, 'embedded-snapshot.tar.gz');
/** The prepared demo's panorama images (`panoramas/*.png`), kept for the test platforms to serve (PANORAMA_DIR). */
export const DEMO_PANORAMA_DIR = path.join(TMP, 'demo');
/** The server engine's template database, prepared once per run by the global setup. */
export const SERVER_TEMPLATE = 'kbs_template';

export function embeddedSnapshot(): Blob {
  if (!fs.existsSync(EMBEDDED_SNAPSHOT)) throw new Error(`${EMBEDDED_SNAPSHOT} is missing: run the tests through vitest (its global setup makes it)`);
  return new Blob([fs.readFileSync(EMBEDDED_SNAPSHOT)]);
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function serverUrl(database: string): string {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  return withDatabase(base, database);
}

/** A fresh database copied from the prepared template: every test file gets its own. */
export async function createServerDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `kbs_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = knexFactory({ client: 'pg', connection: serverUrl('postgres'), pool: { min: 0, max: 1 } });
  try {
    await admin.raw('CREATE DATABASE ?? TEMPLATE ??', [name, SERVER_TEMPLATE]);
  } finally {
    await admin.destroy();
  }
  return {
    url: serverUrl(name),
    async drop() {
      const k = knexFactory({ client: 'pg', connection: serverUrl('postgres'), pool: { min: 0, max: 1 } });
      try {
        await k.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
      } finally {
        await k.destroy();
      }
    },
  };
}

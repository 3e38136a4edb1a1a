import path from 'node:path';

/** Everything the platform reads from the environment, read and validated once at start. */
export interface Config {
  port: number;
  host: string;
  /** Set: a real PostgreSQL + PostGIS; unset: the embedded PGlite engine under dataDir. */
  databaseUrl: string | null;
  dataDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Absolute public URL of the service when behind a proxy (used for links); null: derived per request. */
  publicUrl: string | null;
  corsOrigins: string[];
  /** Optional raster basemaps offered by the web map, e.g. "OSM|https://tile.example/{z}/{x}/{y}.png". */
  basemaps: { name: string; url: string }[];
  /** Folder of the built web app, served at `/`. */
  webDist: string;
  /** Load the generated Bağcılar demo data when the database is empty. */
  demoData: boolean;
  /** Folder the panoramas' `image` paths are relative to (PANORAMA_DIR; default: the demo data under DATA_DIR). */
  panoramaDir: string;
  /** Largest file POST /api/uploads takes, in bytes (UPLOAD_MAX_MB). */
  uploadMaxBytes: number;
  /** PostgreSQL cancels an API statement running longer than this (STATEMENT_TIMEOUT_MS; server engine). */
  statementTimeoutMs: number;
  /** Requests per minute per API key, and per address for everyone else (RATE_LIMIT_PER_MINUTE; 0 = off). */
  rateLimitPerMinute: number;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, reason: string) {
    super(`Configuration error in ${variable}: ${reason}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): Config {
  const port = parseInteger(env, 'PORT', 3000, 0, 65535);
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', 'must start with postgres:// or postgresql://');
  }
  const logLevel = (env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  }
  const publicUrl = env.PUBLIC_URL?.trim() || null;
  if (publicUrl && !/^https?:\/\/[^/]+/.test(publicUrl)) {
    throw new ConfigError('PUBLIC_URL', 'must be an absolute http(s) URL');
  }
  const corsOrigins = splitList(env.CORS_ORIGINS);
  for (const origin of corsOrigins) {
    if (origin !== '*' && !/^https?:\/\/[^/]+$/.test(origin)) {
      throw new ConfigError('CORS_ORIGINS', `"${origin}" is not an origin like https://example.org`);
    }
  }
  const basemaps = splitList(env.BASEMAPS, ';').map((entry) => {
    const [name, url] = entry.split('|');
    if (!name || !url || !/^https?:\/\//.test(url)) {
      throw new ConfigError('BASEMAPS', `"${entry}" must look like "Name|https://host/{z}/{x}/{y}.png"`);
    }
    return { name: name.trim(), url: url.trim() };
  });
  const dataDir = path.resolve(root, env.DATA_DIR?.trim() || '.data');
  return {
    port,
    host: env.HOST?.trim() || '0.0.0.0',
    databaseUrl,
    dataDir,
    logLevel,
    publicUrl: publicUrl?.replace(/\/+$/, '') ?? null,
    corsOrigins,
    basemaps,
    webDist: path.resolve(root, env.WEB_DIST?.trim() || 'web/dist'),
    demoData: parseBoolean(env, 'DEMO_DATA', true),
    panoramaDir: path.resolve(root, env.PANORAMA_DIR?.trim() || path.join(dataDir, 'demo')),
    uploadMaxBytes: parseInteger(env, 'UPLOAD_MAX_MB', 200, 1, 10_000) * 1024 * 1024,
    statementTimeoutMs: parseInteger(env, 'STATEMENT_TIMEOUT_MS', 60_000, 100, 3_600_000),
    rateLimitPerMinute: parseInteger(env, 'RATE_LIMIT_PER_MINUTE', 6000, 0, 10_000_000),
  };
}

function parseInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `"${raw}" is not a whole number from ${min} to ${max}`);
  }
  return value;
}

function parseBoolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `"${raw}" is not true or false`);
}

function splitList(raw: string | undefined, separator = ','): string[] {
  return (raw ?? '').split(separator).map((s) => s.trim()).filter(Boolean);
}

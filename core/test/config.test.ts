import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '@kbs/core';

describe('configuration', () => {
  it('defaults to the embedded engine on port 3000 with ./.data', () => {
    const config = loadConfig({}, '/srv/kbs');
    expect(config).toMatchObject({ port: 3000, databaseUrl: null, dataDir: path.resolve('/srv/kbs/.data'), demoData: true, corsOrigins: [] });
  });

  it('reads a real PostgreSQL URL, origins and basemaps', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://kbs@db:5432/kbs',
      CORS_ORIGINS: 'https://bagcilar.bel.tr, https://e-belediye.bagcilar.bel.tr',
      BASEMAPS: 'OSM|https://tile.openstreetmap.org/{z}/{x}/{y}.png',
      DEMO_DATA: 'false',
    }, '/srv');
    expect(config.databaseUrl).toBe('postgres://kbs@db:5432/kbs');
    expect(config.corsOrigins).toEqual(['https://bagcilar.bel.tr', 'https://e-belediye.bagcilar.bel.tr']);
    expect(config.basemaps).toEqual([{ name: 'OSM', url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' }]);
    expect(config.demoData).toBe(false);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ CORS_ORIGINS: 'bagcilar.bel.tr' }, 'CORS_ORIGINS'],
    [{ BASEMAPS: 'OSM' }, 'BASEMAPS'],
    [{ DEMO_DATA: 'maybe' }, 'DEMO_DATA'],
    [{ PUBLIC_URL: 'kbs.local' }, 'PUBLIC_URL'],
  ])('refuses %j naming %s', (env, variable) => {
    expect(() => loadConfig(env, '/srv')).toThrowError(ConfigError);
    try {
      loadConfig(env, '/srv');
    } catch (error) {
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as Error).message).toContain(variable);
    }
  });
});

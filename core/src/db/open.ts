import type { Database, OpenDatabaseOptions } from './database';

// Each engine is imported when it is opened: PGlite with PostGIS costs about 2 s and 140 MB to load,
// which a process on a server database (an ETL run, an API instance) should not pay.
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return (await import('./server')).openServerDatabase(options);
  return (await import('./embedded')).openEmbeddedDatabase(options);
}

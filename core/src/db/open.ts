import type { Database, OpenDatabaseOptions } from './database';
import { openEmbeddedDatabase } from './embedded';
import { openServerDatabase } from './server';

export function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openServerDatabase(options) : openEmbeddedDatabase(options);
}

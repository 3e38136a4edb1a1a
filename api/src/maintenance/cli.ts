import { ConfigError, loadConfig } from '@kbs/core';
import { backupDatabase, restoreDatabase, RestoreRefusedError } from './backup';

const USAGE = `Kullanım / usage:
  npm run backup -- <file>              the whole database into one file (pg_dump custom format, or the embedded data folder)
  npm run restore -- <file> [--force]   back from such a file; --force replaces a database that is not empty
The database is DATABASE_URL, or the embedded one under DATA_DIR (default ./.data; stop the server first).`;

async function main(): Promise<void> {
  const [command, file, ...rest] = process.argv.slice(2);
  const force = rest.includes('--force');
  if (!file || file.startsWith('-') || !['backup', 'restore'].includes(command ?? '') || rest.some((r) => r !== '--force')) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const config = loadConfig();
  const started = Date.now();
  const progress = (line: string) => console.error(`  ${line}`);
  if (command === 'backup') await backupDatabase(config, file, progress);
  else await restoreDatabase(config, file, { force }, progress);
  console.log(`✓ ${command} ${file} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

main().catch((error) => {
  console.error(error instanceof RestoreRefusedError || error instanceof ConfigError ? error.message : error);
  process.exitCode = error instanceof RestoreRefusedError ? 2 : 1;
});

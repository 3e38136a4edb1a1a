import { ConfigError, createLogger, loadConfig } from '@kbs/core';
import { startPlatform } from './platform';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
const logger = createLogger(config.logLevel);

try {
  const platform = await startPlatform(config, logger);
  logger.info({ url: platform.url }, 'listening');
  console.log(`\n  Bağcılar Kent Bilgi Sistemi: ${platform.url}\n`);
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    platform.close().then(
      () => process.exit(0),
      (error) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
} catch (error) {
  logger.fatal({ err: error }, 'could not start');
  console.error(`\nCould not start: ${(error as Error).message}\n`);
  process.exit(1);
}

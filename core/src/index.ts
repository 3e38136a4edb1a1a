export * from './config';
export * from './errors';
export * from './turkish';
export * from './log';
export * from './db/database';
export { openDatabase } from './db/open';

export { migrateToLatest, migrateDownAll, type Migration } from './db/migrate';
export * from './catalog/types';
export * from './catalog/store';
export * from './catalog/validate';
export * from './catalog/visibleRows';
export { streamRows, type StreamOptions } from './db/stream';
export * from './audit';
export * from './privacy/smallCounts';

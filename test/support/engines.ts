import type { Engine } from '@kbs/core';

/** The engines integration tests run on: embedded always, a real PostGIS when TEST_DATABASE_URL is set. */
export const ENGINES: Engine[] = process.env.TEST_DATABASE_URL ? ['embedded', 'server'] : ['embedded'];

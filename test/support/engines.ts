import type { Engine } from '@kbs/core';

/** The engines integration tests run on: embedded always, a real PostGIS when TEST_DATABASE_URL is set. */
export const ENGINES: Engine[] = process.env.TEST_DATABASE_URL ? ['embedded', 'server'] : ['embedded'];

/**
 * The one engine for browser tests whose subject is the page rather than the data path (layout, keyboard,
 * export, client-side rendering): the API under them is tested on both engines already. The server engine
 * when there is one, because a copy of its database starts in a fraction of the embedded snapshot's time.
 */
export const PAGE_ENGINE: Engine = ENGINES[ENGINES.length - 1]!;

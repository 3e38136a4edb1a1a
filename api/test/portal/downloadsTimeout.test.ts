/**
 * A whole-dataset download may run longer than the API's statement timeout (STATEMENT_TIMEOUT_MS). On
 * PostgreSQL that timeout covers a cursor's whole life, so the download stream lifts it for its own
 * connection, and gives the connection back with the API's timeout in force again.
 * (Found by bench:downloads: a 1,000,000-row CSV on a busy machine was cut off at 60 s.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamRows } from '@kbs/core';
import { ENGINES } from '../../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../../test/support/platform';

// Ten batches of two rows, each batch sleeping 2 × 60 ms: 1.2 s in all, far past a 300 ms timeout.
const SLOW = 'SELECT g, pg_sleep(0.06) FROM generate_series(1, 20) g';

describe.runIf(ENGINES.includes('server'))('long download streams on PostgreSQL with a 300 ms statement timeout', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startPlatform({ engine: 'server', env: { STATEMENT_TIMEOUT_MS: '300' } });
  });
  afterAll(async () => {
    await platform?.close();
  });

  const drain = async (rows: AsyncIterable<unknown>) => {
    let n = 0;
    for await (const _ of rows) n += 1;
    return n;
  };

  it('a stream that does not lift the timeout is cancelled (the test can fail)', async () => {
    await expect(drain(streamRows(platform.db.knex, SLOW, [], 2))).rejects.toThrow(/statement timeout/);
  });

  it('a stream with statementTimeoutMs 0 runs to the end, and its connection gets the timeout back', async () => {
    expect(await drain(streamRows(platform.db.knex, SLOW, [], 2, { statementTimeoutMs: 0 }))).toBe(20);
    // Every pooled connection answers with the API's timeout again (the pool may hand out any of them).
    const settings = await Promise.all(Array.from({ length: 4 }, () => platform.db.knex.raw('SHOW statement_timeout')));
    for (const s of settings) expect(s.rows[0].statement_timeout).toBe('300ms');
  });
});

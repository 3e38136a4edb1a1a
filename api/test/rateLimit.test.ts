import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type TestPlatform } from '../../test/support/platform';
import { createApiKey } from '../src/access/apiKeys';
import { WindowCounter } from '../src/http/rateLimit';

describe('the window counter', () => {
  it('allows the limit per window, then says how long to wait, and starts again after the window', () => {
    const c = new WindowCounter(3, 60_000);
    expect([c.hit('a', 0), c.hit('a', 1000), c.hit('a', 2000), c.hit('a', 30_000), c.hit('b', 30_000)]).toEqual([0, 0, 0, 30, 0]);
    expect(c.hit('a', 60_000)).toBe(0);
  });

  it('stays bounded when many keys arrive', () => {
    const c = new WindowCounter(1, 60_000, 100);
    for (let i = 0; i < 1000; i++) c.hit(`k${i}`, i);
    expect((c as unknown as { windows: Map<string, unknown> }).windows.size).toBeLessThanOrEqual(100);
  });
});

describe('rate limits over HTTP', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startPlatform({ engine: 'embedded', env: { RATE_LIMIT_PER_MINUTE: '20' } });
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('answers 429 with Retry-After beyond the limit per address, and counts a key on its own', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const r = await fetch(`${platform.url}/health`);
      statuses.push(r.status);
      if (r.status === 429) {
        expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(Number(r.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      }
      await r.arrayBuffer();
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429]);
    const { key } = await createApiKey(platform.db.knex, { name: 'rate', role: 'viewer', expiresInDays: 1, createdBy: 'test' });
    const withKey = await fetch(`${platform.url}/health`, { headers: { Authorization: `Bearer ${key}` } });
    expect(withKey.status).toBe(200);
    expect(withKey.headers.get('ratelimit-remaining')).toBe('19');
  });
});

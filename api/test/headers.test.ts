import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type TestPlatform } from '../../test/support/platform';

describe('CORS and security headers', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startPlatform({ env: { CORS_ORIGINS: 'https://mobil.bagcilar.bel.tr' } });
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('allows a configured origin and nobody else', async () => {
    const allowed = await fetch(`${platform.url}/api/neighbourhoods`, { headers: { Origin: 'https://mobil.bagcilar.bel.tr' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://mobil.bagcilar.bel.tr');
    const other = await fetch(`${platform.url}/api/neighbourhoods`, { headers: { Origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${platform.url}/api/lookup`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://mobil.bagcilar.bel.tr', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('sends a Content-Security-Policy without inline scripts, and nosniff', async () => {
    const page = await fetch(`${platform.url}/`);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await page.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle="/);
  });
});

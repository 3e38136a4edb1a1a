import { describe, expect, it } from 'vitest';
import { withBasemaps } from '../src/web/staticSite';

describe('the map page with the configured basemaps', () => {
  const page = '<html><head><title>x</title></head><body></body></html>';

  it('writes one kbs-basemap meta tag per basemap before </head>, attribute-escaped', () => {
    const html = withBasemaps(page, [
      { name: 'OSM', url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' },
      { name: 'Uydu "2026" <yeni> & eski', url: 'https://tiles.example/{z}/{x}/{y}.png?a=1&b=2' },
    ]);
    expect(html.match(/<meta name="kbs-basemap" content="[^"]*" \/>/g)).toEqual([
      '<meta name="kbs-basemap" content="OSM|https://tile.openstreetmap.org/{z}/{x}/{y}.png" />',
      '<meta name="kbs-basemap" content="Uydu &quot;2026&quot; &lt;yeni&gt; &amp; eski|https://tiles.example/{z}/{x}/{y}.png?a=1&amp;b=2" />',
    ]);
    expect(html.indexOf('kbs-basemap')).toBeLessThan(html.indexOf('</head>'));
  });

  it('leaves the page as it is when none is configured', () => {
    expect(withBasemaps(page, [])).toBe(page);
  });
});

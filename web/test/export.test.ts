import { describe, expect, it } from 'vitest';
import { exportFileName } from '../src/export/exportMap';
import { exportLayout } from '../src/export/layout';
import { metresPerPixel, niceLength, scaleBar } from '../src/export/scaleBar';

describe('the scale bar', () => {
  it('gives Web Mercator metres per CSS pixel of 512-pixel tiles', () => {
    // 40,075,016.686 m / 512 px at zoom 0 on the equator; halved by each zoom level; × cos(latitude).
    expect(metresPerPixel(0, 0)).toBeCloseTo(78_271.517, 3);
    expect(metresPerPixel(0, 1)).toBeCloseTo(39_135.758, 3);
    expect(metresPerPixel(60, 0)).toBeCloseTo(39_135.758, 3);
    // Bağcılar at zoom 13: 7.2 m per pixel.
    expect(metresPerPixel(41.044, 13)).toBeCloseTo(7.2062, 3);
  });

  it('chooses the largest 1-2-5 length that fits', () => {
    const cases: [number, number][] = [[1, 1], [1.99, 1], [2, 2], [4.99, 2], [5, 5], [9.99, 5], [10, 10], [999, 500], [1000, 1000], [0.3, 0.2], [0.07, 0.05], [2999, 2000], [123_456, 100_000]];
    for (const [limit, nice] of cases) expect(niceLength(limit), `${limit}`).toBeCloseTo(nice, 12);
  });

  it('labels in metres below a kilometre and in kilometres from one, with the bar length in pixels', () => {
    // 7.2062 m/px × 130 px = 936.8 m → 500 m over 69.4 px.
    const near = scaleBar(41.044, 13, 130);
    expect(near.label).toBe('500 m');
    expect(near.pixels).toBeCloseTo(500 / 7.2062, 1);
    // One zoom level out: 1873.6 m fit → 1 km over 69.4 px.
    const far = scaleBar(41.044, 12, 130);
    expect(far.label).toBe('1 km');
    expect(far.metres).toBe(1000);
    expect(far.pixels).toBeCloseTo(1000 / 14.4123, 1);
    // Never longer than asked.
    for (let zoom = 0; zoom <= 22; zoom += 0.25) expect(scaleBar(41, zoom, 130).pixels).toBeLessThanOrEqual(130);
  });
});

describe('the export layout', () => {
  it('frames the map with title and date above, legend rows and attribution below, all scaled by the pixel ratio', () => {
    const one = exportLayout(960, 700, 5, 1);
    expect(one.map).toEqual({ x: 16, y: 76, width: 960, height: 700 });
    expect(one.width).toBe(992);
    expect(one.legendRows).toHaveLength(5);
    expect(one.legendRows[1]!.swatch.y - one.legendRows[0]!.swatch.y).toBe(22);
    expect(one.attribution.y).toBe(one.legendRows[4]!.label.y + 22 + 10);
    expect(one.height).toBe(one.attribution.y + 18 + 16);
    // The arrow sits inside the map's top right corner, the scale bar inside its bottom left one.
    expect(one.northArrow.x + one.northArrow.width).toBe(one.map.x + one.map.width - 10);
    expect(one.scaleBar.y + one.scaleBar.height).toBe(one.map.y + one.map.height - 10);

    const two = exportLayout(1920, 1400, 5, 2);
    expect(two.width).toBe(1920 + 64);
    expect(two.map.y).toBe(152);
    expect(two.height).toBe(2 * (one.height - 700) + 1400);
  });
});

describe('the export file name', () => {
  it('is the local date, ASCII only', () => {
    expect(exportFileName(new Date(2026, 11, 2, 23, 59), 'png')).toBe('bagcilar-harita-2026-12-02.png');
    expect(exportFileName(new Date(2027, 0, 9), 'png')).toBe('bagcilar-harita-2027-01-09.png');
  });
});

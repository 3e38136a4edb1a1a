import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { drawText, GLYPH_HEIGHT, textWidth } from '../src/generate/font';
import {
  columnOfAzimuth,
  NORTH_COLOUR,
  PANORAMA_HEIGHT,
  PANORAMA_WIDTH,
  renderPanorama,
  sequenceColour,
} from '../src/generate/panorama';

const W = PANORAMA_WIDTH;
const H = PANORAMA_HEIGHT;

function decode(buffer: Buffer) {
  const png = PNG.sync.read(buffer);
  const pixel = (x: number, y: number): [number, number, number] => {
    const o = (y * png.width + x) * 4;
    return [png.data[o]!, png.data[o + 1]!, png.data[o + 2]!];
  };
  return { png, pixel };
}

const same = (a: readonly number[], b: readonly number[]) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2];

/** Columns (sorted) holding a pixel of `colour` within rows [top, bottom). */
function columnsWith(buffer: Buffer, colour: readonly number[], top: number, bottom: number): number[] {
  const { pixel } = decode(buffer);
  const xs: number[] = [];
  for (let x = 0; x < W; x++) {
    for (let y = top; y < bottom; y++) {
      if (same(pixel(x, y), colour)) {
        xs.push(x);
        break;
      }
    }
  }
  return xs;
}

/** Centre of a run of columns that may wrap around the image edge. */
function circularCentre(xs: number[]): number {
  const angles = xs.map((x) => ((x + 0.5) / W) * 2 * Math.PI);
  const s = angles.reduce((a, t) => a + Math.sin(t), 0);
  const c = angles.reduce((a, t) => a + Math.cos(t), 0);
  return ((((Math.atan2(s, c) / (2 * Math.PI)) * W - 0.5) % W) + W) % W;
}

// The cardinal letters sit above the horizon: rows HORIZON − 18 − 21 … HORIZON − 18.
const LETTER_TOP = H / 2 - 18 - GLYPH_HEIGHT * 3;
const LETTER_BOTTOM = H / 2 - 18;

describe('panorama images', () => {
  it('are 512×256 PNGs, the same bytes for the same capture', () => {
    const a = renderPanorama({ id: 'seq-01-0001', sequenceId: 'seq-01', heading: 123.4 });
    const b = renderPanorama({ id: 'seq-01-0001', sequenceId: 'seq-01', heading: 123.4 });
    expect(a.equals(b)).toBe(true);
    const { png } = decode(a);
    expect([png.width, png.height]).toEqual([W, H]);
    expect(renderPanorama({ id: 'seq-01-0001', sequenceId: 'seq-01', heading: 124.4 }).equals(a)).toBe(false);
  });

  it('maps azimuths to columns: centre = heading, north at ((0 − heading)/360 + 0.5) × width', () => {
    expect(columnOfAzimuth(90, 90)).toBe(W / 2);
    expect(columnOfAzimuth(0, 90)).toBe(W / 4);
    expect(columnOfAzimuth(0, 0)).toBe(W / 2);
    expect(columnOfAzimuth(0, 270)).toBe((3 * W) / 4);
    expect(columnOfAzimuth(180, 0)).toBe(0);
    expect(columnOfAzimuth(350, 10)).toBe(Math.round((-20 / 360 + 0.5) * W));
  });

  it('draws the red N centred at width/4 when the capture heads east (90°)', () => {
    const png = renderPanorama({ id: 'TEST', sequenceId: 'seq-01', heading: 90 });
    const red = columnsWith(png, NORTH_COLOUR, LETTER_TOP, LETTER_BOTTOM);
    expect(red.length).toBeGreaterThanOrEqual(10); // a 5-pixel glyph at scale 3
    expect(Math.abs((Math.min(...red) + Math.max(...red)) / 2 - W / 4)).toBeLessThanOrEqual(1.5);
    // The letter's columns are red, the same rows a little to the side are plain sky.
    const { pixel } = decode(png);
    const inLetter = [...Array(LETTER_BOTTOM - LETTER_TOP).keys()].some((k) => same(pixel(W / 4, LETTER_TOP + k), NORTH_COLOUR));
    expect(inLetter).toBe(true);
    for (const dx of [-30, -20, 20, 30]) {
      for (let y = LETTER_TOP; y < LETTER_BOTTOM; y++) {
        const [r, g, b] = pixel(W / 4 + dx, y);
        expect(b).toBeGreaterThan(r); // sky blue, no marking
        expect(same([r, g, b], NORTH_COLOUR)).toBe(false);
      }
    }
    // Nothing else is drawn in the north colour anywhere in the image.
    expect(columnsWith(png, NORTH_COLOUR, 0, H).every((x) => Math.abs(x - W / 4) <= 8)).toBe(true);
  });

  it('puts E in the centre column at heading 90, and N in the centre at heading 0', () => {
    const white = [255, 255, 255];
    const east = columnsWith(renderPanorama({ id: 'A', heading: 90 }), white, LETTER_TOP, LETTER_BOTTOM - 1)
      .filter((x) => Math.abs(x - W / 2) < 20);
    expect(Math.abs((Math.min(...east) + Math.max(...east)) / 2 - W / 2)).toBeLessThanOrEqual(1.5);
    const north = columnsWith(renderPanorama({ id: 'A', heading: 0 }), NORTH_COLOUR, LETTER_TOP, LETTER_BOTTOM);
    expect(Math.abs((Math.min(...north) + Math.max(...north)) / 2 - W / 2)).toBeLessThanOrEqual(1.5);
  });

  it('wraps the N around the image edge when north is behind the camera', () => {
    const red = columnsWith(renderPanorama({ id: 'A', heading: 180 }), NORTH_COLOUR, LETTER_TOP, LETTER_BOTTOM);
    expect(red.some((x) => x < 10)).toBe(true);
    expect(red.some((x) => x > W - 10)).toBe(true);
    const centre = circularCentre(red);
    expect(Math.min(centre, W - centre)).toBeLessThanOrEqual(1.5);
  });

  it('draws ticks every 10° and longer ones every 45° just above the horizon', () => {
    const { pixel } = decode(renderPanorama({ id: 'A', heading: 0 }));
    const white = [255, 255, 255];
    for (let azimuth = 0; azimuth < 360; azimuth += 10) {
      expect(same(pixel(columnOfAzimuth(azimuth, 0), H / 2 - 3), white), `tick at ${azimuth}`).toBe(true);
    }
    expect(same(pixel(columnOfAzimuth(45, 0), H / 2 - 12), white)).toBe(true);
    expect(same(pixel(columnOfAzimuth(40, 0), H / 2 - 12), white)).toBe(false);
  });

  it('colours the bottom stripe by sequence', () => {
    const colours = ['seq-01', 'seq-02', 'seq-03', 'seq-04', 'seq-05'].map(sequenceColour);
    expect(new Set(colours.map((c) => c.join())).size).toBe(5);
    const { pixel } = decode(renderPanorama({ id: 'seq-03-0007', sequenceId: 'seq-03', heading: 10 }));
    expect(pixel(5, H - 2)).toEqual(sequenceColour('seq-03'));
    expect(pixel(W - 5, H - 5)).toEqual(sequenceColour('seq-03'));
    // Without a sequence id it is taken from the capture id.
    const { pixel: p2 } = decode(renderPanorama({ id: 'seq-03-0007', heading: 10 }));
    expect(p2(5, H - 2)).toEqual(sequenceColour('seq-03'));
  });
});

describe('bitmap font', () => {
  it('has a glyph for every character a capture id or a compass label needs', () => {
    for (const ch of 'NESW0123456789-Q') {
      let lit = 0;
      drawText(ch, 0, 0, 1, () => lit++);
      expect(lit, ch).toBeGreaterThan(3);
    }
    expect(textWidth('NE', 2)).toBe(2 * 6 * 2 - 2);
  });
});

import { drawText, GLYPH_HEIGHT, textWidth } from './font';
import { encodeIndexedPng } from './png';

/**
 * Equirectangular demo panoramas with compass markings, so that a viewer's heading can be checked by eye.
 *
 * Convention: the image spans 360° × 180°. The CENTRE column looks along the capture's heading;
 * column x (0 … width−1) shows azimuth = heading + (x / width − 0.5) × 360 (mod 360), in degrees
 * clockwise from true north — so north ("N", drawn in red) is at x = ((0 − heading) / 360 + 0.5) × width
 * (mod width). Row y shows elevation 90° − (y / height) × 180°; the horizon is the middle row.
 */
export const PANORAMA_WIDTH = 512;
export const PANORAMA_HEIGHT = 256;
export const PANORAMA_CONVENTION =
  'equirectangular 360x180; the centre column looks along the capture heading; column x shows azimuth = heading + (x / width - 0.5) * 360 (mod 360), degrees clockwise from true north; row y shows elevation 90 - (y / height) * 180, horizon at the middle row';

type Rgb = [number, number, number];

/** One byte per pixel (palette index), after the scanline's filter byte. */
const ROW = 1 + PANORAMA_WIDTH;
const HORIZON = PANORAMA_HEIGHT / 2;
const STRIPE_HEIGHT = 10;
/** PNG row filters (the first byte of every scanline). */
const FILTER_NONE = 0;
const FILTER_SUB = 1;
/** The gradient changes colour every GRADIENT_BAND rows, which keeps the palette small. */
const GRADIENT_BAND = 2;

/** The background colour of row y: sky gradient above the horizon, a white horizon line, ground below. */
function backgroundColour(y: number): Rgb {
  if (y === HORIZON) return [255, 255, 255];
  const from = y < HORIZON ? y : y - HORIZON;
  const t = (from - (from % GRADIENT_BAND)) / HORIZON;
  return y < HORIZON
    ? [Math.round(40 + 130 * t), Math.round(90 + 120 * t), Math.round(170 + 70 * t)]
    : [Math.round(120 - 50 * t), Math.round(115 - 40 * t), Math.round(95 - 40 * t)];
}

export const NORTH_COLOUR: Rgb = [230, 30, 30];
const WHITE: Rgb = [255, 255, 255];
const PALE: Rgb = [225, 235, 245];

/**
 * The images are 8-bit indexed PNGs: a third of the bytes of RGB to draw, deflate and write. The
 * palette is the background colours and the marking colours; its last entry is the stripe colour,
 * set per image.
 */
const PALETTE: Rgb[] = [];
const paletteIndex = new Map<string, number>();
function colourIndex(colour: Rgb): number {
  const key = colour.join();
  let index = paletteIndex.get(key);
  if (index === undefined) {
    index = PALETTE.length;
    PALETTE.push(colour);
    paletteIndex.set(key, index);
  }
  return index;
}
const BACKGROUND_INDEX = Array.from({ length: PANORAMA_HEIGHT }, (_, y) => colourIndex(backgroundColour(y)));
const NORTH = colourIndex(NORTH_COLOUR);
const WHITE_INDEX = colourIndex(WHITE);
const PALE_INDEX = colourIndex(PALE);
const STRIPE = PALETTE.length;
if (STRIPE > 255) throw new Error(`the panorama palette needs ${STRIPE + 1} colours, PNG allows 256`);

/**
 * The background, drawn once and copied for every image, in two forms. Every background row is a
 * single colour, so with PNG's "Sub" filter it is one index followed by zeros — which deflates almost
 * for free. A row that gets drawn on is switched to the unfiltered form first (see `renderPanorama`).
 */
const BACKGROUND_NONE = Buffer.alloc(ROW * PANORAMA_HEIGHT);
const BACKGROUND_SUB = Buffer.alloc(ROW * PANORAMA_HEIGHT);
for (let y = 0; y < PANORAMA_HEIGHT; y++) {
  const o = y * ROW;
  BACKGROUND_NONE[o] = FILTER_NONE;
  BACKGROUND_NONE.fill(BACKGROUND_INDEX[y]!, o + 1, o + ROW);
  BACKGROUND_SUB[o] = FILTER_SUB;
  BACKGROUND_SUB[o + 1] = BACKGROUND_INDEX[y]!;
}

/** Scanlines being drawn, reused by every call (rendering is synchronous), and the rows drawn on. */
const scanlines = Buffer.alloc(ROW * PANORAMA_HEIGHT);
const unfiltered = new Uint8Array(PANORAMA_HEIGHT);

/** The column at which an azimuth appears for a given heading. */
export function columnOfAzimuth(azimuth: number, heading: number): number {
  const t = (((azimuth - heading) / 360 + 0.5) % 1 + 1) % 1;
  return Math.round(t * PANORAMA_WIDTH) % PANORAMA_WIDTH;
}

/** What a panorama needs of its capture. */
export interface PanoramaSubject {
  /** Capture id, drawn small in the top-left corner. */
  id: string;
  /** Sequence id; picks the colour of the bottom stripe unless `colour` is given. */
  sequenceId?: string;
  /** Degrees clockwise from true north: the azimuth seen in the centre column. */
  heading: number;
  colour?: Rgb;
}

/** Distinct stripe colours; sequence "seq-NN" gets entry NN − 1 (mod the palette's length). */
export const SEQUENCE_PALETTE: readonly Rgb[] = [
  [220, 60, 60], [60, 140, 220], [60, 180, 90], [230, 160, 40], [150, 80, 200], [40, 190, 190], [200, 90, 150], [120, 120, 120],
];

export function sequenceColour(sequenceId: string): Rgb {
  const n = /(\d+)$/.exec(sequenceId);
  let index: number;
  if (n) index = Number(n[1]) - 1;
  else {
    index = 0;
    for (const ch of sequenceId) index = (Math.imul(index, 31) + ch.charCodeAt(0)) >>> 0;
  }
  return SEQUENCE_PALETTE[((index % SEQUENCE_PALETTE.length) + SEQUENCE_PALETTE.length) % SEQUENCE_PALETTE.length]!;
}

const CARDINALS: Record<number, string> = { 0: 'N', 90: 'E', 180: 'S', 270: 'W' };
const INTERCARDINALS: Record<number, string> = { 45: 'NE', 135: 'SE', 225: 'SW', 315: 'NW' };

/**
 * An equirectangular PNG for one capture: sky above the horizon (middle row), ground below, compass
 * ticks every 10° (longer every 45°), N (red) / E / S / W and NE / SE / SW / NW above the horizon,
 * azimuths in degrees below it, the capture id top-left and a stripe in the sequence's colour along
 * the bottom. Column x shows azimuth heading + (x / width − 0.5) × 360. Same subject, same bytes.
 */
export function renderPanorama(subject: PanoramaSubject): Buffer {
  const raw = scanlines;
  BACKGROUND_SUB.copy(raw);
  unfiltered.fill(0);
  const set = (x: number, y: number, index: number) => {
    if (y < 0 || y >= PANORAMA_HEIGHT) return;
    if (!unfiltered[y]) {
      BACKGROUND_NONE.copy(raw, y * ROW, y * ROW, (y + 1) * ROW);
      unfiltered[y] = 1;
    }
    raw[y * ROW + 1 + (((x % PANORAMA_WIDTH) + PANORAMA_WIDTH) % PANORAMA_WIDTH)] = index;
  };
  const centred = (text: string, x: number, top: number, scale: number, index: number) =>
    drawText(text, x - Math.floor(textWidth(text, scale) / 2), top, scale, (px, py) => set(px, py, index));

  // The horizon line is part of the background; the ticks stand on it.
  for (let azimuth = 0; azimuth < 360; azimuth += 5) {
    const x = columnOfAzimuth(azimuth, subject.heading);
    const length = azimuth % 45 === 0 ? 14 : azimuth % 10 === 0 ? 7 : 0;
    for (let dy = 1; dy <= length; dy++) set(x, HORIZON - dy, WHITE_INDEX);
  }
  for (let azimuth = 0; azimuth < 360; azimuth += 45) {
    const x = columnOfAzimuth(azimuth, subject.heading);
    const cardinal = CARDINALS[azimuth];
    if (cardinal) centred(cardinal, x, HORIZON - 18 - GLYPH_HEIGHT * 3, 3, azimuth === 0 ? NORTH : WHITE_INDEX);
    const intercardinal = INTERCARDINALS[azimuth];
    if (intercardinal) centred(intercardinal, x, HORIZON - 18 - GLYPH_HEIGHT * 2, 2, PALE_INDEX);
    centred(String(azimuth), x, HORIZON + 6, 2, WHITE_INDEX);
  }
  drawText(subject.id, 4, 4, 1, (px, py) => set(px, py, WHITE_INDEX));
  // The stripe: single-colour rows, written in the Sub-filtered form directly.
  for (let y = PANORAMA_HEIGHT - STRIPE_HEIGHT; y < PANORAMA_HEIGHT; y++) {
    const o = y * ROW;
    raw.fill(0, o, o + ROW);
    raw[o] = FILTER_SUB;
    raw[o + 1] = STRIPE;
  }
  const stripe = subject.colour ?? sequenceColour(subject.sequenceId ?? subject.id.replace(/-\d+$/, ''));
  return encodeIndexedPng(PANORAMA_WIDTH, PANORAMA_HEIGHT, [...PALETTE, stripe], raw);
}

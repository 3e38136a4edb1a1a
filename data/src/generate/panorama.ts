import { drawText, GLYPH_HEIGHT, textWidth } from './font';
import { encodeRgbPng } from './png';

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

const ROW = 1 + PANORAMA_WIDTH * 3;
const HORIZON = PANORAMA_HEIGHT / 2;
const STRIPE_HEIGHT = 10;

/** Sky and ground gradients, drawn once and copied for every image. */
const BACKGROUND: Buffer = (() => {
  const raw = Buffer.alloc(ROW * PANORAMA_HEIGHT);
  for (let y = 0; y < PANORAMA_HEIGHT; y++) {
    const t = y < HORIZON ? y / HORIZON : (y - HORIZON) / HORIZON;
    const [r, g, b] = y < HORIZON
      ? [Math.round(40 + 130 * t), Math.round(90 + 120 * t), Math.round(170 + 70 * t)]
      : [Math.round(120 - 50 * t), Math.round(115 - 40 * t), Math.round(95 - 40 * t)];
    const offset = y * ROW;
    raw[offset] = 0;
    for (let x = 0; x < PANORAMA_WIDTH; x++) {
      raw[offset + 1 + x * 3] = r;
      raw[offset + 2 + x * 3] = g;
      raw[offset + 3 + x * 3] = b;
    }
  }
  return raw;
})();

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
  colour?: [number, number, number];
}

/** Distinct stripe colours; sequence "seq-NN" gets entry NN − 1 (mod the palette's length). */
export const SEQUENCE_PALETTE: readonly [number, number, number][] = [
  [220, 60, 60], [60, 140, 220], [60, 180, 90], [230, 160, 40], [150, 80, 200], [40, 190, 190], [200, 90, 150], [120, 120, 120],
];

export function sequenceColour(sequenceId: string): [number, number, number] {
  const n = /(\d+)$/.exec(sequenceId);
  let index: number;
  if (n) index = Number(n[1]) - 1;
  else {
    index = 0;
    for (const ch of sequenceId) index = (Math.imul(index, 31) + ch.charCodeAt(0)) >>> 0;
  }
  return SEQUENCE_PALETTE[((index % SEQUENCE_PALETTE.length) + SEQUENCE_PALETTE.length) % SEQUENCE_PALETTE.length]!;
}

export const NORTH_COLOUR: [number, number, number] = [230, 30, 30];
const WHITE: [number, number, number] = [255, 255, 255];
const PALE: [number, number, number] = [225, 235, 245];
const CARDINALS: Record<number, string> = { 0: 'N', 90: 'E', 180: 'S', 270: 'W' };
const INTERCARDINALS: Record<number, string> = { 45: 'NE', 135: 'SE', 225: 'SW', 315: 'NW' };

/**
 * An equirectangular PNG for one capture: sky above the horizon (middle row), ground below, compass
 * ticks every 10° (longer every 45°), N (red) / E / S / W and NE / SE / SW / NW above the horizon,
 * azimuths in degrees below it, the capture id top-left and a stripe in the sequence's colour along
 * the bottom. Column x shows azimuth heading + (x / width − 0.5) × 360. Same subject, same bytes.
 */
export function renderPanorama(subject: PanoramaSubject): Buffer {
  const raw = Buffer.from(BACKGROUND);
  const set = (x: number, y: number, [r, g, b]: [number, number, number]) => {
    if (y < 0 || y >= PANORAMA_HEIGHT) return;
    const xx = ((x % PANORAMA_WIDTH) + PANORAMA_WIDTH) % PANORAMA_WIDTH;
    const o = y * ROW + 1 + xx * 3;
    raw[o] = r;
    raw[o + 1] = g;
    raw[o + 2] = b;
  };
  const centred = (text: string, x: number, top: number, scale: number, colour: [number, number, number]) =>
    drawText(text, x - Math.floor(textWidth(text, scale) / 2), top, scale, (px, py) => set(px, py, colour));

  for (let x = 0; x < PANORAMA_WIDTH; x++) set(x, HORIZON, WHITE);
  for (let azimuth = 0; azimuth < 360; azimuth += 5) {
    const x = columnOfAzimuth(azimuth, subject.heading);
    const length = azimuth % 45 === 0 ? 14 : azimuth % 10 === 0 ? 7 : 0;
    for (let dy = 1; dy <= length; dy++) set(x, HORIZON - dy, WHITE);
  }
  for (let azimuth = 0; azimuth < 360; azimuth += 45) {
    const x = columnOfAzimuth(azimuth, subject.heading);
    const cardinal = CARDINALS[azimuth];
    if (cardinal) centred(cardinal, x, HORIZON - 18 - GLYPH_HEIGHT * 3, 3, azimuth === 0 ? NORTH_COLOUR : WHITE);
    const intercardinal = INTERCARDINALS[azimuth];
    if (intercardinal) centred(intercardinal, x, HORIZON - 18 - GLYPH_HEIGHT * 2, 2, PALE);
    centred(String(azimuth), x, HORIZON + 6, 2, WHITE);
  }
  drawText(subject.id, 4, 4, 1, (px, py) => set(px, py, WHITE));
  const stripe = subject.colour ?? sequenceColour(subject.sequenceId ?? subject.id.replace(/-\d+$/, ''));
  for (let y = PANORAMA_HEIGHT - STRIPE_HEIGHT; y < PANORAMA_HEIGHT; y++) for (let x = 0; x < PANORAMA_WIDTH; x++) set(x, y, stripe);
  return encodeRgbPng(PANORAMA_WIDTH, PANORAMA_HEIGHT, raw);
}

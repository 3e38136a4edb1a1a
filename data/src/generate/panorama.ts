import { drawText, GLYPH_HEIGHT, textWidth } from './font';
import { encodeRgbPng } from './png';

/**
 * Equirectangular demo panoramas with compass markings.
 * Convention: the CENTRE column looks along the capture's heading; column x shows the azimuth
 * heading + (x / width − 0.5) × 360 (mod 360), clockwise from true north. The horizon is the middle row.
 */
export const PANORAMA_WIDTH = 512;
export const PANORAMA_HEIGHT = 256;
export const PANORAMA_CONVENTION =
  'equirectangular; centre column = capture heading; column x shows azimuth heading + (x/width - 0.5) * 360 degrees clockwise from north; horizon at the middle row';

const ROW = 1 + PANORAMA_WIDTH * 3;
const HORIZON = PANORAMA_HEIGHT / 2;

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

export interface PanoramaSubject {
  id: string;
  heading: number;
  colour: [number, number, number];
}

export const NORTH_COLOUR: [number, number, number] = [230, 30, 30];
const WHITE: [number, number, number] = [255, 255, 255];
const LETTERS: Record<number, string> = { 0: 'N', 90: 'E', 180: 'S', 270: 'W' };

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
  for (let x = 0; x < PANORAMA_WIDTH; x++) set(x, HORIZON, WHITE);
  for (let azimuth = 0; azimuth < 360; azimuth += 10) {
    const x = columnOfAzimuth(azimuth, subject.heading);
    const major = azimuth % 45 === 0;
    for (let dy = 1; dy <= (major ? 14 : 6); dy++) set(x, HORIZON - dy, WHITE);
  }
  for (let azimuth = 0; azimuth < 360; azimuth += 45) {
    const x = columnOfAzimuth(azimuth, subject.heading);
    const letter = LETTERS[azimuth];
    if (letter) {
      const scale = 3;
      drawText(letter, x - Math.floor(textWidth(letter, scale) / 2), HORIZON - 18 - GLYPH_HEIGHT * scale, scale, (px, py) => set(px, py, azimuth === 0 ? NORTH_COLOUR : WHITE));
    }
    const label = String(azimuth);
    drawText(label, x - Math.floor(textWidth(label, 2) / 2), HORIZON + 6, 2, (px, py) => set(px, py, WHITE));
  }
  drawText(subject.id, 4, 4, 1, (px, py) => set(px, py, WHITE));
  for (let y = PANORAMA_HEIGHT - 10; y < PANORAMA_HEIGHT; y++) for (let x = 0; x < PANORAMA_WIDTH; x++) set(x, y, subject.colour);
  return encodeRgbPng(PANORAMA_WIDTH, PANORAMA_HEIGHT, raw);
}

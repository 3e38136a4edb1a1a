import fs from 'node:fs';
import type { TileAddress } from '../../api/src/tiles/tileQuery';

export const CATEGORIES = ['school', 'park', 'mosque', 'library', 'sports', 'wifi_point', 'security_camera'];
/** The generated points fill this box. */
export const POINTS_AREA = { minLon: 28.815, maxLon: 28.865, minLat: 41.02, maxLat: 41.06 };

/**
 * The benchmarks' point CSV: `rows` facilities in 12 columns inside POINTS_AREA, deterministic, written
 * once (an existing file is reused).
 */
export function writePointsCsv(file: string, rows: number): void {
  if (fs.existsSync(file)) return;
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, 'facility_id,category,name,address,mahalle,latitude,longitude,source,capacity,opening_year,phone,note\n');
  let buffer = '';
  for (let i = 0; i < rows; i++) {
    const lat = (41.02 + ((i * 7919) % 40000) / 1e6).toFixed(6);
    const lon = (28.815 + ((i * 104729) % 50000) / 1e6).toFixed(6);
    buffer += `B${i},${CATEGORIES[i % CATEGORIES.length]},Tesis ${i},Adres ${i % 997},Merkez,${lat},${lon},bench,${i % 900},${1950 + (i % 70)},0212 000 ${String(i % 10000).padStart(4, '0')},not ${i}\n`;
    if (buffer.length > 1 << 20) {
      fs.writeSync(out, buffer);
      buffer = '';
    }
  }
  fs.writeSync(out, buffer);
  fs.closeSync(out);
}

/** The XYZ tile holding a position at zoom z. */
export function tileOf(lon: number, lat: number, z: number): TileAddress {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return { z, x, y };
}

import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)) >>> 0, 8 + data.length);
  return out;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const IEND = chunk('IEND', Buffer.alloc(0));

/**
 * An 8-bit indexed-colour PNG (colour type 3) from scanlines that already carry their filter byte
 * (0 none, 1 sub, …), one palette index per pixel. Deflate level 1: these are demo images, and
 * speed matters more than the last kilobyte.
 */
export function encodeIndexedPng(width: number, height: number, palette: readonly (readonly [number, number, number])[], filteredRows: Buffer): Buffer {
  if (palette.length === 0 || palette.length > 256) throw new Error(`a PNG palette holds 1–256 colours, not ${palette.length}`);
  if (filteredRows.length !== height * (1 + width)) throw new Error('scanlines do not match the image size');
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 3; // colour type: indexed
  const plte = Buffer.alloc(palette.length * 3);
  palette.forEach(([r, g, b], i) => {
    plte[i * 3] = r;
    plte[i * 3 + 1] = g;
    plte[i * 3 + 2] = b;
  });
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('PLTE', plte), chunk('IDAT', deflateSync(filteredRows, { level: 1 })), IEND]);
}

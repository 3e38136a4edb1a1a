import { describe, expect, it } from 'vitest';
import { dateOf, dayOf, dayRange, decodeRequestPoints, filterRequestPoints, pickedPositions } from '../src/requests/requestPoints';

/** Bytes as GET /api/requests/points sends them, written out here by hand from the format. */
function encode(channels: string[], categories: string[], records: [number, number, number, number, number][]): ArrayBuffer {
  const header = new TextEncoder().encode(JSON.stringify({ channels, categories }));
  const bytes = new ArrayBuffer(4 + header.length + records.length * 12);
  const view = new DataView(bytes);
  view.setUint32(0, header.length);
  new Uint8Array(bytes, 4).set(header);
  records.forEach(([lon, lat, day, channel, category], i) => {
    const at = 4 + header.length + i * 12;
    view.setFloat32(at, lon);
    view.setFloat32(at + 4, lat);
    view.setUint16(at + 8, day);
    view.setUint8(at + 10, channel);
    view.setUint8(at + 11, category);
  });
  return bytes;
}

const may1 = dayOf('2023-05-01')!;
const points = decodeRequestPoints(encode(['call_centre', 'e_devlet'], ['cleaning', 'lighting', 'noise'], [
  [28.84, 41.04, may1, 0, 0],
  [28.85, 41.05, may1 + 1, 1, 1],
  [28.86, 41.03, may1 + 30, 0, 2],
  [28.87, 41.02, may1 - 1, 1, 255],
]));

describe('citizen-request points', () => {
  it('decodes the header and the big-endian records into columns', () => {
    expect(points.count).toBe(4);
    expect([points.channels, points.categories]).toEqual([['call_centre', 'e_devlet'], ['cleaning', 'lighting', 'noise']]);
    expect([...points.positions]).toEqual([28.84, 41.04, 28.85, 41.05, 28.86, 41.03, 28.87, 41.02].map(Math.fround));
    expect([...points.days]).toEqual([may1, may1 + 1, may1 + 30, may1 - 1]);
    expect([...points.category]).toEqual([0, 1, 2, 255]);
    expect(dayRange(points)).toEqual([may1 - 1, may1 + 30]);
  });

  it('turns dates into day numbers and back, Istanbul dates as given', () => {
    expect(dayOf('1970-01-02')).toBe(1);
    expect(dateOf(may1)).toBe('2023-05-01');
    expect([dayOf('2023-5-1'), dayOf('yesterday'), dayOf(undefined)]).toEqual([null, null, null]);
  });

  it('picks the points inside the window (both ends inclusive), of the channels and categories asked', () => {
    const all = { from: null, to: null, channels: null, categories: null };
    expect([...filterRequestPoints(points, all)]).toEqual([0, 1, 2, 3]);
    expect([...filterRequestPoints(points, { ...all, from: may1, to: may1 + 1 })]).toEqual([0, 1]);
    expect([...filterRequestPoints(points, { ...all, channels: ['call_centre'] })]).toEqual([0, 2]);
    expect([...filterRequestPoints(points, { ...all, categories: ['lighting', 'noise'] })]).toEqual([1, 2]);
    // A request without a category passes only when categories are not filtered.
    expect([...filterRequestPoints(points, { ...all, categories: [] })]).toEqual([]);
    expect([...filterRequestPoints(points, { from: may1, to: null, channels: ['call_centre'], categories: ['noise'] })]).toEqual([2]);
  });

  it('packs the picked positions for deck.gl', () => {
    expect([...pickedPositions(points, new Uint32Array([2, 0]))]).toEqual([28.86, 41.03, 28.84, 41.04].map(Math.fround));
  });
});

/** The drawing tools' pure functions: geometry, measures and their display, catalog forms, sketch kinds. */
import { describe, expect, it } from 'vitest';
import { fieldValue, formFields, type Queryables } from '../src/draw/attributeForm';
import { singlePart, sketchKindOf } from '../src/draw/digitise';
import { areaPolygon, areaSquareMetres, circleFromRing, circlePolygon, CIRCLE_STEPS, formatArea, formatLength, lengthMetres } from '../src/draw/geometry';

/** Haversine on the mean Earth radius, written out again (metres). */
function haversine([lon1, lat1]: number[], [lon2, lat2]: number[]): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2! - lat1!) * rad) / 2) ** 2 + Math.cos(lat1! * rad) * Math.cos(lat2! * rad) * Math.sin(((lon2! - lon1!) * rad) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a));
}

describe('drawn areas and measures', () => {
  it('a circle is a closed 64-gon whose vertices lie at the radius from the centre', () => {
    const centre: [number, number] = [28.843, 41.044];
    const ring = circlePolygon(centre, 750).coordinates[0]!;
    expect(ring).toHaveLength(CIRCLE_STEPS + 1);
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    for (const p of ring) expect(Math.abs(haversine(centre, p) - 750)).toBeLessThan(0.2);
    // An inscribed 64-gon: area = ½·n·r²·sin(2π/n), 0.16 % below πr².
    const expected = 0.5 * CIRCLE_STEPS * 750 ** 2 * Math.sin((2 * Math.PI) / CIRCLE_STEPS);
    expect(Math.abs(areaSquareMetres(circlePolygon(centre, 750)) / expected - 1)).toBeLessThan(0.005);
  });

  it('finds a circle’s centre again from its ring, and closes a polygon’s ring', () => {
    const ring = circlePolygon([28.85, 41.03], 400).coordinates[0]!;
    const area = circleFromRing(ring, 400);
    expect(area.kind).toBe('circle');
    const { center } = area as Extract<typeof area, { kind: 'circle' }>;
    expect(Math.abs(center[0] - 28.85)).toBeLessThan(1e-6);
    expect(Math.abs(center[1] - 41.03)).toBeLessThan(1e-6);
    expect(areaPolygon({ kind: 'polygon', ring: [[28.84, 41.04], [28.85, 41.04], [28.85, 41.05]] }))
      .toEqual({ type: 'Polygon', coordinates: [[[28.84, 41.04], [28.85, 41.04], [28.85, 41.05], [28.84, 41.04]]] });
  });

  it('measures a line as the sum of its great-circle legs, and a 1 km square’s area', () => {
    const line = [[28.84, 41.04], [28.85, 41.04], [28.85, 41.05]];
    expect(lengthMetres({ type: 'LineString', coordinates: line })).toBeCloseTo(haversine(line[0]!, line[1]!) + haversine(line[1]!, line[2]!), 3);
    // 0.01° of latitude is 1111.95 m on the mean sphere; a square of about 1111.95 × 840 m at 41°.
    const square = areaSquareMetres({ type: 'Polygon', coordinates: [[[28.84, 41.04], [28.85, 41.04], [28.85, 41.05], [28.84, 41.05], [28.84, 41.04]]] });
    expect(Math.abs(square / (haversine([28.84, 41.04], [28.84, 41.05]) * haversine([28.84, 41.045], [28.85, 41.045])) - 1)).toBeLessThan(0.002);
  });

  it('writes lengths in metres or kilometres and areas in m², ha or km², in Turkish and English', () => {
    expect(formatLength(849.6, 'tr')).toBe('850 m');
    expect(formatLength(1234.5, 'tr')).toBe('1,23 km');
    expect(formatLength(1234.5, 'en')).toBe('1.23 km');
    expect(formatLength(12_345.6, 'en')).toBe('12.35 km');
    expect(formatArea(950.4, 'tr')).toBe('950 m²');
    expect(formatArea(23_500, 'tr')).toBe('2,35 ha');
    expect(formatArea(1_204_000, 'en')).toBe('1.20 km²');
    expect(formatArea(12_500_000, 'tr')).toBe('12,50 km²');
  });
});

describe('catalog forms', () => {
  const queryables: Queryables = {
    required: ['name'],
    properties: {
      id: { title: 'No / Id', type: 'string', readOnly: true },
      name: { title: 'Adı / Name', type: 'string' },
      status: { title: 'Durum / Status', type: 'string', enum: ['öneri', 'onaylandı'], description: 'öneri, onaylandı' },
      floors: { title: 'Kat / Floors', type: 'integer' },
      cost: { title: 'Maliyet / Cost', type: 'number' },
      open: { title: 'Açık / Open', type: 'boolean' },
      opened: { title: 'Açılış / Opened', type: 'string', format: 'date' },
      edited_by: { title: 'Düzenleyen / Edited by', type: 'string', readOnly: true },
      geometry: { title: 'Geometri / Geometry', format: 'geometry-point' },
    },
  };

  it('makes a field of every column the editor sets, with its type, title, options and whether it is required', () => {
    const fields = formFields(queryables);
    expect(fields.map((f) => [f.name, f.type, f.required])).toEqual([
      ['name', 'text', true], ['status', 'text', false], ['floors', 'integer', false], ['cost', 'number', false], ['open', 'boolean', false], ['opened', 'date', false],
    ]);
    expect(fields[0]!.title).toEqual(['Adı', 'Name']);
    expect(fields[1]!.options).toEqual(['öneri', 'onaylandı']);
    expect(fields[1]!.description).toBe('öneri, onaylandı');
  });

  it('turns what was typed into the values the API checks: empty is null, a Turkish decimal comma is read, a bad number refused', () => {
    const [name, , floors, cost, open, opened] = formFields(queryables);
    expect(fieldValue(name!, '  Kütüphane ')).toBe('Kütüphane');
    expect(fieldValue(name!, '')).toBeNull();
    expect(fieldValue(floors!, '3')).toBe(3);
    expect(() => fieldValue(floors!, '3,5')).toThrow(RangeError);
    expect(fieldValue(cost!, '1250,75')).toBe(1250.75);
    expect(() => fieldValue(cost!, 'çok')).toThrow(RangeError);
    expect(fieldValue(open!, true)).toBe(true);
    expect(fieldValue(opened!, '2026-05-01')).toBe('2026-05-01');
  });

  it('sketches the collection’s geometry type, and edits a multi-geometry of one part as that part', () => {
    expect(['geometry-point', 'geometry-multilinestring', 'geometry-multipolygon', undefined].map(sketchKindOf)).toEqual(['point', 'linestring', 'polygon', 'point']);
    expect(singlePart({ type: 'MultiLineString', coordinates: [[[28.84, 41.04], [28.85, 41.04]]] })).toEqual({ type: 'LineString', coordinates: [[28.84, 41.04], [28.85, 41.04]] });
    expect(singlePart({ type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[2, 2], [3, 2], [3, 3], [2, 2]]]] })).toBeNull();
    expect(singlePart({ type: 'Point', coordinates: [28.84, 41.04] })).toEqual({ type: 'Point', coordinates: [28.84, 41.04] });
  });
});

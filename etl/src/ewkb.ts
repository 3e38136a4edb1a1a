/**
 * GeoJSON geometry → hex EWKB, built in JavaScript for `COPY`: what the jsonb path gets from
 * `ST_Multi(ST_Force2D(ST_GeomFromGeoJSON(…)))`, as bytes PostGIS reads without parsing text.
 *
 * PostGIS's EWKB input checks more than `ST_GeomFromGeoJSON` does (closed rings, two points to a line),
 * so whatever could be read differently is refused with `undefined` — an unclosed ring, a `crs` member,
 * a string for a number, an empty geometry — and the caller sends that row the slow way instead.
 */

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const scratch = new DataView(new ArrayBuffer(8));

/** Coordinates beyond this are left to the text path (JSON integers that large are read differently). */
const MAX_COORDINATE = 1e15;

function hexU32(n: number): string {
  scratch.setUint32(0, n, true);
  return HEX[scratch.getUint8(0)]! + HEX[scratch.getUint8(1)]! + HEX[scratch.getUint8(2)]! + HEX[scratch.getUint8(3)]!;
}

function hexF64(x: number): string {
  // JSON.stringify(-0) is "0": the jsonb path never sees a negative zero.
  scratch.setFloat64(0, x === 0 ? 0 : x, true);
  let s = '';
  for (let i = 0; i < 8; i++) s += HEX[scratch.getUint8(i)]!;
  return s;
}

const TYPE_CODE: Record<string, number> = { Point: 1, LineString: 2, Polygon: 3, MultiPoint: 4, MultiLineString: 5, MultiPolygon: 6, GeometryCollection: 7 };
const MULTI_OF: Record<string, string> = { Point: 'MultiPoint', LineString: 'MultiLineString', Polygon: 'MultiPolygon' };
const SRID_FLAG = 0x20000000;
const LITTLE_ENDIAN = '01';

type Parts = string[];

/** A position as x and y (Z and anything after dropped), or false when it is not two usable numbers. */
function position(p: unknown, parts: Parts): boolean {
  if (!Array.isArray(p) || p.length < 2) return false;
  for (let i = 0; i < p.length; i++) {
    const v = p[i];
    if (typeof v !== 'number' || !(Math.abs(v) < MAX_COORDINATE)) return false;
  }
  parts.push(hexF64(p[0] as number), hexF64(p[1] as number));
  return true;
}

function positions(list: unknown, min: number, closed: boolean, parts: Parts): boolean {
  if (!Array.isArray(list) || list.length < min) return false;
  parts.push(hexU32(list.length));
  for (const p of list) if (!position(p, parts)) return false;
  if (closed) {
    const first = list[0] as number[];
    const last = list[list.length - 1] as number[];
    if (first[0] !== last[0] || first[1] !== last[1]) return false;
  }
  return true;
}

function polygonRings(rings: unknown, parts: Parts): boolean {
  if (!Array.isArray(rings) || rings.length === 0) return false;
  parts.push(hexU32(rings.length));
  for (const ring of rings) if (!positions(ring, 4, true, parts)) return false;
  return true;
}

/** One geometry (header included, without SRID unless given); false when it must take the text path. */
function geometry(g: unknown, srid: number | null, multi: boolean, parts: Parts): boolean {
  if (typeof g !== 'object' || g === null || Array.isArray(g)) return false;
  const { type, coordinates, geometries } = g as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  if (typeof type !== 'string' || !(type in TYPE_CODE) || Object.hasOwn(g, 'crs')) return false;
  const header = (code: number) => {
    parts.push(LITTLE_ENDIAN, hexU32(srid === null ? code : code | SRID_FLAG));
    if (srid !== null) parts.push(hexU32(srid));
  };
  if (multi && type in MULTI_OF) {
    // ST_Multi: a single geometry becomes a collection of one.
    header(TYPE_CODE[MULTI_OF[type]!]!);
    parts.push(hexU32(1));
    return geometry(g, null, false, parts);
  }
  header(TYPE_CODE[type]!);
  switch (type) {
    case 'Point':
      return position(coordinates, parts);
    case 'LineString':
      return positions(coordinates, 2, false, parts);
    case 'Polygon':
      return polygonRings(coordinates, parts);
    case 'MultiPoint':
    case 'MultiLineString':
    case 'MultiPolygon': {
      if (!Array.isArray(coordinates) || coordinates.length === 0) return false;
      const member = type.slice(5);
      parts.push(hexU32(coordinates.length));
      for (const c of coordinates) if (!geometry({ type: member, coordinates: c }, null, false, parts)) return false;
      return true;
    }
    default: {
      if (!Array.isArray(geometries) || geometries.length === 0) return false;
      parts.push(hexU32(geometries.length));
      for (const member of geometries) if (!geometry(member, null, false, parts)) return false;
      return true;
    }
  }
}

const POINT_4326 = `${LITTLE_ENDIAN}${hexU32(1 | SRID_FLAG)}${hexU32(4326)}`;

/**
 * Hex EWKB of a GeoJSON geometry in 2D with the given SRID, made Multi* when `multi` (as ST_Multi
 * does: a GeometryCollection stays one); `undefined` when the geometry must be left to PostGIS's GeoJSON
 * reader to get the same result.
 */
export function ewkbHex(g: unknown, { multi = false, srid = 4326 }: { multi?: boolean; srid?: number } = {}): string | undefined {
  // The common case, a 2D WGS84 point, without the general machinery.
  if (!multi && srid === 4326 && typeof g === 'object' && g !== null && (g as { type?: unknown }).type === 'Point' && !Object.hasOwn(g, 'crs')) {
    const c = (g as { coordinates?: unknown }).coordinates;
    if (Array.isArray(c) && c.length === 2) {
      const [x, y] = c as unknown[];
      if (typeof x === 'number' && typeof y === 'number' && Math.abs(x) < MAX_COORDINATE && Math.abs(y) < MAX_COORDINATE) {
        return POINT_4326 + hexF64(x) + hexF64(y);
      }
    }
  }
  const parts: Parts = [];
  return geometry(g, srid, multi, parts) ? parts.join('') : undefined;
}

/*
 * Pure geometry of the drawing tools: the polygon a drawn area stands for (what the map shows and what
 * /api/area-statistics is asked about: one function, so the two cannot differ), geodesic length and
 * area for measuring, and their display in metres, hectares and kilometres.
 */
import { area as turfArea } from '@turf/area';
import { circle as turfCircle } from '@turf/circle';
import { length as turfLength } from '@turf/length';
import type { LineString, Polygon, Position } from 'geojson';
import type { DrawnArea } from '../state/mapState';

/** Vertices of a drawn circle's polygon: 64 keeps its area within 0.2 % of the true circle's. */
export const CIRCLE_STEPS = 64;

const round6 = (p: Position): [number, number] => [Number(p[0]!.toFixed(6)), Number(p[1]!.toFixed(6))];

/** A geodesic circle as a closed polygon, positions to 6 decimals (about 0.1 m). */
export function circlePolygon(center: [number, number], radiusMetres: number): Polygon {
  const ring = turfCircle(center, radiusMetres / 1000, { steps: CIRCLE_STEPS, units: 'kilometers' }).geometry.coordinates[0]!.map(round6);
  ring[ring.length - 1] = [...ring[0]!]; // closed exactly, whatever the rounding did
  return { type: 'Polygon', coordinates: [ring] };
}

/** The polygon a drawn area stands for: its ring closed, or its circle's polygon. */
export function areaPolygon(area: DrawnArea): Polygon {
  if (area.kind === 'circle') return circlePolygon(area.center, area.radius);
  return { type: 'Polygon', coordinates: [[...area.ring, area.ring[0]!]] };
}

/**
 * A circle as a drawing tool hands it over (its ring, and the radius it was drawn with) → the drawn
 * area: the centre is the mean of the ring's vertices, which a circle's symmetry puts on its centre.
 */
export function circleFromRing(ring: Position[], radiusMetres: number): DrawnArea {
  const open = ring.slice(0, -1);
  const mean = (i: 0 | 1) => open.reduce((sum, p) => sum + p[i]!, 0) / open.length;
  return { kind: 'circle', center: [mean(0), mean(1)], radius: radiusMetres };
}

/** Geodesic length of a line in metres (great circle on the mean Earth radius). */
export function lengthMetres(line: LineString): number {
  return turfLength({ type: 'Feature', geometry: line, properties: {} }, { units: 'kilometers' }) * 1000;
}

/** Geodesic area of a polygon in square metres. */
export function areaSquareMetres(polygon: Polygon): number {
  return turfArea(polygon);
}

const localeOf = (lang: 'tr' | 'en') => (lang === 'tr' ? 'tr-TR' : 'en-GB');
const number = (value: number, digits: number, lang: 'tr' | 'en') =>
  new Intl.NumberFormat(localeOf(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);

/** 850 m, 1,24 km (Turkish) / 1.24 km; whole metres below a kilometre. */
export function formatLength(metres: number, lang: 'tr' | 'en'): string {
  return metres < 1000 ? `${number(metres, 0, lang)} m` : `${number(metres / 1000, 2, lang)} km`;
}

/** 950 m², 2,35 ha, 1,20 km²: square metres below a hectare, hectares below a square kilometre. */
export function formatArea(squareMetres: number, lang: 'tr' | 'en'): string {
  if (squareMetres < 10_000) return `${number(squareMetres, 0, lang)} m²`;
  if (squareMetres < 1_000_000) return `${number(squareMetres / 10_000, 2, lang)} ha`;
  return `${number(squareMetres / 1_000_000, 2, lang)} km²`;
}

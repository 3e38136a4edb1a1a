/*
 * The digital twin's geometry, pure and unit-tested (web/test/twin.test.ts): the view cone drawn on
 * the map, the viewer's yaw as a compass bearing, the panorama's orientation correction, the nearest
 * capture to a click, and the same place at another date.
 *
 * Angles: bearings in degrees clockwise from true north, [0, 360); the viewer's yaw in radians.
 */
import type { Polygon, Position } from 'geojson';

export type LngLat = [number, number];

/** Mean Earth radius (m), as PostGIS's spherical distances use. */
const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Any angle in degrees to [0, 360). */
export function normaliseBearing(degrees: number): number {
  const b = ((degrees % 360) + 360) % 360;
  return b === 360 ? 0 : b; // -1e-15 % 360 + 360 rounds to 360
}

/** The smallest signed turn from bearing `from` to bearing `to`, in (-180, 180]. */
export function turnBetween(from: number, to: number): number {
  const d = normaliseBearing(to - from);
  return d > 180 ? d - 360 : d;
}

/**
 * The viewer shows each panorama with its sphere corrected by the capture's heading (see
 * `sphereCorrectionOf`), so its yaw is measured from true north: yaw 0 looks north, yaw π/2 east.
 * The cone's bearing is therefore the yaw in degrees.
 */
export function bearingOfYaw(yaw: number): number {
  return normaliseBearing(yaw / RAD);
}

export function yawOfBearing(bearing: number): number {
  return normaliseBearing(bearing) * RAD;
}

/** What orients a capture: heading (clockwise from north) of the image centre, pitch and roll, in degrees. */
export interface Orientation {
  heading: number;
  pitch: number;
  roll: number;
}

/**
 * Photo Sphere Viewer's `sphereCorrection` (radians) that turns a capture's panorama so that the
 * viewer's yaw is a compass bearing and the horizon is level. The image centre looks along the
 * capture's heading (the demo's convention, data/src/generate/panorama.ts) and the viewer shows the
 * image centre at yaw 0 with yaw growing clockwise; its pan turns the sphere the other way round, so
 * a pan of −heading brings the image centre to yaw = heading (checked by the browser test, which finds
 * the panorama's red "N" ahead at yaw 0). The camera's pitch and roll are undone.
 */
export function sphereCorrectionOf(o: Orientation): { pan: number; tilt: number; roll: number } {
  return { pan: normaliseBearing(-o.heading) * RAD, tilt: -o.pitch * RAD, roll: -o.roll * RAD };
}

/** Great-circle distance in metres. */
export function distanceMetres(a: LngLat, b: LngLat): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The point `distance` metres from `origin` along `bearing` (spherical direct problem). */
export function destination(origin: LngLat, bearing: number, distance: number): LngLat {
  const δ = distance / EARTH_RADIUS_M;
  const θ = bearing * RAD;
  const φ1 = origin[1] * RAD;
  const λ1 = origin[0] * RAD;
  const φ2 = Math.asin(Math.sin(φ1) * Math.cos(δ) + Math.cos(φ1) * Math.sin(δ) * Math.cos(θ));
  const λ2 = λ1 + Math.atan2(Math.sin(θ) * Math.sin(δ) * Math.cos(φ1), Math.cos(δ) - Math.sin(φ1) * Math.sin(φ2));
  return [λ2 / RAD, φ2 / RAD];
}

/** Initial bearing from a to b, [0, 360). */
export function bearingBetween(a: LngLat, b: LngLat): number {
  const φ1 = a[1] * RAD;
  const φ2 = b[1] * RAD;
  const Δλ = (b[0] - a[0]) * RAD;
  return normaliseBearing(Math.atan2(Math.sin(Δλ) * Math.cos(φ2), Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(Δλ)) / RAD);
}

/**
 * The view cone: a sector with its apex at the capture, `radius` metres long, centred on `bearing`
 * and `fov` degrees wide (clamped to (0, 360)), its arc drawn with `steps` segments. The ring starts
 * and ends at the apex; the arc runs clockwise from bearing − fov/2 to bearing + fov/2.
 */
export function viewCone(apex: LngLat, bearing: number, fov: number, radius: number, steps = 24): Polygon {
  const width = Math.min(Math.max(fov, 0.1), 359.9);
  const ring: Position[] = [[apex[0], apex[1]]];
  for (let i = 0; i <= steps; i++) ring.push(destination(apex, bearing - width / 2 + (width * i) / steps, radius));
  ring.push([apex[0], apex[1]]);
  return { type: 'Polygon', coordinates: [ring] };
}

/**
 * Reads a cone back: its apex, the bearing of its axis (apex → middle of the arc) and its width (the
 * angle between the arc's ends). Inverse of `viewCone`; the browser test reads the map's source with it.
 */
export function coneOf(polygon: Polygon): { apex: LngLat; bearing: number; fov: number } {
  const ring = polygon.coordinates[0]!;
  const apex = ring[0] as LngLat;
  const arc = ring.slice(1, -1) as LngLat[];
  const first = bearingBetween(apex, arc[0]!);
  const last = bearingBetween(apex, arc[arc.length - 1]!);
  const middle = bearingBetween(apex, arc[Math.floor(arc.length / 2)]!);
  // The arc runs clockwise from first to last; its width may exceed 180°.
  return { apex, bearing: middle, fov: normaliseBearing(last - first) };
}

/** A capture as the twin needs it. */
export interface CapturePoint {
  id: string;
  sequenceId: string;
  position: LngLat;
}

/** The capture nearest to a point, and its distance; null when there is none within `maxDistance` metres. */
export function nearestCapture<C extends CapturePoint>(captures: Iterable<C>, point: LngLat, maxDistance = Infinity): { capture: C; distance: number } | null {
  let best: { capture: C; distance: number } | null = null;
  for (const capture of captures) {
    const distance = distanceMetres(capture.position, point);
    // Ties go to the smaller id, so that the answer does not depend on the order captures arrive in.
    if (distance <= maxDistance && (!best || distance < best.distance || (distance === best.distance && capture.id < best.capture.id))) {
      best = { capture, distance };
    }
  }
  return best;
}

/** A capture sequence (one drive) as the twin needs it. */
export interface SequenceInfo {
  id: string;
  capturedOn: string;
  /** The sequence whose street this one captured again, or null. */
  recaptureOf: string | null;
}

/**
 * Every sequence of the same place as `sequenceId` — the original and all its re-captures, linked by
 * `recapture_of` (in either direction, and through chains) — itself included, oldest first.
 */
export function samePlaceSequences<S extends SequenceInfo>(sequences: readonly S[], sequenceId: string): S[] {
  const byId = new Map(sequences.map((s) => [s.id, s]));
  const root = (s: S): string => {
    const path: string[] = [];
    let current = s;
    while (current.recaptureOf && byId.has(current.recaptureOf)) {
      path.push(current.id);
      const at = path.indexOf(current.recaptureOf);
      // Bad data with a cycle: its smallest id stands for it, whichever member the walk started at.
      if (at >= 0) return path.slice(at).sort()[0]!;
      current = byId.get(current.recaptureOf)!;
    }
    return current.id;
  };
  const self = byId.get(sequenceId);
  if (!self) return [];
  const group = root(self);
  return sequences.filter((s) => root(s) === group).sort((a, b) => (a.capturedOn < b.capturedOn ? -1 : a.capturedOn > b.capturedOn ? 1 : a.id < b.id ? -1 : 1));
}

/**
 * The same place at another date: the capture of the other sequence nearest to `capture`, if one
 * lies within `maxDistance` metres (a re-capture's frames fall within a few metres of the original's).
 */
export function samePlaceOtherDate<C extends CapturePoint>(capture: CapturePoint, otherSequence: Iterable<C>, maxDistance = 15): C | null {
  return nearestCapture(otherSequence, capture.position, maxDistance)?.capture ?? null;
}

/** The neighbour of `id` in a sequence ordered by capture time: +1 next, −1 previous; null at either end. */
export function stepAlong<C extends CapturePoint>(ordered: readonly C[], id: string, step: 1 | -1): C | null {
  const i = ordered.findIndex((c) => c.id === id);
  if (i < 0) return null;
  return ordered[i + step] ?? null;
}

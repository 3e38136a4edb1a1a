/*
 * The twin's data, from the API over HTTP: capture sequences and capture points from the OGC
 * collections (`capture_sequences`, `panoramas`), nearby captures from GET /api/within, images from
 * GET /api/panoramas/{id}/image. The API already leaves out what the caller may not see (captures not
 * cleared for publication, for the public).
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { CapturePoint, LngLat, Orientation, SequenceInfo } from './geometry';

export interface Capture extends CapturePoint, Orientation {
  capturedAt: string;
}

export interface Sequence extends SequenceInfo {
  name: string;
}

interface CaptureProperties {
  sequence_id: string;
  captured_at: string;
  heading: number;
  pitch: number | null;
  roll: number | null;
}

interface SequenceProperties {
  name: string;
  captured_on: string;
  recapture_of: string | null;
}

const CAPTURE_PROPERTIES = 'sequence_id,captured_at,heading,pitch,roll';

/** Thrown when the API answers 404: no such capture, or not published for this caller. */
export class NotFoundError extends Error {}

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { headers: { Accept: 'application/geo+json, application/json' }, signal });
  if (response.status === 404) throw new NotFoundError(`GET ${url}: 404`);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return (await response.json()) as T;
}

function toCapture(f: Feature<Point, CaptureProperties>): Capture {
  const [lon, lat] = f.geometry.coordinates as [number, number];
  return {
    id: String(f.id),
    sequenceId: f.properties.sequence_id,
    capturedAt: f.properties.captured_at,
    position: [lon, lat],
    heading: f.properties.heading,
    pitch: f.properties.pitch ?? 0,
    roll: f.properties.roll ?? 0,
  };
}

export function panoramaUrl(id: string): string {
  return `/api/panoramas/${encodeURIComponent(id)}/image`;
}

export async function fetchSequences(): Promise<Sequence[]> {
  const data = await getJson<FeatureCollection<null, SequenceProperties>>('/ogc/collections/capture_sequences/items?limit=10000&properties=name,captured_on,recapture_of');
  return data.features.map((f) => ({ id: String(f.id), name: f.properties.name, capturedOn: f.properties.captured_on, recaptureOf: f.properties.recapture_of }));
}

export async function fetchCapture(id: string): Promise<Capture> {
  return toCapture(await getJson<Feature<Point, CaptureProperties>>(`/ogc/collections/panoramas/items/${encodeURIComponent(id)}`));
}

/** A whole sequence in capture order (a drive has a few hundred frames). */
export async function fetchSequenceCaptures(sequenceId: string): Promise<Capture[]> {
  const query = `sequence_id=${encodeURIComponent(sequenceId)}&sortby=captured_at&limit=10000&properties=${CAPTURE_PROPERTIES}`;
  const data = await getJson<FeatureCollection<Point, CaptureProperties>>(`/ogc/collections/panoramas/items?${query}`);
  return data.features.map(toCapture);
}

/** Captures within `distance` metres of a point (the API's spatial query). */
export async function fetchCapturesNear(point: LngLat, distance: number): Promise<Capture[]> {
  const query = `collection=panoramas&lon=${point[0]}&lat=${point[1]}&distance=${Math.round(distance)}&limit=500`;
  const data = await getJson<FeatureCollection<Point, CaptureProperties>>(`/api/within?${query}`);
  return data.features.map(toCapture);
}

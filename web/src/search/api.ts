/*
 * The search's data, from the API over HTTP: GET /api/search, and the address cascade
 * GET /api/addresses/neighbourhoods → /streets?mahalle= → /doors?street=. The API leaves out what the
 * caller may not see (an unpublished address register answers 404 or 410). The answer types copy
 * those of api/src/search/, since web imports no code of ours (test/architecture.test.ts).
 */
import type { Geometry } from 'geojson';

export type Bbox = [number, number, number, number];
export type LngLat = [number, number];

export interface SearchResult {
  kind: 'neighbourhood' | 'street' | 'facility' | 'address';
  id: string;
  name: string;
  /** A facility's category, an address's door number. */
  detail: string | null;
  uavt_code: string | null;
  mahalle: string | null;
  bbox: Bbox;
  point: LngLat;
}

export interface AddressMahalle {
  uavt_code: string;
  name: string;
  streets: number;
  bbox: Bbox;
}

export interface AddressStreet {
  id: string;
  name: string;
  kind: string | null;
  doors: number;
  bbox: Bbox;
}

export interface AddressDoor {
  id: string;
  door_number: string;
  point: LngLat;
}

/** Shown results per query: what fits a phone's screen above the keyboard. */
const RESULTS = 8;

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { headers: { Accept: 'application/json' }, signal });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return (await response.json()) as T;
}

export async function searchPlaces(query: string, signal: AbortSignal): Promise<SearchResult[]> {
  return (await getJson<{ results: SearchResult[] }>(`/api/search?q=${encodeURIComponent(query)}&limit=${RESULTS}`, signal)).results;
}

/** The mahalle that have streets; null when there is no address register for this caller. */
export async function addressNeighbourhoods(): Promise<AddressMahalle[] | null> {
  const response = await fetch('/api/addresses/neighbourhoods', { headers: { Accept: 'application/json' } });
  if (response.status === 404 || response.status === 410) return null;
  if (!response.ok) throw new Error(`GET /api/addresses/neighbourhoods answered ${response.status}`);
  const { neighbourhoods } = (await response.json()) as { neighbourhoods: AddressMahalle[] };
  return neighbourhoods.length ? neighbourhoods : null;
}

export async function addressStreets(uavtCode: string): Promise<AddressStreet[]> {
  return (await getJson<{ streets: AddressStreet[] }>(`/api/addresses/streets?mahalle=${encodeURIComponent(uavtCode)}`)).streets;
}

export async function addressDoors(streetId: string): Promise<AddressDoor[]> {
  return (await getJson<{ doors: AddressDoor[] }>(`/api/addresses/doors?street=${encodeURIComponent(streetId)}`)).doors;
}

/** A mahalle's or a street's geometry to outline (OGC API – Features item), or null when unavailable. */
export async function featureGeometry(collection: 'neighbourhoods' | 'streets', id: string): Promise<Geometry | null> {
  try {
    const feature = await getJson<{ geometry: Geometry | null }>(`/ogc/collections/${collection}/items/${encodeURIComponent(id)}?f=json`);
    return feature.geometry;
  } catch {
    return null; // the point marker still shows where the result is
  }
}

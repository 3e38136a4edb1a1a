import { invalidParameter } from '@kbs/core';

/** A CRS the OGC API accepts and answers in (Part 2). */
export interface SupportedCrs {
  uri: string;
  srid: number;
  /** EPSG:4326 is latitude first; CRS84 and the projected systems are x (east) first. */
  latitudeFirst: boolean;
  /** Decimal places for coordinates: degrees to ~1 cm, metres to 1 cm. */
  precision: number;
}

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

export const SUPPORTED_CRS: SupportedCrs[] = [
  { uri: CRS84, srid: 4326, latitudeFirst: false, precision: 7 },
  { uri: 'http://www.opengis.net/def/crs/EPSG/0/4326', srid: 4326, latitudeFirst: true, precision: 7 },
  { uri: 'http://www.opengis.net/def/crs/EPSG/0/3857', srid: 3857, latitudeFirst: false, precision: 2 },
  { uri: 'http://www.opengis.net/def/crs/EPSG/0/5254', srid: 5254, latitudeFirst: false, precision: 2 },
];

export function crsByUri(value: string | undefined, parameter: string): SupportedCrs {
  if (value === undefined) return SUPPORTED_CRS[0]!;
  const crs = SUPPORTED_CRS.find((c) => c.uri === value.trim() || c.uri === `<${value.trim()}>` || `[${c.uri}]` === value.trim());
  if (!crs) throw invalidParameter(parameter, `"${value}" is not a supported CRS; use one of ${SUPPORTED_CRS.map((c) => c.uri).join(', ')}`);
  return crs;
}

import type { Geometry } from 'geojson';

/** One record as a reader yields it: where it came from (for the report) and its raw values. */
export interface SourceRecord {
  /** Human position in the source: "line 12" of a CSV, "feature 3" of a GeoJSON file. */
  position: string;
  values: Record<string, unknown>;
  geometry?: Geometry | null;
}

import type { Geometry } from 'geojson';

/** One record as a reader yields it: where it came from (for the report) and its raw values. */
export interface SourceRecord {
  /** Human position in the source: "line 12" of a CSV, "feature 3" of a GeoJSON file. */
  position: string;
  values: Record<string, unknown>;
  geometry?: Geometry | null;
  /** The reader could not make a record of this part of the file (it is rejected with this reason). */
  error?: string;
  /** What the reader repaired or decided, for the report. */
  notes?: string[];
  /** The CRS of `geometry` when it is not WGS84 longitude/latitude: "EPSG:n" or a .prj's WKT. */
  crs?: string;
}

/** How readers hand over records: in batches, one await per batch rather than per record. */
export type RecordBatches = AsyncIterable<SourceRecord[]>;

/** What a load may tell the readers when detection is not enough. */
export interface ReadOptions {
  /** Text encoding of delimited files. */
  encoding?: 'utf-8' | 'windows-1254' | 'iso-8859-9';
  /** Delimiter of delimited files. */
  delimiter?: string;
  /** Column names for a delimited file without a header row. */
  columns?: string[];
  /** File column → the name the pipeline reads it by (`parseColumnMap`). */
  columnMap?: Record<string, string>;
  /** EPSG code of the source coordinates. */
  sourceSrid?: number;
}

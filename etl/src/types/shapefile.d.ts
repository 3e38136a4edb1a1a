declare module 'shapefile' {
  import type { Geometry } from 'geojson';
  export interface Source {
    read(): Promise<{ done: boolean; value: { type: 'Feature'; properties: Record<string, unknown> | null; geometry: Geometry | null } }>;
    cancel(): Promise<void>;
  }
  export function open(shp: string, dbf?: string, options?: { encoding?: string }): Promise<Source>;
}

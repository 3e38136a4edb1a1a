/**
 * The download formats of the open data portal: one list that the download route, the CKAN resources,
 * the DCAT distributions and the portal pages all read.
 */
export type DownloadFormat = 'csv' | 'csv-excel' | 'geojson' | 'gpkg' | 'shp' | 'kml' | 'xlsx';

export interface DownloadFormatSpec {
  format: DownloadFormat;
  /** What CKAN's `resource.format` and the portal's buttons show. */
  label: string;
  mediaType: string;
  /** File name extension, without the dot. */
  extension: string;
  /** Only for datasets with a geometry. */
  spatialOnly: boolean;
  /** IANA / EU file-type authority code for DCAT (http://publications.europa.eu/resource/authority/file-type/…). */
  euFileType: string;
}

export const DOWNLOAD_FORMATS: readonly DownloadFormatSpec[] = [
  { format: 'csv', label: 'CSV', mediaType: 'text/csv; charset=utf-8', extension: 'csv', spatialOnly: false, euFileType: 'CSV' },
  // Excel opens a comma CSV as one column in a Turkish locale: BOM + semicolons.
  { format: 'csv-excel', label: 'CSV (Excel)', mediaType: 'text/csv; charset=utf-8', extension: 'csv', spatialOnly: false, euFileType: 'CSV' },
  { format: 'geojson', label: 'GeoJSON', mediaType: 'application/geo+json', extension: 'geojson', spatialOnly: true, euFileType: 'GEOJSON' },
  { format: 'gpkg', label: 'GeoPackage', mediaType: 'application/geopackage+sqlite3', extension: 'gpkg', spatialOnly: true, euFileType: 'GPKG' },
  { format: 'shp', label: 'Shapefile', mediaType: 'application/zip', extension: 'zip', spatialOnly: true, euFileType: 'SHP' },
  { format: 'kml', label: 'KML', mediaType: 'application/vnd.google-earth.kml+xml', extension: 'kml', spatialOnly: true, euFileType: 'KML' },
  { format: 'xlsx', label: 'XLSX', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx', spatialOnly: false, euFileType: 'XLSX' },
];

/** The formats a dataset can be downloaded in. */
export function formatsFor(dataset: { geometryType: string | null }): DownloadFormatSpec[] {
  return DOWNLOAD_FORMATS.filter((f) => !f.spatialOnly || dataset.geometryType !== null);
}

/** Where a dataset's file is downloaded (the current version, or a kept one). Relative to the API's base URL. */
export function downloadPath(datasetId: string, format: DownloadFormat, version?: number): string {
  const path = `/api/datasets/${encodeURIComponent(datasetId)}/downloads/${format}`;
  return version === undefined ? path : `${path}?version=${version}`;
}

/** The portal page of a dataset. */
export function datasetPagePath(datasetId: string): string {
  return `/portal/datasets/${encodeURIComponent(datasetId)}`;
}

/*
 * The scale bar of an exported map: metres per pixel at the map's centre (Web Mercator, MapLibre's
 * 512-pixel tiles) and the longest "nice" length (1, 2 or 5 × 10^n metres) that fits a given width.
 */

/** Earth's equatorial circumference in metres (WGS 84), the width of the Web Mercator world at zoom 0. */
const EARTH_CIRCUMFERENCE_M = 40_075_016.686;
/** MapLibre's world is 512 CSS pixels wide at zoom 0. */
const TILE_SIZE = 512;

/** Ground metres per CSS pixel at a latitude and zoom. */
export function metresPerPixel(latitude: number, zoom: number): number {
  return (EARTH_CIRCUMFERENCE_M * Math.cos((latitude * Math.PI) / 180)) / (TILE_SIZE * 2 ** zoom);
}

/** The largest 1-2-5 number not above `limit` (limit > 0). */
export function niceLength(limit: number): number {
  const power = 10 ** Math.floor(Math.log10(limit));
  const first = limit / power;
  // A small tolerance: 0.3 / 0.1 is 2.9999999999999996 in floating point.
  const step = first >= 5 - 1e-9 ? 5 : first >= 2 - 1e-9 ? 2 : 1;
  return step * power;
}

export interface ScaleBar {
  metres: number;
  /** The bar's length in CSS pixels. */
  pixels: number;
  /** "500 m", "2 km". */
  label: string;
}

/** The scale bar for a map at `latitude` and `zoom`, at most `maxPixels` long. */
export function scaleBar(latitude: number, zoom: number, maxPixels: number): ScaleBar {
  const perPixel = metresPerPixel(latitude, zoom);
  const metres = niceLength(perPixel * maxPixels);
  return { metres, pixels: metres / perPixel, label: metres >= 1000 ? `${metres / 1000} km` : `${metres} m` };
}

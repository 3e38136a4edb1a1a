/*
 * Where each part of an exported PNG goes, as a pure function of the map's size, the legend's length
 * and the pixel ratio: title and date above the map, north arrow and scale bar on the map, legend and
 * attribution below it. The browser test reads the same boxes to know where to look.
 */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ExportLayout {
  width: number;
  height: number;
  title: Box;
  date: Box;
  map: Box;
  /** The north arrow's disc, on the map's top right corner. */
  northArrow: Box;
  /** The scale bar's white backing, on the map's bottom left corner. */
  scaleBar: Box;
  /** Legend heading, then one row per class. */
  legendTitle: Box;
  legendRows: { swatch: Box; label: Box }[];
  attribution: Box;
}

/** CSS pixels; every length is multiplied by the pixel ratio. */
const PAD = 16;
const TITLE = 30;
const DATE = 20;
const GAP = 10;
const ARROW = 40;
const SCALE_WIDTH = 150;
const SCALE_HEIGHT = 30;
const ROW = 22;
const SWATCH_WIDTH = 22;
const SWATCH_HEIGHT = 14;
const ATTRIBUTION = 18;
/** The longest scale bar in CSS pixels: the backing less its margins. */
export const SCALE_BAR_MAX = SCALE_WIDTH - 2 * GAP;

/** The north arrow and scale bar boxes on a map at `map` (output pixels). */
export function mapFrame(map: Box, ratio: number): Pick<ExportLayout, 'northArrow' | 'scaleBar'> {
  const s = (n: number) => Math.round(n * ratio);
  return {
    northArrow: { x: map.x + map.width - s(GAP + ARROW), y: map.y + s(GAP), width: s(ARROW), height: s(ARROW) },
    scaleBar: { x: map.x + s(GAP), y: map.y + map.height - s(GAP + SCALE_HEIGHT), width: s(SCALE_WIDTH), height: s(SCALE_HEIGHT) },
  };
}

/** `mapWidth` × `mapHeight` in output pixels (the captured canvas); `ratio` output pixels per CSS pixel. */
export function exportLayout(mapWidth: number, mapHeight: number, legendRows: number, ratio: number): ExportLayout {
  const s = (n: number) => Math.round(n * ratio);
  const pad = s(PAD);
  const width = mapWidth + 2 * pad;
  const inner = width - 2 * pad;
  const title = { x: pad, y: pad, width: inner, height: s(TITLE) };
  const date = { x: pad, y: title.y + title.height, width: inner, height: s(DATE) };
  const map = { x: pad, y: date.y + date.height + s(GAP), width: mapWidth, height: mapHeight };
  const { northArrow, scaleBar } = mapFrame(map, ratio);
  const legendTitle = { x: pad, y: map.y + map.height + s(GAP), width: inner, height: s(ROW) };
  const legend = Array.from({ length: legendRows }, (_, i) => {
    const y = legendTitle.y + legendTitle.height + i * s(ROW);
    return {
      swatch: { x: pad, y: y + s((ROW - SWATCH_HEIGHT) / 2), width: s(SWATCH_WIDTH), height: s(SWATCH_HEIGHT) },
      label: { x: pad + s(SWATCH_WIDTH + GAP), y, width: inner - s(SWATCH_WIDTH + GAP), height: s(ROW) },
    };
  });
  const legendBottom = legendTitle.y + legendTitle.height + legendRows * s(ROW);
  const attribution = { x: pad, y: legendBottom + s(GAP), width: inner, height: s(ATTRIBUTION) };
  return { width, height: attribution.y + attribution.height + pad, title, date, map, northArrow, scaleBar, legendTitle, legendRows: legend, attribution };
}

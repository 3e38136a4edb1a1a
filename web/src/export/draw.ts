/*
 * Drawing an export on a 2D canvas: the map with its north arrow and scale bar (the PNG and the print
 * layout both use it), and the PNG's title, date, legend and attribution around it.
 */
import type { ExportLegend } from './legend';
import { exportLayout, SCALE_BAR_MAX, type Box, type ExportLayout } from './layout';
import { scaleBar } from './scaleBar';

export const INK = '#102a43';
export const NORTH_COLOUR = '#c62828';
const FONT = 'system-ui, "DejaVu Sans", "Noto Sans", sans-serif';

export interface MapView {
  /** Degrees clockwise from north of the screen's up direction (MapLibre's bearing). */
  bearing: number;
  latitude: number;
  zoom: number;
}

export interface ExportContent {
  title: string;
  date: string;
  legend: ExportLegend;
  attribution: string;
}

function whiteBacking(ctx: CanvasRenderingContext2D, box: Box, radius: number): void {
  ctx.fillStyle = 'rgba(255, 255, 255, 0.9)';
  ctx.beginPath();
  ctx.roundRect(box.x, box.y, box.width, box.height, radius);
  ctx.fill();
}

/** An arrow pointing to north on a white disc: red half towards north, the "N" turning with it. */
function drawNorthArrow(ctx: CanvasRenderingContext2D, box: Box, bearing: number): void {
  const r = box.width / 2;
  ctx.save();
  ctx.translate(box.x + r, box.y + r);
  ctx.fillStyle = 'rgba(255, 255, 255, 0.9)';
  ctx.beginPath();
  ctx.arc(0, 0, r, 0, 2 * Math.PI);
  ctx.fill();
  // The map is turned by `bearing` clockwise, so north on it is turned the other way.
  ctx.rotate((-bearing * Math.PI) / 180);
  const tip = r * 0.8;
  const half = r * 0.32;
  ctx.fillStyle = NORTH_COLOUR;
  ctx.beginPath();
  ctx.moveTo(0, -tip);
  ctx.lineTo(half, 0);
  ctx.lineTo(-half, 0);
  ctx.closePath();
  ctx.fill();
  ctx.fillStyle = INK;
  ctx.beginPath();
  ctx.moveTo(0, tip);
  ctx.lineTo(half, 0);
  ctx.lineTo(-half, 0);
  ctx.closePath();
  ctx.fill();
  ctx.restore();
}

function drawScaleBar(ctx: CanvasRenderingContext2D, box: Box, view: MapView, ratio: number): void {
  whiteBacking(ctx, box, 4 * ratio);
  const bar = scaleBar(view.latitude, view.zoom, SCALE_BAR_MAX);
  const margin = 10 * ratio;
  const left = box.x + margin;
  const base = box.y + box.height - 8 * ratio;
  const length = bar.pixels * ratio;
  ctx.strokeStyle = INK;
  ctx.lineWidth = 2 * ratio;
  ctx.beginPath();
  ctx.moveTo(left, base - 6 * ratio);
  ctx.lineTo(left, base);
  ctx.lineTo(left + length, base);
  ctx.lineTo(left + length, base - 6 * ratio);
  ctx.stroke();
  ctx.fillStyle = INK;
  ctx.font = `${12 * ratio}px ${FONT}`;
  ctx.textBaseline = 'bottom';
  ctx.fillText(bar.label, left + 4 * ratio, base - 3 * ratio);
}

/** The captured map with its north arrow (top right) and scale bar (bottom left), on `ctx` at `box`. */
export function drawMapFrame(ctx: CanvasRenderingContext2D, map: CanvasImageSource, layout: Pick<ExportLayout, 'map' | 'northArrow' | 'scaleBar'>, view: MapView, ratio: number): void {
  const { map: box } = layout;
  ctx.drawImage(map, box.x, box.y, box.width, box.height);
  ctx.strokeStyle = '#9fb3c8';
  ctx.lineWidth = Math.max(1, ratio);
  ctx.strokeRect(box.x, box.y, box.width, box.height);
  drawNorthArrow(ctx, layout.northArrow, view.bearing);
  drawScaleBar(ctx, layout.scaleBar, view, ratio);
}

function text(ctx: CanvasRenderingContext2D, value: string, box: Box, size: number, weight = 400): void {
  ctx.fillStyle = INK;
  ctx.font = `${weight} ${size}px ${FONT}`;
  ctx.textBaseline = 'middle';
  ctx.fillText(value, box.x, box.y + box.height / 2, box.width);
}

/** The whole PNG: a white sheet with title, date, map, legend and attribution. */
export function drawExport(map: HTMLCanvasElement, view: MapView, ratio: number, content: ExportContent): HTMLCanvasElement {
  const layout = exportLayout(map.width, map.height, content.legend.items.length, ratio);
  const canvas = document.createElement('canvas');
  canvas.width = layout.width;
  canvas.height = layout.height;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, layout.width, layout.height);
  text(ctx, content.title, layout.title, 22 * ratio, 700);
  text(ctx, content.date, layout.date, 13 * ratio);
  drawMapFrame(ctx, map, layout, view, ratio);
  text(ctx, content.legend.title, layout.legendTitle, 14 * ratio, 600);
  content.legend.items.forEach((item, i) => {
    const row = layout.legendRows[i]!;
    ctx.fillStyle = item.colour;
    ctx.fillRect(row.swatch.x, row.swatch.y, row.swatch.width, row.swatch.height);
    text(ctx, item.label, row.label, 13 * ratio);
  });
  text(ctx, content.attribution, layout.attribution, 11 * ratio);
  return canvas;
}

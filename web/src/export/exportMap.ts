/*
 * The two exports of the map: a PNG file and an A4 print layout. Both show the map as on screen with
 * a title, the date, the legend of the choropleth, a scale bar, a north arrow and the attribution.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { language } from '../i18n';
import { captureMap } from './captureMap';
import { drawExport, drawMapFrame, type ExportContent, type MapView } from './draw';
import { mapFrame } from './layout';
import { readAttribution, readLegend } from './legend';

export type Orientation = 'portrait' | 'landscape';

/** The printed map's width in millimetres (A4 less 12 mm margins; in landscape the legend takes a column). */
const PRINT_MAP_WIDTH_MM: Record<Orientation, number> = { portrait: 186, landscape: 210 };
const PRINT_DPI = 300;
const MM_PER_INCH = 25.4;

/** "bagcilar-harita-2026-12-02.png": the local date, ASCII only. */
export function exportFileName(date: Date, extension: string): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `bagcilar-harita-${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}.${extension}`;
}

export function formatExportDate(date: Date): string {
  return new Intl.DateTimeFormat(language() === 'tr' ? 'tr-TR' : 'en-GB', { dateStyle: 'long' }).format(date);
}

function viewOf(map: MapLibreMap): MapView {
  return { bearing: map.getBearing(), latitude: map.getCenter().lat, zoom: map.getZoom() };
}

export function exportContent(title: string, date: Date): ExportContent {
  return { title, date: formatExportDate(date), legend: readLegend(), attribution: readAttribution() };
}

function toBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas gave no PNG'))), 'image/png'));
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once started; the URL is released after this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export async function exportPng(map: MapLibreMap, title: string, now = new Date()): Promise<void> {
  const { canvas, ratio } = await captureMap(map);
  const png = drawExport(canvas, viewOf(map), ratio, exportContent(title, now));
  download(await toBlob(png), exportFileName(now, 'png'));
}

/** The map at print resolution with its north arrow and scale bar, as a PNG blob. */
export async function printMapImage(map: MapLibreMap, orientation: Orientation): Promise<Blob> {
  const targetWidth = (PRINT_MAP_WIDTH_MM[orientation] / MM_PER_INCH) * PRINT_DPI;
  const { canvas, ratio } = await captureMap(map, targetWidth / Math.max(map.getContainer().clientWidth, 1));
  const frame = document.createElement('canvas');
  frame.width = canvas.width;
  frame.height = canvas.height;
  const box = { x: 0, y: 0, width: canvas.width, height: canvas.height };
  drawMapFrame(frame.getContext('2d')!, canvas, { map: box, ...mapFrame(box, ratio) }, viewOf(map), ratio);
  return toBlob(frame);
}

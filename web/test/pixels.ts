/** Helpers of the browser test: screen-space polygons and a decoded screenshot. */
import { PNG } from 'pngjs';

export type Point = [number, number];
/** A polygon as screen rings (outer ring first, then holes). */
export type ScreenPolygon = Point[][];
export type Rgb = [number, number, number];
export interface Box { x: number; y: number; width: number; height: number }

export class Screenshot {
  readonly png: PNG;
  constructor(buffer: Buffer) {
    this.png = PNG.sync.read(buffer);
  }
  at(x: number, y: number): Rgb {
    const o = (Math.round(y) * this.png.width + Math.round(x)) * 4;
    return [this.png.data[o]!, this.png.data[o + 1]!, this.png.data[o + 2]!];
  }
}

export function colourDistance(a: Rgb, b: Rgb): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/** `top` with `opacity` over `bottom`, as the compositor blends it. */
export function blend(top: Rgb, opacity: number, bottom: Rgb): Rgb {
  return [0, 1, 2].map((i) => Math.round(top[i]! * opacity + bottom[i]! * (1 - opacity))) as Rgb;
}

/** Even-odd point in polygon over all rings of all polygons. */
export function inside(p: Point, polygons: ScreenPolygon[]): boolean {
  let result = false;
  for (const rings of polygons) for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [ax, ay] = ring[i]!;
      const [bx, by] = ring[j]!;
      if (ay > p[1] !== by > p[1] && p[0] < ((bx - ax) * (p[1] - ay)) / (by - ay) + ax) result = !result;
    }
  }
  return result;
}

/** Distance from a point to the nearest edge of any ring. */
export function edgeDistance(p: Point, polygons: ScreenPolygon[]): number {
  let min = Infinity;
  for (const rings of polygons) for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [ax, ay] = ring[i]!;
      const [bx, by] = ring[j]!;
      const dx = bx - ax;
      const dy = by - ay;
      const t = dx === 0 && dy === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - ax) * dx + (p[1] - ay) * dy) / (dx * dx + dy * dy)));
      min = Math.min(min, Math.hypot(p[0] - ax - t * dx, p[1] - ay - t * dy));
    }
  }
  return min;
}

export function inBox(p: Point, box: Box, margin = 0): boolean {
  return p[0] >= box.x - margin && p[0] <= box.x + box.width + margin && p[1] >= box.y - margin && p[1] <= box.y + box.height + margin;
}

/** Grid points of `area` every `step` pixels. */
export function grid(area: Box, step: number): Point[] {
  const points: Point[] = [];
  for (let y = area.y + step / 2; y < area.y + area.height; y += step) {
    for (let x = area.x + step / 2; x < area.x + area.width; x += step) points.push([Math.round(x), Math.round(y)]);
  }
  return points;
}

export function bboxOf(polygons: ScreenPolygon[]): Box {
  const xs = polygons.flatMap((rings) => rings[0]!.map((p) => p[0]));
  const ys = polygons.flatMap((rings) => rings[0]!.map((p) => p[1]));
  const [x, y] = [Math.min(...xs), Math.min(...ys)];
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

/** A solid-colour PNG, e.g. a stand-in basemap tile. */
export function solidPng(width: number, height: number, [r, g, b]: Rgb): Buffer {
  const png = new PNG({ width, height });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([r, g, b, 255], i);
  return PNG.sync.write(png);
}

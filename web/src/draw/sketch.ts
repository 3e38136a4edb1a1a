/*
 * The one wrapper around terra-draw, shared by selection, measuring and digitising; imported
 * dynamically on first use of a tool, so terra-draw stays out of the first map's chunk.
 *
 * terra-draw does the sketching and vertex editing by pointer (mouse and touch alike). The keyboard
 * reaches it through the same doors: `addVertexAtCentre` is a click at the map's centre (under the
 * crosshair), `finish` is the Enter key terra-draw already understands.
 */
import type { Geometry, LineString, Point, Polygon } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import {
  TerraDraw,
  TerraDrawCircleMode,
  TerraDrawLineStringMode,
  TerraDrawPointMode,
  TerraDrawPolygonMode,
  TerraDrawSelectMode,
  type GeoJSONStoreFeatures,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';

export type SketchKind = 'polygon' | 'circle' | 'linestring' | 'point';

export interface Sketched {
  geometry: Polygon | LineString | Point;
  /** A circle's radius as drawn. */
  radiusMetres?: number;
}

const KEYS = { cancel: null, finish: 'Enter' } as const; // Escape is ours: it also leaves the tool
const EDITABLE = { feature: { draggable: true, coordinates: { draggable: true, midpoints: true, deletable: true } } };

export class Sketch {
  private readonly draw: TerraDraw;
  private pending: ((shape: Sketched | null) => void) | null = null;
  private editing: string | null = null;

  constructor(private readonly map: MapLibreMap) {
    this.draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map }),
      modes: [
        new TerraDrawPolygonMode({ keyEvents: KEYS }),
        // "globe": a geodesic circle, as the API measures it.
        new TerraDrawCircleMode({ keyEvents: KEYS, projection: 'globe', segments: 64 }),
        new TerraDrawLineStringMode({ keyEvents: KEYS }),
        new TerraDrawPointMode(),
        new TerraDrawSelectMode({ keyEvents: null, flags: { point: { feature: { draggable: true } }, linestring: EDITABLE, polygon: EDITABLE } }),
      ],
    });
    this.draw.start();
    this.draw.on('finish', (id, context) => {
      if (context.action !== 'draw' || !this.pending) return;
      const feature = this.draw.getSnapshotFeature(id);
      this.draw.removeFeatures([id]); // the tools draw their results themselves
      this.settle(feature ? { geometry: feature.geometry as Sketched['geometry'], ...radius(feature) } : null);
    });
  }

  get active(): boolean {
    return this.pending !== null || this.editing !== null;
  }

  /** Draws one shape: resolves with it when finished, with null when cancelled. */
  shape(kind: SketchKind): Promise<Sketched | null> {
    this.cancel();
    this.draw.setMode(kind);
    return new Promise((resolve) => {
      this.pending = resolve;
    });
  }

  /** Shows a geometry with draggable vertices; `edited()` reads it back. */
  edit(geometry: Point | LineString | Polygon): void {
    this.cancel();
    const mode = geometry.type === 'Point' ? 'point' : geometry.type === 'LineString' ? 'linestring' : 'polygon';
    const id = crypto.randomUUID();
    const [result] = this.draw.addFeatures([{ id, type: 'Feature', geometry, properties: { mode } } as GeoJSONStoreFeatures]);
    if (!result?.valid) throw new Error(`terra-draw refused the geometry: ${result?.reason ?? 'unknown'}`);
    this.editing = id;
    this.draw.setMode('select');
    this.draw.selectFeature(id);
  }

  /** The geometry being edited, as it is now. */
  edited(): Geometry | null {
    return this.editing ? (this.draw.getSnapshotFeature(this.editing)?.geometry as Geometry | undefined) ?? null : null;
  }

  /** A click under the crosshair: the keyboard's way to add a vertex, a point or a circle's edge. */
  addVertexAtCentre(): void {
    const canvas = this.map.getCanvas();
    const box = canvas.getBoundingClientRect();
    const at = { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2, bubbles: true, isPrimary: true, pointerId: 1, pointerType: 'mouse' };
    canvas.dispatchEvent(new PointerEvent('pointermove', { ...at, buttons: 0 }));
    canvas.dispatchEvent(new PointerEvent('pointerdown', { ...at, button: 0, buttons: 1 }));
    canvas.dispatchEvent(new PointerEvent('pointerup', { ...at, button: 0, buttons: 0 }));
  }

  /** Finishes the shape being drawn, as Enter on the map would. */
  finish(): void {
    this.map.getCanvas().dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter', bubbles: true }));
  }

  /** Drops whatever is being drawn or edited. */
  cancel(): void {
    if (this.editing) this.draw.removeFeatures([this.editing]);
    this.editing = null;
    this.draw.setMode('static');
    this.draw.clear();
    this.settle(null);
  }

  private settle(shape: Sketched | null): void {
    const resolve = this.pending;
    this.pending = null;
    if (shape) this.draw.setMode('static');
    resolve?.(shape);
  }
}

function radius(feature: GeoJSONStoreFeatures): { radiusMetres?: number } {
  const km = feature.properties.radiusKilometers;
  return typeof km === 'number' ? { radiusMetres: km * 1000 } : {};
}

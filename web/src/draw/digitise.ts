/*
 * Digitising: a signed-in editor picks an editable collection, draws a new feature or picks one (from
 * the list or on the map), fills the catalog's form, and saves it through the API, which records the
 * editor. The panel says where it is in `data-digitise-state` (loading | list | drawing | form | saving | error).
 */
import type { Geometry, LineString, Point, Polygon } from 'geojson';
import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { h } from '../portal/dom';
import { formControls, formFields, readForm, type FormField } from './attributeForm';
import {
  collectionFeatures,
  collectionQueryables,
  createFeature,
  deleteFeature,
  editableCollections,
  updateFeature,
  type EditableFeature,
  type Editor,
} from './editorApi';
import { showShapes, shapeLayerIds } from './shapeLayers';
import type { SketchKind, Sketched } from './sketch';
import { d } from './strings';

/** What digitising needs of the sketching tool the toolbar holds. */
export interface SketchHost {
  shape(kind: SketchKind): Promise<Sketched | null>;
  edit(geometry: Point | LineString | Polygon): Promise<void>;
  edited(): Geometry | null;
  stop(): void;
}

/** The sketch that draws a collection's geometry type (queryables: format "geometry-multipolygon" …). */
export function sketchKindOf(geometryFormat: string | undefined): SketchKind {
  if (/polygon/.test(geometryFormat ?? '')) return 'polygon';
  if (/linestring/.test(geometryFormat ?? '')) return 'linestring';
  return 'point';
}

/** A feature's geometry as one sketchable part: a Multi* of one part becomes that part; several parts cannot be dragged. */
export function singlePart(geometry: Geometry): Point | LineString | Polygon | null {
  switch (geometry.type) {
    case 'Point':
    case 'LineString':
    case 'Polygon':
      return geometry;
    case 'MultiPoint':
      return geometry.coordinates.length === 1 ? { type: 'Point', coordinates: geometry.coordinates[0]! } : null;
    case 'MultiLineString':
      return geometry.coordinates.length === 1 ? { type: 'LineString', coordinates: geometry.coordinates[0]! } : null;
    case 'MultiPolygon':
      return geometry.coordinates.length === 1 ? { type: 'Polygon', coordinates: geometry.coordinates[0]! } : null;
    default:
      return null;
  }
}

export class Digitiser {
  private collection = '';
  private kind: SketchKind = 'point';
  private fields: FormField[] = [];
  private features: EditableFeature[] = [];
  private readonly status = h('p', { class: 'draw-status', role: 'status', 'aria-live': 'polite' });
  private readonly body = h('div', {});
  private readonly onMapClick = (event: MapMouseEvent) => this.pickAt(event);

  constructor(
    private readonly map: MapLibreMap,
    private readonly panel: HTMLElement,
    private readonly editor: Editor,
    private readonly sketch: SketchHost,
  ) {}

  async open(): Promise<void> {
    const collections = await editableCollections(this.editor);
    const select = h('select', { id: 'digitise-collection', onchange: () => void this.load(select.value).catch((e: unknown) => this.fail(e)) },
      ...collections.map((c) => h('option', { value: c.id }, c.title)));
    this.panel.replaceChildren(
      h('h3', {}, d('digitise')),
      h('label', { class: 'draw-field' }, h('span', {}, d('editableDataset')), select),
      this.body,
      this.status,
    );
    this.map.on('click', this.onMapClick);
    if (collections[0]) await this.load(collections[0].id);
  }

  close(): void {
    this.map.off('click', this.onMapClick);
    this.sketch.stop();
    showShapes(this.map, 'digitise', []);
    delete this.panel.dataset.digitiseState;
  }

  private setState(state: 'loading' | 'list' | 'drawing' | 'form' | 'saving' | 'error'): void {
    this.panel.dataset.digitiseState = state;
  }

  private say(text: string): void {
    this.status.textContent = text;
  }

  private fail(error: unknown): void {
    console.error(error);
    this.say(`${d('editFailed')}: ${error instanceof Error ? error.message : String(error)}`);
    this.setState('error');
  }

  /** Reads a collection's form and features, and lists them. */
  private async load(collection: string): Promise<void> {
    this.sketch.stop();
    this.setState('loading'); // nothing to click until the list is there
    this.collection = collection;
    const [queryables, features] = await Promise.all([collectionQueryables(collection), collectionFeatures(collection)]);
    this.fields = formFields(queryables);
    this.kind = sketchKindOf(queryables.properties.geometry?.format);
    this.features = features;
    // A GeoJSON source keeps only numeric feature ids: the id goes into the properties for map clicks.
    showShapes(this.map, 'digitise', features.map((f) => ({ ...f, properties: { ...f.properties, id: f.id } })));
    this.showList();
  }

  private showList(): void {
    const items = this.features.map((f) => h('li', { 'data-feature-id': f.id },
      h('button', { type: 'button', class: 'draw-link', onclick: () => this.showForm(f) }, String(f.properties.name ?? d('unnamed')))));
    this.body.replaceChildren(
      h('button', { type: 'button', class: 'draw-button', id: 'digitise-new', onclick: () => void this.drawNew() }, d('newFeature')),
      h('h4', {}, d('featuresOfDataset')),
      items.length ? h('ul', { class: 'draw-feature-list' }, ...items) : h('p', {}, d('noFeatures')),
    );
    this.setState('list');
  }

  private async drawNew(): Promise<void> {
    this.say('');
    this.setState('drawing');
    const shape = await this.sketch.shape(this.kind);
    if (!shape) return this.showList();
    showShapes(this.map, 'digitise', [...this.features, { type: 'Feature', geometry: shape.geometry, properties: {} }]);
    this.showForm(null, shape.geometry);
  }

  /** Clicking a feature of the collection on the map opens it (not while sketching). */
  private pickAt(event: MapMouseEvent): void {
    if (this.panel.dataset.digitiseState !== 'list') return;
    const hit = this.map.queryRenderedFeatures(event.point, { layers: shapeLayerIds('digitise') })[0];
    const feature = hit && this.features.find((f) => f.id === String(hit.properties.id));
    if (feature) this.showForm(feature);
  }

  /** The form of an existing feature, or of a new one drawn as `drawn`. */
  private showForm(feature: EditableFeature | null, drawn?: Geometry): void {
    let geometry: Geometry | null = drawn ?? null;
    const form = h('form', { class: 'draw-form', 'data-feature-id': feature?.id ?? '' }, ...formControls(this.fields, feature?.properties ?? {}));
    const part = feature && singlePart(feature.geometry);
    const buttons = h('div', { class: 'draw-actions' }, h('button', { type: 'submit', class: 'draw-button primary' }, d('save')));
    if (feature) {
      if (part) buttons.append(h('button', { type: 'button', class: 'draw-button', onclick: () => void this.sketch.edit(part) }, d('editGeometry')));
      buttons.append(
        h('button', {
          type: 'button',
          class: 'draw-button',
          onclick: async () => {
            this.setState('drawing');
            const shape = await this.sketch.shape(this.kind);
            if (shape) geometry = shape.geometry;
            this.setState('form');
          },
        }, d('redraw')),
        h('button', { type: 'button', class: 'draw-button danger', id: 'digitise-delete', onclick: () => void this.remove(feature) }, d('deleteFeature')),
      );
    }
    buttons.append(h('button', { type: 'button', class: 'draw-button', onclick: () => { this.sketch.stop(); this.showList(); } }, d('close')));
    form.append(buttons);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.save(form, feature, geometry ?? this.sketch.edited());
    });
    this.body.replaceChildren(form);
    this.setState('form');
    (form.querySelector('input, select') as HTMLElement | null)?.focus();
  }

  private async save(form: HTMLFormElement, feature: EditableFeature | null, geometry: Geometry | null): Promise<void> {
    if (!form.reportValidity()) return;
    this.setState('saving');
    try {
      const properties = readForm(form, this.fields);
      this.sketch.stop();
      if (feature) await updateFeature(this.editor, this.collection, feature.id, { properties, ...(geometry ? { geometry } : {}) });
      else await createFeature(this.editor, this.collection, geometry!, properties);
      await this.load(this.collection);
      this.say(d('featureSaved'));
    } catch (error) {
      this.fail(error);
    }
  }

  private async remove(feature: EditableFeature): Promise<void> {
    this.setState('saving');
    try {
      this.sketch.stop();
      await deleteFeature(this.editor, this.collection, feature.id);
      await this.load(this.collection);
      this.say(d('featureDeleted'));
    } catch (error) {
      this.fail(error);
    }
  }
}

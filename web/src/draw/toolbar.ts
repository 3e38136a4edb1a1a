/*
 * The drawing toolbar: selection by polygon or circle, measuring a distance or an area, and digitising
 * for signed-in editors; a results panel beside it. This module is small and loads with the map; the
 * sketching (terra-draw), the figures and the forms are imported on first use of a tool.
 *
 * Keys while sketching: Space adds a point under the crosshair at the map's centre (arrow keys pan the
 * map), Enter finishes, Escape cancels; the same as buttons for touch and pointer users.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { onLanguageChange, t } from '../i18n';
import { h } from '../portal/dom';
import { normaliseArea, type DrawnArea, type MapState } from '../state/mapState';
import type { SketchHost } from './digitise';
import type { Sketch, SketchKind, Sketched } from './sketch';
import './draw.css';
import { d, type DrawStringKey } from './strings';

export interface StateHost {
  state(): MapState;
  change(update: (state: MapState) => MapState): void;
  /** Called with each state the map applies (a drawn area, a saved map opened, the panel's changes). */
  onApply(listener: (state: MapState) => void): void;
}

type Tool = 'select-polygon' | 'select-circle' | 'measure-length' | 'measure-area' | 'digitise';

const TOOLS: { tool: Tool; label: DrawStringKey }[] = [
  { tool: 'select-polygon', label: 'selectPolygon' },
  { tool: 'select-circle', label: 'selectCircle' },
  { tool: 'measure-length', label: 'measureLength' },
  { tool: 'measure-area', label: 'measureArea' },
  { tool: 'digitise', label: 'digitise' },
];

const SKETCH_OF: Record<Exclude<Tool, 'digitise'>, SketchKind> = {
  'select-polygon': 'polygon',
  'select-circle': 'circle',
  'measure-length': 'linestring',
  'measure-area': 'polygon',
};

function element(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from index.html`);
  return el;
}

const label = (key: DrawStringKey) => h('span', { 'data-i18n': key }, d(key));

/** Sets up the toolbar; `mapLoaded` resolves once the style is there to draw on. */
export function setUpDrawTools(map: MapLibreMap, host: StateHost, mapLoaded: Promise<void>): void {
  const toolbar = element('draw-toolbar');
  const results = element('draw-results');
  const crosshair = element('draw-crosshair');
  map.getContainer().append(crosshair); // centred on the map, whatever the panel beside it does
  const resultsBody = h('div', { id: 'draw-results-body' });
  let active: Tool | null = null;
  /** What the results panel shows, and how to take it off the map. */
  let shown: { kind: 'selection' | 'measure' | 'digitise'; hide: () => void; redraw?: () => void } | null = null;

  let sketch: Sketch | null = null;
  let sketchLoading: Promise<Sketch> | null = null;
  const loadSketch = () => (sketchLoading ??= Promise.all([import('./sketch'), mapLoaded]).then(([m]) => (sketch = new m.Sketch(map))));

  const buttons = new Map<Tool, HTMLButtonElement>();
  for (const { tool, label: key } of TOOLS) {
    const button = h('button', { type: 'button', class: 'draw-tool', 'aria-pressed': 'false', 'data-tool': tool, onclick: () => void choose(tool) }, label(key));
    buttons.set(tool, button);
  }
  buttons.get('digitise')!.hidden = true;
  const signIn = h('a', { class: 'draw-tool', href: '/admin/', 'data-i18n': 'signInToDigitise', hidden: true }, d('signInToDigitise'));

  const sketchControls = h('div', { class: 'draw-sketch-controls', hidden: true },
    h('p', { class: 'draw-hint', id: 'draw-hint', 'data-i18n': 'drawHint' }, d('drawHint')),
    h('button', { type: 'button', class: 'draw-button', id: 'draw-add-vertex', onclick: () => sketch?.addVertexAtCentre() }, label('addVertex')),
    h('button', { type: 'button', class: 'draw-button', id: 'draw-finish', onclick: () => sketch?.finish() }, label('finish')),
    h('button', { type: 'button', class: 'draw-button', id: 'draw-cancel', onclick: () => cancel() }, h('span', { 'data-i18n': 'cancel' }, t('cancel'))));
  toolbar.replaceChildren(...buttons.values(), signIn, sketchControls);
  results.replaceChildren(
    h('button', { type: 'button', class: 'draw-close', id: 'draw-results-close', 'aria-label': d('close'), 'data-i18n-label': 'close', onclick: () => clearResults() }, '×'),
    resultsBody,
  );

  // Only the newest sketch may hide the controls: a cancelled one settles after its successor started.
  let sketchRun = 0;
  let swallowClick = false;
  const sketchHost: SketchHost = {
    async shape(kind) {
      const s = await loadSketch();
      const run = ++sketchRun;
      sketchControls.hidden = false;
      crosshair.hidden = false;
      toolbar.dataset.sketching = kind;
      map.getCanvas().focus();
      try {
        return await s.shape(kind);
      } finally {
        if (run === sketchRun) {
          swallowClick = true;
          sketchControls.hidden = true;
          crosshair.hidden = true;
          delete toolbar.dataset.sketching;
        }
      }
    },
    async edit(geometry) {
      (await loadSketch()).edit(geometry);
    },
    edited: () => sketch?.edited() ?? null,
    stop: () => sketch?.cancel(),
  };

  function press(tool: Tool | null): void {
    active = tool;
    for (const [t, b] of buttons) b.setAttribute('aria-pressed', String(t === tool));
  }

  function showResults(next: NonNullable<typeof shown>): void {
    shown?.hide();
    shown = next;
    results.hidden = false;
  }

  /** The user closes the results: a selection leaves the state (and the URL) too. */
  function clearResults(): void {
    if (shown?.kind === 'selection') host.change((s) => ({ ...s, area: null }));
    hideResults();
  }

  function hideResults(): void {
    shown?.hide();
    shown = null;
    resultsBody.replaceChildren();
    results.hidden = true;
    if (active === 'digitise') press(null);
  }

  function cancel(): void {
    if (sketch?.active) sketch.cancel();
    else if (active) {
      if (active === 'digitise') clearResults();
      press(null);
    }
  }

  async function showArea(area: DrawnArea): Promise<void> {
    const { showSelection, hideSelection } = await import('./selection');
    await mapLoaded;
    shown?.hide();
    const cancelFigures = showSelection(map, resultsBody, area, () => clearResults());
    shown = { kind: 'selection', hide: () => { cancelFigures(); hideSelection(map); }, redraw: () => void showArea(area) };
    results.hidden = false;
  }

  async function choose(tool: Tool): Promise<void> {
    if (active === tool) return cancel();
    sketch?.cancel();
    if (active === 'digitise') clearResults();
    press(tool);
    try {
      if (tool === 'digitise') await openDigitiser();
      else await sketchFor(tool);
    } catch (error) {
      console.error(error);
    }
  }

  async function sketchFor(tool: Exclude<Tool, 'digitise'>): Promise<void> {
    const shape = await sketchHost.shape(SKETCH_OF[tool]);
    if (active === tool) press(null);
    if (!shape) return;
    if (tool === 'select-polygon' || tool === 'select-circle') {
      const area = await drawnArea(shape);
      if (!area) return;
      host.change((s) => ({ ...s, area })); // drawn by the apply listener below
    } else {
      const { showMeasurement, hideMeasurement } = await import('./measure');
      const geometry = shape.geometry as Parameters<typeof showMeasurement>[2];
      showResults({ kind: 'measure', hide: () => hideMeasurement(map), redraw: () => showMeasurement(map, resultsBody, geometry) });
      showMeasurement(map, resultsBody, geometry);
    }
  }

  let editor: Awaited<ReturnType<typeof import('./editorApi').currentEditor>> = null;
  async function openDigitiser(): Promise<void> {
    if (!editor) return;
    const { Digitiser } = await import('./digitise');
    const digitiser = new Digitiser(map, resultsBody, editor, sketchHost);
    showResults({ kind: 'digitise', hide: () => digitiser.close() });
    await digitiser.open();
  }

  // While sketching a click belongs to the sketch (terra-draw hears pointer events): MapLibre's click
  // listeners (the twin's jump to a capture, a feature's panel) do not get it, nor the click whose
  // pointerup finished the sketch (it arrives just after).
  const container = map.getContainer();
  container.addEventListener('pointerdown', () => (swallowClick = false), true);
  container.addEventListener('click', (event) => {
    if (toolbar.dataset.sketching || swallowClick) event.stopPropagation();
    swallowClick = false;
  }, true);

  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && (active || sketch?.active)) {
      cancel();
      return;
    }
    if (!sketch?.active || !toolbar.dataset.sketching) return;
    const target = event.target as HTMLElement;
    const onMap = target === map.getCanvas();
    if (!onMap && target !== document.body) return; // buttons and fields keep their keys
    if (event.key === ' ') {
      event.preventDefault();
      sketch.addVertexAtCentre();
    } else if (event.key === 'Enter' && !onMap) {
      sketch.finish(); // on the map terra-draw hears Enter itself
    }
  });

  onLanguageChange(() => shown?.redraw?.());

  // The area follows the state wherever it came from: drawn here, a link, or a saved map opened.
  let shownArea = 'null';
  const followArea = (state: MapState) => {
    const key = JSON.stringify(state.area);
    if (key === shownArea) return;
    shownArea = key;
    if (state.area) void showArea(state.area);
    else if (shown?.kind === 'selection') hideResults();
  };
  followArea(host.state());
  host.onApply(followArea);

  void import('./editorApi').then(async ({ currentEditor }) => {
    editor = await currentEditor();
    buttons.get('digitise')!.hidden = editor === null;
    signIn.hidden = editor !== null;
  }).catch((error: unknown) => console.error(error));
}

/** A finished sketch → the area the state keeps (normalised as a URL would be). */
async function drawnArea(shape: Sketched): Promise<DrawnArea | null> {
  if (shape.geometry.type !== 'Polygon') return null;
  if (shape.radiusMetres !== undefined) {
    const { circleFromRing } = await import('./geometry');
    return normaliseArea(circleFromRing(shape.geometry.coordinates[0]!, shape.radiusMetres));
  }
  return normaliseArea({ kind: 'polygon', ring: shape.geometry.coordinates[0] });
}

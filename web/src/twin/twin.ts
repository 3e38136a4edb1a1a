/*
 * The digital twin on the analyst map: capture points and sequences as layers; a click on a point
 * opens its 360° panorama beside the map (below it on a phone) with a view cone on the map that
 * follows the viewer; next / previous along the sequence (buttons, up / down arrows); a click on the
 * map while the viewer is open jumps to the nearest capture; a date switch shows the same place at
 * another date at the same heading; `?capture=<id>&heading=<deg>` opens a capture directly.
 *
 * Test hooks: the panel carries data-twin-state="loading|ready|error", data-twin-capture,
 * data-twin-bearing and data-twin-fov; window.__kbsTwin exposes the viewer and the cone source's data.
 */
import type { Map as MapLibreMap, MapMouseEvent, GeoJSONSource } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { formatNumber, language, onLanguageChange, t, type StringKey } from '../i18n';
import { ButtonControl } from '../map/buttonControl';
import { fetchCapture, fetchCapturesNear, fetchSequenceCaptures, fetchSequences, NotFoundError, panoramaUrl, type Capture, type Sequence } from './captures';
import { nearestCapture, samePlaceOtherDate, samePlaceSequences, stepAlong, viewCone, type LngLat } from './geometry';
import { addTwinLayers, CAPTURE_POINTS, CONE_SOURCE, keepTwinOnTop, showCone } from './layers';
import { parseTwinLink, withTwinLink } from './link';
import { buildPanel } from './panel';
import type { PanoramaView } from './viewer';
import './twin.css';

/** Length of the view cone on the map, metres. */
const CONE_RADIUS_M = 30;
/** Degrees an arrow key turns the view. */
const TURN_STEP = 15;
/** A click on the map looks for captures this many pixels around it (at least MIN_REACH_M metres). */
const REACH_PX = 16;
const MIN_REACH_M = 25;

export type TwinState = 'loading' | 'ready' | 'error';

export interface TwinTestHooks {
  /** The Photo Sphere Viewer, once loaded. */
  viewer(): PanoramaView['viewer'] | null;
  /** The view cone source's data as the map holds it. */
  coneData(): Promise<FeatureCollection>;
}

declare global {
  interface Window {
    __kbsTwin?: TwinTestHooks;
  }
}

export function setUpTwin(map: MapLibreMap): void {
  const ui = buildPanel();
  const main = map.getContainer().parentElement!;
  main.append(ui.panel);
  // The map control that opens the twin by keyboard (or touch): the capture nearest the map centre.
  const control = new ButtonControl({ controlClass: 'twin-control', buttonClass: 'twin-open', text: '360°', label: 'twinOpen', onClick: () => void openNearest(map.getCenter().toArray() as LngLat, true) });
  map.addControl(control, 'top-right');

  let view: PanoramaView | null = null;
  let viewLoading: Promise<PanoramaView> | null = null;
  let sequences: Promise<Sequence[]> | null = null;
  const sequenceCaptures = new Map<string, Promise<Capture[]>>();
  let current: { capture: Capture; ordered: Capture[] } | null = null;
  /** Each navigation takes a ticket; an answer for an older ticket is dropped. */
  let ticket = 0;
  let linkTimer: ReturnType<typeof setTimeout> | undefined;

  const loadSequences = () => (sequences ??= fetchSequences().catch((error: unknown) => {
    sequences = null;
    throw error;
  }));
  const loadSequence = (id: string) => {
    let p = sequenceCaptures.get(id);
    if (!p) {
      p = fetchSequenceCaptures(id);
      p.catch(() => sequenceCaptures.delete(id));
      sequenceCaptures.set(id, p);
    }
    return p;
  };

  const setState = (state: TwinState) => {
    ui.panel.dataset.twinState = state;
  };
  const say = (key: StringKey | null) => {
    if (key) ui.status.dataset.i18n = key;
    else delete ui.status.dataset.i18n;
    ui.status.textContent = key ? t(key) : '';
  };

  const writeLink = () => {
    clearTimeout(linkTimer);
    // Dragging the view reports every frame: the address follows a moment later, once.
    linkTimer = setTimeout(() => {
      const search = withTwinLink(location.search, current && view ? { capture: current.capture.id, heading: view.bearing() } : null);
      if (search !== location.search) history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
    }, 300);
  };

  const onView = (bearing: number, fov: number) => {
    if (!current) return;
    showCone(map, current.capture.id, viewCone(current.capture.position, bearing, fov, CONE_RADIUS_M));
    ui.panel.dataset.twinBearing = bearing.toFixed(1);
    ui.panel.dataset.twinFov = fov.toFixed(1);
    ui.heading.textContent = `${t('twinHeading')} ${formatNumber(Math.round(bearing) % 360)}°`;
    writeLink();
  };

  const ensureView = () => (viewLoading ??= import('./viewer').then(({ createPanoramaView }) => {
    view = createPanoramaView(ui.viewer, onView);
    return view;
  }).catch((error: unknown) => {
    viewLoading = null;
    throw error;
  }));

  const openPanel = () => {
    if (!ui.panel.hidden) return;
    ui.panel.hidden = false;
    main.classList.add('twin-open');
    map.resize();
  };

  const closePanel = () => {
    ticket++;
    current = null;
    ui.panel.hidden = true;
    delete ui.panel.dataset.twinState;
    delete ui.panel.dataset.twinCapture;
    main.classList.remove('twin-open');
    map.resize();
    showCone(map, null, null);
    writeLink();
    control.button.focus();
  };

  const dateLabel = (s: Sequence) => new Intl.DateTimeFormat(language() === 'tr' ? 'tr-TR' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${s.capturedOn}T00:00:00Z`));

  /** The date switch: every sequence of the same place; hidden when there is only one. */
  const renderDates = async (capture: Capture) => {
    const all = await loadSequences();
    const group = samePlaceSequences(all, capture.sequenceId);
    ui.date.replaceChildren(...group.map((s) => new Option(dateLabel(s), s.id, false, s.id === capture.sequenceId)));
    ui.dateLabel.hidden = group.length < 2;
  };

  /** Shows a capture (an id, from a link) looking at `bearing` (null: along the capture's heading). */
  async function open(target: Capture | string, bearing: number | null): Promise<void> {
    const mine = ++ticket;
    openPanel();
    setState('loading');
    say('twinLoading');
    try {
      const capture = typeof target === 'string' ? await fetchCapture(target) : target;
      const [ordered, panorama] = await Promise.all([loadSequence(capture.sequenceId), ensureView(), loadSequences()]);
      if (mine !== ticket) return;
      const look = bearing ?? capture.heading;
      current = { capture, ordered };
      await panorama.show(panoramaUrl(capture.id), capture, look);
      if (mine !== ticket) return;
      await renderDates(capture);
      if (mine !== ticket) return;
      const i = ordered.findIndex((c) => c.id === capture.id);
      ui.previous.disabled = i <= 0;
      ui.next.disabled = i < 0 || i >= ordered.length - 1;
      map.jumpTo({ center: capture.position, zoom: Math.max(map.getZoom(), 17) });
      onView(panorama.bearing(), panorama.fov());
      ui.panel.dataset.twinCapture = capture.id;
      say(null);
      setState('ready');
      // The neighbours' images into the HTTP cache (they are cacheable), so that walking on is quick.
      for (const n of [ordered[i - 1], ordered[i + 1]]) if (n) void fetch(panoramaUrl(n.id)).catch(() => {});
    } catch (error) {
      if (mine === ticket) failed(error);
    }
  }

  function failed(error: unknown): void {
    say(error instanceof NotFoundError ? 'twinNotFound' : 'twinFailed');
    if (!ui.panel.hidden) setState('error');
    if (!(error instanceof NotFoundError)) console.error(error);
  }

  const step = (direction: 1 | -1) => {
    if (!current || !view) return;
    const neighbour = stepAlong(current.ordered, current.capture.id, direction);
    if (neighbour) void open(neighbour, view.bearing());
  };

  /** The capture nearest a point: one of the same date as the one on show, when the viewer is open. */
  async function openNearest(point: LngLat, fromCentre = false): Promise<void> {
    try {
      await openNearestCapture(point, fromCentre);
    } catch (error) {
      failed(error);
    }
  }

  async function openNearestCapture(point: LngLat, fromCentre: boolean): Promise<void> {
    const metresPerPixel = (40_075_016.686 * Math.cos((point[1] * Math.PI) / 180)) / (512 * 2 ** map.getZoom());
    const reaches = fromCentre ? [100, 500, 2500] : [Math.max(MIN_REACH_M, REACH_PX * metresPerPixel)];
    for (const reach of reaches) {
      let candidates = await fetchCapturesNear(point, reach);
      if (current) {
        const others = new Set(samePlaceSequences(await loadSequences(), current.capture.sequenceId).map((s) => s.id));
        others.delete(current.capture.sequenceId);
        const sameDate = candidates.filter((c) => !others.has(c.sequenceId));
        if (sameDate.length) candidates = sameDate;
      }
      const nearest = nearestCapture(candidates, point, reach);
      if (nearest) {
        await open(nearest.capture, view && current ? view.bearing() : null);
        if (fromCentre) ui.viewer.focus();
        return;
      }
    }
    if (!ui.panel.hidden) say('twinNoneNearby');
  }

  ui.previous.addEventListener('click', () => step(-1));
  ui.next.addEventListener('click', () => step(1));
  ui.close.addEventListener('click', closePanel);
  ui.date.addEventListener('change', () => {
    if (!current || !view) return;
    const from = current.capture;
    const bearing = view.bearing();
    loadSequence(ui.date.value).then((other) => {
      const match = samePlaceOtherDate(from, other);
      if (match) return open(match, bearing);
      ui.date.value = from.sequenceId;
      say('twinNoOtherDate');
    }).catch(failed);
  });
  ui.panel.addEventListener('keydown', (event) => {
    if (event.target instanceof HTMLSelectElement || event.altKey || event.ctrlKey || event.metaKey) return;
    const turn = (by: number) => view?.turnTo(view.bearing() + by);
    const actions: Record<string, () => void> = {
      ArrowUp: () => step(1),
      ArrowDown: () => step(-1),
      ArrowLeft: () => turn(-TURN_STEP),
      ArrowRight: () => turn(TURN_STEP),
      '+': () => view?.zoomBy(10),
      '-': () => view?.zoomBy(-10),
      Escape: closePanel,
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });

  onLanguageChange(() => {
    if (current) void renderDates(current.capture);
    if (current && view) onView(view.bearing(), view.fov());
  });

  window.__kbsTwin = {
    viewer: () => view?.viewer ?? null,
    coneData: async () => (await map.getSource<GeoJSONSource>(CONE_SOURCE)!.getData()) as FeatureCollection,
  };

  const whenLoaded = map.loaded() ? Promise.resolve() : new Promise<void>((resolve) => map.once('load', () => resolve()));
  void whenLoaded.then(() => {
    addTwinLayers(map);
    keepTwinOnTop(map);
    map.on('mouseenter', CAPTURE_POINTS, () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', CAPTURE_POINTS, () => (map.getCanvas().style.cursor = ''));
    map.on('click', (event: MapMouseEvent) => {
      const { x, y } = event.point;
      if (current || !ui.panel.hidden) {
        void openNearest(event.lngLat.toArray() as LngLat);
        return;
      }
      const hits = map.queryRenderedFeatures([[x - 6, y - 6], [x + 6, y + 6]], { layers: [CAPTURE_POINTS] });
      const hit = nearestCapture(hits.map((f) => ({
        id: String(f.properties.id),
        sequenceId: String(f.properties.sequence_id),
        position: (f.geometry.type === 'Point' ? f.geometry.coordinates : [NaN, NaN]) as LngLat,
      })), event.lngLat.toArray() as LngLat);
      if (hit) void open(hit.capture.id, null);
    });
    const link = parseTwinLink(location.search);
    if (link) void open(link.capture, link.heading);
  });
}

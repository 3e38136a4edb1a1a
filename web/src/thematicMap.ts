/*
 * The map's state at work: it starts from the URL, applies every change to the map (layers, order,
 * opacity, choropleth, filters, selection), redraws the layer panel and writes the URL back, so the
 * address bar always reproduces the map. Saved maps replace the whole state.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { language, onLanguageChange, t } from './i18n';
import { addFacilitiesLayer, facilityCategories, fetchFacilities, filterFacilities, FACILITY_ICONS } from './layers/facilitiesLayer';
import { applyLayerOrder, deckBeforeId, type LayerGroups } from './layers/layerOrder';
import type { LabelOverlay } from './map/labels';
import { NEIGHBOURHOOD_FILL, NEIGHBOURHOOD_OUTLINE, NEIGHBOURHOOD_SOURCE, type Neighbourhoods } from './map/neighbourhoodLayers';
import { COLOURS, FILL_OPACITY } from './map/style';
import { RequestsLayer } from './requests/requestsLayer';
import { requestsControls } from './requests/requestsPanel';
import { formatLegendNumber, renderLayerPanel, type PanelContext } from './panel/layerPanel';
import { normaliseState, normaliseView, type LayerState, type MapState } from './state/mapState';
import { decodeState, searchWithState } from './state/urlState';
import { addChoroplethLayers, CHOROPLETH_EXTRUSION, CHOROPLETH_FILL, showChoropleth, updateChoropleth } from './thematic/choroplethLayer';
import { fetchIndicators, fetchIndicatorValues, normalisedValue, yearsOf } from './thematic/indicatorData';
import { setMapState } from './testHooks';

const SELECTED_OUTLINE = 'neighbourhoods-selected';
const PLAY_STEP_MS = 1200;

const GROUPS: LayerGroups = {
  choropleth: [CHOROPLETH_EXTRUSION, CHOROPLETH_FILL],
  facilities: [FACILITY_ICONS],
  labels: [],
  requests: [],
  boundaries: [SELECTED_OUTLINE, NEIGHBOURHOOD_OUTLINE, NEIGHBOURHOOD_FILL],
};

export class ThematicMap {
  state: MapState = decodeState(window.location.search);
  /** Set once the first map is drawn: later changes mark the page busy until drawn. */
  ready = false;
  private neighbourhoods: Neighbourhoods | null = null;
  readonly requests: RequestsLayer;
  private context: PanelContext;
  private generation = 0;
  private player: number | undefined;
  private readonly indicators: ReturnType<typeof fetchIndicators>;
  private readonly facilities: ReturnType<typeof fetchFacilities>;
  /** What others draw from the state (the basemap): told on every apply. */
  private readonly applyListeners: ((state: MapState) => void)[] = [];

  constructor(
    private readonly map: MapLibreMap,
    private readonly panel: HTMLElement,
    private readonly savedMaps: HTMLElement,
    private readonly labels: () => LabelOverlay | undefined,
    /** Resolves when the first frame with the boundaries is drawn: the data below is asked for then. */
    firstFrame: Promise<void>,
  ) {
    this.indicators = firstFrame.then(fetchIndicators);
    this.facilities = firstFrame.then(fetchFacilities);
    this.requests = new RequestsLayer(map);
    this.context = {
      indicators: [], years: [], year: null, choropleth: null, facilityCategories: [], playing: false,
      bodies: { requests: (state, actions) => requestsControls(state, this.requests.info, actions) },
    };
    this.indicators.catch(() => {});
    this.facilities.catch(() => {});
    const th = this.state.thematic;
    if (this.state.layers.some((l) => l.id === 'choropleth' && l.visible)) {
      firstFrame.then(() => Promise.all([fetchIndicatorValues(th.indicator), th.normalisation === 'per1000' && fetchIndicatorValues('pop_total')])).catch(() => {});
    }
    map.on('moveend', () => {
      this.state = { ...this.state, view: normaliseView({ center: map.getCenter().toArray(), zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() }) };
      this.writeUrl();
    });
    onLanguageChange(() => this.renderPanel());
  }

  /** Adds the layers, draws the state and the panel; resolves when the choropleth's data is on the map. */
  async start(neighbourhoods: Neighbourhoods): Promise<void> {
    this.neighbourhoods = neighbourhoods;
    addChoroplethLayers(this.map, NEIGHBOURHOOD_OUTLINE);
    this.map.addLayer({ id: SELECTED_OUTLINE, type: 'line', source: NEIGHBOURHOOD_SOURCE, filter: ['in', ['get', 'uavt_code'], ['literal', []]], paint: { 'line-color': COLOURS.fillHover, 'line-width': 4 } });
    // A click on a facility or a capture (featureClicks.ts, whose listener comes first) selects no mahalle.
    this.map.on('click', NEIGHBOURHOOD_FILL, (event) => {
      if (event.defaultPrevented) return;
      const code = event.features?.[0]?.properties?.uavt_code as string | undefined;
      if (!code) return;
      this.change((s) => ({ ...s, selection: s.selection?.layer === 'mahalle' && s.selection.ids.includes(code) ? null : { layer: 'mahalle', ids: [code] } }));
    });
    const [indicators, facilities] = await Promise.allSettled([this.indicators, this.facilities]);
    if (indicators.status === 'fulfilled') this.context.indicators = indicators.value;
    else console.error(indicators.reason);
    if (facilities.status === 'fulfilled') {
      addFacilitiesLayer(this.map, facilities.value);
      this.context.facilityCategories = facilityCategories(facilities.value);
    } else console.error(facilities.reason);
    await this.apply();
    // Saving and opening maps is for signed-in users: its code loads after the first map, in its own chunk.
    void import('./panel/savedMapsPanel')
      .then(({ setUpSavedMaps }) => setUpSavedMaps(this.savedMaps, () => this.state, (state) => this.open(state)))
      .catch((error: unknown) => console.error(error));
  }

  /** The thematic value of a mahalle for the tooltip ("Nüfus yoğunluğu, 2024: 31.250"); null when the choropleth is off. */
  describe(uavtCode: string): string | null {
    const result = this.context.choropleth;
    if (!result || !this.layer('choropleth').visible) return null;
    const value = result.values.get(uavtCode);
    const th = this.state.thematic;
    const indicator = this.context.indicators.find((i) => i.code === th.indicator);
    const name = th.indicator === 'pop_total' && th.normalisation === 'km2' ? t('populationDensity')
      : `${indicator ? (language() === 'tr' ? indicator.name_tr : indicator.name_en) : th.indicator}${th.normalisation === 'none' ? '' : ` (${t(th.normalisation === 'km2' ? 'normKm2' : 'normPer1000')})`}`;
    return `${name}, ${this.context.year ?? ''}: ${value === null || value === undefined ? t('noData') : formatLegendNumber(value)}`;
  }

  onApply(listener: (state: MapState) => void): void {
    this.applyListeners.push(listener);
  }

  /** A change from the panel: the new state is drawn, the URL written. */
  change(update: (state: MapState) => MapState): void {
    this.state = normaliseState(update(this.state));
    void this.applyAndSettle();
  }

  /** Replaces the whole state (a saved map): the view too. */
  open(state: MapState): void {
    this.state = normaliseState(state);
    if (this.state.view) this.map.jumpTo(this.state.view);
    void this.applyAndSettle();
  }

  private async applyAndSettle(): Promise<void> {
    const generation = ++this.generation;
    if (this.ready) setMapState('busy');
    try {
      await this.apply();
    } catch (error) {
      console.error(error);
    }
    if (generation !== this.generation || !this.ready) return;
    this.map.triggerRepaint();
    this.map.once('idle', () => {
      if (generation === this.generation) setMapState('idle');
    });
  }

  private layer(id: LayerState['id']): LayerState {
    return this.state.layers.find((l) => l.id === id)!;
  }

  private async apply(): Promise<void> {
    const { map } = this;
    const state = this.state;
    const visibility = (visible: boolean) => (visible ? 'visible' : 'none');
    const choropleth = this.layer('choropleth');
    const boundaries = this.layer('boundaries');
    const facilities = this.layer('facilities');
    const labels = this.layer('labels');

    for (const id of [NEIGHBOURHOOD_FILL, NEIGHBOURHOOD_OUTLINE, SELECTED_OUTLINE]) map.setLayoutProperty(id, 'visibility', visibility(boundaries.visible));
    // Under a visible choropleth the plain fill only catches the pointer (hover, click).
    map.setPaintProperty(NEIGHBOURHOOD_FILL, 'fill-opacity', choropleth.visible ? 0 : FILL_OPACITY * boundaries.opacity);
    map.setPaintProperty(NEIGHBOURHOOD_OUTLINE, 'line-opacity', boundaries.opacity);
    map.setFilter(SELECTED_OUTLINE, ['in', ['get', 'uavt_code'], ['literal', state.selection?.layer === 'mahalle' ? state.selection.ids : []]]);
    if (map.getLayer(FACILITY_ICONS)) {
      map.setLayoutProperty(FACILITY_ICONS, 'visibility', visibility(facilities.visible));
      map.setPaintProperty(FACILITY_ICONS, 'icon-opacity', facilities.opacity);
      filterFacilities(map, state.filters.facility);
    }
    showChoropleth(map, choropleth.visible, choropleth.opacity, state.thematic.extrude);
    applyLayerOrder(map, state.layers, GROUPS);
    for (const listener of this.applyListeners) listener(state);
    this.labels()?.update({ visible: labels.visible, opacity: labels.opacity, beforeId: deckBeforeId(map, state.layers, GROUPS, 'labels'), rank: state.layers.indexOf(labels) });
    this.writeUrl();
    this.renderPanel();

    const requests = this.layer('requests');
    try {
      await this.requests.apply(requests, state, deckBeforeId(map, state.layers, GROUPS, 'requests'), () => this.renderPanel());
    } catch (error) {
      console.error(error);
    }
    if (state === this.state && requests.visible) this.renderPanel();

    if (choropleth.visible && this.neighbourhoods) {
      try {
        await this.drawChoropleth(state);
      } catch (error) {
        console.error(error);
        this.context.choropleth = null;
      }
      if (state === this.state) this.renderPanel();
    }
  }

  private async drawChoropleth(state: MapState): Promise<void> {
    const th = state.thematic;
    const [values, population] = await Promise.all([
      fetchIndicatorValues(th.indicator),
      th.normalisation === 'per1000' ? fetchIndicatorValues('pop_total') : Promise.resolve(null),
    ]);
    if (state !== this.state) return; // a newer change is on its way
    const years = yearsOf(values);
    const year = th.year !== null && years.includes(th.year) ? th.year : years[years.length - 1] ?? null;
    const mapped = new Map<string, number | null>();
    for (const f of this.neighbourhoods!.features) {
      const code = f.properties.uavt_code;
      mapped.set(code, year === null ? null : normalisedValue(values.get(code)?.get(year), th.normalisation, f.properties.area_km2, population?.get(code)?.get(year)));
    }
    this.context.years = years;
    this.context.year = year;
    this.context.choropleth = updateChoropleth(this.map, this.neighbourhoods!, mapped, th);
    if (th.extrude && this.map.getPitch() < 20) this.map.easeTo({ pitch: 50, duration: 0 });
  }

  private renderPanel(): void {
    renderLayerPanel(this.panel, this.state, this.context, { change: (u) => this.change(u), togglePlay: () => this.togglePlay() });
  }

  private togglePlay(): void {
    if (this.player !== undefined) {
      window.clearInterval(this.player);
      this.player = undefined;
      this.context.playing = false;
      this.renderPanel();
      return;
    }
    this.context.playing = true;
    const step = () => {
      const { years, year } = this.context;
      if (!years.length) return;
      const next = years[(years.indexOf(year ?? years[0]!) + 1) % years.length]!;
      this.change((s) => ({ ...s, thematic: { ...s.thematic, year: next } }));
    };
    this.player = window.setInterval(step, PLAY_STEP_MS);
    step();
  }

  private writeUrl(): void {
    const search = searchWithState(window.location.search, this.state);
    if (search !== window.location.search) window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`);
  }
}

/*
 * What a click on the map opens in the feature panel: a facility's attributes, else the profile of the
 * mahalle under the pointer (the profile code is loaded on first use). Capture points belong to the
 * twin, and while the twin is open a click is its own. By keyboard: a map control opens the profile
 * of the mahalle at the map centre, and the profile's mahalle switch reaches every other.
 *
 * Other parts (the search box) open the panel through the two functions returned.
 */
import type { Map as MapLibreMap, MapMouseEvent, PointLike } from 'maplibre-gl';
import { t } from '../i18n';
import { FACILITY_ICONS } from '../layers/facilitiesLayer';
import { ButtonControl } from '../map/buttonControl';
import { NEIGHBOURHOOD_FILL, type Neighbourhoods } from '../map/neighbourhoodLayers';
import { h } from '../portal/dom';
import { CAPTURE_POINTS } from '../twin/layers';
import { loadFeatureAttributes } from './featureAttributes';
import { FeaturePanel } from './featurePanel';

/** A click takes features this many pixels around it (a facility circle is small). */
const HIT_PX = 6;

export interface FeaturePanelApi {
  /** A feature of a public OGC collection, by its id. */
  openFeaturePanel(collection: string, id: string, title: string): Promise<void>;
  /** A mahalle's profile, by its UAVT code. */
  showNeighbourhoodProfile(code: string): Promise<void>;
  close(): void;
}

export function setUpFeaturePanel(map: MapLibreMap, neighbourhoods: Promise<Neighbourhoods>): FeaturePanelApi {
  const main = map.getContainer().parentElement!;
  const panel = new FeaturePanel(main, () => map.resize());
  const profileModule = () => import('../profile/profile');

  const names = async () => (await neighbourhoods).features.map((f) => ({ code: f.properties.uavt_code, name: f.properties.name }));

  async function showNeighbourhoodProfile(code: string): Promise<void> {
    const all = await names();
    const title = all.find((n) => n.code === code)?.name ?? code;
    await panel.open({
      kind: 'neighbourhood',
      id: code,
      title,
      load: async (redraw) => (await profileModule()).loadNeighbourhoodProfile(code, all, (other) => void showNeighbourhoodProfile(other), redraw),
    });
  }

  async function openFeaturePanel(collection: string, id: string, title: string): Promise<void> {
    await panel.open({
      kind: 'facility',
      id,
      title,
      load: async () => {
        const attributes = await loadFeatureAttributes(collection, id);
        const code = attributes.properties.uavt_code;
        return () => {
          const content = h('div', {}, attributes.render());
          if (typeof code === 'string') {
            content.append(h('button', { type: 'button', class: 'feature-action', 'data-focus': 'show-profile', onclick: () => void showNeighbourhoodProfile(code) }, t('featureShowProfile')));
          }
          return content;
        };
      },
    });
  }

  const layersAt = (point: PointLike & { x: number; y: number }, layers: string[]) => {
    const present = layers.filter((id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none');
    if (!present.length) return [];
    const { x, y } = point;
    return map.queryRenderedFeatures([[x - HIT_PX, y - HIT_PX], [x + HIT_PX, y + HIT_PX]], { layers: present });
  };

  const twinOpen = () => document.getElementById('twin-panel')?.hidden === false;

  map.on('click', (event: MapMouseEvent) => {
    if (twinOpen()) return;
    if (layersAt(event.point, [CAPTURE_POINTS]).length) {
      event.preventDefault(); // the click is the capture's, not the mahalle's under it
      panel.close(); // the twin opens beside the map in the same place
      return;
    }
    const facility = layersAt(event.point, [FACILITY_ICONS])[0];
    if (facility) {
      event.preventDefault();
      void openFeaturePanel('facilities', String(facility.properties.id), String(facility.properties.name ?? facility.properties.id));
      return;
    }
    const mahalle = map.queryRenderedFeatures(event.point, { layers: [NEIGHBOURHOOD_FILL] })[0];
    if (mahalle) void showNeighbourhoodProfile(String(mahalle.properties.uavt_code));
  });

  /** The mahalle under the map centre (the first one when the centre lies outside the district). */
  async function openAtCentre(): Promise<void> {
    const centre = map.project(map.getCenter());
    const mahalle = map.getLayer(NEIGHBOURHOOD_FILL) ? map.queryRenderedFeatures(centre, { layers: [NEIGHBOURHOOD_FILL] })[0] : undefined;
    await showNeighbourhoodProfile(mahalle ? String(mahalle.properties.uavt_code) : (await names())[0]!.code);
  }
  map.addControl(new ButtonControl({ controlClass: 'profile-control', buttonClass: 'profile-open', text: 'i', label: 'featureProfileOpen', onClick: () => void openAtCentre() }), 'top-right');

  return { openFeaturePanel, showNeighbourhoodProfile, close: () => panel.close() };
}

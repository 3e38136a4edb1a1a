import type { Map as MapLibreMap } from 'maplibre-gl';
import { formatNumber, t } from '../i18n';
import { NEIGHBOURHOOD_FILL, NEIGHBOURHOOD_SOURCE, type NeighbourhoodProperties } from './neighbourhoodLayers';

/**
 * On hover: highlights the mahalle and shows its name and population next to the pointer, and the
 * thematic map's value when `describe` has one for the mahalle.
 */
export function addHoverTooltip(map: MapLibreMap, tooltip: HTMLElement, describe?: (uavtCode: string) => string | null): void {
  let hovered: string | number | undefined;
  const setHover = (hover: boolean) => {
    if (hovered !== undefined) map.setFeatureState({ source: NEIGHBOURHOOD_SOURCE, id: hovered }, { hover });
  };
  map.on('mousemove', NEIGHBOURHOOD_FILL, (event) => {
    const feature = event.features?.[0];
    if (!feature) return;
    if (feature.id !== hovered) {
      setHover(false);
      hovered = feature.id;
      setHover(true);
    }
    const p = feature.properties as NeighbourhoodProperties;
    tooltip.replaceChildren(
      Object.assign(document.createElement('strong'), { textContent: p.name }),
      document.createElement('br'),
      `${t('population')}: ${formatNumber(p.population)}`,
    );
    const extra = describe?.(p.uavt_code);
    if (extra) tooltip.append(document.createElement('br'), extra);
    tooltip.hidden = false;
    // CSSOM assignment, not a style attribute in markup: allowed by a CSP without 'unsafe-inline'.
    // event.point is relative to the map, which may sit right of the layer panel.
    const container = map.getContainer();
    tooltip.style.transform = `translate(${Math.round(event.point.x + container.offsetLeft + 14)}px, ${Math.round(event.point.y + container.offsetTop + 14)}px)`;
  });
  map.on('mouseleave', NEIGHBOURHOOD_FILL, () => {
    setHover(false);
    hovered = undefined;
    tooltip.hidden = true;
  });
}

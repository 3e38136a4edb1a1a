import { MapboxOverlay } from '@deck.gl/mapbox';
import { TextLayer } from '@deck.gl/layers';
import type { Map as MapLibreMap } from 'maplibre-gl';

export interface Label {
  text: string;
  position: [number, number];
}

/** Letters beyond ASCII that Turkish names use; deck.gl builds its font atlas offline from them. */
const TURKISH = 'çÇğĞıİöÖşŞüÜâÂîÎûÛ';
const CHARACTER_SET = [...new Set([...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)), ...TURKISH])];

/**
 * Mahalle names drawn by deck.gl's TextLayer, interleaved with MapLibre's layers: it renders its own
 * SDF font atlas from the browser's fonts, so labels need no glyph server and no network.
 */
export function addLabels(map: MapLibreMap, labels: Label[]): MapboxOverlay {
  const overlay = new MapboxOverlay({
    interleaved: true,
    layers: [
      new TextLayer<Label>({
        id: 'neighbourhood-labels',
        data: labels,
        getText: (d) => d.text,
        getPosition: (d) => d.position,
        getSize: 13,
        getColor: [20, 40, 70, 255],
        fontFamily: 'system-ui, "DejaVu Sans", "Noto Sans", sans-serif',
        fontWeight: 600,
        characterSet: CHARACTER_SET,
        outlineWidth: 4,
        outlineColor: [255, 255, 255, 230],
        fontSettings: { sdf: true },
        billboard: true,
      }),
    ],
  });
  map.addControl(overlay);
  return overlay;
}

/*
 * Mahalle names drawn by deck.gl's TextLayer, interleaved with MapLibre's layers (the map's shared
 * deck.gl overlay, map/deckOverlay.ts). deck.gl renders its own SDF font atlas from the browser's fonts on a canvas,
 * so labels need no glyph PBFs, no glyph server and no network. This module (and deck.gl with it)
 * is imported dynamically by main.ts, so deck.gl lives in its own chunk.
 */
import { TextLayer } from '@deck.gl/layers';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { characterSet } from './characters';
import { deckOverlay } from './deckOverlay';
import { COLOURS, rgb } from './style';

export interface Label {
  text: string;
  position: [number, number];
}

export interface LabelOverlay {
  readonly labels: readonly Label[];
  /** True once deck.gl has drawn the loaded label layer in a map frame. */
  readonly drawn: boolean;
  /** The layer panel's settings: shown or not, opacity, the MapLibre layer to draw under (none: on top) and the place in the panel. */
  update(settings: { visible: boolean; opacity: number; beforeId?: string; rank: number }): void;
  remove(): void;
}

const SLOT = 'labels';

export function addLabels(map: MapLibreMap, labels: readonly Label[], onDrawn: () => void): LabelOverlay {
  let drawn = false;
  const layer = new TextLayer<Label>({
    id: 'neighbourhood-labels',
    data: labels,
    getText: (d) => d.text,
    getPosition: (d) => d.position,
    getSize: 13,
    getColor: [...rgb(COLOURS.label), 255],
    fontFamily: 'system-ui, "DejaVu Sans", "Noto Sans", "Liberation Sans", sans-serif',
    fontWeight: 600,
    characterSet: characterSet(labels.map((l) => l.text)),
    // A wider SDF range than the default (radius 12, buffer 4) leaves room for a halo of about 2 px;
    // outlineWidth is in the same atlas pixels as the radius.
    fontSettings: { sdf: true, fontSize: 64, radius: 16, buffer: 10 },
    outlineWidth: 12,
    outlineColor: [...rgb(COLOURS.labelHalo), 230],
    // Long names ("Kazım Karabekir") wrap onto two lines in the narrow mahalle.
    maxWidth: 7,
    wordBreak: 'break-word',
    billboard: true,
    pickable: false,
  });
  // The layer the overlay has now: update() replaces it with a clone, which loads on its own.
  let current = layer;
  const overlay = deckOverlay(map);
  let rank = 0;
  overlay.setLayers(SLOT, [layer], rank);
  // The first frame with the layer loaded drew the labels.
  overlay.onAfterRender(() => {
    if (!drawn && current.isLoaded) {
      drawn = true;
      onDrawn();
    }
  });
  return {
    labels,
    get drawn() {
      return drawn;
    },
    update({ visible, opacity, beforeId, rank: place }) {
      rank = place;
      // beforeId is a prop that @deck.gl/mapbox reads (interleaved mode), not in TextLayer's typings.
      current = current.clone({ visible, opacity, beforeId } as Parameters<typeof current.clone>[0]);
      overlay.setLayers(SLOT, [current], rank);
    },
    remove() {
      overlay.setLayers(SLOT, [], rank);
    },
  };
}

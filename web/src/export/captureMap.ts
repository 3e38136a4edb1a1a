/*
 * A copy of the map's canvas (MapLibre's layers and the deck.gl labels, which draw into the same
 * WebGL context). The map keeps no drawing buffer (preserveDrawingBuffer costs every frame), so the
 * copy is taken in the `render` event, in the same frame, before the browser clears the buffer.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

/** A large canvas is slow in software WebGL and may pass the GPU's limits: the longest side stays within this. */
const MAX_SIDE = 4096;

function copyInNextFrame(map: MapLibreMap): Promise<HTMLCanvasElement> {
  return new Promise((resolve) => {
    map.once('render', () => {
      const source = map.getCanvas();
      const copy = document.createElement('canvas');
      copy.width = source.width;
      copy.height = source.height;
      copy.getContext('2d')!.drawImage(source, 0, 0);
      resolve(copy);
    });
    map.triggerRepaint();
  });
}

const idle = (map: MapLibreMap) => new Promise<void>((resolve) => {
  map.once('idle', () => resolve());
  map.triggerRepaint();
});

/** The map as on screen, at `pixelRatio` canvas pixels per CSS pixel (default: the screen's). */
export async function captureMap(map: MapLibreMap, pixelRatio?: number): Promise<{ canvas: HTMLCanvasElement; ratio: number }> {
  const original = map.getPixelRatio();
  const container = map.getContainer();
  const longest = Math.max(container.clientWidth, container.clientHeight, 1);
  const ratio = Math.min(pixelRatio ?? original, MAX_SIDE / longest);
  if (ratio === original) return { canvas: await copyInNextFrame(map), ratio };
  map.setPixelRatio(ratio);
  try {
    await idle(map);
    return { canvas: await copyInNextFrame(map), ratio };
  } finally {
    map.setPixelRatio(original);
  }
}

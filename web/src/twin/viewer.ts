/*
 * The 360° viewer: Photo Sphere Viewer (three.js) behind a small interface. This module is only ever
 * imported dynamically (twin.ts), so the viewer and three.js stay out of the initial bundle and load
 * the first time someone opens a panorama.
 */
import { Viewer } from '@photo-sphere-viewer/core';
import '@photo-sphere-viewer/core/index.css';
import { bearingOfYaw, sphereCorrectionOf, yawOfBearing, type Orientation } from './geometry';

export interface PanoramaView {
  /** Shows a panorama looking at `bearing` (degrees from north); resolves once it is drawn. */
  show(url: string, orientation: Orientation, bearing: number): Promise<void>;
  /** Where the viewer looks, degrees clockwise from north. */
  bearing(): number;
  /** Horizontal field of view, degrees. */
  fov(): number;
  /** Turns the view to a bearing (degrees), keeping the pitch. */
  turnTo(bearing: number): void;
  /** Zooms in (+) or out (−) by a step. */
  zoomBy(step: number): void;
  destroy(): void;
  /** The Photo Sphere Viewer itself (tests turn it through its own API). */
  readonly viewer: Viewer;
}

export interface ViewListener {
  /** Called whenever the bearing or the field of view changes, and after each panorama is shown. */
  (bearing: number, fov: number): void;
}

export function createPanoramaView(container: HTMLElement, onView: ViewListener): PanoramaView {
  const viewer = new Viewer({
    container,
    // Our own buttons and keys (next/previous, date) drive it; its navbar and keyboard stay off.
    navbar: false,
    keyboard: false,
    loadingTxt: '',
    defaultZoomLvl: 0,
    minFov: 30,
    maxFov: 90,
    mousewheelCtrlKey: false,
    touchmoveTwoFingers: false,
  });
  const report = () => onView(bearingOfYaw(viewer.getPosition().yaw), viewer.state.hFov);
  viewer.addEventListener('position-updated', report);
  viewer.addEventListener('zoom-updated', report);
  viewer.addEventListener('size-updated', report);

  return {
    viewer,
    async show(url, orientation, bearing) {
      const position = { yaw: yawOfBearing(bearing), pitch: viewer.getPosition().pitch };
      const shown = await viewer.setPanorama(url, { sphereCorrection: sphereCorrectionOf(orientation), position, transition: false, showLoader: false });
      if (!shown) throw new Error(`the panorama ${url} was not shown`);
      // The yaw is a camera direction, the same for every sphere: set it again, so that the view
      // looks at `bearing` whatever the previous panorama's correction was.
      viewer.rotate(position);
      report();
    },
    bearing: () => bearingOfYaw(viewer.getPosition().yaw),
    fov: () => viewer.state.hFov,
    turnTo(bearing) {
      viewer.rotate({ yaw: yawOfBearing(bearing), pitch: viewer.getPosition().pitch });
    },
    zoomBy(step) {
      viewer.zoom(Math.max(0, Math.min(100, viewer.getZoomLevel() + step)));
    },
    destroy() {
      viewer.destroy();
    },
  };
}

/*
 * The search's first-paint part: the box in index.html works from the start, its code arrives on the
 * first focus or touch of the box, or once the browser is idle after the page has loaded (so that the
 * address button can appear). What was typed meanwhile is searched when the code arrives.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { onLanguageChange, t } from '../i18n';

export function lazySearch(map: MapLibreMap, input: HTMLInputElement): void {
  let loading: Promise<void> | null = null;
  const load = () => {
    loading ??= import('./search').then(({ setUpSearch }) => setUpSearch(map)).catch((error: unknown) => {
      loading = null;
      console.error(error);
    });
  };
  for (const type of ['focus', 'pointerdown', 'input'] as const) input.addEventListener(type, load, { once: true });
  const whenIdle = () => ('requestIdleCallback' in window ? requestIdleCallback(load) : setTimeout(load, 0));
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });

  input.placeholder = t('placeSearchPlaceholder');
  onLanguageChange(() => (input.placeholder = t('placeSearchPlaceholder')));
}

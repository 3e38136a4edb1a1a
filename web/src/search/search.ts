/*
 * The search in the header, loaded after the first paint (see lazySearch.ts): the search box, and the
 * address button, shown only when an address register is loaded and visible to the caller; its three
 * selects load when first opened.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { addressNeighbourhoods } from './api';
import { setUpSearchBox } from './searchBox';

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from index.html`);
  return el as T;
}

export function setUpSearch(map: MapLibreMap): void {
  const root = byId('search');
  setUpSearchBox(map, root, byId('search-input'), byId('search-results'), byId('search-status'));

  const toggle = byId<HTMLButtonElement>('address-toggle');
  const form = byId<HTMLFormElement>('address-search');
  let panel: Promise<{ focus(): void }> | null = null;
  const show = (open: boolean) => {
    form.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
  };
  const close = () => {
    show(false);
    toggle.focus();
  };

  void addressNeighbourhoods().then((neighbourhoods) => {
    if (!neighbourhoods) return;
    toggle.hidden = false;
    toggle.addEventListener('click', () => {
      if (!form.hidden) return close();
      show(true);
      panel ??= import('./addressSearch').then(({ setUpAddressSearch }) => setUpAddressSearch(map, form, neighbourhoods, close));
      void panel.then((p) => p.focus());
    });
  }).catch((error: unknown) => console.error(error));
}

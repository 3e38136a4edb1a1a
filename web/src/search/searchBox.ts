/*
 * The header's search box as an ARIA 1.2 combobox with a listbox popup: typing searches mahalle,
 * streets, facilities and (with a door number) buildings; Down/Up move through the results, Enter
 * lands on the chosen one, Escape closes the list (a second Escape clears the box); a click or tap
 * chooses too.
 *
 * Test hooks on the #search element: data-search-state="loading|ready|error" with
 * data-search-query=<the query answered>, and data-search-landed="<kind>:<id>" once the map has
 * stopped on a chosen result.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { onLanguageChange, translate } from '../i18n';
import { featureGeometry, searchPlaces, type SearchResult } from './api';
import { landOn, type LandingTarget } from './landing';
import './strings';

/** Typing pauses this long before a query goes out: one request per word, not per letter. */
const TYPING_PAUSE_MS = 150;

export interface SearchBox {
  /** Lands on a result, as choosing it in the list does. */
  choose(result: SearchResult): Promise<void>;
}

function secondLine(result: SearchResult): string {
  const kind = translate(`searchKind_${result.kind}`);
  const what = result.kind === 'facility' && result.detail ? translate(`facility_${result.detail}`, kind) : kind;
  return result.mahalle && result.kind !== 'neighbourhood' ? `${what} · ${result.mahalle}` : what;
}

async function targetOf(result: SearchResult): Promise<LandingTarget> {
  switch (result.kind) {
    case 'address':
      return { kind: 'building', bbox: result.bbox, point: result.point };
    case 'facility':
      return { kind: 'point', bbox: result.bbox, point: result.point };
    case 'street':
      return { kind: 'bounds', bbox: result.bbox, point: result.point, outline: await featureGeometry('streets', result.id) };
    case 'neighbourhood':
      return { kind: 'bounds', bbox: result.bbox, point: result.point, outline: await featureGeometry('neighbourhoods', result.id) };
  }
}

export function setUpSearchBox(map: MapLibreMap, root: HTMLElement, input: HTMLInputElement, list: HTMLUListElement, status: HTMLElement): SearchBox {
  let results: SearchResult[] = [];
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | null = null;
  /** The query the list shows results for. */
  let shown = '';

  const open = (yes: boolean) => {
    list.hidden = !yes;
    input.setAttribute('aria-expanded', String(yes));
    if (!yes) setActive(-1);
  };

  function setActive(index: number): void {
    active = index;
    list.querySelectorAll<HTMLLIElement>('[role="option"]').forEach((li, i) => li.setAttribute('aria-selected', String(i === index)));
    const option = index >= 0 ? document.getElementById(`search-option-${index}`) : null;
    if (option) {
      input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  }

  function render(): void {
    list.replaceChildren(...results.map((result, i) => {
      const li = document.createElement('li');
      li.id = `search-option-${i}`;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.dataset.kind = result.kind;
      li.dataset.id = result.id;
      const name = document.createElement('span');
      name.className = 'search-name';
      name.textContent = result.name;
      const detail = document.createElement('span');
      detail.className = 'search-detail';
      detail.textContent = secondLine(result);
      li.append(name, detail);
      // pointerdown would move the focus out of the box before the click chooses.
      li.addEventListener('pointerdown', (event) => event.preventDefault());
      li.addEventListener('click', () => void choose(result));
      return li;
    }));
    if (results.length === 0 && shown) {
      const li = document.createElement('li');
      li.className = 'search-empty';
      li.textContent = translate('searchNone');
      list.append(li);
    }
    status.textContent = shown ? (results.length ? translate('searchCount').replace('{n}', String(results.length)) : translate('searchNone')) : '';
    open(shown !== '' && document.activeElement === input);
  }

  async function run(query: string): Promise<void> {
    inFlight?.abort();
    if (query.trim() === '') {
      results = [];
      shown = '';
      render();
      return;
    }
    const controller = (inFlight = new AbortController());
    root.dataset.searchState = 'loading';
    try {
      const found = await searchPlaces(query, controller.signal);
      if (controller.signal.aborted) return;
      results = found;
      shown = query;
      render();
      root.dataset.searchQuery = query;
      root.dataset.searchState = 'ready';
    } catch (error) {
      if (controller.signal.aborted) return;
      results = [];
      shown = '';
      render();
      status.textContent = translate('searchFailed');
      root.dataset.searchState = 'error';
      console.error(error);
    }
  }

  async function choose(result: SearchResult): Promise<void> {
    input.value = result.name;
    open(false);
    delete root.dataset.searchLanded;
    await landOn(map, await targetOf(result));
    root.dataset.searchLanded = `${result.kind}:${result.id}`;
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(input.value), TYPING_PAUSE_MS);
  });
  input.addEventListener('focus', () => {
    if (results.length && input.value === shown) open(true);
  });
  input.addEventListener('blur', () => open(false));
  input.addEventListener('keydown', (event) => {
    const count = results.length;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (count === 0) return;
        event.preventDefault();
        if (list.hidden) open(true);
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive(active < 0 ? (step === 1 ? 0 : count - 1) : (active + step + count) % count);
        return;
      }
      case 'Enter': {
        const result = results[active >= 0 ? active : 0];
        if (!result || list.hidden) return;
        event.preventDefault();
        void choose(result);
        return;
      }
      case 'Escape':
        event.preventDefault();
        if (!list.hidden) open(false);
        else {
          input.value = '';
          void run('');
        }
    }
  });
  onLanguageChange(() => {
    if (shown) render();
  });
  // What was typed before this code arrived.
  if (input.value.trim()) void run(input.value);
  return { choose };
}

/*
 * Address search the way Turkish city guides do it: choose the mahalle (the map fits it), then the
 * street (the map fits it and draws its line), then the door number (the map lands on the building
 * and marks it). Three labelled selects: usable by keyboard, and native pickers on a phone.
 *
 * Its texts carry data-i18n, so a language switch relabels them. Test hooks on the form: data-address-state="loading|ready|error" after each step, and
 * data-address-landed="<address id>" once the map has stopped on a building.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Geometry } from 'geojson';
import { translate } from '../i18n';
import { addressDoors, addressStreets, featureGeometry, type AddressDoor, type AddressMahalle, type AddressStreet, type Bbox } from './api';
import { landOn } from './landing';
import './strings';

interface Step<T> {
  select: HTMLSelectElement;
  items: T[];
}

function field(form: HTMLFormElement, key: string, id: string): HTMLSelectElement {
  const label = document.createElement('label');
  label.className = 'address-field';
  label.htmlFor = id;
  const text = document.createElement('span');
  text.dataset.i18n = key;
  text.textContent = translate(key);
  const select = document.createElement('select');
  select.id = id;
  select.disabled = true;
  label.append(text, select);
  form.append(label);
  return select;
}

/** Builds the three selects into `form`, the mahalle already known to have streets. */
export function setUpAddressSearch(map: MapLibreMap, form: HTMLFormElement, neighbourhoods: AddressMahalle[], close: () => void): { focus(): void } {
  const heading = document.createElement('h2');
  heading.id = 'address-search-title';
  heading.dataset.i18n = 'addressTitle';
  heading.textContent = translate('addressTitle');
  const closeButton = document.createElement('button');
  closeButton.type = 'button';
  closeButton.className = 'address-close';
  closeButton.dataset.i18n = 'addressClose';
  closeButton.textContent = translate('addressClose');
  closeButton.addEventListener('click', close);
  const head = document.createElement('div');
  head.className = 'address-head';
  head.append(heading, closeButton);
  form.append(head);
  form.setAttribute('aria-labelledby', heading.id);

  const mahalle: Step<AddressMahalle> = { select: field(form, 'addressMahalle', 'address-mahalle'), items: neighbourhoods };
  const street: Step<AddressStreet> = { select: field(form, 'addressStreet', 'address-street'), items: [] };
  const door: Step<AddressDoor> = { select: field(form, 'addressDoor', 'address-door'), items: [] };
  const status = document.createElement('p');
  status.className = 'address-status';
  status.setAttribute('role', 'status');
  form.append(status);
  /** Each choice takes a ticket; an answer for an older one is dropped. */
  let ticket = 0;

  const fill = <T>(step: Step<T>, items: T[], label: (item: T) => string, value: (item: T) => string) => {
    step.items = items;
    const placeholder = new Option(translate('addressChoose'), '');
    placeholder.dataset.i18n = 'addressChoose';
    step.select.replaceChildren(placeholder, ...items.map((item) => new Option(label(item), value(item))));
    step.select.disabled = items.length === 0;
  };
  const clear = (step: Step<unknown>) => fill(step, [], () => '', () => '');
  const setState = (state: 'loading' | 'ready' | 'error') => {
    form.dataset.addressState = state;
    status.textContent = state === 'error' ? translate('addressFailed') : '';
  };

  fill(mahalle, neighbourhoods, (m) => m.name, (m) => m.uavt_code);
  setState('ready');

  /**
   * A choice that narrows the cascade: the steps after it are cleared, the next one is filled from
   * the API, and the map fits the chosen mahalle or street with its outline.
   */
  const narrow = async <T>(chosen: { bbox: Bbox } | undefined, later: Step<unknown>[], load: () => Promise<T[]>, fillNext: (items: T[]) => void, outline: () => Promise<Geometry | null>) => {
    const mine = ++ticket;
    later.forEach(clear);
    delete form.dataset.addressLanded;
    if (!chosen) return;
    setState('loading');
    try {
      const [items, geometry] = await Promise.all([load(), outline()]);
      if (mine !== ticket) return;
      fillNext(items);
      const [w, s, e, n] = chosen.bbox;
      await landOn(map, { kind: 'bounds', bbox: chosen.bbox, point: [(w + e) / 2, (s + n) / 2], outline: geometry });
      if (mine === ticket) setState('ready');
    } catch (error) {
      if (mine === ticket) setState('error');
      console.error(error);
    }
  };

  mahalle.select.addEventListener('change', () => {
    const code = mahalle.select.value;
    void narrow(mahalle.items.find((m) => m.uavt_code === code), [street, door], () => addressStreets(code),
      (streets) => fill(street, streets, (s) => s.name, (s) => s.id), () => featureGeometry('neighbourhoods', code));
  });
  street.select.addEventListener('change', () => {
    const id = street.select.value;
    void narrow(street.items.find((s) => s.id === id), [door], () => addressDoors(id),
      (doors) => fill(door, doors, (d) => d.door_number, (d) => d.id), () => featureGeometry('streets', id));
  });

  door.select.addEventListener('change', async () => {
    const mine = ++ticket;
    delete form.dataset.addressLanded;
    const chosen = door.items.find((d) => d.id === door.select.value);
    if (!chosen) return;
    setState('loading');
    const [x, y] = chosen.point;
    await landOn(map, { kind: 'building', bbox: [x, y, x, y], point: chosen.point });
    if (mine !== ticket) return;
    form.dataset.addressLanded = chosen.id;
    setState('ready');
  });

  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  });
  return { focus: () => mahalle.select.focus() };
}

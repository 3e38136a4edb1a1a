/*
 * The export dialog (a modal <dialog>: focus stays inside, Escape closes it, focus returns to the
 * header button): an editable title, defaulting to the indicator and year on the map, a PNG download
 * and A4 printing in either orientation. Loaded on the first click of the export button.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { translate } from '../i18n';
import { exportPng, type Orientation } from './exportMap';
import { readLegend } from './legend';
import { printMap } from './printLayout';
import type { ExportStringKey } from './strings';
import './strings';

function labelled<K extends keyof HTMLElementTagNameMap>(tag: K, key: ExportStringKey, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.dataset.i18n = key;
  node.textContent = translate(key);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  return node;
}

function button(key: ExportStringKey, action: string): HTMLButtonElement {
  return labelled('button', key, { type: 'button', 'data-export': action });
}

function buildDialog(map: MapLibreMap): HTMLDialogElement {
  const dialog = document.createElement('dialog');
  dialog.id = 'export-dialog';
  dialog.className = 'export-dialog';
  const heading = labelled('h2', 'exportTitle', { id: 'export-dialog-title' });
  dialog.setAttribute('aria-labelledby', heading.id);
  const title = document.createElement('input');
  title.type = 'text';
  title.id = 'export-title';
  title.maxLength = 120;
  const titleLabel = labelled('label', 'exportMapTitle', { for: title.id });
  const status = document.createElement('p');
  status.className = 'export-status';
  status.setAttribute('role', 'status');
  const actions = document.createElement('div');
  actions.className = 'export-actions';
  actions.append(button('exportPng', 'png'), button('exportPrintPortrait', 'portrait'), button('exportPrintLandscape', 'landscape'), button('exportClose', 'close'));
  dialog.append(heading, titleLabel, title, actions, status);

  const setStatus = (key: ExportStringKey | null) => {
    if (key) status.dataset.i18n = key;
    else delete status.dataset.i18n;
    status.textContent = key ? translate(key) : '';
  };
  const run = async (action: string) => {
    const text = title.value.trim() || title.placeholder;
    setStatus('exportBusy');
    dialog.setAttribute('aria-busy', 'true');
    try {
      if (action === 'png') await exportPng(map, text);
      else await printMap(map, text, action as Orientation);
      setStatus('exportDone');
    } catch (error) {
      console.error(error);
      setStatus('exportFailed');
    } finally {
      dialog.removeAttribute('aria-busy');
    }
  };
  actions.addEventListener('click', (event) => {
    const action = (event.target as HTMLElement).closest<HTMLButtonElement>('[data-export]')?.dataset.export;
    if (!action || dialog.hasAttribute('aria-busy')) return;
    if (action === 'close') dialog.close();
    else void run(action);
  });
  document.body.append(dialog);
  return dialog;
}

/** Opens the dialog with the title of the map on screen. */
export function openExportDialog(map: MapLibreMap): void {
  const dialog = document.querySelector<HTMLDialogElement>('#export-dialog') ?? buildDialog(map);
  const title = dialog.querySelector<HTMLInputElement>('#export-title')!;
  const legend = readLegend();
  title.placeholder = legend.title || translate('exportDefaultTitle');
  title.value = title.placeholder;
  const status = dialog.querySelector<HTMLElement>('.export-status')!;
  delete status.dataset.i18n;
  status.textContent = '';
  dialog.showModal();
  title.select();
}

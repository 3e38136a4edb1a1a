import { datastoreSearch, type DatastoreResult } from './api';
import { h } from './dom';
import { formatCount } from './format';
import { language } from '../i18n';
import { pt } from './strings';

export const PREVIEW_ROWS = 10;

/** CKAN's row id is not a column of the dataset. */
export const visibleFields = (result: DatastoreResult) => result.fields.filter((f) => f.id !== '_id');

/** How a value is shown in a preview cell: as the API gives it (objects as JSON). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * A paged table of the dataset's rows (CKAN `datastore_search`); the table carries
 * `data-preview-state="ready"` and `data-offset` once a page is shown.
 */
export function tablePreview(resourceId: string, title: string, first: DatastoreResult): HTMLElement {
  const table = h('table', { id: 'preview', class: 'data-table' });
  const scroller = h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': pt('scrollableTable', { name: pt('tablePreview') }) }, table);
  const previous = h('button', { type: 'button', id: 'preview-previous' }, pt('previousRows'));
  const next = h('button', { type: 'button', id: 'preview-next' }, pt('nextRows'));
  const nav = h('nav', { class: 'paging', 'aria-label': pt('previewPaging') }, previous, ' ', next);
  let offset = 0;

  const show = (result: DatastoreResult) => {
    const fields = visibleFields(result);
    const lang = language();
    const to = Math.min(offset + result.records.length, result.total);
    table.replaceChildren(
      h('caption', {}, pt('tablePreviewCaption', { title, from: formatCount(result.total ? offset + 1 : 0, lang), to: formatCount(to, lang), total: formatCount(result.total, lang) })),
      h('thead', {}, h('tr', {}, ...fields.map((f) => h('th', { scope: 'col' }, f.id)))),
      h('tbody', {}, ...result.records.map((record) => h('tr', {}, ...fields.map((f) => h('td', {}, cellText(record[f.id])))))),
    );
    previous.disabled = offset === 0;
    next.disabled = offset + PREVIEW_ROWS >= result.total;
    table.dataset.offset = String(offset);
    table.dataset.previewState = 'ready';
  };

  const go = async (to: number) => {
    table.dataset.previewState = 'loading';
    try {
      const result = await datastoreSearch(resourceId, PREVIEW_ROWS, to);
      offset = to;
      show(result);
    } catch (error) {
      table.dataset.previewState = 'error';
      console.error(error);
    }
  };
  previous.addEventListener('click', () => void go(Math.max(0, offset - PREVIEW_ROWS)));
  next.addEventListener('click', () => void go(offset + PREVIEW_ROWS));
  show(first);
  return h('div', { class: 'table-preview' }, scroller, nav);
}

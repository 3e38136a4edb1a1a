/* The twin's own DOM: the panel beside (or below) the map. */
import { t, type StringKey } from '../i18n';

function button(key: StringKey, labelKey: StringKey, name: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.dataset.twin = name;
  b.dataset.i18n = key;
  b.dataset.i18nLabel = labelKey;
  b.textContent = t(key);
  b.setAttribute('aria-label', t(labelKey));
  return b;
}

/** The panel beside (or below) the map: toolbar, viewer, status line. */
export function buildPanel() {
  const panel = document.createElement('section');
  panel.id = 'twin-panel';
  panel.className = 'twin-panel';
  panel.hidden = true;
  panel.dataset.i18nLabel = 'twinPanel';
  panel.setAttribute('aria-label', t('twinPanel'));
  const toolbar = document.createElement('div');
  toolbar.className = 'twin-toolbar';
  const previous = button('twinPrevious', 'twinPreviousLabel', 'previous');
  const next = button('twinNext', 'twinNextLabel', 'next');
  const dateLabel = document.createElement('label');
  dateLabel.className = 'twin-date';
  const dateText = document.createElement('span');
  dateText.dataset.i18n = 'twinDate';
  dateText.textContent = t('twinDate');
  const date = document.createElement('select');
  date.id = 'twin-date';
  dateLabel.append(dateText, date);
  const heading = document.createElement('output');
  heading.className = 'twin-heading';
  const close = button('twinClose', 'twinClose', 'close');
  toolbar.append(previous, next, dateLabel, heading, close);
  const viewer = document.createElement('div');
  viewer.className = 'twin-viewer';
  viewer.tabIndex = 0;
  viewer.setAttribute('role', 'application');
  viewer.dataset.i18nLabel = 'twinViewer';
  viewer.setAttribute('aria-label', t('twinViewer'));
  const status = document.createElement('p');
  status.className = 'twin-status';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  panel.append(toolbar, viewer, status);
  return { panel, previous, next, date, dateLabel, heading, close, viewer, status };
}

/*
 * Saved maps: signed-in users save the map's state under a name (private or shared) and open their
 * own and shared maps (/api/maps). The document carries its schema version; opening migrates it.
 * Shown only to a session whose role may use saved maps (GET /api/auth/me).
 */
import { t, type StringKey } from '../i18n';
import type { MapState } from '../state/mapState';
import { openSavedMap, savedMapDocument } from '../state/savedMapMigrations';

interface Me {
  kind: string;
  actions: string[];
  csrf_token: string | null;
}

interface SavedMapSummary {
  id: number;
  name: string;
  owner: string;
  shared: boolean;
  own: boolean;
}

/** An element whose text follows the language switch (setLanguage rewrites every [data-i18n]). */
function text<K extends keyof HTMLElementTagNameMap>(tag: K, key: StringKey, props: Partial<HTMLElementTagNameMap[K]> = {}): HTMLElementTagNameMap[K] {
  const el = Object.assign(document.createElement(tag), props, { textContent: t(key) });
  el.setAttribute('data-i18n', key);
  return el;
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`${response.url} answered ${response.status}`);
  return (await response.json()) as T;
}

export async function setUpSavedMaps(container: HTMLElement, current: () => MapState, open: (state: MapState) => void): Promise<void> {
  const me = await json<Me>(await fetch('/api/auth/me', { headers: { Accept: 'application/json' } }));
  container.hidden = false;
  if (!me.actions.includes('saved-maps')) {
    container.replaceChildren(text('p', 'signInToSave', { className: 'hint' }), text('a', 'signIn', { href: '/admin/' }));
    return;
  }
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json', ...(me.csrf_token ? { 'X-CSRF-Token': me.csrf_token } : {}) };
  const message = Object.assign(document.createElement('p'), { className: 'hint', id: 'saved-map-status' });
  message.setAttribute('role', 'status');

  const form = document.createElement('form');
  form.className = 'saved-form';
  const name = Object.assign(document.createElement('input'), { type: 'text', name: 'name', required: true, maxLength: 120, id: 'saved-map-name' });
  const shared = Object.assign(document.createElement('input'), { type: 'checkbox', name: 'shared', id: 'saved-map-shared' });
  const save = text('button', 'saveMap', { type: 'submit', id: 'saved-map-save' });
  const nameLabel = document.createElement('label');
  nameLabel.className = 'field';
  nameLabel.append(text('span', 'mapName'), name);
  const sharedLabel = document.createElement('label');
  sharedLabel.className = 'check';
  sharedLabel.append(shared, text('span', 'sharedMap'));
  form.append(nameLabel, sharedLabel, save);

  const list = Object.assign(document.createElement('select'), { id: 'saved-map-list' });
  list.setAttribute('aria-label', t('savedMaps'));
  const openButton = text('button', 'openMap', { type: 'button', id: 'saved-map-open' });
  const openRow = document.createElement('div');
  openRow.className = 'saved-open';
  openRow.append(list, openButton);

  const refresh = async () => {
    const { maps } = await json<{ maps: SavedMapSummary[] }>(await fetch('/api/maps', { headers }));
    list.replaceChildren(...maps.map((m) => new Option(m.own ? `${m.name}${m.shared ? ' ⇄' : ''}` : `${m.name} (${t('sharedBy')} ${m.owner.replace(/^user:/, '')})`, String(m.id))));
    openRow.hidden = maps.length === 0;
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const response = await fetch('/api/maps', { method: 'POST', headers, body: JSON.stringify({ name: name.value, shared: shared.checked, document: savedMapDocument(current()) }) });
      if (!response.ok) {
        message.textContent = `${t('saveFailed')} ${((await response.json().catch(() => ({}))) as { detail?: string }).detail ?? ''}`;
        return;
      }
      const saved = (await response.json()) as { id: number };
      await refresh();
      list.value = String(saved.id);
      message.textContent = t('saved');
      message.dataset.savedId = String(saved.id);
    })().catch(() => (message.textContent = t('saveFailed')));
  });

  openButton.addEventListener('click', () => {
    void (async () => {
      const map = await json<{ document: unknown }>(await fetch(`/api/maps/${encodeURIComponent(list.value)}`, { headers }));
      open(openSavedMap(map.document));
      message.textContent = '';
    })().catch((error: unknown) => {
      console.error(error);
      message.textContent = t('openFailed');
    });
  });

  const heading = text('h2', 'savedMaps');
  container.replaceChildren(heading, form, openRow, message);
  await refresh();
}

import { t, type StringKey } from '../i18n';
import * as api from './adminApi';

/** The publishing panel: drafts for editors, approval and (un)publishing for publishers. */

type Act = (change: () => Promise<unknown>) => Promise<void>;

function element<T extends HTMLElement>(selector: string): T {
  const el = document.querySelector<T>(selector);
  if (!el) throw new Error(`${selector} is missing from admin/index.html`);
  return el;
}

function text(value: string, key?: StringKey): HTMLElement {
  const span = document.createElement('span');
  span.textContent = key ? t(key) : value;
  if (key) span.dataset.i18n = key;
  return span;
}

function actionButton(key: StringKey, name: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.dataset.i18n = key;
  b.dataset.action = name;
  b.textContent = t(key);
  b.addEventListener('click', onClick);
  return b;
}

const FIELDS = ['titleTr', 'titleEn', 'descriptionTr', 'descriptionEn', 'keywords', 'theme', 'licence', 'publisher', 'contactEmail', 'updateFrequency'] as const;

/** The form's values that differ from the dataset's current metadata (the draft's changes). */
function changesFrom(form: HTMLFormElement, current: api.Metadata): Partial<api.Metadata> {
  const data = new FormData(form);
  const changes: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const raw = String(data.get(field) ?? '').trim();
    if (field === 'keywords') {
      const keywords = raw.split(',').map((k) => k.trim()).filter(Boolean);
      if (keywords.join('\u0000') !== current.keywords.join('\u0000')) changes.keywords = keywords;
    } else if (raw !== (current[field] ?? '') && !(field === 'contactEmail' && raw === '')) {
      changes[field] = raw;
    }
  }
  return changes as Partial<api.Metadata>;
}

export function publishingPanel(act: Act, role: () => string) {
  const form = element<HTMLFormElement>('#metadata-form');
  let editing: api.PublishingDataset | null = null;

  function openForm(dataset: api.PublishingDataset, themes: string[], frequencies: string[]): void {
    editing = dataset;
    const values = { ...dataset.metadata, ...(dataset.draft?.changes ?? {}) };
    element('#metadata-form-title').textContent = `${dataset.id} — ${values.titleTr}`;
    form.querySelector<HTMLSelectElement>('[name="theme"]')!.replaceChildren(...themes.map((v) => new Option(v, v)));
    form.querySelector<HTMLSelectElement>('[name="updateFrequency"]')!.replaceChildren(...frequencies.map((v) => new Option(v, v)));
    for (const field of FIELDS) {
      const input = form.querySelector<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(`[name="${field}"]`)!;
      const value = values[field];
      input.value = Array.isArray(value) ? value.join(', ') : (value ?? '');
    }
    form.hidden = false;
    form.querySelector<HTMLInputElement>('[name="titleTr"]')!.focus();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const dataset = editing;
    if (!dataset) return;
    const changes = changesFrom(form, dataset.metadata);
    void act(async () => {
      if (Object.keys(changes).length) await api.draftMetadata(dataset.id, changes);
      form.hidden = true;
      editing = null;
    });
  });
  element('#metadata-cancel').addEventListener('click', () => {
    form.hidden = true;
    editing = null;
  });

  async function render(): Promise<void> {
    const { datasets, themes, frequencies } = await api.publishingDatasets();
    const canPublish = role() === 'admin' || role() === 'publisher';
    const rows = datasets.map((d) => {
      const tr = document.createElement('tr');
      tr.dataset.dataset = d.id;
      const name = document.createElement('td');
      name.append(text(d.metadata.titleTr), document.createElement('br'), Object.assign(document.createElement('code'), { textContent: d.id }));
      const state = document.createElement('td');
      state.append(text('', d.published ? 'published' : d.unpublishedReason ? 'unpublished' : 'notPublished'));
      if (d.unpublishedReason) state.append(document.createElement('br'), text(d.unpublishedReason));
      const score = document.createElement('td');
      score.dataset.score = String(d.completeness.score);
      score.append(text(`${d.completeness.score}%`));
      if (d.completeness.missing.length) {
        const missing = text(`${t('missing')}: ${d.completeness.missing.join(', ')}`);
        missing.className = 'missing';
        score.append(document.createElement('br'), missing);
      }
      const draft = document.createElement('td');
      draft.dataset.draft = d.draft ? Object.keys(d.draft.changes).join(',') : '';
      if (d.draft) draft.append(text(`${Object.keys(d.draft.changes).join(', ')} — ${d.draft.author}`));
      const actions = document.createElement('td');
      actions.append(actionButton('edit', 'edit', () => openForm(d, themes, frequencies)));
      if (d.draft) {
        actions.append(actionButton('discard', 'discard', () => void act(() => api.discardDraft(d.id))));
        if (canPublish) actions.append(actionButton('approve', 'approve', () => void act(() => api.approveDraft(d.id))));
      }
      if (canPublish && d.access === 'public') {
        if (d.published) {
          const reason = document.createElement('input');
          reason.name = 'reason';
          reason.minLength = 10;
          reason.dataset.i18nLabel = 'unpublishReason';
          reason.setAttribute('aria-label', t('unpublishReason'));
          reason.placeholder = t('unpublishReason');
          actions.append(reason, actionButton('unpublish', 'unpublish', () => void act(() => api.setPublication(d.id, false, reason.value.trim()))));
        } else {
          actions.append(actionButton('publish', 'publish', () => void act(() => api.setPublication(d.id, true))));
        }
      }
      tr.append(name, state, score, draft, actions);
      return tr;
    });
    element('#publishing tbody').replaceChildren(...rows);
  }

  return { render };
}

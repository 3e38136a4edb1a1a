import '../style.css';
import { language, LANGUAGES, onLanguageChange, setLanguage, t, type Language, type StringKey } from '../i18n';
import * as api from './adminApi';
import { publishingPanel } from './publishing';

/** <html data-admin-state>: what the page shows, for people and for the browser tests (no sleeps). */
type AdminState = 'loading' | 'signed-out' | 'forbidden' | 'ready' | 'busy' | 'error';
const setState = (state: AdminState) => (document.documentElement.dataset.adminState = state);

function element<T extends HTMLElement>(selector: string): T {
  const el = document.querySelector<T>(selector);
  if (!el) throw new Error(`${selector} is missing from admin/index.html`);
  return el;
}

const status = element<HTMLParagraphElement>('#admin-status');
function say(key: StringKey | null, extra = ''): void {
  if (key) status.dataset.i18n = key;
  else delete status.dataset.i18n;
  status.textContent = key ? t(key) + (extra ? ` ${extra}` : '') : extra;
}

function cell(text: string, key?: StringKey): HTMLTableCellElement {
  const td = document.createElement('td');
  td.textContent = key ? t(key) : text;
  if (key) td.dataset.i18n = key;
  return td;
}

function button(key: StringKey, onClick: () => Promise<unknown>): HTMLTableCellElement {
  const td = document.createElement('td');
  const b = document.createElement('button');
  b.type = 'button';
  b.dataset.i18n = key;
  b.textContent = t(key);
  b.addEventListener('click', () => void act(onClick));
  td.append(b);
  return td;
}

const list = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);
const date = (iso: string) => new Date(iso).toLocaleString(language() === 'tr' ? 'tr-TR' : 'en-GB');

async function renderUsers(): Promise<void> {
  const rows = (await api.listUsers()).map((u) => {
    const tr = document.createElement('tr');
    tr.dataset.username = u.username;
    tr.append(cell(u.username), cell(u.display_name), cell(u.role), cell(u.datasets.join(', ')), cell('', u.disabled ? 'disabled' : 'active'),
      button(u.disabled ? 'enable' : 'disable', () => api.updateUser(u.username, { disabled: !u.disabled })));
    return tr;
  });
  element('#users tbody').replaceChildren(...rows);
}

async function renderKeys(): Promise<void> {
  const rows = (await api.listKeys()).map((k) => {
    const tr = document.createElement('tr');
    tr.dataset.prefix = k.prefix;
    tr.append(cell(k.prefix), cell(k.name), cell(k.role), cell(k.datasets.join(', ')), cell(date(k.expires_at)), cell('', k.revoked_at ? 'revoked' : 'active'),
      k.revoked_at ? cell('') : button('revoke', () => api.revokeKey(k.prefix)));
    return tr;
  });
  element('#keys tbody').replaceChildren(...rows);
}

async function renderAudit(): Promise<void> {
  const rows = (await api.auditEntries()).map((e) => {
    const tr = document.createElement('tr');
    tr.append(cell(date(e.at)), cell(e.actor), cell(e.action), cell(e.target ?? ''), cell(e.address ?? ''), cell(e.outcome));
    return tr;
  });
  element('#audit tbody').replaceChildren(...rows);
}

/** Roles that see the publishing panel (the permission matrix's edit-metadata). */
const EDITING_ROLES = ['admin', 'publisher', 'department_editor'];
let role = 'anonymous';
const publishing = publishingPanel((change) => act(change), () => role);

async function renderAll(): Promise<void> {
  await Promise.all([
    ...(EDITING_ROLES.includes(role) ? [publishing.render()] : []),
    ...(role === 'admin' ? [renderUsers(), renderKeys(), renderAudit()] : []),
  ]);
}

/** Runs a change, shows its problem if it fails, and redraws; the state says when it is done. */
async function act(change: () => Promise<unknown>): Promise<void> {
  setState('busy');
  try {
    await change();
    say('saved');
  } catch (error) {
    say(null, error instanceof api.ApiError ? `${error.problem.title}: ${error.problem.detail}` : String(error));
  }
  await renderAll();
  setState('ready');
}

async function show(): Promise<void> {
  setState('loading');
  const me = await api.whoAmI();
  const signedIn = me.kind !== 'anonymous';
  element('#who').textContent = signedIn ? `${me.actor} (${me.role})` : '';
  element('#sign-out').hidden = !signedIn;
  element('#sign-in').hidden = signedIn;
  role = me.role;
  element('#panels').hidden = me.role !== 'admin';
  element('#publishing-panel').hidden = !EDITING_ROLES.includes(me.role);
  if (!signedIn) {
    say(null);
    setState('signed-out');
  } else if (!EDITING_ROLES.includes(me.role)) {
    say('staffOnly');
    setState('forbidden');
  } else {
    say(null);
    await renderAll();
    setState('ready');
  }
}

for (const select of document.querySelectorAll<HTMLSelectElement>('select[name="role"]')) {
  select.replaceChildren(...api.STAFF_ROLES.map((r) => new Option(r, r)));
  select.value = 'viewer';
}

element<HTMLFormElement>('#sign-in').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = new FormData(event.target as HTMLFormElement);
  setState('busy');
  api.signIn(String(form.get('username')), String(form.get('password'))).then(show, () => {
    say('signInFailed');
    setState('signed-out');
  });
});

element('#sign-out').addEventListener('click', () => void api.signOut().then(show));

element<HTMLFormElement>('#new-user').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = event.target as HTMLFormElement;
  const f = new FormData(form);
  void act(async () => {
    await api.createUser({ username: String(f.get('username')), display_name: String(f.get('display_name')), role: String(f.get('role')), datasets: list(String(f.get('datasets') ?? '')), password: String(f.get('password')) });
    form.reset();
  });
});

element<HTMLFormElement>('#new-key').addEventListener('submit', (event) => {
  event.preventDefault();
  const f = new FormData(event.target as HTMLFormElement);
  void act(async () => {
    const created = await api.createKey({ name: String(f.get('name')), role: String(f.get('role')), datasets: list(String(f.get('datasets') ?? '')), expires_in_days: Number(f.get('expires_in_days')) });
    const secret = element('#new-key-secret');
    secret.querySelector('code')!.textContent = created.key;
    secret.hidden = false;
  });
});

setLanguage(language());
document.querySelectorAll<HTMLButtonElement>('[data-lang]').forEach((b) => {
  b.addEventListener('click', () => {
    const lang = b.dataset.lang as Language;
    if (LANGUAGES.includes(lang)) setLanguage(lang);
  });
});
onLanguageChange(() => {
  if (document.documentElement.dataset.adminState === 'ready') void renderAll();
});

show().catch((error: unknown) => {
  say(null, String(error));
  setState('error');
});

/** The administration API, as the admin page uses it: JSON in and out, the session's CSRF token on changes. */

export interface Problem {
  status: number;
  title: string;
  detail: string;
  parameter?: string;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

export interface Me {
  kind: 'anonymous' | 'user' | 'key';
  actor: string;
  role: string;
  csrf_token: string | null;
}

export interface User {
  username: string;
  display_name: string;
  role: string;
  datasets: string[];
  disabled: boolean;
}

export interface ApiKey {
  prefix: string;
  name: string;
  role: string;
  datasets: string[];
  expires_at: string;
  revoked_at: string | null;
}

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  target: string | null;
  address: string | null;
  outcome: string;
}

export const STAFF_ROLES = ['admin', 'publisher', 'analyst', 'department_editor', 'viewer'];

// Relative to /admin/, so that the page works under a proxy's base path too.
const BASE = new URL('../', document.baseURI);
let csrfToken: string | null = null;

async function call<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(new URL(path, BASE), { method, headers, credentials: 'same-origin', ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) });
  if (!response.ok) throw new ApiError((await response.json().catch(() => ({ status: response.status, title: response.statusText, detail: response.statusText }))) as Problem);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

export async function whoAmI(): Promise<Me> {
  const me = await call<Me>('api/auth/me');
  csrfToken = me.csrf_token;
  return me;
}

export async function signIn(username: string, password: string): Promise<void> {
  const answer = await call<{ csrf_token: string }>('api/auth/login', { method: 'POST', body: { username, password } });
  csrfToken = answer.csrf_token;
}

export const signOut = () => call<void>('api/auth/logout', { method: 'POST' });
export const listUsers = async () => (await call<{ users: User[] }>('api/admin/users')).users;
export const createUser = (user: { username: string; display_name: string; role: string; datasets: string[]; password: string }) => call<User>('api/admin/users', { method: 'POST', body: user });
export const updateUser = (username: string, changes: Partial<Pick<User, 'disabled' | 'role' | 'datasets'>>) => call<User>(`api/admin/users/${encodeURIComponent(username)}`, { method: 'PATCH', body: changes });
export const listKeys = async () => (await call<{ keys: ApiKey[] }>('api/admin/keys')).keys;
export const createKey = (key: { name: string; role: string; datasets: string[]; expires_in_days: number }) => call<ApiKey & { key: string }>('api/admin/keys', { method: 'POST', body: key });
export const revokeKey = (prefix: string) => call<void>(`api/admin/keys/${encodeURIComponent(prefix)}`, { method: 'DELETE' });
export const auditEntries = async () => (await call<{ entries: AuditEntry[] }>('api/admin/audit?limit=100')).entries;

export interface Metadata {
  titleTr: string;
  titleEn: string;
  descriptionTr: string;
  descriptionEn: string;
  theme: string;
  keywords: string[];
  licence: string;
  publisher: string;
  contactEmail: string | null;
  updateFrequency: string;
}

export interface PublishingDataset {
  id: string;
  access: string;
  published: boolean;
  unpublishedAt: string | null;
  unpublishedReason: string | null;
  metadata: Metadata;
  draft: { changes: Partial<Metadata>; author: string; updatedAt: string } | null;
  completeness: { score: number; missing: string[] };
}

/** The datasets the signed-in editor may edit, and the vocabularies their theme and frequency come from. */
export const publishingDatasets = () => call<{ datasets: PublishingDataset[]; themes: string[]; frequencies: string[] }>('api/publishing/datasets');
const datasetPath = (id: string, rest: string) => `api/datasets/${encodeURIComponent(id)}/${rest}`;
export const draftMetadata = (id: string, changes: Partial<Metadata>) => call<unknown>(datasetPath(id, 'metadata-draft'), { method: 'PATCH', body: changes });
export const discardDraft = (id: string) => call<void>(datasetPath(id, 'metadata-draft'), { method: 'DELETE' });
export const approveDraft = (id: string) => call<unknown>(datasetPath(id, 'metadata-draft/approve'), { method: 'POST' });
export const setPublication = (id: string, published: boolean, reason?: string) =>
  call<unknown>(datasetPath(id, 'publication'), { method: 'POST', body: published ? { published } : { published, reason } });

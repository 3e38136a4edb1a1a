/*
 * What digitising asks of the API: who is signed in (the session cookie /admin/ sets), which
 * collections take edits, their forms (queryables) and features (OGC items), and the edits
 * themselves (POST/PATCH/DELETE /api/collections/{c}/features), each carrying the session's CSRF token.
 */
import type { Feature, Geometry } from 'geojson';
import type { Queryables } from './attributeForm';

export interface Editor {
  actor: string;
  /** Null: every dataset the role may edit. */
  datasets: string[] | null;
  csrfToken: string | null;
}

export interface EditableCollection {
  id: string;
  title: string;
}

export type EditableFeature = Feature<Geometry, Record<string, unknown>> & { id: string };

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as { detail?: string } | null;
    throw new Error(problem?.detail ?? `HTTP ${response.status}`);
  }
  return (await response.json()) as T;
}

const ACCEPT = { Accept: 'application/json' };

/** The signed-in editor, or null for the public and roles that may not digitise. */
export async function currentEditor(): Promise<Editor | null> {
  const me = await json<{ kind: string; actor: string; role: string; actions: string[]; datasets: string[]; csrf_token: string | null }>(
    await fetch('/api/auth/me', { headers: ACCEPT }),
  );
  if (me.kind === 'anonymous' || !me.actions.includes('edit-features')) return null;
  // As the permission matrix scopes edits: a department editor, or anyone given a dataset list, edits those only.
  const scoped = me.role === 'department_editor' || me.datasets.length > 0;
  return { actor: me.actor, datasets: scoped ? me.datasets : null, csrfToken: me.csrf_token };
}

export async function editableCollections(editor: Editor): Promise<EditableCollection[]> {
  const { collections } = await json<{ collections: (EditableCollection & { editable?: boolean })[] }>(await fetch('/ogc/collections?f=json', { headers: ACCEPT }));
  return collections
    .filter((c) => c.editable && (editor.datasets === null || editor.datasets.includes(c.id)))
    .map(({ id, title }) => ({ id, title }));
}

export async function collectionQueryables(collection: string): Promise<Queryables> {
  return json<Queryables>(await fetch(`/ogc/collections/${encodeURIComponent(collection)}/queryables`, { headers: { Accept: 'application/schema+json' } }));
}

export async function collectionFeatures(collection: string): Promise<EditableFeature[]> {
  const { features } = await json<{ features: EditableFeature[] }>(
    await fetch(`/ogc/collections/${encodeURIComponent(collection)}/items?f=json&limit=10000`, { headers: ACCEPT, cache: 'no-store' }),
  );
  return features.map((f) => ({ ...f, id: String(f.id) }));
}

function send(editor: Editor, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(path, {
    method,
    headers: { ...ACCEPT, ...(body ? { 'Content-Type': 'application/json' } : {}), ...(editor.csrfToken ? { 'X-CSRF-Token': editor.csrfToken } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
}

const featuresPath = (collection: string) => `/api/collections/${encodeURIComponent(collection)}/features`;

export async function createFeature(editor: Editor, collection: string, geometry: Geometry, properties: Record<string, unknown>): Promise<string> {
  const { id } = await json<{ id: string }>(await send(editor, 'POST', featuresPath(collection), { type: 'Feature', geometry, properties }));
  return id;
}

export async function updateFeature(editor: Editor, collection: string, id: string, change: { geometry?: Geometry; properties?: Record<string, unknown> }): Promise<void> {
  await json(await send(editor, 'PATCH', `${featuresPath(collection)}/${encodeURIComponent(id)}`, change));
}

export async function deleteFeature(editor: Editor, collection: string, id: string): Promise<void> {
  const response = await send(editor, 'DELETE', `${featuresPath(collection)}/${encodeURIComponent(id)}`);
  if (!response.ok) await json(response);
}

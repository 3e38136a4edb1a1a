/**
 * What the portal pages read from the API: the CKAN Action API (package_search, package_show,
 * datastore_search), the downloads list and the version list. Answers are kept for the page's
 * lifetime, so that switching the language redraws without asking again.
 */

export interface CkanFacet {
  title: string;
  items: { name: string; display_name: string; count: number }[];
}

export interface CkanResource {
  id: string;
  name: string;
  format: string;
  url: string;
  mimetype?: string | null;
  size?: number | null;
  hash?: string | null;
  resource_type?: string | null;
  datastore_active?: boolean;
}

export interface CkanPackage {
  id: string;
  name: string;
  title: string;
  notes: string | null;
  license_id: string | null;
  license_title: string | null;
  license_url?: string | null;
  author?: string | null;
  maintainer: string | null;
  maintainer_email: string | null;
  version: string | null;
  metadata_created: string;
  metadata_modified: string;
  url?: string | null;
  organization: { name: string; title: string } | null;
  groups: { name: string; title: string; display_name?: string }[];
  tags: { name: string; display_name?: string }[];
  resources: CkanResource[];
  extras: { key: string; value: string }[];
}

export interface PackageSearchResult {
  count: number;
  results: CkanPackage[];
  search_facets: Record<string, CkanFacet>;
}

export interface DatastoreField {
  id: string;
  type: string;
  info?: { label?: string; notes?: string; label_en?: string; notes_en?: string; unit?: string } | null;
}

export interface DatastoreResult {
  fields: DatastoreField[];
  records: Record<string, unknown>[];
  total: number;
  limit: number;
  offset?: number;
}

export interface DownloadFile {
  format: string;
  label: string;
  mediaType: string;
  url: string;
  /** The file name the download is saved under. */
  fileName?: string;
  size: number | null;
  sha256: string | null;
}

export interface DownloadList {
  dataset: string;
  version: number | null;
  files: DownloadFile[];
}

export interface DatasetVersion {
  version: number;
  status: 'current' | 'ready' | 'retired';
  activatedAt: string | null;
  createdAt: string;
  rowCount: number | null;
  changes: { rowsRead: number; rowsLoaded: number; rowsRejected: number; notes: Record<string, number> } | null;
}

export interface VersionList {
  dataset: string;
  current: number | null;
  versions: DatasetVersion[];
}

/**
 * An answer other than success; `status` 404 means "no such dataset", 410 "unpublished", with the
 * publisher's `reason` when the answer gives one (a problem's `reason`, or CKAN's error).
 */
export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly reason: string | null = null) {
    super(message);
  }
}

const cache = new Map<string, Promise<unknown>>();

async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const problem = body as { error?: { message?: string; reason?: string }; detail?: string; reason?: string } | null;
    const message = problem?.error?.message ?? problem?.detail;
    throw new ApiError(response.status, message ?? `${response.status} ${response.statusText}`, problem?.reason ?? problem?.error?.reason ?? null);
  }
  return body as T;
}

function cached<T>(url: string, load: () => Promise<T>): Promise<T> {
  let hit = cache.get(url) as Promise<T> | undefined;
  if (!hit) {
    hit = load();
    cache.set(url, hit);
    hit.catch(() => cache.delete(url)); // a failure may be retried
  }
  return hit;
}

export function ckanActionUrl(action: string, params: URLSearchParams): string {
  const query = params.toString();
  return `/api/3/action/${action}${query ? `?${query}` : ''}`;
}

/** Calls a CKAN action and unwraps its `{help, success, result}` envelope. */
export function ckan<T>(action: string, params: URLSearchParams = new URLSearchParams()): Promise<T> {
  const url = ckanActionUrl(action, params);
  return cached(url, async () => (await fetchJson<{ success: boolean; result: T }>(url)).result);
}

export function packageSearch(params: URLSearchParams): Promise<PackageSearchResult> {
  return ckan<PackageSearchResult>('package_search', params);
}

export function packageShow(id: string): Promise<CkanPackage> {
  return ckan<CkanPackage>('package_show', new URLSearchParams({ id }));
}

export function datastoreSearch(resourceId: string, limit: number, offset: number): Promise<DatastoreResult> {
  return ckan<DatastoreResult>('datastore_search', new URLSearchParams({ resource_id: resourceId, limit: String(limit), offset: String(offset) }));
}

export function datasetDownloads(id: string): Promise<DownloadList> {
  const url = `/api/datasets/${encodeURIComponent(id)}/downloads`;
  return cached(url, () => fetchJson<DownloadList>(url));
}

export function datasetVersions(id: string): Promise<VersionList> {
  const url = `/api/datasets/${encodeURIComponent(id)}/versions`;
  return cached(url, () => fetchJson<VersionList>(url));
}

/** Counts a view of the dataset page; a failure does not concern the reader. */
export function countView(id: string): void {
  fetch(`/api/datasets/${encodeURIComponent(id)}/views`, { method: 'POST' }).catch(() => {});
}

/** `extras` as a lookup. */
export function extra(pkg: CkanPackage, key: string): string | undefined {
  return pkg.extras.find((e) => e.key === key)?.value;
}

import { language } from '../i18n';
import {
  ApiError,
  ckanActionUrl,
  countView,
  datasetDownloads,
  datasetVersions,
  datastoreSearch,
  extra,
  packageShow,
  type CkanPackage,
  type DatastoreResult,
  type DownloadFile,
  type VersionList,
} from './api';
import { copyButton } from './copyButton';
import { h, section, type Child } from './dom';
import { formatBytes, formatCount, formatDate, formatDelta } from './format';
import { datasetDescription, datasetTitle, frequencyLabel, themeLabel } from './labels';
import { MAP_PREVIEW_LIMIT, showMapPreview } from './mapPreview';
import type { PortalPage } from './page';
import { pt, type PortalKey } from './strings';
import { PREVIEW_ROWS, tablePreview, visibleFields } from './tablePreview';

export class DatasetNotFound extends Error {}

/** The dataset was unpublished: its URL stays and says why. */
export class DatasetGone extends Error {
  constructor(readonly reason: string | null) {
    super('unpublished');
  }
}

/** The geometry type of a spatial dataset (package extra `geometry_type`), null for a table. */
function geometryType(pkg: CkanPackage): string | null {
  return extra(pkg, 'geometry_type') || null;
}

/** Downloads from the downloads route; before it answers, from the package's file resources (no size or hash). */
async function downloadFiles(pkg: CkanPackage): Promise<DownloadFile[]> {
  try {
    return (await datasetDownloads(pkg.name)).files;
  } catch {
    return pkg.resources
      .filter((r) => r.resource_type !== 'api')
      .map((r) => ({ format: r.id.split('.').pop() ?? r.format, label: r.format, mediaType: r.mimetype ?? '', url: r.url, size: r.size ?? null, sha256: r.hash || null }));
  }
}

/** A same-origin path for a URL the API wrote absolute (so that the `download` attribute applies). */
function sameOrigin(url: string): string {
  try {
    const parsed = new URL(url, location.origin);
    return parsed.origin === location.origin ? `${parsed.pathname}${parsed.search}` : url;
  } catch {
    return url;
  }
}

function downloadsSection(files: DownloadFile[]): HTMLElement {
  const lang = language();
  return section(
    'downloads',
    pt('downloads'),
    h('p', { class: 'note' }, pt('downloadsNote')),
    h(
      'ul',
      { class: 'download-list' },
      ...files.map((file) =>
        h(
          'li',
          { class: 'download', 'data-format': file.format },
          h(
            'a',
            { class: 'download-button', href: sameOrigin(file.url), download: file.fileName ?? true, type: file.mediaType || null },
            pt('downloadAs', { format: file.label }),
            ' ',
            h('span', { class: 'download-size' }, file.size !== null ? `(${formatBytes(file.size, lang)})` : `(${pt('sizeUnknown')})`),
          ),
          file.sha256 ? h('span', { class: 'sha256' }, 'SHA-256: ', h('code', {}, file.sha256), ' ', copyButton(file.sha256, `SHA-256 ${file.label}`)) : null,
        ),
      ),
    ),
  );
}

function metadataSection(pkg: CkanPackage, versions: VersionList | null): HTMLElement {
  const lang = language();
  const geometry = geometryType(pkg);
  const temporalStart = extra(pkg, 'temporal_start');
  const temporalEnd = extra(pkg, 'temporal_end');
  const contact: Child = pkg.maintainer_email ? h('a', { href: `mailto:${pkg.maintainer_email}` }, pkg.maintainer_email) : pt('notStated');
  const rows: [PortalKey, Child][] = [
    ['identifier', h('code', {}, pkg.name)],
    ['licence', pkg.license_url ? h('a', { href: pkg.license_url, rel: 'license' }, pkg.license_title ?? pkg.license_id ?? '') : (pkg.license_title ?? pt('notStated'))],
    ['department', pkg.organization?.title ?? pkg.maintainer ?? pt('notStated')],
    ['contact', contact],
    ['theme', themeLabel(pkg)],
    ['keywords', pkg.tags.map((t) => t.display_name ?? t.name).join(', ') || pt('notStated')],
    ['updateFrequency', frequencyLabel(pkg)],
    ['temporalCoverage', temporalStart || temporalEnd ? `${temporalStart ? formatDate(temporalStart, lang) : '…'} – ${temporalEnd ? formatDate(temporalEnd, lang) : '…'}` : pt('notStated')],
    ['spatialCoverage', geometry ? pt('spatialCoverageValue', { geometry }) : pt('notSpatial')],
    ['created', h('time', { datetime: pkg.metadata_created }, formatDate(pkg.metadata_created, lang))],
    ['modified', h('time', { datetime: pkg.metadata_modified }, formatDate(pkg.metadata_modified, lang))],
    ['currentVersion', versions?.current ?? pkg.version ?? pt('notStated')],
  ];
  return section(
    'metadata',
    pt('metadata'),
    h('table', { class: 'metadata-table' }, h('tbody', {}, ...rows.map(([key, value]) => h('tr', { 'data-field': key }, h('th', { scope: 'row' }, pt(key)), h('td', {}, value))))),
  );
}

function dictionarySection(first: DatastoreResult): HTMLElement {
  // English labels where the catalog has them (datastore_search's info.label_en / notes_en).
  const english = language() === 'en';
  const label = (f: DatastoreResult['fields'][number]) => (english && f.info?.label_en) || f.info?.label;
  const notes = (f: DatastoreResult['fields'][number]) => (english && f.info?.notes_en) || f.info?.notes || '';
  return section(
    'dictionary',
    pt('dictionary'),
    h(
      'div',
      { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': pt('scrollableTable', { name: pt('dictionary') }) },
      h(
        'table',
        { class: 'data-table', id: 'dictionary-table' },
        h('thead', {}, h('tr', {}, ...(['columnName', 'columnType', 'columnDescription', 'columnUnit'] as const).map((k) => h('th', { scope: 'col' }, pt(k))))),
        h(
          'tbody',
          {},
          ...visibleFields(first).map((f) =>
            h(
              'tr',
              { 'data-column': f.id },
              h('th', { scope: 'row' }, h('code', {}, f.id), label(f) ? h('span', { class: 'column-label' }, ` — ${label(f)}`) : null),
              h('td', {}, f.type),
              h('td', {}, notes(f)),
              h('td', {}, f.info?.unit ?? ''),
            ),
          ),
        ),
      ),
    ),
  );
}

function versionsSection(list: VersionList | null): HTMLElement {
  const lang = language();
  if (!list || list.versions.length === 0) return section('versions', pt('versions'), h('p', {}, pt('noVersions')));
  const ordered = list.versions; // newest first
  return section(
    'versions',
    pt('versions'),
    h(
      'div',
      { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': pt('scrollableTable', { name: pt('versions') }) },
      h(
        'table',
        { class: 'data-table', id: 'versions-table' },
        h('thead', {}, h('tr', {}, ...(['version', 'status', 'activated', 'rows', 'whatChanged'] as const).map((k) => h('th', { scope: 'col' }, pt(k))))),
        h(
          'tbody',
          {},
          ...ordered.map((v, i) => {
            const previous = ordered[i + 1];
            const changes: string[] = [];
            if (v.changes) changes.push(pt('changeRows', { loaded: formatCount(v.changes.rowsLoaded, lang), rejected: formatCount(v.changes.rowsRejected, lang) }));
            if (previous && v.rowCount !== null && previous.rowCount !== null) changes.push(pt('changeDelta', { delta: formatDelta(v.rowCount - previous.rowCount, lang) }));
            for (const [note, count] of Object.entries(v.changes?.notes ?? {})) changes.push(`${note} (${formatCount(count, lang)})`);
            return h(
              'tr',
              { 'data-version': v.version },
              h('th', { scope: 'row' }, String(v.version)),
              h('td', {}, pt(`status_${v.status}` as PortalKey)),
              h('td', {}, v.activatedAt ? h('time', { datetime: v.activatedAt }, formatDate(v.activatedAt, lang, true)) : '—'),
              h('td', {}, v.rowCount === null ? '—' : formatCount(v.rowCount, lang)),
              h('td', {}, changes.join('; ')),
            );
          }),
        ),
      ),
    ),
  );
}

function codeExample(id: string, label: string, code: string): HTMLElement {
  return h('div', { class: 'api-example', id: `example-${id}` }, h('h3', {}, label), h('pre', {}, h('code', {}, code)), copyButton(code, label));
}

function apiSection(pkg: CkanPackage, resourceId: string, files: DownloadFile[], spatial: boolean): HTMLElement {
  const origin = location.origin;
  const csv = files.find((f) => f.format === 'csv');
  const datastoreUrl = `${origin}${ckanActionUrl('datastore_search', new URLSearchParams({ resource_id: resourceId, limit: '5' }))}`;
  return section(
    'api',
    pt('apiExamples'),
    csv ? codeExample('curl', pt('exampleCurl'), `curl -L -o ${pkg.name}.csv "${origin}${sameOrigin(csv.url)}"`) : null,
    codeExample(
      'fetch',
      pt('exampleFetch'),
      `const response = await fetch('${datastoreUrl}');\nconst { result } = await response.json();\nconsole.log(result.total, result.records);`,
    ),
    spatial ? codeExample('ogc', pt('exampleOgc'), `${origin}/ogc/collections/${encodeURIComponent(pkg.name)}/items?limit=10`) : null,
    codeExample('ckan', pt('exampleCkan'), `${origin}${ckanActionUrl('package_show', new URLSearchParams({ id: pkg.name }))}`),
    codeExample('datastore', pt('exampleDatastore'), datastoreUrl),
  );
}

function citationSection(pkg: CkanPackage, title: string, versions: VersionList | null): HTMLElement {
  const lang = language();
  const url = `${location.origin}/portal/datasets/${encodeURIComponent(pkg.name)}`;
  const text = pt('citationText', {
    publisher: pkg.organization?.title ?? pkg.maintainer ?? 'Bağcılar Belediyesi',
    year: new Date(`${pkg.metadata_modified.replace(/Z?$/, 'Z')}`).getUTCFullYear() || new Date().getUTCFullYear(),
    title,
    version: versions?.current ?? pkg.version ?? '—',
    url,
    date: formatDate(new Date().toISOString(), lang),
  });
  return section('citation', pt('citation'), h('p', { class: 'citation', id: 'citation-text' }, text), copyButton(text, pt('citation')));
}

/** The dataset page: what the data is, a look at it, and every way to take it away. */
export async function renderDataset(id: string, firstVisit: boolean): Promise<PortalPage> {
  let pkg: CkanPackage;
  try {
    pkg = await packageShow(id);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 403)) throw new DatasetNotFound(id);
    if (error instanceof ApiError && error.status === 410) throw new DatasetGone(error.reason ?? error.message);
    throw error;
  }
  if (firstVisit) countView(pkg.name);
  const resourceId = pkg.resources.find((r) => r.datastore_active)?.id ?? pkg.name;
  const [first, files, versions] = await Promise.all([
    // Without rows to show the rest of the page still stands: metadata, downloads, versions.
    datastoreSearch(resourceId, PREVIEW_ROWS, 0).catch((error: unknown) => {
      console.warn(error);
      return null;
    }),
    downloadFiles(pkg),
    datasetVersions(pkg.name).catch(() => null),
  ]);
  const title = datasetTitle(pkg);
  const description = datasetDescription(pkg);
  const spatial = geometryType(pkg) !== null;
  const mapContainer = spatial ? h('div', { id: 'preview-map', class: 'preview-map' }) : null;
  const mapNote = h('p', { class: 'note', id: 'map-preview-note' });
  const content: Node[] = [
    h(
      'nav',
      { class: 'breadcrumb', 'aria-label': pt('breadcrumb') },
      h('ol', {}, h('li', {}, h('a', { href: '/portal' }, pt('navHome'))), h('li', {}, h('a', { href: '/portal/search' }, pt('navDatasets'))), h('li', {}, h('span', { 'aria-current': 'page' }, title))),
    ),
    h('h1', { id: 'dataset-title' }, title),
    h('p', { class: 'lead', id: 'dataset-description' }, description),
    extra(pkg, 'synthetic') === 'true' ? h('p', { class: 'note synthetic' }, pt('syntheticNote')) : null,
    downloadsSection(files),
    metadataSection(pkg, versions),
    mapContainer ? section('map-preview', pt('mapPreview'), mapContainer, mapNote) : null,
    section('table-preview', pt('tablePreview'), first ? tablePreview(resourceId, title, first) : h('p', { class: 'note' }, pt('previewUnavailable'))),
    first ? dictionarySection(first) : null,
    versionsSection(versions),
    apiSection(pkg, resourceId, files, spatial),
    citationSection(pkg, title, versions),
  ].filter((n): n is HTMLElement => n !== null);
  // The map is drawn once its container is in the document (MapLibre measures it).
  const after = mapContainer
    ? () => {
        const drawing = showMapPreview(mapContainer, pkg.name, pt('mapPreviewLabel', { title }), (shown) => {
          mapNote.textContent = pt(shown >= MAP_PREVIEW_LIMIT ? 'mapPreviewFirst' : 'mapPreviewAll', { n: formatCount(shown, language()) });
        });
        return () => void drawing.then((map) => map?.remove());
      }
    : undefined;
  return { title, content, ...(after ? { after } : {}) };
}

import { foldTurkish, type DatasetDescription } from '@kbs/core';
import { datasetPagePath, downloadPath, formatsFor } from '../formats';
import { frequencyTitle, groupName, licenceOf, themeTitle, themeUri } from './vocabulary';

/**
 * A catalog entry in CKAN's shapes: package, resources, organization (the publishing department),
 * group (the EU data theme) and tags (the keywords). Ids are the catalog's own: a package's id and name
 * are the dataset id; a resource's id is `<dataset id>.<format>` (dataset ids hold no dot), so that it
 * stays the same across versions and instances.
 */

/** CKAN writes naive UTC timestamps ("2024-05-01T10:00:00.123000"); so do we. */
export function ckanTimestamp(date: Date): string {
  return date.toISOString().replace('Z', '');
}

// Departments are few and folding goes through ICU: a 1000-package page would fold them 2000 times.
const organizationNames = new Map<string, string>();

/** The organization name of a department: "Bilgi İşlem Müdürlüğü" → "bilgi-islem-mudurlugu". */
export function organizationName(publisher: string): string {
  let name = organizationNames.get(publisher);
  if (name === undefined) {
    name = foldTurkish(publisher).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    if (organizationNames.size < 10_000) organizationNames.set(publisher, name);
  }
  return name;
}

export function organizationDict(publisher: string, created?: Date) {
  const name = organizationName(publisher);
  return {
    id: name,
    name,
    title: publisher,
    display_name: publisher,
    type: 'organization',
    description: '',
    image_url: '',
    image_display_url: '',
    created: created ? ckanTimestamp(created) : null,
    is_organization: true,
    approval_status: 'approved',
    state: 'active',
  };
}

export function groupDict(theme: string) {
  const name = groupName(theme);
  return {
    id: name,
    name,
    title: themeTitle(theme),
    display_name: themeTitle(theme),
    description: themeUri(theme),
    image_display_url: '',
  };
}

export function tagDict(keyword: string) {
  return { id: keyword, name: keyword, display_name: keyword, state: 'active', vocabulary_id: null };
}

export const OGC_ITEMS = 'ogc-items';

export function resourceId(datasetId: string, kind: string): string {
  return `${datasetId}.${kind}`;
}

/** `<dataset id>.<kind>` → its parts; null when it cannot be one of ours. */
export function parseResourceId(id: string): { datasetId: string; kind: string } | null {
  const dot = id.indexOf('.');
  if (dot <= 0 || dot === id.length - 1) return null;
  return { datasetId: id.slice(0, dot), kind: id.slice(dot + 1) };
}

/** A package's resources: one per download format, and the OGC API items of the collection. */
export function resourceDicts(dataset: DatasetDescription, baseUrl: string) {
  const created = ckanTimestamp(dataset.createdAt);
  const modified = ckanTimestamp(dataset.updatedAt);
  // One literal per resource (a page of 1,000 packages makes 8,000 of them).
  const resource = (position: number, kind: string, name: string, description: string, format: string, mimetype: string, type: string, url: string) => ({
    package_id: dataset.id,
    created,
    last_modified: modified,
    state: 'active',
    url_type: null,
    size: null,
    hash: '',
    // Every resource is the same table: datastore_search reads it whichever resource is named.
    datastore_active: true,
    id: resourceId(dataset.id, kind),
    name,
    description,
    format,
    mimetype,
    resource_type: type,
    url,
    position,
  });
  const formats = formatsFor(dataset);
  return [
    ...formats.map((f, position) =>
      resource(position, f.format, `${dataset.titleTr} (${f.label})`, `${dataset.titleTr}: güncel sürüm, ${f.label} / current version, ${f.label}`, f.label, f.mediaType, 'file', `${baseUrl}${downloadPath(dataset.id, f.format)}`),
    ),
    resource(
      formats.length,
      OGC_ITEMS,
      `${dataset.titleTr} (OGC API – Features)`,
      'OGC API – Features öğeleri (GeoJSON, sayfalı) / OGC API – Features items (GeoJSON, paged)',
      'OGC API Features',
      'application/geo+json',
      'api',
      `${baseUrl}/ogc/collections/${encodeURIComponent(dataset.id)}/items`,
    ),
  ];
}

export function packageDict(dataset: DatasetDescription, baseUrl: string) {
  const licence = licenceOf(dataset.licence);
  const resources = resourceDicts(dataset, baseUrl);
  const organization = organizationDict(dataset.publisher);
  const tags = [...new Set(dataset.keywords)].map(tagDict);
  return {
    id: dataset.id,
    name: dataset.id,
    title: dataset.titleTr,
    notes: dataset.descriptionTr,
    type: 'dataset',
    state: 'active',
    private: !(dataset.published && dataset.access === 'public'),
    author: dataset.publisher,
    author_email: dataset.contactEmail ?? null,
    maintainer: dataset.publisher,
    maintainer_email: dataset.contactEmail ?? null,
    license_id: licence.id,
    license_title: licence.title,
    license_url: licence.url,
    isopen: licence.odConformance,
    url: `${baseUrl}${datasetPagePath(dataset.id)}`,
    version: dataset.currentVersion === null ? null : String(dataset.currentVersion),
    metadata_created: resources[0]!.created,
    metadata_modified: resources[0]!.last_modified,
    owner_org: organization.name,
    organization,
    groups: [groupDict(dataset.theme)],
    tags,
    num_tags: tags.length,
    resources,
    num_resources: resources.length,
    extras: [
      { key: 'title_en', value: dataset.titleEn },
      { key: 'notes_en', value: dataset.descriptionEn },
      { key: 'theme', value: themeUri(dataset.theme) },
      { key: 'frequency', value: dataset.updateFrequency },
      { key: 'frequency_label', value: frequencyTitle(dataset.updateFrequency) },
      { key: 'geometry_type', value: dataset.geometryType ?? '' },
      { key: 'synthetic', value: String(dataset.synthetic) },
    ],
    relationships_as_object: [],
    relationships_as_subject: [],
  };
}

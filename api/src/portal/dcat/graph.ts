import { DataFactory, type Quad, type Quad_Object, type Quad_Subject } from 'n3';
import { foldTurkish, GEOMETRY_COLUMN, visibleColumns, type Dataset } from '@kbs/core';
import { datasetPagePath, downloadPath, formatsFor } from '../formats';
import {
  DATA_THEME_SCHEME,
  DATA_THEMES,
  dataTheme,
  fileType,
  frequency,
  ianaMediaType,
  language,
  NS,
  OGC_API_FEATURES,
} from './vocabulary';

const { namedNode, literal, quad } = DataFactory;

/** A published dataset with what its current version says about its coverage. */
export interface DcatDataset {
  dataset: Dataset;
  /** [minLon, minLat, maxLon, maxLat] of the current version, if it has geometries. */
  bbox: [number, number, number, number] | null;
  /** Earliest and latest value of the temporal column in the current version (ISO 8601), if any. */
  period: { start: string; end: string } | null;
}

export interface CatalogInput {
  /** Absolute base URL of the API, without a trailing slash. */
  baseUrl: string;
  datasets: DcatDataset[];
  /** The district as a feature of the OGC API (the place every dataset covers). */
  district: { code: string; name: string } | null;
}

const MUNICIPALITY = { tr: 'Bağcılar Belediyesi', en: 'Bağcılar Municipality' };

/** The IRIs the documents use; all absolute, from the API's base URL. */
export function iris(baseUrl: string) {
  return {
    catalog: `${baseUrl}/catalog`,
    municipality: `${baseUrl}/catalog#publisher`,
    dataset: (id: string) => `${baseUrl}/api/datasets/${encodeURIComponent(id)}`,
    distribution: (id: string, format: string) => `${baseUrl}/api/datasets/${encodeURIComponent(id)}#distribution-${format}`,
    department: (name: string) => `${baseUrl}/catalog#department-${foldTurkish(name).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`,
    service: `${baseUrl}/ogc`,
  };
}

/**
 * Builds the RDF graph of the catalog (or, given one dataset, of that dataset's document): datasets,
 * their file distributions (one per download format), the OGC API as an access service, and every
 * resource they point at typed as DCAT-AP 3 expects its range (the EU vocabularies are not loaded by
 * harvesters' validators, so licences, themes, frequencies, formats and places carry their class here).
 */
export function buildCatalogGraph(input: CatalogInput, options: { withCatalog: boolean }): Quad[] {
  const { baseUrl } = input;
  const iri = iris(baseUrl);
  const quads: Quad[] = [];
  const seen = new Set<string>();
  const add = (s: Quad_Subject | string, p: string, o: Quad_Object | string) => {
    const subject = typeof s === 'string' ? namedNode(s) : s;
    const object = typeof o === 'string' ? namedNode(o) : o;
    quads.push(quad(subject, namedNode(p), object));
  };
  /** Describes a resource once per document, however many datasets point at it. */
  const once = (key: string, describe: () => void) => {
    if (seen.has(key)) return;
    seen.add(key);
    describe();
  };
  const a = `${NS.rdf}type`;
  const tr = (text: string) => literal(text, 'tr');
  const en = (text: string) => literal(text, 'en');
  const dateTime = (value: string | Date) => literal(new Date(value).toISOString(), namedNode(`${NS.xsd}dateTime`));

  const agent = (subject: string, name: { tr: string; en?: string }) => once(subject, () => {
    add(subject, a, `${NS.foaf}Agent`);
    add(subject, a, `${NS.foaf}Organization`);
    add(subject, `${NS.foaf}name`, tr(name.tr));
    if (name.en) add(subject, `${NS.foaf}name`, en(name.en));
  });
  const typed = (subject: string, type: string, label?: { tr: string; en: string }) => once(`${subject} ${type}`, () => {
    add(subject, a, type);
    if (label) {
      add(subject, `${NS.skos}prefLabel`, tr(label.tr));
      add(subject, `${NS.skos}prefLabel`, en(label.en));
    }
  });

  agent(iri.municipality, MUNICIPALITY);

  // The OGC API – Features: every dataset's rows as a service.
  const serviceDatasets: string[] = [];
  const describeService = () => {
    add(iri.service, a, `${NS.dcat}DataService`);
    add(iri.service, `${NS.dct}title`, tr('Bağcılar Kent Bilgi Sistemi OGC API – Features'));
    add(iri.service, `${NS.dct}title`, en('Bağcılar city information system OGC API – Features'));
    add(iri.service, `${NS.dct}description`, tr('Veri setlerinin kayıtları GeoJSON olarak; sayfalı, bbox, tarih ve CQL2 süzgeçli.'));
    add(iri.service, `${NS.dct}description`, en('The datasets\' records as GeoJSON: paged, filtered by bbox, date and CQL2.'));
    add(iri.service, `${NS.dcat}endpointURL`, iri.service);
    add(iri.service, `${NS.dcat}endpointDescription`, `${baseUrl}/ogc/api`);
    add(iri.service, `${NS.dct}conformsTo`, OGC_API_FEATURES);
    typed(OGC_API_FEATURES, `${NS.dct}Standard`);
    add(iri.service, `${NS.dct}publisher`, iri.municipality);
  };

  for (const { dataset, bbox, period } of input.datasets) {
    const ds = iri.dataset(dataset.id);
    serviceDatasets.push(ds);
    add(ds, a, `${NS.dcat}Dataset`);
    add(ds, `${NS.dct}identifier`, literal(dataset.id));
    add(ds, `${NS.dct}title`, tr(dataset.titleTr));
    add(ds, `${NS.dct}title`, en(dataset.titleEn));
    add(ds, `${NS.dct}description`, tr(dataset.descriptionTr || dataset.titleTr));
    add(ds, `${NS.dct}description`, en(dataset.descriptionEn || dataset.titleEn));
    for (const keyword of dataset.keywords) add(ds, `${NS.dcat}keyword`, literal(keyword));
    add(ds, `${NS.dct}issued`, dateTime(dataset.createdAt));
    add(ds, `${NS.dct}modified`, dateTime(dataset.updatedAt));
    add(ds, `${NS.dcat}landingPage`, `${baseUrl}${datasetPagePath(dataset.id)}`);
    typed(`${baseUrl}${datasetPagePath(dataset.id)}`, `${NS.foaf}Document`);
    for (const code of ['TUR', 'ENG'] as const) {
      add(ds, `${NS.dct}language`, language(code));
      typed(language(code), `${NS.dct}LinguisticSystem`);
    }

    const theme = DATA_THEMES[dataset.theme];
    add(ds, `${NS.dcat}theme`, dataTheme(dataset.theme));
    typed(dataTheme(dataset.theme), `${NS.skos}Concept`, theme ?? { tr: dataset.theme, en: dataset.theme });
    add(dataTheme(dataset.theme), `${NS.skos}inScheme`, DATA_THEME_SCHEME);

    add(ds, `${NS.dct}accrualPeriodicity`, frequency(dataset.updateFrequency));
    typed(frequency(dataset.updateFrequency), `${NS.dct}Frequency`);

    const department = iri.department(dataset.publisher);
    add(ds, `${NS.dct}publisher`, department);
    agent(department, { tr: dataset.publisher });

    if (dataset.contactEmail) {
      const contact = `${ds}#contact`;
      add(ds, `${NS.dcat}contactPoint`, contact);
      add(contact, a, `${NS.vcard}Kind`);
      add(contact, a, `${NS.vcard}Organization`);
      add(contact, `${NS.vcard}fn`, tr(dataset.publisher));
      add(contact, `${NS.vcard}hasEmail`, `mailto:${dataset.contactEmail}`);
    }

    if (period) {
      const time = `${ds}#temporal`;
      add(ds, `${NS.dct}temporal`, time);
      add(time, a, `${NS.dct}PeriodOfTime`);
      add(time, `${NS.dcat}startDate`, dateTime(period.start));
      add(time, `${NS.dcat}endDate`, dateTime(period.end));
    }

    if (input.district) {
      const place = `${baseUrl}/ogc/collections/district/items/${encodeURIComponent(input.district.code)}`;
      add(ds, `${NS.dct}spatial`, place);
      typed(place, `${NS.dct}Location`);
      once(`${place} label`, () => add(place, `${NS.skos}prefLabel`, tr(input.district!.name)));
    }
    if (bbox) {
      const extent = `${ds}#extent`;
      const [x0, y0, x1, y1] = bbox;
      add(ds, `${NS.dct}spatial`, extent);
      add(extent, a, `${NS.dct}Location`);
      add(extent, `${NS.dcat}bbox`, literal(`POLYGON((${x0} ${y0},${x1} ${y0},${x1} ${y1},${x0} ${y1},${x0} ${y0}))`, namedNode(`${NS.gsp}wktLiteral`)));
    }

    // Only the columns the public may see are described (never a personal or internal one).
    const columns = visibleColumns(dataset, 'public').map((c) => c.name);
    if (dataset.geometryType) columns.push(GEOMETRY_COLUMN);
    const licence = /^https?:\/\//.test(dataset.licence) ? dataset.licence : null;
    if (licence) typed(licence, `${NS.dct}LicenseDocument`);

    for (const format of formatsFor(dataset)) {
      const dist = iri.distribution(dataset.id, format.format);
      const url = `${baseUrl}${downloadPath(dataset.id, format.format)}`;
      add(ds, `${NS.dcat}distribution`, dist);
      add(dist, a, `${NS.dcat}Distribution`);
      add(dist, `${NS.dct}title`, tr(`${dataset.titleTr} (${format.label})`));
      add(dist, `${NS.dct}title`, en(`${dataset.titleEn} (${format.label})`));
      add(dist, `${NS.dct}description`, tr(`Güncel sürüm, ${format.label}. Sütunlar: ${columns.join(', ')}`));
      add(dist, `${NS.dct}description`, en(`Current version, ${format.label}. Columns: ${columns.join(', ')}`));
      add(dist, `${NS.dcat}accessURL`, url);
      add(dist, `${NS.dcat}downloadURL`, url);
      add(dist, `${NS.dcat}mediaType`, ianaMediaType(format.mediaType));
      typed(ianaMediaType(format.mediaType), `${NS.dct}MediaType`);
      add(dist, `${NS.dct}format`, fileType(format.euFileType));
      typed(fileType(format.euFileType), `${NS.dct}MediaTypeOrExtent`);
      if (licence) add(dist, `${NS.dct}license`, licence);
    }

    // The same rows through the OGC API: a distribution whose access is the service.
    const api = iri.distribution(dataset.id, 'ogcapi');
    add(ds, `${NS.dcat}distribution`, api);
    add(api, a, `${NS.dcat}Distribution`);
    add(api, `${NS.dct}title`, tr(`${dataset.titleTr} (OGC API – Features)`));
    add(api, `${NS.dct}title`, en(`${dataset.titleEn} (OGC API – Features)`));
    add(api, `${NS.dcat}accessURL`, `${baseUrl}/ogc/collections/${encodeURIComponent(dataset.id)}/items`);
    add(api, `${NS.dcat}accessService`, iri.service);
    add(api, `${NS.dcat}mediaType`, ianaMediaType('application/geo+json'));
    typed(ianaMediaType('application/geo+json'), `${NS.dct}MediaType`);
    add(api, `${NS.dct}format`, fileType('GEOJSON'));
    typed(fileType('GEOJSON'), `${NS.dct}MediaTypeOrExtent`);
    if (licence) add(api, `${NS.dct}license`, licence);
  }

  describeService();
  for (const ds of serviceDatasets) add(iri.service, `${NS.dcat}servesDataset`, ds);

  if (options.withCatalog) {
    add(iri.catalog, a, `${NS.dcat}Catalog`);
    add(iri.catalog, `${NS.dct}title`, tr('Bağcılar Açık Veri Portalı'));
    add(iri.catalog, `${NS.dct}title`, en('Bağcılar Open Data Portal'));
    add(iri.catalog, `${NS.dct}description`, tr('Bağcılar Belediyesi\'nin yayımladığı açık veri setleri.'));
    add(iri.catalog, `${NS.dct}description`, en('Open datasets published by Bağcılar Municipality.'));
    add(iri.catalog, `${NS.dct}publisher`, iri.municipality);
    add(iri.catalog, `${NS.foaf}homepage`, `${baseUrl}/portal`);
    typed(`${baseUrl}/portal`, `${NS.foaf}Document`);
    add(iri.catalog, `${NS.dcat}themeTaxonomy`, DATA_THEME_SCHEME);
    add(DATA_THEME_SCHEME, a, `${NS.skos}ConceptScheme`);
    add(DATA_THEME_SCHEME, `${NS.dct}title`, en('Data theme'));
    for (const code of ['TUR', 'ENG'] as const) add(iri.catalog, `${NS.dct}language`, language(code));
    add(iri.catalog, `${NS.dcat}service`, iri.service);
    for (const ds of serviceDatasets) add(iri.catalog, `${NS.dcat}dataset`, ds);
  }
  return quads;
}

import fs from 'node:fs';
import path from 'node:path';
import rdfDataModel from '@rdfjs/data-model';
import rdfDataset from '@rdfjs/dataset';
import jsonld from 'jsonld';
import { Parser, type Quad, type Term } from 'n3';
import { Validator } from 'shacl-engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/support/engines';
import { startPlatform, type TestPlatform } from '../../../test/support/platform';
import { ROOT } from '../../../test/support/testDatabase';

/** The official DCAT-AP 3.0.1 SHACL shapes (SEMICeu/DCAT-AP, see SOURCES.md there), beside the checkout. */
const SHAPES = path.resolve(ROOT, '../shared/fixtures/dcat-ap/shapes');
const SHAPE_FILES = ['shapes.ttl', 'range.ttl'];
const HAVE_SHAPES = SHAPE_FILES.every((f) => fs.existsSync(path.join(SHAPES, f)));
if (!HAVE_SHAPES) {
  console.warn(`${SHAPES}/{${SHAPE_FILES.join(',')}} are absent: the DCAT-AP SHACL validation tests are skipped (the shapes live in ../shared beside the checkout).`);
}

const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  sh: 'http://www.w3.org/ns/shacl#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
};

const factory = Object.assign(Object.create(rdfDataModel) as typeof rdfDataModel, {
  dataset: (quads?: Iterable<Quad>) => rdfDataset.dataset(quads),
});

function parseTurtle(text: string, baseIRI?: string): Quad[] {
  return new Parser({ format: 'text/turtle', ...(baseIRI ? { baseIRI } : {}) }).parse(text) as unknown as Quad[];
}

async function parseJsonLd(doc: object): Promise<Quad[]> {
  // jsonld.js to N-Quads (the context is inline: nothing is fetched), then n3 reads the N-Quads.
  const nquads = (await jsonld.toRDF(doc as never, { format: 'application/n-quads' })) as unknown as string;
  return new Parser({ format: 'N-Quads' }).parse(nquads) as unknown as Quad[];
}

interface Violation {
  focus: string;
  path: string;
  severity: string;
}

let validator: Validator | null = null;
/** Validates against shapes.ttl + range.ttl; the violations from the SHACL report graph. */
async function validate(quads: Quad[]): Promise<Violation[]> {
  validator ??= new Validator(
    rdfDataset.dataset(SHAPE_FILES.flatMap((f) => parseTurtle(fs.readFileSync(path.join(SHAPES, f), 'utf8')))),
    { factory },
  );
  const report = await validator.validate({ dataset: rdfDataset.dataset(quads) });
  const graph = [...report.dataset];
  const objectOf = (subject: Term, predicate: string) => graph.find((q) => q.subject.equals(subject) && q.predicate.value === predicate)?.object.value ?? '';
  const violations = graph
    .filter((q) => q.predicate.value === `${NS.sh}result`)
    .map((q) => ({ focus: objectOf(q.object, `${NS.sh}focusNode`), path: objectOf(q.object, `${NS.sh}resultPath`), severity: objectOf(q.object, `${NS.sh}resultSeverity`) }))
    .filter((v) => v.severity === `${NS.sh}Violation`);
  expect(report.conforms).toBe(violations.length === 0);
  return violations;
}

const objects = (quads: Quad[], subject: string, predicate: string) =>
  quads.filter((q) => q.subject.value === subject && q.predicate.value === predicate).map((q) => q.object);

describe.each(ENGINES)('DCAT-AP 3 on the %s engine', (engine) => {
  let platform: TestPlatform;
  const documents: Record<string, Quad[]> = {};
  beforeAll(async () => {
    platform = await startPlatform({ engine });
    const get = async (p: string, accept?: string) => {
      const response = await fetch(`${platform.url}${p}`, accept ? { headers: { Accept: accept } } : {});
      expect(response.status, p).toBe(200);
      return { type: response.headers.get('content-type') ?? '', text: await response.text() };
    };
    const catalogTtl = await get('/catalog.ttl');
    expect(catalogTtl.type).toBe('text/turtle; charset=utf-8');
    documents.catalogTtl = parseTurtle(catalogTtl.text);
    const catalogJson = await get('/catalog.jsonld');
    expect(catalogJson.type).toMatch(/^application\/ld\+json/);
    documents.catalogJsonLd = await parseJsonLd(JSON.parse(catalogJson.text));
    documents.datasetTtl = parseTurtle((await get('/api/datasets/facilities/dcat.ttl')).text);
    documents.datasetJsonLd = await parseJsonLd(JSON.parse((await get('/api/datasets/facilities/dcat.jsonld')).text));
    // Content negotiation on the bare paths.
    documents.negotiatedTtl = parseTurtle((await get('/catalog', 'text/turtle')).text);
    documents.negotiatedJsonLd = await parseJsonLd(JSON.parse((await get('/api/datasets/citizen_request_counts/dcat', 'application/ld+json')).text));
  });
  afterAll(async () => {
    await platform?.close();
  });

  const iri = (p: string) => `${platform.url}${p}`;

  it('Turtle and JSON-LD carry the same graph', () => {
    // Blank-node-free documents: the triples compare as N-Triples strings.
    const key = (q: Quad) => `${q.subject.value} ${q.predicate.value} ${q.object.termType}:${q.object.value}@${'language' in q.object ? q.object.language : ''}^${'datatype' in q.object ? q.object.datatype.value : ''}`;
    expect(new Set(documents.catalogJsonLd!.map(key))).toEqual(new Set(documents.catalogTtl!.map(key)));
    expect(new Set(documents.datasetJsonLd!.map(key))).toEqual(new Set(documents.datasetTtl!.map(key)));
    expect(new Set(documents.negotiatedTtl!.map(key))).toEqual(new Set(documents.catalogTtl!.map(key)));
    expect(documents.catalogTtl!.length).toBeGreaterThan(500);
  });

  it('describes the datasets with absolute URIs: titles in Turkish and English, download URLs, licence, theme, publisher, contact, coverage', () => {
    const q = documents.catalogTtl!;
    const facilities = iri('/api/datasets/facilities');
    const titles = objects(q, facilities, `${NS.dct}title`).map((t) => [(t as { language: string }).language, t.value]);
    expect(titles).toEqual(expect.arrayContaining([['tr', 'Tesisler ve kent donatıları'], ['en', 'Facilities and city assets']]));
    const csv = iri('/api/datasets/facilities#distribution-csv');
    expect(objects(q, facilities, `${NS.dcat}distribution`).map((o) => o.value)).toContain(csv);
    expect(objects(q, csv, `${NS.dcat}downloadURL`).map((o) => o.value)).toEqual([iri('/api/datasets/facilities/downloads/csv')]);
    expect(objects(q, csv, `${NS.dcat}mediaType`).map((o) => o.value)).toEqual(['https://www.iana.org/assignments/media-types/text/csv']);
    expect(objects(q, csv, `${NS.dct}format`).map((o) => o.value)).toEqual(['http://publications.europa.eu/resource/authority/file-type/CSV']);
    expect(objects(q, csv, `${NS.dct}license`).map((o) => o.value)).toEqual(['http://publications.europa.eu/resource/authority/licence/CC_BY_4_0']);
    // Seven file formats for a spatial dataset, and the OGC API as the access service.
    expect(objects(q, facilities, `${NS.dcat}distribution`)).toHaveLength(8);
    const api = iri('/api/datasets/facilities#distribution-ogcapi');
    expect(objects(q, api, `${NS.dcat}accessService`).map((o) => o.value)).toEqual([iri('/ogc')]);
    expect(objects(q, iri('/ogc'), `${NS.dcat}endpointURL`).map((o) => o.value)).toEqual([iri('/ogc')]);
    expect(objects(q, facilities, `${NS.dcat}theme`).map((o) => o.value)).toEqual(['http://publications.europa.eu/resource/authority/data-theme/REGI']);
    expect(objects(q, facilities, `${NS.dct}accrualPeriodicity`).map((o) => o.value)).toEqual(['http://publications.europa.eu/resource/authority/frequency/MONTHLY']);
    const publisher = objects(q, facilities, `${NS.dct}publisher`)[0]!.value;
    expect(objects(q, publisher, 'http://xmlns.com/foaf/0.1/name').map((o) => o.value)).toEqual(['Emlak ve İstimlak Müdürlüğü']);
    const contact = objects(q, facilities, `${NS.dcat}contactPoint`)[0]!.value;
    expect(objects(q, contact, 'http://www.w3.org/2006/vcard/ns#hasEmail').map((o) => o.value)).toEqual(['mailto:kbs@bagcilar.bel.tr']);
    const spatial = objects(q, facilities, `${NS.dct}spatial`).map((o) => o.value);
    expect(spatial).toContain(iri('/ogc/collections/district/items/BAGCILAR'));
    const bbox = spatial.flatMap((s) => objects(q, s, `${NS.dcat}bbox`));
    expect(bbox[0]!.value).toMatch(/^POLYGON\(\(28\.\d+ 41\.\d+,/);
    // A non-spatial dataset has no geographic files.
    expect(objects(q, iri('/api/datasets/indicators'), `${NS.dcat}distribution`)).toHaveLength(4);
  });

  it('temporal coverage is the min and max of the temporal column of the current version, over the rows the public may see', async () => {
    const { rows } = await platform.db.knex.raw<{ rows: { lo: Date; hi: Date }[] }>(
      'SELECT min(captured_at) AS lo, max(captured_at) AS hi FROM panoramas WHERE cleared_for_publication');
    const q = documents.catalogTtl!;
    const period = objects(q, iri('/api/datasets/panoramas'), `${NS.dct}temporal`)[0]!.value;
    expect(new Date(objects(q, period, `${NS.dcat}startDate`)[0]!.value).getTime()).toBe(rows[0]!.lo.getTime());
    expect(new Date(objects(q, period, `${NS.dcat}endDate`)[0]!.value).getTime()).toBe(rows[0]!.hi.getTime());
    expect(objects(q, iri('/api/datasets/facilities'), `${NS.dct}temporal`)).toEqual([]);
  });

  it('lists published public datasets only, and never names a column that is not public', async () => {
    const q = documents.catalogTtl!;
    const listed = objects(q, iri('/catalog'), `${NS.dcat}dataset`).map((o) => o.value).sort();
    const { rows } = await platform.db.knex.raw<{ rows: { id: string }[] }>("SELECT id FROM catalog.datasets WHERE published AND access = 'public' ORDER BY id");
    expect(listed).toEqual(rows.map((r) => iri(`/api/datasets/${r.id}`)).sort());
    expect(listed).not.toContain(iri('/api/datasets/citizen_requests'));
    expect(listed).toContain(iri('/api/datasets/citizen_request_counts'));
    const text = q.map((x) => x.object.value).join('\n');
    for (const name of ['applicant_name', 'applicant_phone', 'applicant_national_id', 'opened_at', 'closed_at']) expect(text).not.toContain(name);
    for (const id of ['citizen_requests', 'citizen_request_applicants']) {
      const response = await fetch(iri(`/api/datasets/${id}/dcat.ttl`));
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(((await response.json()) as { parameter: string }).parameter).toBe('id');
    }
  });

  it.runIf(HAVE_SHAPES)('the validator can fail: a dataset without a title and a distribution without an access URL are violations', async () => {
    const facilities = iri('/api/datasets/facilities');
    const csv = iri('/api/datasets/facilities#distribution-csv');
    const broken = documents.datasetTtl!.filter((q) =>
      !(q.subject.value === facilities && q.predicate.value === `${NS.dct}title`) && !(q.subject.value === csv && q.predicate.value === `${NS.dcat}accessURL`));
    const violations = await validate(broken);
    expect(violations).toEqual(expect.arrayContaining([
      { focus: facilities, path: `${NS.dct}title`, severity: `${NS.sh}Violation` },
      { focus: csv, path: `${NS.dcat}accessURL`, severity: `${NS.sh}Violation` },
    ]));
    // A licence that is not typed as a licence document breaks range.ttl.
    const untyped = documents.datasetTtl!.filter((q) => !(q.predicate.value === `${NS.rdf}type` && q.object.value === `${NS.dct}LicenseDocument`));
    expect((await validate(untyped)).map((v) => v.path)).toContain(`${NS.dct}license`);
  });

  it.runIf(HAVE_SHAPES)('every document conforms to the DCAT-AP 3.0.1 shapes (shapes.ttl + range.ttl): zero violations', async () => {
    for (const [name, quads] of Object.entries(documents)) {
      expect(await validate(quads), name).toEqual([]);
    }
  });
});

describe('DCAT-AP 3 behind a proxy', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startPlatform({ engine: 'embedded', env: { PUBLIC_URL: 'https://veri.bagcilar.bel.tr/kbs' } });
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('every IRI of ours is absolute under PUBLIC_URL, whatever host the request came to', async () => {
    const quads = parseTurtle(await (await fetch(`${platform.url}/catalog.ttl`)).text());
    const ours = new Set(quads.flatMap((q) => [q.subject, q.object]).filter((t) => t.termType === 'NamedNode' && !/^(http:\/\/(www\.w3\.org|purl\.org|xmlns\.com|publications\.europa\.eu|www\.opengis\.net)|https:\/\/www\.iana\.org|mailto:)/.test(t.value)).map((t) => t.value));
    expect(ours.size).toBeGreaterThan(50);
    for (const value of ours) expect(value).toMatch(/^https:\/\/veri\.bagcilar\.bel\.tr\/kbs\//);
    expect(ours).toContain('https://veri.bagcilar.bel.tr/kbs/api/datasets/facilities/downloads/geojson');
  });
});

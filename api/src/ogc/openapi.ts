import { DEFAULT_LIMIT, MAX_LIMIT } from './params';
import { SUPPORTED_CRS } from './crs';

/** The OpenAPI 3.0 description of the OGC API (declares limit's default and maximum for QGIS). */
export function ogcOpenApi(baseUrl: string, collectionIds: string[]): object {
  const ref = (name: string) => ({ $ref: `#/components/parameters/${name}` });
  const json = (description: string, type = 'application/json') => ({ description, content: { [type]: { schema: { type: 'object' } } } });
  const problem = { description: 'Problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
  return {
    openapi: '3.0.3',
    info: { title: 'Bağcılar Kent Bilgi Sistemi — OGC API Features', version: '1.0.0', description: 'OGC API – Features Part 1 and 2 over the municipal dataset catalog.' },
    servers: [{ url: `${baseUrl}/ogc` }],
    paths: {
      '/': { get: { operationId: 'getLandingPage', summary: 'Landing page', parameters: [ref('f')], responses: { 200: json('Landing page') } } },
      '/conformance': { get: { operationId: 'getConformance', summary: 'Conformance classes', parameters: [ref('f')], responses: { 200: json('Conformance') } } },
      '/collections': { get: { operationId: 'getCollections', summary: 'Collections', parameters: [ref('f')], responses: { 200: json('Collections') } } },
      '/collections/{collectionId}': { get: { operationId: 'describeCollection', parameters: [ref('collectionId'), ref('f')], responses: { 200: json('Collection'), 404: problem } } },
      '/collections/{collectionId}/items': {
        get: {
          operationId: 'getFeatures',
          parameters: [ref('collectionId'), ref('limit'), ref('offset'), ref('bbox'), ref('bbox-crs'), ref('datetime'), ref('crs'), ref('properties'), ref('sortby'), ref('filter'), ref('filter-lang'), ref('filter-crs'), ref('precision'), ref('f')],
          responses: { 200: json('Features', 'application/geo+json'), 400: problem, 404: problem },
        },
      },
      '/collections/{collectionId}/queryables': {
        get: { operationId: 'getQueryables', parameters: [ref('collectionId')], responses: { 200: json('Queryables (JSON Schema)', 'application/schema+json'), 404: problem } },
      },
      '/collections/{collectionId}/items/{featureId}': {
        get: { operationId: 'getFeature', parameters: [ref('collectionId'), ref('featureId'), ref('crs'), ref('f')], responses: { 200: json('Feature', 'application/geo+json'), 404: problem } },
      },
    },
    components: {
      parameters: {
        f: { name: 'f', in: 'query', required: false, schema: { type: 'string', enum: ['json', 'html'] } },
        collectionId: { name: 'collectionId', in: 'path', required: true, schema: { type: 'string', enum: collectionIds } },
        featureId: { name: 'featureId', in: 'path', required: true, schema: { type: 'string' } },
        limit: { name: 'limit', in: 'query', required: false, style: 'form', explode: false, schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT } },
        offset: { name: 'offset', in: 'query', required: false, schema: { type: 'integer', minimum: 0, default: 0 } },
        bbox: { name: 'bbox', in: 'query', required: false, style: 'form', explode: false, schema: { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } } },
        'bbox-crs': { name: 'bbox-crs', in: 'query', required: false, schema: { type: 'string', format: 'uri', enum: SUPPORTED_CRS.map((c) => c.uri) } },
        crs: { name: 'crs', in: 'query', required: false, schema: { type: 'string', format: 'uri', enum: SUPPORTED_CRS.map((c) => c.uri) } },
        datetime: { name: 'datetime', in: 'query', required: false, schema: { type: 'string' } },
        properties: { name: 'properties', in: 'query', required: false, style: 'form', explode: false, schema: { type: 'array', items: { type: 'string' } } },
        filter: { name: 'filter', in: 'query', required: false, description: 'CQL2 text or JSON (filter-lang); values are bound, identifiers must be queryables', schema: { type: 'string' } },
        'filter-lang': { name: 'filter-lang', in: 'query', required: false, schema: { type: 'string', enum: ['cql2-text', 'cql2-json'], default: 'cql2-text' } },
        'filter-crs': { name: 'filter-crs', in: 'query', required: false, schema: { type: 'string', format: 'uri', enum: ['http://www.opengis.net/def/crs/OGC/1.3/CRS84'] } },
        precision: { name: 'precision', in: 'query', required: false, description: 'decimal places of coordinates', schema: { type: 'integer', minimum: 0, maximum: 15 } },
        sortby: { name: 'sortby', in: 'query', required: false, style: 'form', explode: false, schema: { type: 'array', items: { type: 'string', pattern: '^[+-]?[a-z_][a-z0-9_]*$' } } },
      },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status'],
          properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, parameter: { type: 'string' } },
        },
      },
    },
  };
}

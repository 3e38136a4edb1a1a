import { openApiPaths, type AnyOperation } from '../http/operation';
import { ogcOpenApi } from '../ogc/openapi';

/**
 * The one OpenAPI 3 document of the platform: the operations' own declarations (their schemas
 * validate the requests) plus the OGC API – Features part, whose paths sit under /ogc.
 */
export function apiDocument(baseUrl: string, operations: AnyOperation[], collectionIds: string[]): object {
  const ogc = ogcOpenApi(baseUrl, collectionIds) as { paths: Record<string, Record<string, object>>; components: { parameters: object; schemas: object } };
  const ogcPaths = Object.fromEntries(
    Object.entries(ogc.paths).map(([path, item]) => [
      `/ogc${path === '/' ? '' : path}`,
      Object.fromEntries(Object.entries(item).map(([method, op]) => [method, { ...op, tags: ['OGC API – Features'] }])),
    ]),
  );
  return {
    openapi: '3.0.3',
    info: {
      title: 'Bağcılar Kent Bilgi Sistemi API',
      version: '1.0.0',
      description:
        'Mekânsal sorgular, vektör karolar ve OGC API – Features. Hatalar `application/problem+json` olarak döner ve hatalı parametreyi adlandırır.\n\n' +
        'Spatial queries, vector tiles and OGC API – Features. Errors are `application/problem+json` naming the offending parameter.',
    },
    servers: [{ url: baseUrl }],
    paths: { ...openApiPaths(operations), ...ogcPaths },
    components: ogc.components,
  };
}

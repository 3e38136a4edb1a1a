import type { Context } from 'koa';
import type { Config, Database } from '@kbs/core';
import { publicBaseUrl } from '../../http/baseUrl';
import { operation, type AnyOperation } from '../../http/operation';
import { catalogState, publicCatalog, publicDatasetEntry } from './catalogQuery';
import { buildCatalogGraph, type CatalogInput } from './graph';
import { toJsonLd, toTurtle } from './serialise';

type Serialisation = 'ttl' | 'jsonld';

const TURTLE = 'text/turtle; charset=utf-8';
const JSON_LD = 'application/ld+json';

/** `Accept: text/turtle` gets Turtle; anything else (JSON-LD, JSON, any) JSON-LD. */
function negotiated(ctx: Context): Serialisation {
  return ctx.accepts('application/ld+json', 'application/json', 'text/turtle') === 'text/turtle' ? 'ttl' : 'jsonld';
}

async function serialise(input: CatalogInput, withCatalog: boolean, as: Serialisation): Promise<string> {
  const quads = buildCatalogGraph(input, { withCatalog });
  return as === 'ttl' ? toTurtle(quads) : JSON.stringify(await toJsonLd(quads), null, 1);
}

function send(ctx: Context, body: string, as: Serialisation): void {
  ctx.set('Cache-Control', 'public, max-age=60');
  ctx.vary('Accept');
  ctx.type = as === 'ttl' ? TURTLE : JSON_LD;
  ctx.body = body;
}

/**
 * The whole catalog takes an extent query per dataset and a JSON-LD conversion (about a second on the
 * embedded engine): kept per base URL and serialisation until any dataset's description, publication
 * or version changes.
 */
class CatalogCache {
  private readonly entries = new Map<string, string>();
  async get(key: string, make: () => Promise<string>): Promise<string> {
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const body = await make();
    if (this.entries.size >= 16) this.entries.clear();
    this.entries.set(key, body);
    return body;
  }
}

const ID = { in: 'path' as const, description: 'Veri seti kimliği / dataset id', schema: { type: 'string', pattern: '^[a-z][a-z0-9_-]{1,62}$' } };

/**
 * DCAT-AP 3 for harvesters (the national portal, data.europa.eu): the whole catalog and one document per
 * dataset, in Turtle and JSON-LD (by extension, or by Accept on the bare path). Published public
 * datasets only, whoever asks.
 */
export function dcatOperations(db: Database, config: Config): AnyOperation[] {
  const cache = new CatalogCache();
  const catalog = (as: Serialisation | null, path: string) => operation({
    method: 'get',
    path,
    operationId: `dcatCatalog${as === 'ttl' ? 'Turtle' : as === 'jsonld' ? 'JsonLd' : ''}`,
    tag: 'Açık veri / Open data',
    summary: `DCAT-AP 3 kataloğu / DCAT-AP 3 catalog${as ? ` (${as === 'ttl' ? 'Turtle' : 'JSON-LD'})` : ' (Accept: text/turtle or application/ld+json)'}`,
    responses: { 200: { description: 'The catalog of published datasets', type: as === 'ttl' ? 'text/turtle' : JSON_LD } },
    async handle(ctx) {
      const serialisation = as ?? negotiated(ctx);
      const baseUrl = publicBaseUrl(ctx, config);
      const state = await catalogState(db.knex);
      const body = await cache.get(`${serialisation} ${baseUrl} ${state.key}`, async () =>
        serialise(await publicCatalog(db.knex, baseUrl, state.datasets), true, serialisation));
      send(ctx, body, serialisation);
    },
  });
  const dataset = (as: Serialisation | null, path: string) => operation<{ id: string }>({
    method: 'get',
    path,
    operationId: `dcatDataset${as === 'ttl' ? 'Turtle' : as === 'jsonld' ? 'JsonLd' : ''}`,
    tag: 'Açık veri / Open data',
    summary: `Bir veri setinin DCAT-AP 3 kaydı / One dataset in DCAT-AP 3${as ? ` (${as === 'ttl' ? 'Turtle' : 'JSON-LD'})` : ''}`,
    parameters: { id: ID },
    responses: {
      200: { description: 'The dataset, its distributions and access service', type: as === 'ttl' ? 'text/turtle' : JSON_LD },
      404: { description: 'No published dataset with this id' },
    },
    async handle(ctx, { params }) {
      const entry = await publicDatasetEntry(db.knex, publicBaseUrl(ctx, config), params.id);
      const serialisation = as ?? negotiated(ctx);
      send(ctx, await serialise(entry, false, serialisation), serialisation);
    },
  });
  return [
    catalog('ttl', '/catalog.ttl'),
    catalog('jsonld', '/catalog.jsonld'),
    catalog(null, '/catalog'),
    dataset('ttl', '/api/datasets/{id}/dcat.ttl'),
    dataset('jsonld', '/api/datasets/{id}/dcat.jsonld'),
    dataset(null, '/api/datasets/{id}/dcat'),
  ];
}

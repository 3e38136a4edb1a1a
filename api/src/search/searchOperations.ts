import type { Context } from 'koa';
import { getDataset, invalidParameter, notFound, type Database, type Dataset } from '@kbs/core';
import { canSeeDataset, clearanceOf, requireVisibleDataset } from '../access/clearance';
import { operation, type AnyOperation } from '../http/operation';
import { ADDRESS_COLUMNS, addressNeighbourhoods, doorsOf, neighbourhoodName, streetById, streetsOf, type AddressSources } from './addressQuery';
import { readableFor, search, SEARCH_COLUMNS, type SearchSources } from './searchQuery';
import { searchTerms } from './searchTerms';

const TAG = 'Arama / Search';
/** More results than a search box lists are of no use to it; larger limits are clamped, not refused. */
export const MAX_SEARCH_RESULTS = 50;
const UAVT = '^\\d{1,12}$';

/** The web map's search box and the address cascade (mahalle → street → door) of Turkish city guides. */
export function searchOperations(db: Database): AnyOperation[] {
  const { knex } = db;

  /** Each dataset a search reads, when the caller may see it and every column the search reads of it. */
  async function searchSources(ctx: Context): Promise<SearchSources> {
    const clearance = clearanceOf(ctx);
    const ids = Object.keys(SEARCH_COLUMNS) as (keyof SearchSources)[];
    const datasets = await Promise.all(ids.map((id) => getDataset(knex, id)));
    return Object.fromEntries(ids.map((id, i) => {
      const dataset = datasets[i]!;
      return [id, dataset && canSeeDataset(dataset, clearance) ? readableFor(dataset, clearance, SEARCH_COLUMNS[id]) : null];
    })) as unknown as SearchSources;
  }

  /** The address register as the caller may read it: 404, or 410 with the reason when it was unpublished. */
  async function addressSources(ctx: Context, parameter: string): Promise<AddressSources> {
    const clearance = clearanceOf(ctx);
    const visible = async (id: keyof typeof ADDRESS_COLUMNS): Promise<Dataset> => {
      const dataset = requireVisibleDataset(await getDataset(knex, id), clearance, { detail: `The address register (dataset "${id}") is not available`, parameter });
      const readable = readableFor(dataset, clearance, ADDRESS_COLUMNS[id]);
      if (!readable) throw notFound(`The address register (dataset "${id}") is not available`, parameter);
      return readable;
    };
    const [neighbourhoods, streets, addresses] = await Promise.all([visible('neighbourhoods'), visible('streets'), visible('addresses')]);
    return { neighbourhoods, streets, addresses, clearance };
  }

  const badRequest = { 400: { description: 'A parameter is not valid' } };
  const unavailable = { 404: { description: 'No such mahalle or street, or no address register' }, 410: { description: 'The address register was unpublished' } };

  return [
    operation<{ q: string; limit: number }>({
      method: 'get',
      path: '/api/search',
      operationId: 'search',
      tag: TAG,
      summary: 'Mahalle, tesis, sokak ve adres arama / Search mahalle, facilities, streets and addresses',
      description: 'Turkish-aware ("inonu" finds "İnönü"): each word of the query must begin a word of the name. A query that ends in a door number after street words ("inonu cad 12") also finds building addresses. Only datasets the caller may see are searched.',
      parameters: {
        q: { in: 'query', required: true, description: 'What to look for', schema: { type: 'string', minLength: 1, maxLength: 200 } },
        limit: { in: 'query', description: `Most results (at most ${MAX_SEARCH_RESULTS}; larger values are clamped)`, schema: { type: 'integer', minimum: 1, default: 10 } },
      },
      responses: { 200: { description: 'Results, best first: kind, name, mahalle, bbox and point', type: 'application/json' }, ...badRequest },
      async handle(ctx, { params }) {
        const terms = searchTerms(params.q);
        if (!terms) throw invalidParameter('q', 'q must contain a letter or a digit');
        const limit = Math.min(params.limit, MAX_SEARCH_RESULTS);
        ctx.body = { query: params.q, limit, results: await search(knex, await searchSources(ctx), terms, limit, clearanceOf(ctx)) };
      },
    }),
    operation({
      method: 'get',
      path: '/api/addresses/neighbourhoods',
      operationId: 'addressNeighbourhoods',
      tag: TAG,
      summary: 'Adres arama: mahalleler / Address search: the mahalle',
      description: 'The first step of the address search: the mahalle that have streets, in Turkish alphabetical order.',
      responses: { 200: { description: 'Mahalle with their street counts', type: 'application/json' }, ...unavailable },
      async handle(ctx) {
        ctx.body = { neighbourhoods: await addressNeighbourhoods(knex, await addressSources(ctx, 'addresses')) };
      },
    }),
    operation<{ mahalle: string }>({
      method: 'get',
      path: '/api/addresses/streets',
      operationId: 'addressStreets',
      tag: TAG,
      summary: 'Adres arama: mahallenin sokakları / Address search: the streets of a mahalle',
      parameters: { mahalle: { in: 'query', required: true, description: 'UAVT code of the mahalle', schema: { type: 'string', pattern: UAVT } } },
      responses: { 200: { description: 'The streets, with their door counts', type: 'application/json' }, ...badRequest, ...unavailable },
      async handle(ctx, { params }) {
        const sources = await addressSources(ctx, 'mahalle');
        const name = await neighbourhoodName(knex, sources, params.mahalle);
        if (!name) throw notFound(`There is no mahalle with UAVT code ${params.mahalle}`, 'mahalle');
        ctx.body = { mahalle: { uavt_code: params.mahalle, name }, streets: await streetsOf(knex, sources, params.mahalle) };
      },
    }),
    operation<{ street: string }>({
      method: 'get',
      path: '/api/addresses/doors',
      operationId: 'addressDoors',
      tag: TAG,
      summary: 'Adres arama: sokağın kapı numaraları / Address search: the doors of a street',
      parameters: { street: { in: 'query', required: true, description: 'Street code, as the streets step gives it', schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,40}$' } } },
      responses: { 200: { description: 'Door numbers in order, each with the building’s position', type: 'application/json' }, ...badRequest, ...unavailable },
      async handle(ctx, { params }) {
        const sources = await addressSources(ctx, 'street');
        const street = await streetById(knex, sources, params.street);
        if (!street) throw notFound(`There is no street with code ${params.street}`, 'street');
        ctx.body = { street, doors: await doorsOf(knex, sources, params.street) };
      },
    }),
  ];
}

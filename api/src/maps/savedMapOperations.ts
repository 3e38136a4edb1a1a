import { conflict, notFound, type Database } from '@kbs/core';
import { principalOf } from '../access/principal';
import { operation, type AnyOperation, type JsonSchema, type ParameterSpec } from '../http/operation';
import { createSavedMap, deleteSavedMap, listSavedMaps, readSavedMap, updateSavedMap, type SavedMapChange } from './savedMapsQuery';

const TAG = 'Kayıtlı haritalar / Saved maps';
const MAP_ID: ParameterSpec = { in: 'path', description: 'Saved map id', schema: { type: 'integer', minimum: 1, maximum: 2147483647 } };
const NAME: JsonSchema = { type: 'string', minLength: 1, maxLength: 120, pattern: '\\S' };
/** The web map's state document; its shape is the web app's (and versioned by it), the API checks only the envelope. */
const DOCUMENT: JsonSchema = {
  type: 'object',
  required: ['version', 'state'],
  properties: { version: { type: 'integer', minimum: 1, maximum: 1000 }, state: { type: 'object' } },
  description: 'The map state with its schema version ({ version, state }), as the web map writes it',
};
const NOT_FOUND = 'There is no saved map with that id that you may open';

/** Named maps of the web map, private to their owner or shared with every signed-in user. */
export function savedMapOperations(db: Database): AnyOperation[] {
  const { knex } = db;
  const common = { tag: TAG, permission: 'saved-maps' as const };
  return [
    operation({
      ...common,
      method: 'get',
      path: '/api/maps',
      operationId: 'listSavedMaps',
      summary: 'Kayıtlı haritalar / Saved maps',
      description: 'The caller’s own maps and the shared ones, without their documents.',
      responses: { 200: { description: 'Saved maps', type: 'application/json' } },
      async handle(ctx) {
        const actor = principalOf(ctx).actor;
        ctx.set('Cache-Control', 'no-store');
        ctx.body = { maps: (await listSavedMaps(knex, actor)).map((m) => ({ ...m, own: m.owner === actor })) };
      },
    }),
    operation<{ mapId: number }>({
      ...common,
      method: 'get',
      path: '/api/maps/{mapId}',
      operationId: 'readSavedMap',
      summary: 'Kayıtlı harita / A saved map',
      parameters: { mapId: MAP_ID },
      responses: { 200: { description: 'The map with its document', type: 'application/json' }, 404: { description: 'Not found or private' } },
      async handle(ctx, { params }) {
        const actor = principalOf(ctx).actor;
        const map = await readSavedMap(knex, params.mapId, actor);
        if (!map) throw notFound(NOT_FOUND, 'mapId');
        ctx.set('Cache-Control', 'no-store');
        ctx.body = { ...map, own: map.owner === actor };
      },
    }),
    operation<Record<string, never>, { name: string; shared?: boolean; document: { version: number } }>({
      ...common,
      method: 'post',
      path: '/api/maps',
      operationId: 'createSavedMap',
      summary: 'Haritayı kaydet / Save a map',
      body: {
        description: 'Name, sharing and the map document',
        schema: { type: 'object', required: ['name', 'document'], additionalProperties: false, properties: { name: NAME, shared: { type: 'boolean', default: false }, document: DOCUMENT } },
      },
      responses: { 201: { description: 'Saved', type: 'application/json' }, 400: { description: 'Malformed' }, 409: { description: 'You already have a map of that name' } },
      async handle(ctx, { body }) {
        const owner = principalOf(ctx).actor;
        const map = await createSavedMap(knex, { name: body.name.trim(), owner, shared: body.shared ?? false, document: body.document });
        if (!map) throw conflict(`You already have a map named "${body.name.trim()}"; change it instead (PATCH /api/maps/{mapId}).`, 'name');
        ctx.status = 201;
        ctx.set('Location', `/api/maps/${map.id}`);
        ctx.body = { ...map, own: true };
      },
    }),
    operation<{ mapId: number }, SavedMapChange>({
      ...common,
      method: 'patch',
      path: '/api/maps/{mapId}',
      operationId: 'updateSavedMap',
      summary: 'Kayıtlı haritayı değiştir / Change a saved map',
      description: 'Only the owner may change a map.',
      parameters: { mapId: MAP_ID },
      body: {
        description: 'What changes',
        schema: { type: 'object', minProperties: 1, additionalProperties: false, properties: { name: NAME, shared: { type: 'boolean' }, document: DOCUMENT } },
      },
      responses: { 200: { description: 'Changed', type: 'application/json' }, 400: { description: 'Malformed' }, 404: { description: 'Not your map' }, 409: { description: 'Name taken' } },
      async handle(ctx, { params, body }) {
        const owner = principalOf(ctx).actor;
        const result = await updateSavedMap(knex, params.mapId, owner, { ...body, ...(body.name !== undefined ? { name: body.name.trim() } : {}) });
        if (result === 'missing') throw notFound('There is no saved map of yours with that id', 'mapId');
        if (result === 'duplicate') throw conflict('You already have a map of that name', 'name');
        ctx.body = { ...result, own: true };
      },
    }),
    operation<{ mapId: number }>({
      ...common,
      method: 'delete',
      path: '/api/maps/{mapId}',
      operationId: 'deleteSavedMap',
      summary: 'Kayıtlı haritayı sil / Delete a saved map',
      description: 'Only the owner may delete a map.',
      parameters: { mapId: MAP_ID },
      responses: { 204: { description: 'Deleted' }, 404: { description: 'Not your map' } },
      async handle(ctx, { params }) {
        if (!(await deleteSavedMap(knex, params.mapId, principalOf(ctx).actor))) throw notFound('There is no saved map of yours with that id', 'mapId');
        ctx.status = 204;
      },
    }),
  ];
}

import { conflict, forbidden, getDataset, notFound, recordAudit, invalidParameter, type Database } from '@kbs/core';
import { DatasetBusyError, editFeatures, FeatureEditError, type FeatureEdit, type FeatureEditResult, type GeoJSONGeometry } from '@kbs/etl';
import type { Context } from 'koa';
import { clearanceOf, requireVisibleDataset } from '../access/clearance';
import { allows } from '../access/permissions';
import { principalOf } from '../access/principal';
import { operation, type AnyOperation, type JsonSchema, type ParameterSpec } from '../http/operation';

const TAG = 'Sayısallaştırma / Digitising';
const COLLECTION: ParameterSpec = { in: 'path', description: 'An editable dataset (see the catalog: editable)', schema: { type: 'string', pattern: '^[a-z][a-z0-9_-]{1,62}$' } };
const FEATURE_ID: ParameterSpec = { in: 'path', description: 'The feature id', schema: { type: 'string', minLength: 1, maxLength: 200 } };
const GEOMETRY: JsonSchema = {
  type: 'object',
  required: ['type', 'coordinates'],
  additionalProperties: false,
  properties: { type: { type: 'string', enum: ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'] }, coordinates: { type: 'array', maxItems: 100_000 } },
};
const PROPERTIES: JsonSchema = { type: 'object', maxProperties: 100 };
const RESPONSES = { 400: { description: 'An unknown column, a wrong type or a wrong geometry (named)' }, 401: { description: 'Not signed in' }, 403: { description: 'Not an editor of this dataset' }, 404: { description: 'No such dataset or feature' }, 409: { description: 'A load or rollback of the dataset is running' } };

/**
 * Digitising from the map: editors draw, change and delete features of editable datasets. Each request
 * is one new version of the dataset (see `editFeatures`), recorded with the editor in the audit log.
 */
export function featureEditOperations(db: Database): AnyOperation[] {
  const { knex } = db;

  async function edit(ctx: Context, collection: string, change: FeatureEdit): Promise<FeatureEditResult> {
    const dataset = requireVisibleDataset(await getDataset(knex, collection), clearanceOf(ctx), { detail: `There is no collection "${collection}"`, parameter: 'collection' });
    const principal = principalOf(ctx);
    if (!dataset.editable) throw forbidden(`Collection "${collection}" is not editable`, 'collection');
    if (!allows(principal, 'edit-features', dataset.id)) throw forbidden(`${principal.actor} may not edit ${dataset.id}`, 'collection');
    let result: FeatureEditResult;
    try {
      result = await editFeatures(knex, dataset.id, [change], principal.actor);
    } catch (error) {
      if (error instanceof DatasetBusyError) throw conflict(error.message, 'collection');
      if (!(error instanceof FeatureEditError)) throw error;
      if (error.field === 'featureId') throw notFound(error.message, 'featureId');
      if (/already has/.test(error.message)) throw conflict(error.message, error.field);
      throw invalidParameter(error.field, error.message);
    }
    const id = result.ids[0]!;
    await recordAudit(knex, {
      actor: principal.actor,
      action: 'feature-edit',
      target: `dataset:${dataset.id}/feature:${id}`,
      address: ctx.ip,
      details: { kind: change.kind, version: result.version, before: result.before[id] ?? null, after: result.after[id] ?? null },
    });
    ctx.set('Cache-Control', 'no-store');
    return result;
  }

  const answer = (result: FeatureEditResult) => ({ id: result.ids[0], version: result.version, feature: result.after[result.ids[0]!] ?? null });

  return [
    operation<{ collection: string }, { type: 'Feature'; geometry: GeoJSONGeometry; properties?: Record<string, unknown> }>({
      method: 'post',
      path: '/api/collections/{collection}/features',
      operationId: 'createFeature',
      permission: 'edit-features',
      tag: TAG,
      summary: 'Obje çiz / Draw a feature',
      description: 'A GeoJSON Feature in WGS84; its properties are checked against the catalog. The id is generated unless given.',
      parameters: { collection: COLLECTION },
      body: { description: 'GeoJSON Feature', schema: { type: 'object', required: ['type', 'geometry'], additionalProperties: false, properties: { type: { type: 'string', enum: ['Feature'] }, geometry: GEOMETRY, properties: PROPERTIES } } },
      responses: { 201: { description: 'Drawn: the id and the new version', type: 'application/json' }, ...RESPONSES, 409: { description: 'The id exists, or a load or rollback of the dataset is running' } },
      async handle(ctx, { params, body }) {
        const result = await edit(ctx, params.collection, { kind: 'create', geometry: body.geometry, properties: body.properties ?? {} });
        ctx.status = 201;
        ctx.body = answer(result);
      },
    }),
    operation<{ collection: string; featureId: string }, { geometry?: GeoJSONGeometry; properties?: Record<string, unknown> }>({
      method: 'patch',
      path: '/api/collections/{collection}/features/{featureId}',
      operationId: 'updateFeature',
      permission: 'edit-features',
      tag: TAG,
      summary: 'Objeyi değiştir / Change a feature',
      description: 'New values for some properties, a new geometry, or both.',
      parameters: { collection: COLLECTION, featureId: FEATURE_ID },
      body: { description: 'Changes', schema: { type: 'object', additionalProperties: false, minProperties: 1, properties: { geometry: GEOMETRY, properties: PROPERTIES } } },
      responses: { 200: { description: 'Changed', type: 'application/json' }, ...RESPONSES },
      async handle(ctx, { params, body }) {
        ctx.body = answer(await edit(ctx, params.collection, { kind: 'update', id: params.featureId, ...body }));
      },
    }),
    operation<{ collection: string; featureId: string }>({
      method: 'delete',
      path: '/api/collections/{collection}/features/{featureId}',
      operationId: 'deleteFeature',
      permission: 'edit-features',
      tag: TAG,
      summary: 'Objeyi sil / Delete a feature',
      parameters: { collection: COLLECTION, featureId: FEATURE_ID },
      responses: { 204: { description: 'Deleted' }, ...RESPONSES },
      async handle(ctx, { params }) {
        await edit(ctx, params.collection, { kind: 'delete', id: params.featureId });
        ctx.status = 204;
      },
    }),
  ];
}

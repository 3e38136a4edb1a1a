import {
  applyMetadataChanges,
  conflict,
  forbidden,
  EDITABLE_METADATA,
  getDataset,
  invalidParameter,
  listDatasets,
  notFound,
  recordAudit,
  setPublication,
  type Database,
  type Dataset,
  type MetadataChanges,
} from '@kbs/core';
import type { Context } from 'koa';
import { clearanceOf, requireVisibleDataset } from '../../access/clearance';
import { allows } from '../../access/permissions';
import { principalOf } from '../../access/principal';
import { operation, type AnyOperation, type JsonSchema, type ParameterSpec } from '../../http/operation';
import { EU_FREQUENCIES, EU_THEMES, metadataCompleteness } from './completeness';
import { deleteMetadataDraft, getMetadataDraft, listMetadataDrafts, saveMetadataDraft } from './metadataDrafts';

const TAG = 'Yayımlama / Publishing';
const DATASET: Record<string, ParameterSpec> = {
  dataset: { in: 'path', description: 'Dataset id', schema: { type: 'string', pattern: '^[a-z][a-z0-9_-]{1,62}$' } },
};
const TEXT = (max: number): JsonSchema => ({ type: 'string', minLength: 1, maxLength: max });

/** What an editor may draft; the same fields `applyMetadataChanges` writes. */
const CHANGES_SCHEMA: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    titleTr: TEXT(200),
    titleEn: TEXT(200),
    descriptionTr: TEXT(5000),
    descriptionEn: TEXT(5000),
    theme: { type: 'string', enum: [...EU_THEMES] },
    keywords: { type: 'array', maxItems: 30, uniqueItems: true, items: TEXT(60) },
    licence: { type: 'string', format: 'uri', maxLength: 300 },
    publisher: TEXT(200),
    contactEmail: { type: 'string', format: 'email', maxLength: 200 },
    updateFrequency: { type: 'string', enum: [...EU_FREQUENCIES] },
  },
};

/** The dataset with the draft applied: what approving would publish. */
function withChanges(dataset: Dataset, changes: MetadataChanges): Dataset {
  return { ...dataset, ...changes };
}

/**
 * Publishing: a department editor drafts a dataset's metadata, a publisher approves it or publishes and
 * unpublishes the dataset (the reason is kept and given to every public interface as 410).
 */
export function publishingOperations(db: Database): AnyOperation[] {
  const { knex } = db;

  async function datasetForEditing(ctx: Context, id: string): Promise<Dataset> {
    const dataset = await getDataset(knex, id);
    if (!dataset) throw notFound(`There is no dataset "${id}"`, 'dataset');
    const principal = principalOf(ctx);
    if (!allows(principal, 'edit-metadata', id)) throw forbidden(`${principal.actor} may not edit the metadata of ${id}`, 'dataset');
    return dataset;
  }

  async function draftDocument(dataset: Dataset) {
    const draft = await getMetadataDraft(knex, dataset.id);
    return {
      dataset: dataset.id,
      published: dataset.published,
      draft,
      completeness: metadataCompleteness(dataset),
      completenessIfApproved: draft ? metadataCompleteness(withChanges(dataset, draft.changes)) : null,
    };
  }

  return [
    operation({
      method: 'get',
      path: '/api/publishing/datasets',
      operationId: 'listPublishingDatasets',
      permission: 'edit-metadata',
      tag: TAG,
      summary: 'Yayımlama listesi / Datasets to publish',
      description: 'The datasets the caller may edit (a department editor: their own), with their metadata, publication state, draft and completeness.',
      responses: { 200: { description: 'Datasets', type: 'application/json' }, 401: { description: 'Not signed in' }, 403: { description: 'No editing role' } },
      async handle(ctx) {
        const principal = principalOf(ctx);
        const [datasets, drafts] = await Promise.all([listDatasets(knex), listMetadataDrafts(knex)]);
        ctx.set('Cache-Control', 'no-store');
        ctx.body = {
          themes: EU_THEMES,
          frequencies: EU_FREQUENCIES,
          datasets: datasets
            .filter((d) => allows(principal, 'edit-metadata', d.id))
            .map((d) => ({
              id: d.id,
              access: d.access,
              published: d.published,
              unpublishedAt: d.unpublishedAt,
              unpublishedReason: d.unpublishedReason,
              metadata: Object.fromEntries(EDITABLE_METADATA.map((field) => [field, d[field] ?? null])),
              draft: drafts.get(d.id) ?? null,
              completeness: metadataCompleteness(d),
            })),
        };
      },
    }),
    operation<{ dataset: string }>({
      method: 'get',
      path: '/api/datasets/{dataset}/completeness',
      operationId: 'metadataCompleteness',
      tag: TAG,
      summary: 'Üst veri doluluk puanı / Metadata completeness score',
      description: 'A 0–100 score with the checks behind it (descriptions, keywords, licence, contact, column dictionary, units).',
      parameters: DATASET,
      responses: { 200: { description: 'Score and checks', type: 'application/json' }, 404: { description: 'No such dataset' }, 410: { description: 'Unpublished' } },
      async handle(ctx, { params }) {
        const dataset = requireVisibleDataset(await getDataset(knex, params.dataset), clearanceOf(ctx), { detail: `There is no dataset "${params.dataset}"`, parameter: 'dataset' });
        ctx.body = { dataset: dataset.id, ...metadataCompleteness(dataset) };
      },
    }),
    operation<{ dataset: string }>({
      method: 'get',
      path: '/api/datasets/{dataset}/metadata-draft',
      operationId: 'getMetadataDraft',
      permission: 'edit-metadata',
      tag: TAG,
      summary: 'Üst veri taslağı / Metadata draft',
      parameters: DATASET,
      responses: { 200: { description: 'The draft (or null) and the completeness now and after approval', type: 'application/json' }, 401: { description: 'Not signed in' }, 403: { description: 'Not an editor of this dataset' }, 404: { description: 'No such dataset' } },
      async handle(ctx, { params }) {
        ctx.set('Cache-Control', 'no-store');
        ctx.body = await draftDocument(await datasetForEditing(ctx, params.dataset));
      },
    }),
    operation<{ dataset: string }, MetadataChanges>({
      method: 'patch',
      path: '/api/datasets/{dataset}/metadata-draft',
      operationId: 'draftMetadata',
      permission: 'edit-metadata',
      tag: TAG,
      summary: 'Üst veri taslağı yaz / Draft metadata changes',
      description: 'Adds the given fields to the dataset\'s draft; nothing public changes until a publisher approves it.',
      parameters: DATASET,
      body: { description: 'Fields to change', schema: CHANGES_SCHEMA },
      responses: { 200: { description: 'The draft', type: 'application/json' }, 400: { description: 'Invalid field' }, 401: { description: 'Not signed in' }, 403: { description: 'Not an editor of this dataset' }, 404: { description: 'No such dataset' } },
      async handle(ctx, { params, body }) {
        const dataset = await datasetForEditing(ctx, params.dataset);
        const actor = principalOf(ctx).actor;
        await saveMetadataDraft(knex, dataset.id, body, actor);
        await recordAudit(knex, { actor, action: 'metadata-draft', target: `dataset:${dataset.id}`, address: ctx.ip, details: { changes: body } });
        ctx.set('Cache-Control', 'no-store');
        ctx.body = await draftDocument(dataset);
      },
    }),
    operation<{ dataset: string }>({
      method: 'delete',
      path: '/api/datasets/{dataset}/metadata-draft',
      operationId: 'discardMetadataDraft',
      permission: 'edit-metadata',
      tag: TAG,
      summary: 'Taslağı sil / Discard the draft',
      parameters: DATASET,
      responses: { 204: { description: 'Discarded' }, 401: { description: 'Not signed in' }, 403: { description: 'Not an editor of this dataset' }, 404: { description: 'No such dataset or no draft' } },
      async handle(ctx, { params }) {
        const dataset = await datasetForEditing(ctx, params.dataset);
        if (!(await deleteMetadataDraft(knex, dataset.id))) throw notFound(`Dataset "${dataset.id}" has no draft`, 'dataset');
        await recordAudit(knex, { actor: principalOf(ctx).actor, action: 'metadata-discard', target: `dataset:${dataset.id}`, address: ctx.ip });
        ctx.status = 204;
      },
    }),
    operation<{ dataset: string }>({
      method: 'post',
      path: '/api/datasets/{dataset}/metadata-draft/approve',
      operationId: 'approveMetadataDraft',
      permission: 'publish',
      tag: TAG,
      summary: 'Taslağı onayla / Approve the draft',
      description: 'Applies the draft to the catalog (every interface shows it at once) and removes it.',
      parameters: DATASET,
      responses: { 200: { description: 'Approved', type: 'application/json' }, 401: { description: 'Not signed in' }, 403: { description: 'Not a publisher' }, 404: { description: 'No such dataset' }, 409: { description: 'No draft to approve' } },
      async handle(ctx, { params }) {
        const dataset = await getDataset(knex, params.dataset);
        if (!dataset) throw notFound(`There is no dataset "${params.dataset}"`, 'dataset');
        const applied = await knex.transaction(async (trx) => {
          const draft = await getMetadataDraft(trx, dataset.id);
          if (!draft) return null;
          await applyMetadataChanges(trx, dataset.id, draft.changes);
          await deleteMetadataDraft(trx, dataset.id);
          await recordAudit(trx, { actor: principalOf(ctx).actor, action: 'metadata-approve', target: `dataset:${dataset.id}`, address: ctx.ip, details: { author: draft.author, changes: draft.changes } });
          return draft;
        });
        if (!applied) throw conflict(`Dataset "${dataset.id}" has no draft to approve`, 'dataset');
        const updated = (await getDataset(knex, dataset.id))!;
        ctx.set('Cache-Control', 'no-store');
        ctx.body = { dataset: updated.id, approved: applied.changes, author: applied.author, completeness: metadataCompleteness(updated) };
      },
    }),
    operation<{ dataset: string }, { published: boolean; reason?: string }>({
      method: 'post',
      path: '/api/datasets/{dataset}/publication',
      operationId: 'setPublication',
      permission: 'publish',
      tag: TAG,
      summary: 'Yayımla / kaldır — Publish or unpublish',
      description: 'Unpublishing needs a reason: the dataset keeps its URLs, which answer 410 Gone with it.',
      parameters: DATASET,
      body: {
        description: 'published, and the reason when unpublishing',
        schema: {
          type: 'object',
          additionalProperties: false,
          required: ['published'],
          properties: { published: { type: 'boolean' }, reason: { type: 'string', minLength: 10, maxLength: 1000, description: 'Required to unpublish' } },
        },
      },
      responses: { 200: { description: 'The new state', type: 'application/json' }, 400: { description: 'Invalid (a reason is required to unpublish)' }, 401: { description: 'Not signed in' }, 403: { description: 'Not a publisher' }, 404: { description: 'No such dataset' }, 409: { description: 'The dataset may not be public' } },
      async handle(ctx, { params, body }) {
        const dataset = await getDataset(knex, params.dataset);
        if (!dataset) throw notFound(`There is no dataset "${params.dataset}"`, 'dataset');
        if (!body.published && !body.reason) throw invalidParameter('reason', 'a reason is required to unpublish: the dataset\'s URLs will give it');
        if (body.published && dataset.access !== 'public') throw conflict(`Dataset "${dataset.id}" is ${dataset.access}: only its public aggregates can be published`, 'published');
        await setPublication(knex, dataset.id, body.published ? { published: true } : { published: false, reason: body.reason! });
        await recordAudit(knex, { actor: principalOf(ctx).actor, action: body.published ? 'publish' : 'unpublish', target: `dataset:${dataset.id}`, address: ctx.ip, details: body.published ? {} : { reason: body.reason } });
        const updated = (await getDataset(knex, dataset.id))!;
        ctx.set('Cache-Control', 'no-store');
        ctx.body = { dataset: updated.id, published: updated.published, unpublishedAt: updated.unpublishedAt, unpublishedReason: updated.unpublishedReason };
      },
    }),
  ];
}

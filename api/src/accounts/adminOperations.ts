import { Readable } from 'node:stream';
import { notFound, recordAudit, type Database } from '@kbs/core';
import { createApiKey, listApiKeys, revokeApiKey } from '../access/apiKeys';
import { ACTIONS, STAFF_ROLES, type Action, type StaffRole } from '../access/permissions';
import { principalOf } from '../access/principal';
import { createUser, listUsers, updateUser, type UserChanges } from '../access/users';
import { operation, type AnyOperation, type JsonSchema } from '../http/operation';
import { auditCsv, queryAudit, type AuditQuery } from './auditQuery';

const TAG = 'Yönetim / Administration';
const USERNAME: JsonSchema = { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{1,63}$' };
const ROLE: JsonSchema = { type: 'string', enum: STAFF_ROLES };
const DATASETS: JsonSchema = { type: 'array', maxItems: 200, items: { type: 'string', pattern: '^[a-z][a-z0-9_]*$' } };
const PASSWORD: JsonSchema = { type: 'string', minLength: 12, maxLength: 1024 };

/** Users, API keys and the audit log: the city-information office's administration (role admin). */
export function adminOperations(db: Database): AnyOperation[] {
  const { knex } = db;
  return [
    operation({
      method: 'get',
      path: '/api/admin/users',
      operationId: 'listUsers',
      permission: 'manage-users',
      tag: TAG,
      summary: 'Kullanıcılar / Users',
      responses: { 200: { description: 'Users (without password hashes)', type: 'application/json' }, 401: { description: 'Not signed in' }, 403: { description: 'Not an administrator' } },
      async handle(ctx) {
        ctx.set('Cache-Control', 'no-store');
        ctx.body = { users: await listUsers(knex) };
      },
    }),
    operation<Record<string, never>, { username: string; display_name: string; role: StaffRole; datasets: string[]; password: string }>({
      method: 'post',
      path: '/api/admin/users',
      operationId: 'createUser',
      permission: 'manage-users',
      tag: TAG,
      summary: 'Kullanıcı ekle / Create a user',
      body: {
        description: 'The new user; datasets limit a department editor',
        schema: {
          type: 'object',
          required: ['username', 'display_name', 'role', 'password'],
          additionalProperties: false,
          properties: { username: USERNAME, display_name: { type: 'string', minLength: 1, maxLength: 200 }, role: ROLE, datasets: { ...DATASETS, default: [] }, password: PASSWORD },
        },
      },
      responses: { 201: { description: 'Created', type: 'application/json' }, 400: { description: 'Invalid' }, 401: { description: 'Not signed in' }, 403: { description: 'Not an administrator' }, 409: { description: 'The user name is taken' } },
      async handle(ctx, { body }) {
        const user = await createUser(knex, body);
        await recordAudit(knex, { actor: principalOf(ctx).actor, action: 'user-create', target: `user:${user.username}`, address: ctx.ip, details: { after: user } });
        ctx.status = 201;
        ctx.body = user;
      },
    }),
    operation<{ username: string }, UserChanges>({
      method: 'patch',
      path: '/api/admin/users/{username}',
      operationId: 'updateUser',
      permission: 'manage-users',
      tag: TAG,
      summary: 'Kullanıcıyı değiştir / Change a user',
      description: 'Changing the role or password, or disabling, ends the user’s sessions.',
      parameters: { username: { in: 'path', description: 'User name', schema: USERNAME } },
      body: {
        description: 'The fields to change',
        schema: {
          type: 'object',
          minProperties: 1,
          additionalProperties: false,
          properties: { display_name: { type: 'string', minLength: 1, maxLength: 200 }, role: ROLE, datasets: DATASETS, disabled: { type: 'boolean' }, password: PASSWORD },
        },
      },
      responses: { 200: { description: 'The user after the change', type: 'application/json' }, 400: { description: 'Invalid' }, 401: { description: 'Not signed in' }, 403: { description: 'Not an administrator' }, 404: { description: 'Unknown user' } },
      async handle(ctx, { params, body }) {
        const changed = await updateUser(knex, params.username, body);
        if (!changed) throw notFound(`There is no user "${params.username}"`, 'username');
        const details = { before: changed.before, after: changed.after, ...(body.password !== undefined ? { password: 'changed' } : {}) };
        await recordAudit(knex, { actor: principalOf(ctx).actor, action: 'user-update', target: `user:${params.username}`, address: ctx.ip, details });
        ctx.body = changed.after;
      },
    }),
    operation({
      method: 'get',
      path: '/api/admin/keys',
      operationId: 'listApiKeys',
      permission: 'manage-keys',
      tag: TAG,
      summary: 'API anahtarları / API keys',
      description: 'Prefixes and scopes only: a key’s secret is shown once, when it is created.',
      responses: { 200: { description: 'Keys', type: 'application/json' }, 401: { description: 'Not signed in' }, 403: { description: 'Not an administrator' } },
      async handle(ctx) {
        ctx.set('Cache-Control', 'no-store');
        ctx.body = { keys: await listApiKeys(knex) };
      },
    }),
    operation<Record<string, never>, { name: string; role: StaffRole; datasets: string[]; actions: Action[]; expires_in_days: number }>({
      method: 'post',
      path: '/api/admin/keys',
      operationId: 'createApiKey',
      permission: 'manage-keys',
      tag: TAG,
      summary: 'API anahtarı oluştur / Create an API key',
      description: 'For a department or an app. The answer holds the key once; only its hash is stored.',
      body: {
        description: 'Name, role, optional dataset and action scope, lifetime',
        schema: {
          type: 'object',
          required: ['name', 'role'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 200 },
            role: ROLE,
            datasets: { ...DATASETS, default: [] },
            actions: { type: 'array', items: { type: 'string', enum: ACTIONS }, default: [] },
            expires_in_days: { type: 'integer', minimum: 1, maximum: 730, default: 365 },
          },
        },
      },
      responses: { 201: { description: 'The key (shown once) and its record', type: 'application/json' }, 400: { description: 'Invalid' }, 401: { description: 'Not signed in' }, 403: { description: 'Not an administrator' } },
      async handle(ctx, { body }) {
        const actor = principalOf(ctx).actor;
        const { key, apiKey } = await createApiKey(knex, { ...body, expiresInDays: body.expires_in_days, createdBy: actor });
        await recordAudit(knex, { actor, action: 'key-create', target: `key:${apiKey.prefix}`, address: ctx.ip, details: { after: apiKey } });
        ctx.status = 201;
        ctx.set('Cache-Control', 'no-store');
        ctx.body = { key, ...apiKey };
      },
    }),
    operation<{ prefix: string }>({
      method: 'delete',
      path: '/api/admin/keys/{prefix}',
      operationId: 'revokeApiKey',
      permission: 'manage-keys',
      tag: TAG,
      summary: 'API anahtarını iptal et / Revoke an API key',
      parameters: { prefix: { in: 'path', description: 'The key’s prefix', schema: { type: 'string', pattern: '^[a-z0-9]{10}$' } } },
      responses: { 204: { description: 'Revoked' }, 400: { description: 'Malformed prefix' }, 401: { description: 'Not signed in' }, 403: { description: 'Not an administrator' }, 404: { description: 'No live key with this prefix' } },
      async handle(ctx, { params }) {
        const revoked = await revokeApiKey(knex, params.prefix);
        if (!revoked) throw notFound(`There is no live key ${params.prefix}`, 'prefix');
        await recordAudit(knex, { actor: principalOf(ctx).actor, action: 'key-revoke', target: `key:${params.prefix}`, address: ctx.ip, details: { after: revoked } });
        ctx.status = 204;
      },
    }),
    operation<AuditQuery & { format: 'json' | 'csv' }>({
      method: 'get',
      path: '/api/admin/audit',
      operationId: 'auditLog',
      permission: 'read-audit',
      tag: TAG,
      summary: 'Denetim kaydı / Audit log',
      description: 'Newest first; `format=csv` exports the whole selection as a stream.',
      parameters: {
        from: { in: 'query', description: 'From this time (inclusive)', schema: { type: 'string', format: 'date-time' } },
        to: { in: 'query', description: 'Before this time', schema: { type: 'string', format: 'date-time' } },
        action: { in: 'query', description: 'One action', schema: { type: 'string', pattern: '^[a-z-]{1,32}$' } },
        actor: { in: 'query', description: 'One actor, e.g. user:ayse', schema: { type: 'string', maxLength: 100 } },
        limit: { in: 'query', description: 'At most this many (JSON only)', schema: { type: 'integer', minimum: 1, maximum: 10000, default: 100 } },
        format: { in: 'query', description: 'json or csv', schema: { type: 'string', enum: ['json', 'csv'], default: 'json' } },
      },
      responses: { 200: { description: 'Entries', type: 'application/json' }, 400: { description: 'Invalid' }, 401: { description: 'Not signed in' }, 403: { description: 'Not an administrator' } },
      async handle(ctx, { params }) {
        ctx.set('Cache-Control', 'no-store');
        if (params.format === 'csv') {
          ctx.type = 'text/csv; charset=utf-8';
          ctx.attachment('audit.csv');
          ctx.body = Readable.from(auditCsv(knex, params));
          return;
        }
        ctx.body = { entries: await queryAudit(knex, params) };
      },
    }),
  ];
}

import Router from '@koa/router';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Context } from 'koa';
import { forbidden, invalidParameter, unauthorized } from '@kbs/core';
import { allows, type Action } from '../access/permissions';
import { principalOf } from '../access/principal';

export type JsonSchema = Record<string, unknown>;

export interface ParameterSpec {
  in: 'query' | 'path';
  description: string;
  schema: JsonSchema;
  required?: boolean;
}

export interface ResponseSpec {
  description: string;
  /** Media type of a successful answer; problems are always application/problem+json. */
  type?: string;
}

/**
 * One HTTP operation, declared once: the router mounts it, its schemas validate each request, and the
 * OpenAPI document is generated from the same declaration, so the documentation cannot drift.
 */
export interface Operation<P = Record<string, never>, B = undefined> {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** What the caller must be allowed to do (the permission matrix); default `read`. */
  permission?: Action;
  /** OpenAPI form, e.g. `/api/neighbourhoods/{code}/profile`. */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  parameters?: Record<string, ParameterSpec>;
  /** A JSON body, validated before the handler runs; or a multipart form, which the handler reads itself. */
  body?: { description: string; schema: JsonSchema; mediaType?: 'application/json' | 'multipart/form-data' };
  responses: Record<number, ResponseSpec>;
  handle(ctx: Context, input: { params: P; body: B }): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyOperation = Operation<any, any>;

/** Identity with inference: `operation<{ lon: number }>({...})` types the handler's input. */
export function operation<P = Record<string, never>, B = undefined>(spec: Operation<P, B>): Operation<P, B> {
  return spec;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
// Query strings arrive as text: coerce "12" to 12 and a lone value to a one-element array.
const queryAjv = addFormats(new Ajv({ coerceTypes: 'array', useDefaults: true, strict: true, allErrors: false }));
// JSON bodies carry their own types: no coercion.
const bodyAjv = addFormats(new Ajv({ useDefaults: true, strict: true, allErrors: false }));

/** The parameter an Ajv error is about, and a sentence a caller can act on. */
function explain(error: ErrorObject, root: string): { parameter: string; detail: string } {
  const path = error.instancePath.split('/').filter(Boolean);
  if (error.keyword === 'required') {
    const name = (error.params as { missingProperty: string }).missingProperty;
    return { parameter: path[0] ?? name, detail: `${[...path, name].join('.')} is required` };
  }
  if (error.keyword === 'additionalProperties') {
    const name = (error.params as { additionalProperty: string }).additionalProperty;
    return { parameter: path[0] ?? name, detail: `unknown ${root === 'body' ? 'property' : 'query parameter'} "${[...path, name].join('.')}"` };
  }
  const parameter = path[0] ?? root;
  const where = path.length ? path.join('.') : root;
  const allowed = error.keyword === 'enum' ? `: ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}` : '';
  return { parameter, detail: `${where} ${error.message}${allowed}` };
}

function parametersSchema(parameters: Record<string, ParameterSpec>): JsonSchema {
  return {
    type: 'object',
    properties: Object.fromEntries(Object.entries(parameters).map(([name, p]) => [name, p.schema])),
    required: Object.entries(parameters).filter(([, p]) => p.required || p.in === 'path').map(([name]) => name),
    additionalProperties: false,
  };
}

function validator(ajv: Ajv, schema: JsonSchema, root: string): (value: unknown) => void {
  const validate: ValidateFunction = ajv.compile(schema);
  return (value) => {
    if (!validate(value)) {
      const { parameter, detail } = explain(validate.errors![0]!, root);
      throw invalidParameter(parameter, detail);
    }
  };
}

const CSRF_HEADER = 'X-CSRF-Token';

/**
 * The matrix decides; a session (cookie) must also echo its CSRF token on anything but a read, since
 * a browser sends cookies with requests other sites make it send. API keys are not ambient: no token.
 */
function checkPermission(ctx: Context, action: Action): void {
  const principal = principalOf(ctx);
  if (!allows(principal, action)) {
    if (principal.kind === 'anonymous') {
      ctx.set('WWW-Authenticate', 'Bearer realm="kbs"');
      throw unauthorized(`Sign in or present an API key to ${action}.`);
    }
    throw forbidden(`The role ${principal.role} may not ${action}.`);
  }
  const safeMethod = ctx.method === 'GET' || ctx.method === 'HEAD';
  if (action !== 'read' && !safeMethod && principal.csrfToken !== null && ctx.get(CSRF_HEADER) !== principal.csrfToken) {
    throw forbidden(`CSRF check failed: send the session's CSRF token in the ${CSRF_HEADER} header.`, CSRF_HEADER);
  }
}

/**
 * A validator for the text fields of a multipart form (coerced like a query string); the form's file
 * part is the handler's to stream, so its property is left out.
 */
export function formFieldsValidator(schema: JsonSchema, fileField: string): (fields: Record<string, string>) => Record<string, unknown> {
  const properties = { ...(schema.properties as Record<string, JsonSchema>) };
  delete properties[fileField];
  const required = ((schema.required as string[] | undefined) ?? []).filter((name) => name !== fileField);
  const check = validator(queryAjv, { ...schema, properties, required }, 'body');
  return (fields) => {
    const values: Record<string, unknown> = { ...fields };
    check(values);
    return values;
  };
}

/** Mounts operations on a router; each request is validated against the operation's schemas first. */
export function operationsRouter(operations: AnyOperation[]): Router {
  const router = new Router();
  for (const op of operations) {
    const checkParameters = validator(queryAjv, parametersSchema(op.parameters ?? {}), 'query');
    const checkBody = op.body && op.body.mediaType !== 'multipart/form-data' ? validator(bodyAjv, op.body.schema, 'body') : null;
    const koaPath = op.path.replace(/\{(\w+)\}/g, ':$1');
    const action = op.permission ?? 'read';
    router[op.method](op.operationId, koaPath, async (ctx) => {
      checkPermission(ctx, action);
      const params: Record<string, unknown> = { ...ctx.query, ...ctx.params };
      checkParameters(params);
      let body: unknown;
      if (checkBody) {
        body = (ctx.request as unknown as { body?: unknown }).body;
        checkBody(body);
      }
      await op.handle(ctx, { params, body });
    });
  }
  return router;
}

const PROBLEM = { description: 'Problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };

/** The OpenAPI paths object for operations; schemas are the very ones that validate requests. */
export function openApiPaths(operations: AnyOperation[]): Record<string, Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const responses = Object.fromEntries(
      Object.entries(op.responses).map(([status, r]) => [
        status,
        Number(status) >= 400 ? { ...PROBLEM, description: r.description } : { description: r.description, ...(r.type ? { content: { [r.type]: { schema: {} } } } : {}) },
      ]),
    );
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      operationId: op.operationId,
      'x-permission': op.permission ?? 'read',
      tags: [op.tag],
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      parameters: Object.entries(op.parameters ?? {}).map(([name, p]) => ({
        name,
        in: p.in,
        required: Boolean(p.required || p.in === 'path'),
        description: p.description,
        schema: p.schema,
        ...(p.schema.type === 'array' ? { style: 'form', explode: false } : {}),
      })),
      ...(op.body ? { requestBody: { required: true, description: op.body.description, content: { [op.body.mediaType ?? 'application/json']: { schema: op.body.schema } } } } : {}),
      responses,
    };
  }
  return paths;
}

import type { Knex } from 'knex';
import { streamRows } from '@kbs/core';

export interface AuditQuery {
  from?: string;
  to?: string;
  action?: string;
  actor?: string;
  limit?: number;
}

const COLUMNS = ['id', 'at', 'actor', 'action', 'target', 'address', 'outcome', 'details'] as const;

function selection(knex: Knex, q: AuditQuery): Knex.QueryBuilder {
  const query = knex('audit.log').select(COLUMNS).orderBy('id', 'desc');
  if (q.from) query.where('at', '>=', q.from);
  if (q.to) query.where('at', '<', q.to);
  if (q.action) query.where('action', q.action);
  if (q.actor) query.where('actor', q.actor);
  return query;
}

export async function queryAudit(knex: Knex, q: AuditQuery): Promise<Record<string, unknown>[]> {
  return selection(knex, q).limit(q.limit ?? 100);
}

const field = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The selection as CSV, streamed from the database (the log grows without bound). */
export async function* auditCsv(knex: Knex, q: AuditQuery): AsyncGenerator<string> {
  yield `\ufeff${COLUMNS.join(',')}\n`;
  const { sql, bindings } = selection(knex, q).toSQL();
  for await (const row of streamRows<Record<string, unknown>>(knex, sql, bindings as readonly Knex.RawBinding[])) {
    yield `${COLUMNS.map((c) => field(row[c])).join(',')}\n`;
  }
}

import type { Knex } from 'knex';

/** Audit actions; one vocabulary for the API, the ETL and the admin command line. */
export type AuditAction =
  | 'sign-in'
  | 'sign-out'
  | 'upload'
  | 'load'
  | 'rollback'
  | 'publish'
  | 'unpublish'
  | 'metadata-draft'
  | 'metadata-discard'
  | 'metadata-approve'
  | 'feature-edit'
  | 'user-create'
  | 'user-update'
  | 'key-create'
  | 'key-revoke';

export interface AuditEntry {
  /** `user:<name>`, `key:<prefix>`, `cli:<os user>` or `anonymous`. */
  actor: string;
  action: AuditAction;
  target?: string | null;
  /** The caller's address, as the proxy reported it. */
  address?: string | null;
  outcome?: 'ok' | 'denied' | 'failed';
  /** For edits: `{ before, after }`; otherwise what identifies the event. */
  details?: Record<string, unknown>;
}

/** Appends to audit.log; the table refuses UPDATE, DELETE and TRUNCATE (a trigger), so this is all there is. */
export async function recordAudit(knex: Knex, entry: AuditEntry): Promise<void> {
  await knex('audit.log').insert({
    actor: entry.actor,
    action: entry.action,
    target: entry.target ?? null,
    address: entry.address ?? null,
    outcome: entry.outcome ?? 'ok',
    details: JSON.stringify(entry.details ?? {}),
  });
}

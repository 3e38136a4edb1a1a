import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Knex } from 'knex';
import type { Action, StaffRole } from './permissions';

export interface ApiKey {
  id: number;
  prefix: string;
  name: string;
  role: StaffRole;
  datasets: string[];
  actions: Action[];
  expires_at: string;
  revoked_at: string | null;
  created_by: string;
  created_at: string;
}

const COLUMNS = ['id', 'prefix', 'name', 'role', 'datasets', 'actions', 'expires_at', 'revoked_at', 'created_by', 'created_at'];
// Keys are 256-bit random secrets, so a fast hash is enough (no dictionary to guess from); a prefix finds the row.
const hashOf = (secret: string) => createHash('sha256').update(secret).digest();
const KEY_PATTERN = /^kbs_([a-z0-9]{10})_([A-Za-z0-9_-]{43})$/;

export async function createApiKey(
  knex: Knex,
  key: { name: string; role: StaffRole; datasets?: string[]; actions?: Action[]; expiresInDays: number; createdBy: string },
): Promise<{ key: string; apiKey: ApiKey }> {
  const prefix = randomBytes(8).toString('hex').slice(0, 10);
  const secret = randomBytes(32).toString('base64url');
  const [apiKey] = await knex('auth.api_keys')
    .insert({
      prefix,
      secret_hash: hashOf(secret).toString('base64url'),
      name: key.name,
      role: key.role,
      datasets: key.datasets ?? [],
      actions: key.actions ?? [],
      expires_at: new Date(Date.now() + key.expiresInDays * 86400_000),
      created_by: key.createdBy,
    })
    .returning(COLUMNS);
  return { key: `kbs_${prefix}_${secret}`, apiKey: apiKey as ApiKey };
}

export async function listApiKeys(knex: Knex): Promise<ApiKey[]> {
  return knex('auth.api_keys').select(COLUMNS).orderBy('created_at', 'desc');
}

export async function revokeApiKey(knex: Knex, prefix: string): Promise<ApiKey | null> {
  const [key] = await knex('auth.api_keys').where({ prefix }).whereNull('revoked_at').update({ revoked_at: knex.fn.now() }).returning(COLUMNS);
  return (key as ApiKey | undefined) ?? null;
}

/** The live key a presented secret belongs to; null for a malformed, unknown, expired or revoked key. */
export async function apiKeyFor(knex: Knex, presented: string): Promise<ApiKey | null> {
  const match = KEY_PATTERN.exec(presented);
  if (!match) return null;
  const row = await knex('auth.api_keys').select([...COLUMNS, 'secret_hash']).where({ prefix: match[1] }).whereNull('revoked_at').andWhere('expires_at', '>', knex.fn.now()).first();
  if (!row || !timingSafeEqual(Buffer.from(row.secret_hash, 'base64url'), hashOf(match[2]!))) return null;
  delete row.secret_hash;
  return row as ApiKey;
}

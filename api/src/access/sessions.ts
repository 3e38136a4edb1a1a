import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { User } from './users';

export const SESSION_COOKIE = 'kbs_session';
export const SESSION_HOURS = 8;

// The cookie carries a random token; the table keeps only its hash, so a database dump opens no session.
const idOf = (token: string) => createHash('sha256').update(token).digest('base64url');

export async function createSession(knex: Knex, userId: number): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
  await knex('auth.sessions').insert({ id: idOf(token), user_id: userId, csrf_token: csrfToken, expires_at: expiresAt });
  return { token, csrfToken, expiresAt };
}

/** The signed-in user of a session token, if the session is live and the user not disabled. */
export async function userForSession(knex: Knex, token: string): Promise<{ user: User; csrfToken: string } | null> {
  const row = await knex('auth.sessions as s')
    .join('auth.users as u', 'u.id', 's.user_id')
    .where('s.id', idOf(token))
    .andWhere('s.expires_at', '>', knex.fn.now())
    .andWhere('u.disabled', false)
    .first('u.id', 'u.username', 'u.display_name', 'u.role', 'u.datasets', 'u.disabled', 'u.created_at', 'u.updated_at', 's.csrf_token');
  if (!row) return null;
  const { csrf_token: csrfToken, ...user } = row;
  return { user: user as User, csrfToken };
}

export async function endSession(knex: Knex, token: string): Promise<void> {
  await knex('auth.sessions').where({ id: idOf(token) }).delete();
  await knex('auth.sessions').where('expires_at', '<', knex.fn.now()).delete();
}

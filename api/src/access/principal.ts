import type { Context, Next } from 'koa';
import { unauthorized, type Database } from '@kbs/core';
import { apiKeyFor } from './apiKeys';
import { ANONYMOUS, type Principal } from './permissions';
import { SESSION_COOKIE, userForSession } from './sessions';

function presentedKey(ctx: Context): string | null {
  const authorization = ctx.get('Authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw unauthorized('The Authorization header must be "Bearer <API key>".', 'Authorization');
    return match[1]!;
  }
  return ctx.get('X-API-Key') || null;
}

/**
 * Works out who is calling — an API key (header), a session (cookie) or no one — once per request.
 * A key that does not work is refused outright rather than treated as anonymous, so a caller with a
 * revoked key learns it at once instead of silently getting less data.
 */
export function resolvePrincipal(db: Database) {
  return async (ctx: Context, next: Next) => {
    let principal: Principal = ANONYMOUS;
    const key = presentedKey(ctx);
    if (key) {
      const apiKey = await apiKeyFor(db.knex, key);
      if (!apiKey) throw unauthorized('The API key is not valid: unknown, expired or revoked.', ctx.get('Authorization') ? 'Authorization' : 'X-API-Key');
      principal = { kind: 'key', actor: `key:${apiKey.prefix}`, role: apiKey.role, datasets: apiKey.datasets, actions: apiKey.actions.length ? apiKey.actions : null, csrfToken: null };
    } else {
      const token = ctx.cookies.get(SESSION_COOKIE);
      const session = token ? await userForSession(db.knex, token) : null;
      if (session) {
        const { user, csrfToken } = session;
        principal = { kind: 'user', actor: `user:${user.username}`, role: user.role, datasets: user.datasets, actions: null, csrfToken };
      }
    }
    ctx.state.principal = principal;
    await next();
    // What staff see must not land in a shared cache that then serves the public.
    if (principal.kind !== 'anonymous') {
      const cacheControl = String(ctx.response.get('Cache-Control') ?? '');
      if (cacheControl.includes('public')) ctx.set('Cache-Control', cacheControl.replace('public', 'private'));
      ctx.vary('Authorization');
      ctx.vary('Cookie');
    }
  };
}

export function principalOf(ctx: Context): Principal {
  return (ctx.state.principal as Principal | undefined) ?? ANONYMOUS;
}

import { recordAudit, tooManyRequests, unauthorized, type Config, type Database } from '@kbs/core';
import { CLEARANCE, PERMISSIONS, ACTIONS } from '../access/permissions';
import { principalOf } from '../access/principal';
import { createSession, endSession, SESSION_COOKIE, SESSION_HOURS } from '../access/sessions';
import { authenticate } from '../access/users';
import { operation, type AnyOperation } from '../http/operation';
import { WindowCounter } from '../http/rateLimit';

const TAG = 'Oturum / Sign-in';

/** Sign-in with a local user name and password; the session is an HttpOnly, SameSite=Strict cookie. */
export function signInOperations(db: Database, config: Config): AnyOperation[] {
  const { knex } = db;
  // Password guessing: 10 attempts per 15 minutes per address and user name, whatever the general limit.
  const attempts = new WindowCounter(10, 15 * 60_000);
  const secureCookies = (secure: boolean) => secure || Boolean(config.publicUrl?.startsWith('https:'));
  return [
    operation<Record<string, never>, { username: string; password: string }>({
      method: 'post',
      path: '/api/auth/login',
      operationId: 'signIn',
      tag: TAG,
      summary: 'Giriş / Sign in',
      description: 'Sets the session cookie and returns the CSRF token to send as X-CSRF-Token on state-changing requests.',
      body: {
        description: 'Credentials',
        schema: {
          type: 'object',
          required: ['username', 'password'],
          additionalProperties: false,
          properties: { username: { type: 'string', minLength: 1, maxLength: 64 }, password: { type: 'string', minLength: 1, maxLength: 1024 } },
        },
      },
      responses: { 200: { description: 'Signed in', type: 'application/json' }, 400: { description: 'Malformed' }, 401: { description: 'Wrong user name or password' } },
      async handle(ctx, { body }) {
        const username = body.username.trim().toLowerCase();
        const wait = attempts.hit(`${ctx.ip}|${username}`);
        if (wait) throw tooManyRequests(`Too many sign-in attempts for ${username} from this address; try again in ${Math.ceil(wait / 60)} min.`, wait);
        const user = await authenticate(knex, username, body.password);
        await recordAudit(knex, { actor: `user:${username}`, action: 'sign-in', address: ctx.ip, outcome: user ? 'ok' : 'failed' });
        if (!user) throw unauthorized('The user name or password is wrong, or the user is disabled.', 'password');
        const session = await createSession(knex, user.id);
        ctx.cookies.set(SESSION_COOKIE, session.token, {
          httpOnly: true,
          sameSite: 'strict',
          secure: secureCookies(ctx.secure),
          maxAge: SESSION_HOURS * 3600_000,
          path: '/',
          overwrite: true,
        });
        ctx.set('Cache-Control', 'no-store');
        ctx.body = { user: { username: user.username, display_name: user.display_name, role: user.role, datasets: user.datasets }, csrf_token: session.csrfToken, expires_at: session.expiresAt };
      },
    }),
    operation({
      method: 'post',
      path: '/api/auth/logout',
      operationId: 'signOut',
      tag: TAG,
      summary: 'Çıkış / Sign out',
      responses: { 204: { description: 'Signed out' } },
      async handle(ctx) {
        const token = ctx.cookies.get(SESSION_COOKIE);
        if (token) {
          await endSession(knex, token);
          await recordAudit(knex, { actor: principalOf(ctx).actor, action: 'sign-out', address: ctx.ip });
        }
        ctx.cookies.set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'strict', secure: secureCookies(ctx.secure), maxAge: 0, path: '/', overwrite: true });
        ctx.status = 204;
      },
    }),
    operation({
      method: 'get',
      path: '/api/auth/me',
      operationId: 'whoAmI',
      tag: TAG,
      summary: 'Oturumdaki kullanıcı / Who am I',
      description: 'The caller as the platform sees it: role, clearance, allowed actions; anonymous when not signed in.',
      responses: { 200: { description: 'The caller', type: 'application/json' } },
      async handle(ctx) {
        const p = principalOf(ctx);
        ctx.set('Cache-Control', 'no-store');
        ctx.body = {
          kind: p.kind,
          actor: p.actor,
          role: p.role,
          clearance: CLEARANCE[p.role],
          datasets: p.datasets,
          actions: ACTIONS.filter((a) => PERMISSIONS[a].includes(p.role) && (!p.actions || a === 'read' || p.actions.includes(a))),
          csrf_token: p.csrfToken,
        };
      },
    }),
  ];
}

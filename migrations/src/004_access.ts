import type { Knex } from 'knex';

export const name = '004_access';

/**
 * Who may do what: local users, their sessions, API keys for departments and apps, and the
 * append-only audit log. Sessions live in the database so that any API instance can serve any request.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
CREATE SCHEMA auth;

CREATE TABLE auth.users (
  id serial PRIMARY KEY,
  username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'publisher', 'analyst', 'department_editor', 'viewer')),
  datasets text[] NOT NULL DEFAULT '{}',
  password_hash text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE auth.sessions (
  id text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES auth.users(id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON auth.sessions (user_id);

CREATE TABLE auth.api_keys (
  id serial PRIMARY KEY,
  prefix text NOT NULL UNIQUE,
  secret_hash text NOT NULL,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'publisher', 'analyst', 'department_editor', 'viewer')),
  datasets text[] NOT NULL DEFAULT '{}',
  actions text[] NOT NULL DEFAULT '{}',
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE SCHEMA audit;

CREATE TABLE audit.log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  target text,
  address text,
  outcome text NOT NULL DEFAULT 'ok' CHECK (outcome IN ('ok', 'denied', 'failed')),
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX log_at ON audit.log (at);
CREATE INDEX log_action ON audit.log (action, at);

CREATE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit.log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER log_append_only BEFORE UPDATE OR DELETE ON audit.log FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();
CREATE TRIGGER log_no_truncate BEFORE TRUNCATE ON audit.log FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();
`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP SCHEMA audit CASCADE; DROP SCHEMA auth CASCADE;');
}

#!/usr/bin/env bash
# A throwaway PostgreSQL 15 + PostGIS cluster on loopback, for tests, CI and benchmarks.
#   scripts/pg-throwaway.sh start         create, start; prints "export TEST_DATABASE_URL=…"
#   scripts/pg-throwaway.sh stop          stop and remove everything
#   scripts/pg-throwaway.sh stop-server   stop the server, keep the data (fault tests)
#   scripts/pg-throwaway.sh start-server  start the same cluster again
# State (PGDATA, port, URL) is kept in $PG_THROWAWAY_STATE (default /tmp/kbs-pg-throwaway.env).
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
STATE=${PG_THROWAWAY_STATE:-/tmp/kbs-pg-throwaway.env}
as_postgres() { runuser -u postgres -- "$@"; }

free_port() {
  local port
  for port in $(seq 55432 55532); do
    if ! (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "no free port in 55432-55532" >&2; exit 1
}

wait_ready() {
  for _ in $(seq 1 100); do
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" && return 0
    sleep 0.1
  done
  echo "PostgreSQL did not become ready on port $PORT" >&2; exit 1
}

start_server() {
  as_postgres "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 30 start >/dev/null
  wait_ready
}

stop_server() {
  if [ -f "$PGDATA/postmaster.pid" ]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w -t 30 stop >/dev/null || true
  fi
}

load_state() {
  [ -f "$STATE" ] || { echo "no throwaway cluster recorded in $STATE" >&2; exit 1; }
  # shellcheck disable=SC1090
  source "$STATE"
}

case "${1:-}" in
  start)
    [ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL 15 is not installed ($PG_BIN/initdb missing)" >&2; exit 1; }
    if [ -f "$STATE" ]; then "$0" stop >/dev/null 2>&1 || true; fi
    DIR=$(mktemp -d /tmp/kbs-pg-XXXXXX)
    chown postgres:postgres "$DIR"
    PGDATA="$DIR/data"
    PORT=$(free_port)
    as_postgres "$PG_BIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    cat >>"$PGDATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DIR'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 256MB
CONF
    start_server
    URL="postgres://postgres@127.0.0.1:$PORT/kbs_test"
    "$PG_BIN/psql" -q "postgres://postgres@127.0.0.1:$PORT/postgres" -c 'CREATE DATABASE kbs_test'
    "$PG_BIN/psql" -q "$URL" -c 'CREATE EXTENSION IF NOT EXISTS postgis' >/dev/null
    printf 'DIR=%q\nPGDATA=%q\nPORT=%q\nTEST_DATABASE_URL=%q\n' "$DIR" "$PGDATA" "$PORT" "$URL" >"$STATE"
    echo "export TEST_DATABASE_URL=$URL"
    ;;
  stop)
    load_state
    stop_server
    rm -rf "$DIR" "$STATE"
    ;;
  stop-server)
    load_state
    stop_server
    ;;
  start-server)
    load_state
    start_server
    ;;
  url)
    load_state
    echo "$TEST_DATABASE_URL"
    ;;
  *)
    echo "usage: $0 start|stop|stop-server|start-server|url" >&2
    exit 2
    ;;
esac

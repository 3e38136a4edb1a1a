#!/usr/bin/env bash
# A throwaway PostgreSQL 15 + PostGIS cluster on loopback, for tests, CI and benchmarks.
#
#   eval "$(scripts/pg-throwaway.sh start)"   create a fresh cluster and start it; prints
#                                             export TEST_DATABASE_URL=postgres://postgres@127.0.0.1:PORT/kbs_test
#                                             export PG_THROWAWAY_STATE=…
#   scripts/pg-throwaway.sh stop              stop the cluster and remove its directory and state (no-op if none)
#   scripts/pg-throwaway.sh stop-server [fast|immediate]
#                                             stop the server, keep the data (fault tests: the database goes away;
#                                             immediate = a crash, the next start recovers)
#   scripts/pg-throwaway.sh start-server      start the same cluster again, same port, same data
#   scripts/pg-throwaway.sh restart           stop-server + start-server
#   scripts/pg-throwaway.sh status            what is recorded and whether it runs (exit 0 running, 3 stopped, 1 none)
#   scripts/pg-throwaway.sh url | env         the URL, or the export lines again
#
# One state file = one cluster. `start` replaces the cluster recorded in the state file (a stale one from a run
# that was killed included). Give each concurrent user its own state file via PG_THROWAWAY_STATE.
#
# Environment:
#   PG_THROWAWAY_STATE   state file (default ${TMPDIR:-/tmp}/kbs-pg-throwaway.env); shell-sourceable KEY=value lines:
#                        DIR, PGDATA, PORT, TEST_DATABASE_URL, PGHOST (the socket directory), LOG
#   PG_THROWAWAY_PORT    first port to try (default 55432; the first free one upward is taken)
#   PG_THROWAWAY_DB      database to create with PostGIS (default kbs_test)
#   PG_BIN               PostgreSQL binaries (default /usr/lib/postgresql/15/bin)
#
# As root the server runs as the `postgres` OS user (root cannot run postgres); as anyone else, as that user.
# The SQL superuser is always `postgres`, with trust authentication on the socket and on 127.0.0.1 only.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
TMP_BASE=${TMPDIR:-/tmp}
STATE=${PG_THROWAWAY_STATE:-$TMP_BASE/kbs-pg-throwaway.env}
FIRST_PORT=${PG_THROWAWAY_PORT:-55432}
DB_NAME=${PG_THROWAWAY_DB:-kbs_test}
MARKER=throwaway.env # inside each cluster directory: who made it and for which state file

say() { echo "pg-throwaway: $*" >&2; }
die() { say "$*"; exit 1; }

case "$STATE" in /*) ;; *) STATE="$PWD/$STATE" ;; esac
[[ "$DB_NAME" =~ ^[a-z_][a-z0-9_]*$ ]] || die "PG_THROWAWAY_DB must be a plain lower-case identifier (got '$DB_NAME')"
if ! [[ "$FIRST_PORT" =~ ^[0-9]+$ ]] || [ "$FIRST_PORT" -lt 1024 ] || [ "$FIRST_PORT" -gt 65000 ]; then
  die "PG_THROWAWAY_PORT must be a port number between 1024 and 65000 (got '$FIRST_PORT')"
fi

if [ "$(id -u)" = 0 ]; then
  id -u postgres >/dev/null 2>&1 || die "there is no 'postgres' OS user (install postgresql-15)"
  OWNER=postgres
  # fd 9 is the state lock: never let it leak into the postmaster, or the lock would live as long as the server.
  if command -v runuser >/dev/null; then
    as_owner() { (cd / && exec runuser -u postgres -- "$@") 9>&-; }
  else
    # shellcheck disable=SC2016 # expanded by the postgres user's shell
    as_owner() { (cd / && exec su postgres -s /bin/sh -c '"$0" "$@"' -- "$@") 9>&-; }
  fi
else
  OWNER=$(id -un)
  as_owner() { (cd / && exec "$@") 9>&-; }
fi

# Serialise everything that reads or changes one state file (two `start`s racing, stop during start-server, …).
lock_state() {
  mkdir -p "$(dirname "$STATE")"
  if command -v flock >/dev/null; then
    exec 9>>"$STATE.lock"
    flock -w 120 9 || die "timed out waiting for the lock on $STATE"
  fi
}

# Reads a KEY=value file without executing it; sets DIR PGDATA PORT TEST_DATABASE_URL PGHOST LOG CREATOR STATE_FILE.
read_kv() {
  local key value
  # shellcheck disable=SC2034 # PGHOST is read for completeness
  DIR='' PGDATA='' PORT='' TEST_DATABASE_URL='' PGHOST='' LOG='' CREATOR='' STATE_FILE=''
  while IFS='=' read -r key value; do
    case "$key" in
      DIR | PGDATA | PORT | TEST_DATABASE_URL | PGHOST | LOG | CREATOR | STATE_FILE) printf -v "$key" '%s' "$value" ;;
    esac
  done <"$1"
  [ -n "$PGDATA" ] || PGDATA="$DIR/data"
  [ -n "$LOG" ] || LOG="$DIR/server.log"
}

load_state() {
  [ -f "$STATE" ] || return 1
  read_kv "$STATE"
  # Never act (rm -rf, kill) on anything but a directory this script made.
  case "$DIR" in */kbs-pg-*) ;; *) die "$STATE does not describe a throwaway cluster (DIR=$DIR)" ;; esac
  [[ "$PORT" =~ ^[0-9]+$ ]] || die "$STATE has no valid PORT"
}

require_state() { load_state || die "no throwaway cluster recorded in $STATE (run: $0 start)"; }

is_running() { [ -d "$PGDATA" ] && as_owner "$PG_BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; }

postmaster_pid() { if [ -f "$PGDATA/postmaster.pid" ]; then head -n1 "$PGDATA/postmaster.pid"; fi; }

# kill -0 also succeeds on a zombie (a killed process not yet reaped): that one counts as dead.
process_alive() {
  kill -0 "$1" 2>/dev/null || return 1
  [ -r "/proc/$1/stat" ] || return 0
  local stat
  stat=$(<"/proc/$1/stat") || return 1
  stat=${stat##*) }
  [ "${stat%% *}" != Z ]
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Ports recorded by other throwaway clusters are taken even while their server is stopped (stop-server).
reserved_ports() {
  local m
  for m in "$TMP_BASE"/kbs-pg-*/"$MARKER" /tmp/kbs-pg-*/"$MARKER"; do
    [ -f "$m" ] && sed -n 's/^PORT=//p' "$m"
  done 2>/dev/null | sort -u
}

free_port() {
  local port reserved
  reserved=" $(reserved_ports | tr '\n' ' ') "
  for ((port = $1; port < $1 + 500; port++)); do
    [[ "$reserved" == *" $port "* ]] && continue
    port_in_use "$port" && continue
    echo "$port"
    return 0
  done
  die "no free port in $1-$(($1 + 499))"
}

wait_ready() {
  local i
  for ((i = 0; i < 300; i++)); do
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres && return 0
    sleep 0.1
  done
  tail -n 30 "$LOG" >&2 2>/dev/null || true
  die "PostgreSQL did not become ready on 127.0.0.1:$PORT"
}

start_server() {
  # pg_ctl's own complaint ("could not start server") says nothing; callers show the server log instead.
  if ! as_owner "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$LOG" -w -t 60 start >/dev/null 2>&1; then
    return 1
  fi
  wait_ready
}

# Stops the server if it runs; escalates fast → immediate → SIGKILL so that a wedged server cannot block CI.
stop_server() {
  local mode=${1:-fast} pid
  is_running || return 0
  as_owner "$PG_BIN/pg_ctl" -D "$PGDATA" -m "$mode" -w -t 60 stop >/dev/null 2>&1 && return 0
  as_owner "$PG_BIN/pg_ctl" -D "$PGDATA" -m immediate -w -t 30 stop >/dev/null 2>&1 && return 0
  pid=$(postmaster_pid)
  if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
    say "killing postmaster $pid"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
}

# Removes a cluster directory (after stopping its server). Only kbs-pg-* directories.
destroy() {
  local dir=$1
  case "$dir" in */kbs-pg-*) ;; *) die "refusing to remove $dir" ;; esac
  rm -rf -- "$dir"
}

# Throwaway clusters whose state file is gone or now describes another cluster, and whose creator is no
# longer running, are leftovers of killed runs: stop and remove them. Directories without our marker
# (made by hand or by older versions of this script) are never touched.
sweep_orphans() {
  local m
  for m in "$TMP_BASE"/kbs-pg-*/"$MARKER"; do
    if [ ! -f "$m" ] || [ ! -O "$m" ]; then continue; fi # only what this OS user made
    (
      read_kv "$m"
      [ "$DIR" = "$(dirname "$m")" ] || exit 0
      if [ -n "$STATE_FILE" ] && [ -f "$STATE_FILE" ] && grep -qxF "DIR=$DIR" "$STATE_FILE"; then exit 0; fi
      if [[ "$CREATOR" =~ ^[0-9]+$ ]] && process_alive "$CREATOR"; then exit 0; fi
      say "removing orphaned cluster $DIR (port $PORT)"
      stop_server immediate
      destroy "$DIR"
    ) || true
  done
}

write_kv() { # file: the current cluster's KEY=value lines, atomically
  local tmp="$1.tmp.$$"
  {
    printf 'DIR=%s\n' "$DIR"
    printf 'PGDATA=%s\n' "$PGDATA"
    printf 'PORT=%s\n' "$PORT"
    printf 'TEST_DATABASE_URL=%s\n' "$TEST_DATABASE_URL"
    printf 'PGHOST=%s\n' "$DIR"
    printf 'LOG=%s\n' "$LOG"
    printf 'STATE_FILE=%s\n' "$STATE"
    printf 'CREATOR=%s\n' "${2:-}"
  } >"$tmp"
  chmod 644 "$tmp"
  mv -f "$tmp" "$1"
}

print_exports() {
  printf 'export TEST_DATABASE_URL=%s\n' "$TEST_DATABASE_URL"
  printf 'export PG_THROWAWAY_STATE=%q\n' "$STATE"
}

start_failed() {
  trap - EXIT
  if [ -n "${DIR:-}" ] && [ -d "$DIR" ]; then
    stop_server immediate || true
    destroy "$DIR"
  fi
  exit "$1"
}

cmd_start() {
  [ -x "$PG_BIN/initdb" ] || die "PostgreSQL 15 is not installed ($PG_BIN/initdb is missing; apt-get install postgresql-15-postgis-3)"
  local sharedir=/usr/share/postgresql/15
  [ -x "$PG_BIN/pg_config" ] && sharedir=$("$PG_BIN/pg_config" --sharedir)
  [ -f "$sharedir/extension/postgis.control" ] ||
    die "PostGIS is not installed for this PostgreSQL ($sharedir/extension/postgis.control is missing; apt-get install postgresql-15-postgis-3)"
  lock_state

  # A cluster still recorded here is a leftover (a run that was killed before its `stop`): replace it.
  if load_state; then
    say "replacing the cluster recorded in $STATE ($DIR, port $PORT)"
    stop_server immediate
    destroy "$DIR"
    rm -f "$STATE"
  fi
  sweep_orphans

  local base=$TMP_BASE
  # The postgres user must reach the directory, and socket paths must stay short (108 bytes) and unquoted.
  if [[ "$base" =~ [[:space:]] ]] || [ ${#base} -gt 60 ]; then base=/tmp; fi
  DIR=$(mktemp -d "$base/kbs-pg-XXXXXX")
  PGDATA="$DIR/data"
  LOG="$DIR/server.log"
  PORT=''
  TEST_DATABASE_URL=''
  # Until the state file is written, a failure (or Ctrl-C) removes what was made.
  trap 'start_failed $?' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  write_kv "$DIR/$MARKER" $$
  chmod 755 "$DIR"
  chown "$OWNER" "$DIR"
  if [ "$OWNER" = postgres ] && ! as_owner test -w "$DIR"; then
    die "the postgres user cannot write $DIR (set TMPDIR to a directory it can reach, e.g. /tmp)"
  fi

  as_owner "$PG_BIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >"$DIR/initdb.log" 2>&1 ||
    { cat "$DIR/initdb.log" >&2; die "initdb failed"; }
  cat >>"$PGDATA/postgresql.conf" <<CONF

# --- scripts/pg-throwaway.sh: a disposable test cluster, fast and unsafe on purpose ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
max_wal_size = 2GB
shared_buffers = 256MB
# posix shared memory lives in /dev/shm, which is 64 MB in a default container: parallel queries would fail there.
dynamic_shared_memory_type = mmap
include 'throwaway-port.conf'
CONF

  # Pick a free port; if another process takes it between the check and the bind, try the next one.
  local attempt try=$FIRST_PORT
  for attempt in 1 2 3 4 5; do
    PORT=$(free_port "$try")
    printf 'port = %s\n' "$PORT" >"$PGDATA/throwaway-port.conf"
    chown "$OWNER" "$PGDATA/throwaway-port.conf"
    TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/$DB_NAME"
    write_kv "$DIR/$MARKER" $$
    if start_server; then break; fi
    if [ "$attempt" -lt 5 ] && grep -qE 'could not bind|Address already in use|could not create any TCP/IP sockets' "$LOG" 2>/dev/null; then
      say "port $PORT was taken meanwhile; trying another"
      : >"$LOG"
      try=$((PORT + 1))
      continue
    fi
    tail -n 30 "$LOG" >&2 2>/dev/null || true
    die "PostgreSQL did not start (log: $LOG)"
  done

  local psql=("$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres)
  "${psql[@]}" -d postgres -c "CREATE DATABASE $DB_NAME" >/dev/null
  "${psql[@]}" -d "$DB_NAME" -c 'CREATE EXTENSION IF NOT EXISTS postgis' >/dev/null

  write_kv "$DIR/$MARKER" ''
  write_kv "$STATE" ''
  trap - EXIT INT TERM
  say "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') + PostGIS on 127.0.0.1:$PORT, data in $PGDATA, state in $STATE"
  print_exports
}

cmd_stop() {
  lock_state
  if ! load_state; then
    say "no throwaway cluster recorded in $STATE: nothing to stop"
    return 0
  fi
  stop_server fast
  destroy "$DIR"
  rm -f "$STATE"
  say "stopped and removed $DIR"
}

cmd_stop_server() {
  local mode=${1:-fast}
  case "$mode" in fast | immediate | smart) ;; *) die "stop-server: mode must be fast, immediate or smart" ;; esac
  lock_state
  require_state
  if ! is_running; then
    say "the server on port $PORT is not running"
    return 0
  fi
  stop_server "$mode"
  is_running && die "could not stop the server on port $PORT"
  say "server on port $PORT stopped ($mode); data kept in $PGDATA"
}

cmd_start_server() {
  lock_state
  require_state
  [ -d "$PGDATA" ] || die "$PGDATA is gone; run: $0 start"
  if is_running; then
    wait_ready
    say "the server on port $PORT is already running"
    return 0
  fi
  if port_in_use "$PORT"; then die "port $PORT is now used by another process; cannot restart this cluster there"; fi
  start_server || { tail -n 30 "$LOG" >&2 2>/dev/null || true; die "PostgreSQL did not start (log: $LOG)"; }
  say "server on port $PORT started again"
}

cmd_status() {
  if ! load_state; then
    say "no throwaway cluster recorded in $STATE"
    return 1
  fi
  echo "state:    $STATE"
  echo "url:      $TEST_DATABASE_URL"
  echo "data:     $PGDATA"
  echo "log:      $LOG"
  if is_running; then
    echo "server:   running (pid $(postmaster_pid))"
  else
    echo "server:   stopped"
    return 3
  fi
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  stop-server) cmd_stop_server "${2:-fast}" ;;
  start-server) cmd_start_server ;;
  restart)
    cmd_stop_server "${2:-fast}"
    cmd_start_server
    ;;
  status) cmd_status ;;
  url)
    require_state
    echo "$TEST_DATABASE_URL"
    ;;
  env)
    require_state
    print_exports
    ;;
  *)
    echo "usage: $0 start|stop|stop-server [fast|immediate]|start-server|restart|status|url|env" >&2
    exit 2
    ;;
esac

#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server: initdb in a temporary folder, a
# loopback port, trust authentication for the local user plus a password user, stopped
# and removed afterwards. The command sees PGHOST, PGPORT, PGUSER, PGDATABASE and
# GEN_TEST_POSTGRES=1 (the tests that need a server run only then).
#   scripts/with-postgres.sh swift test
# Needs Debian's postgresql package (scripts/install-deps.sh --postgres installs it).
set -euo pipefail
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$BIN" ]; then
  echo "with-postgres: PostgreSQL is not installed (scripts/install-deps.sh --postgres)" >&2
  exit 1
fi
DIR=$(mktemp -d /tmp/gen-pg.XXXXXX)
PORT=${GEN_PG_PORT:-$((20000 + RANDOM % 20000))}
RUN=()
# initdb refuses to run as root: use the postgres user Debian's package creates.
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$DIR"
  RUN=(runuser -u postgres --)
  DBUSER=postgres
else
  DBUSER=$(id -un)
fi
cleanup() {
  "${RUN[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT
"${RUN[@]}" "$BIN/initdb" -D "$DIR/data" -U "$DBUSER" --auth-local=trust --auth-host=scram-sha-256 \
  -E UTF8 --locale=C.UTF-8 >/dev/null
# Loopback TCP only; the socket in the temporary folder.
"${RUN[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
"${RUN[@]}" "$BIN/psql" -h "$DIR" -p "$PORT" -U "$DBUSER" -d postgres -q -v ON_ERROR_STOP=1 \
  -c "CREATE ROLE gen_test LOGIN PASSWORD 'gen-test-secret' SUPERUSER" -c "CREATE DATABASE gen_test OWNER gen_test"
export PGHOST=127.0.0.1 PGPORT=$PORT PGUSER=gen_test PGPASSWORD=gen-test-secret PGDATABASE=gen_test
export GEN_TEST_POSTGRES=1
"$@"

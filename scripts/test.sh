#!/usr/bin/env bash
# Runs every test: installs what the tests need (libcmark-dev, libpq-dev, PostgreSQL),
# starts a throwaway PostgreSQL server for the tests that read from one, runs
# `swift test` (arguments are passed on, e.g. --filter Postgres), and stops the server.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/install-deps.sh --postgres
exec scripts/with-postgres.sh swift test "$@"

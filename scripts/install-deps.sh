#!/usr/bin/env bash
# Installs the system libraries gen needs (Debian/Ubuntu): libcmark-dev (Markdown),
# libpq-dev (PostgreSQL sources) and pkg-config; with --postgres also the PostgreSQL
# server the tests start (scripts/with-postgres.sh). Does nothing when they are there.
set -euo pipefail
packages=()
pkg-config --exists libcmark 2>/dev/null || packages+=(libcmark-dev)
pkg-config --exists libpq 2>/dev/null || packages+=(libpq-dev)
command -v pkg-config >/dev/null 2>&1 || packages+=(pkg-config)
if [ "${1:-}" = "--postgres" ] && ! ls -d /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  packages+=(postgresql postgresql-client)
fi
if [ ${#packages[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "gen: installing ${packages[*]} (apt-get)" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${packages[@]}" >/dev/null

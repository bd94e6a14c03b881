#!/usr/bin/env bash
# Builds gen and this repository's site into public/.
# Installs libcmark-dev (the C reference CommonMark library) and libpq-dev (the
# PostgreSQL client) first when they are missing.
# Usage: scripts/build-site.sh [extra gen build options, e.g. --verbose]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/install-deps.sh
swift build -c release --product gen
.build/release/gen build "$@"

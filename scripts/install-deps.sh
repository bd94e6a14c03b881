#!/usr/bin/env bash
# Installs the system libraries gen needs (Debian/Ubuntu): libcmark-dev, pkg-config.
# Does nothing when they are already there.
set -euo pipefail
if pkg-config --exists libcmark 2>/dev/null; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "gen: installing libcmark-dev and pkg-config (apt-get)" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq libcmark-dev pkg-config >/dev/null

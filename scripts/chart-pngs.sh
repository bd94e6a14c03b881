#!/usr/bin/env bash
# Renders every standalone chart SVG of a folder to PNG, light and dark, with headless
# Chromium, for reviewing charts by eye (e.g. the golden charts before committing them).
# Usage: scripts/chart-pngs.sh [SVG_FOLDER] [OUT_FOLDER]
#   default: Tests/Fixtures/golden/charts → /tmp/gen-chart-pngs
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
src=$(cd "${1:-Tests/Fixtures/golden/charts}" && pwd)
out=${2:-/tmp/gen-chart-pngs}
mkdir -p "$out"
chromium=/usr/lib/chromium/chromium
[[ -x $chromium ]] || chromium=$(command -v chromium)
for svg in "$src"/*.svg; do
  name=$(basename "$svg" .svg)
  height=$(sed -n 's/.*<svg[^>]* height="\([0-9.]*\)".*/\1/p' "$svg" | head -1 | cut -d. -f1)
  for scheme in light dark; do
    args=(--headless=new --no-sandbox --disable-gpu --hide-scrollbars "--window-size=672,${height:-480}"
      "--screenshot=$out/$name-$scheme.png")
    [[ $scheme == dark ]] && args+=(--force-dark-mode --blink-settings=preferredColorScheme=0)
    "$chromium" "${args[@]}" "file://$svg" >/dev/null 2>&1
  done
done
echo "PNGs in $out"

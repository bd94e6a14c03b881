#!/usr/bin/env bash
# gen vs vl-convert and matplotlib drawing 50 100%-stacked area charts (121 weeks × 4
# series) from the same weekly_share.csv, side by side in one run.
# Usage: bench/charts.sh [WEEKLY_SHARE.csv]
# Needs: python3 with vl-convert-python and matplotlib, hyperfine, GNU time.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SHARED=${SHARED:-../shared/bench}
export RES=${RES:-/tmp/bench-results}
export RUNS=${RUNS:-5}
weekly=${1:-$RES/out/share-duckdb-1M/weekly_share.csv}
if [[ ! -f $weekly ]]; then
  python3 "$SHARED/make_usage.py" 1M --out /tmp/bench-data/usage-1M.csv
  python3 "$SHARED/share_duckdb.py" /tmp/bench-data/usage-1M.csv "$RES/out/share-duckdb-1M"
fi
swift build -c release --product gen >/dev/null
GEN=$PWD/.build/release/gen
site=/tmp/gen-chart-site
rm -rf "$site"
mkdir -p "$site/content/data"
cp "$weekly" "$site/content/data/weekly_share.csv"
cat > "$site/gen.yml" <<'YAML'
title: Chart benchmark
datasets:
  weekly:
    file: content/data/weekly_share.csv
    time: week
    value: tokens
YAML
{
  printf -- '---\ntitle: Charts\n---\n\n'
  for i in $(seq 1 50); do
    printf '```chart\ntype: area\ndata: weekly\nper: week\nby: origin\npartial: include\ntitle: "Share of tokens by origin, weekly (chart %d)"\n```\n\n' "$i"
  done
} > "$site/content/index.md"
"$GEN" build --site "$site" --verbose
for e in vl mpl; do
  bash "$SHARED/peers.sh" time "chart-$e-50" charts 50 0 "python3 $SHARED/chart_$e.py $weekly $RES/out/chart-$e 50" "rm -rf $RES/out/chart-$e"
done
bash "$SHARED/peers.sh" time "chart-gen-50" charts 50 0 "$GEN build --site $site" "rm -rf $site/public"
bash "$SHARED/peers.sh" summary

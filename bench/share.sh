#!/usr/bin/env bash
# gen vs DuckDB on the share metrics of ../shared/bench/share_duckdb.py, side by side in one run.
# Usage: bench/share.sh [1M] [10M]      (default: both)
# Needs: python3 with numpy and duckdb (pip install numpy duckdb), hyperfine, GNU time.
# Results: $RES (default /tmp/bench-results)/summary.md, timed with hyperfine + GNU time
# through ../shared/bench/peers.sh, so the figures sit in the peers' table format.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SHARED=${SHARED:-../shared/bench}
DATA=${DATA:-/tmp/bench-data}
export RES=${RES:-/tmp/bench-results}
export RUNS=${RUNS:-5}
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1M 10M)
swift build -c release --product gen >/dev/null
GEN=$PWD/.build/release/gen
for size in "${sizes[@]}"; do
  csv=$DATA/usage-$size.csv
  [[ -f $csv ]] || python3 "$SHARED/make_usage.py" "$size" --out "$csv"
  rows=$(( $(wc -l < "$csv") - 1 ))
  bytes=$(stat -c %s "$csv")
  site=/tmp/gen-share-site-$size
  bench/make-share-site.sh "$csv" "$site"
  cat "$csv" > /dev/null   # warm page cache: both engines read from memory
  bash "$SHARED/peers.sh" time "share-duckdb-$size" rows "$rows" "$bytes" \
    "python3 $SHARED/share_duckdb.py $csv $RES/out/share-duckdb-$size" "rm -rf $RES/out/share-duckdb-$size"
  # Every build reads the file: the rollup is made while streaming it.
  bash "$SHARED/peers.sh" time "share-gen-$size" rows "$rows" "$bytes" "$GEN build --site $site" \
    "rm -rf $site/public"
  # The same numbers: compare gen's metrics with DuckDB's summary.
  python3 - "$RES/out/share-duckdb-$size/summary.csv" <("$GEN" metrics --json --site "$site") <<'PY'
import csv, json, sys
duck = {r["metric"]: r["value"] for r in csv.DictReader(open(sys.argv[1]))}
gen = {m["name"]: m for m in json.load(open(sys.argv[2]))}
checks = [("china_mean_2025", float(duck["china_mean_2025"]), gen["china_mean_2025"]["value"]),
          ("china_peak_share", float(duck["china_peak_share"]), gen["china_peak"]["value"]),
          ("top10_share", float(duck["top10_share"]), gen["top10_share"]["value"])]
for name, d, g in checks:
    status = "same" if abs(d - g) < 1e-12 else "DIFFERENT"
    print(f"  {name}: duckdb {d!r} gen {g!r} -> {status}")
print(f"  china_peak_week: duckdb {duck['china_peak_week']} gen {gen['china_peak']['period']}")
PY
done
bash "$SHARED/peers.sh" summary

#!/usr/bin/env bash
# A Spark loader: gen's loader path hands the heavy part to an existing engine.
#
# The usage CSV is converted once to Parquet (bench/loaders/csv_to_parquet.py, pyarrow). The
# share site then reads its dataset from a loader, bench/loaders/spark_rollup.py, that
# reduces the Parquet file with Spark in local mode to one row per day × model × origin and
# prints it as CSV. The script times, in one run:
#   - gen build --refresh: Spark runs, gen reads its rollup (the loader's own time included);
#   - gen build again: the loader's output comes from .gen-cache/, Spark does not run;
#   - gen build straight from the CSV, for comparison;
# and checks that the metrics are the same both ways.
#
# Usage: bench/spark-loader.sh [ROWS]        (default 10M)
# Needs: pip install pyspark pyarrow numpy, a Java 17+ runtime, GNU time.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SHARED=${SHARED:-../shared/bench}
DATA=${DATA:-/tmp/bench-data}
rows=${1:-10M}
csv=$DATA/usage-$rows.csv
parquet=$DATA/usage-$rows.parquet
[[ -f $csv ]] || python3 "$SHARED/make_usage.py" "$rows" --out "$csv"
[[ -f $parquet ]] || python3 bench/loaders/csv_to_parquet.py "$csv" "$parquet"
swift build -c release --product gen >/dev/null
GEN=$PWD/.build/release/gen
echo "$rows rows: CSV $(( $(stat -c %s "$csv") / 1000000 )) MB, Parquet $(( $(stat -c %s "$parquet") / 1000000 )) MB"

site=/tmp/gen-spark-site-$rows
bench/make-share-site.sh "$csv" "$site"
mkdir -p "$site/loaders"
cp bench/loaders/spark_rollup.py "$site/loaders/"
sed -i "s|^    file: .*|    command: [python3, loaders/spark_rollup.py, $parquet]\n    inputs: [loaders/spark_rollup.py]\n    timeout: 1h|" \
  "$site/gen.yml"
csv_site=/tmp/gen-spark-csv-site-$rows
bench/make-share-site.sh "$csv" "$csv_site"

timed() { # timed LABEL CMD...   prints "LABEL  wall s  peak RSS MB" (gen's; Spark's JVM is not counted)
  local label=$1 log; shift
  log=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$log" "$@" >> "${TIMED_OUT:-/dev/null}" 2>&1
  read -r wall rss_kb < "$log"
  printf '%-40s %8s s %8s MB\n' "$label" "$wall" "$(( rss_kb / 1000 ))"
}
verbose=$(mktemp)
cat "$csv" > /dev/null
for run in 1 2 3; do
  TIMED_OUT=$verbose timed "gen build --refresh (Spark loader) #$run" "$GEN" build --site "$site" --refresh --verbose
done
grep -h "^  dataset\|^\[usage\]" "$verbose" | tail -2
for run in 1 2 3; do
  timed "gen build (loader output cached) #$run" "$GEN" build --site "$site"
done
for run in 1 2 3; do
  timed "gen build (straight from the CSV) #$run" "$GEN" build --site "$csv_site"
done
python3 - <("$GEN" metrics --json --site "$site") <("$GEN" metrics --json --site "$csv_site") <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
values = lambda ms: {m["name"]: (m["value"], m.get("period")) for m in ms}
print("metrics from the Spark loader and from the CSV:",
      "same" if values(a) == values(b) else f"DIFFERENT\n{values(a)}\n{values(b)}")
PY

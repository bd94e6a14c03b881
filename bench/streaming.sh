#!/usr/bin/env bash
# Streaming check: a CSV larger than a memory budget builds within it, because the file
# is folded into its rollup while it is read (pages released as they go).
# Usage: bench/streaming.sh [ROWS] [BUDGET_MB]     (default: 10M rows, 400 MB)
# Makes the file with ../shared/bench/make_usage.py (needs numpy), builds the share site
# (bench/make-share-site.sh) with GNU time, and fails when peak RSS passes the budget.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SHARED=${SHARED:-../shared/bench}
DATA=${DATA:-/tmp/bench-data}
rows=${1:-10M}
budget_mb=${2:-400}
csv=$DATA/usage-$rows.csv
[[ -f $csv ]] || python3 "$SHARED/make_usage.py" "$rows" --out "$csv"
swift build -c release --product gen >/dev/null
site=/tmp/gen-streaming-site-$rows
bench/make-share-site.sh "$csv" "$site"
file_mb=$(( $(stat -c %s "$csv") / 1000000 ))
log=$(mktemp)
/usr/bin/time -f "%e %M" -o "$log" .build/release/gen build --site "$site" --verbose
read -r wall rss_kb < "$log"
rss_mb=$(( rss_kb / 1000 ))
echo "streaming: $rows rows, file $file_mb MB, wall $wall s, peak RSS $rss_mb MB (budget $budget_mb MB)"
if (( rss_mb > budget_mb )); then
  echo "streaming: peak RSS over the budget" >&2
  exit 1
fi

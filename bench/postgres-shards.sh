#!/usr/bin/env bash
# Beyond one machine: gen's rollup query pushed down to two PostgreSQL shards.
#
# Three PostgreSQL servers on loopback: a coordinator whose table `usage` is partitioned by
# date into two foreign partitions (postgres_fdw, async), each held by a shard server, with
# enable_partitionwise_aggregate on. gen reads `usage` through the coordinator like any table.
# The script shows:
#   - the SQL gen sent (from the coordinator's log) and its EXPLAIN VERBOSE plan: each
#     partition's GROUP BY runs on its shard ("Relations: Aggregate on ...");
#   - rows and bytes sent to gen against the table's size on the shards;
#   - wall time of a build from PostgreSQL against exporting the table to CSV and building
#     from the file, and that both give the same metrics.
#
# Usage: bench/postgres-shards.sh [ROWS]        (default 100M; 1M for a quick try)
# The loaded shards stay in $SHARDS (default /tmp/gen-shards-ROWS) for the next run;
# KEEP=0 removes them at the end. Needs Debian's postgresql (scripts/install-deps.sh
# --postgres), numpy for make_usage.py, GNU time. Disk: about 2.5× the CSV's size.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SHARED=${SHARED:-../shared/bench}
DATA=${DATA:-/tmp/bench-data}
rows=${1:-100M}
SHARDS=${SHARDS:-/tmp/gen-shards-$rows}
KEEP=${KEEP:-1}
SPLIT=${SPLIT:-2025-12-12}   # shard 1 holds dates before, shard 2 from this day on (the median day)
csv=$DATA/usage-$rows.csv
[[ -f $csv ]] || python3 "$SHARED/make_usage.py" "$rows" --out "$csv"
swift build -c release --product gen >/dev/null
GEN=$PWD/.build/release/gen

BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ -n $BIN ]] || { echo "postgres-shards: PostgreSQL is not installed" >&2; exit 1; }
RUN=()
DBUSER=$(id -un)
if [[ $(id -u) -eq 0 ]]; then RUN=(runuser -u postgres --); DBUSER=postgres; fi
declare -A PORT=([coord]=25430 [shard1]=25431 [shard2]=25432)
mkdir -p "$SHARDS"
[[ $(id -u) -eq 0 ]] && chown postgres "$SHARDS"

sql() { # sql SERVER [psql args...]
  local server=$1; shift
  "${RUN[@]}" "$BIN/psql" -h 127.0.0.1 -p "${PORT[$server]}" -U "$DBUSER" -d bench -X -q -v ON_ERROR_STOP=1 "$@"
}
start() {
  local server=$1 dir=$SHARDS/$1
  if [[ ! -d $dir/data ]]; then
    "${RUN[@]}" "$BIN/initdb" -D "$dir/data" -U "$DBUSER" --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    created+=("$server")
  fi
  "${RUN[@]}" "$BIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "-p ${PORT[$server]} -k $dir \
    -c listen_addresses=127.0.0.1 -c fsync=off -c wal_level=minimal -c max_wal_senders=0 \
    -c shared_buffers=1GB -c work_mem=256MB -c log_statement=all" start >/dev/null
}
stop() {
  for server in coord shard1 shard2; do
    "${RUN[@]}" "$BIN/pg_ctl" -D "$SHARDS/$server/data" -m fast stop >/dev/null 2>&1 || true
  done
  [[ $KEEP == 1 ]] || rm -rf "$SHARDS"
}
trap stop EXIT
created=()
for server in coord shard1 shard2; do start "$server"; done
for server in "${created[@]}"; do
  "${RUN[@]}" "$BIN/createdb" -h 127.0.0.1 -p "${PORT[$server]}" -U "$DBUSER" bench
done

# Load each shard straight from the CSV (COPY ... WHERE), both at once, if not loaded yet.
columns="date date, model text, author text, origin text, category text, tokens bigint"
load() { # load SHARD CONDITION
  sql "$1" -c "BEGIN; CREATE TABLE usage ($columns);
    COPY usage FROM '$csv' WITH (FORMAT csv, HEADER true) WHERE $2; COMMIT; ANALYZE usage;"
}
if [[ ! -f $SHARDS/loaded ]]; then
  echo "loading $csv into two shards (split at $SPLIT)..."
  started=$(date +%s)
  load shard1 "date < '$SPLIT'" & load shard2 "date >= '$SPLIT'" & wait
  echo "loaded in $(( $(date +%s) - started )) s"
  touch "$SHARDS/loaded"
fi

# The coordinator: a partitioned table whose partitions are the shards' tables.
sql coord <<SQL
CREATE EXTENSION IF NOT EXISTS postgres_fdw;
DROP TABLE IF EXISTS usage;
DROP SERVER IF EXISTS shard1 CASCADE;
DROP SERVER IF EXISTS shard2 CASCADE;
CREATE SERVER shard1 FOREIGN DATA WRAPPER postgres_fdw
  OPTIONS (host '127.0.0.1', port '${PORT[shard1]}', dbname 'bench', async_capable 'true', fetch_size '10000');
CREATE SERVER shard2 FOREIGN DATA WRAPPER postgres_fdw
  OPTIONS (host '127.0.0.1', port '${PORT[shard2]}', dbname 'bench', async_capable 'true', fetch_size '10000');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard1 OPTIONS (user '$DBUSER');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard2 OPTIONS (user '$DBUSER');
CREATE TABLE usage ($columns) PARTITION BY RANGE (date);
CREATE FOREIGN TABLE usage_1 PARTITION OF usage FOR VALUES FROM (MINVALUE) TO ('$SPLIT')
  SERVER shard1 OPTIONS (table_name 'usage', use_remote_estimate 'true');
CREATE FOREIGN TABLE usage_2 PARTITION OF usage FOR VALUES FROM ('$SPLIT') TO (MAXVALUE)
  SERVER shard2 OPTIONS (table_name 'usage', use_remote_estimate 'true');
ALTER DATABASE bench SET enable_partitionwise_aggregate = on;
SQL

# The share site, reading `usage` from the coordinator.
site=/tmp/gen-shards-site-$rows
bench/make-share-site.sh "$csv" "$site"
sed -i "s|^    file: .*|    postgres: { table: usage }\n    connection: \"host=127.0.0.1 port=${PORT[coord]} dbname=bench user=$DBUSER\"|" \
  "$site/gen.yml"

timed() { # timed LABEL CMD...   prints "LABEL: wall s, peak RSS MB"
  local label=$1 log; shift
  log=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$log" "$@" >> "${TIMED_OUT:-/dev/stdout}" 2>&1
  read -r wall rss_kb < "$log"
  printf '%-34s %8s s %8s MB\n' "$label" "$wall" "$(( rss_kb / 1000 ))"
}

echo
echo "== gen build from PostgreSQL (rollup query through the coordinator), 3 runs"
: > "$SHARDS/verbose.txt"
for run in 1 2 3; do
  TIMED_OUT=$SHARDS/verbose.txt timed "gen build (postgres) #$run" "$GEN" build --site "$site" --refresh --verbose
done
grep -h "^  dataset" "$SHARDS/verbose.txt" | tail -1
"$GEN" metrics --json --site "$site" > "$SHARDS/metrics-postgres.json"

echo
echo "== The SQL gen sent (last statement from gen in the coordinator's log)"
query=$(python3 - "$SHARDS/coord/log" <<'PY'
import re, sys
text = open(sys.argv[1], errors="replace").read()
found = re.findall(r"statement: (SELECT CAST[^\n]*(?:\n\t[^\n]*)*)", text, re.S)
print(found[-1].replace("\n\t", "\n") if found else "")
PY
)
echo "$query"
echo
echo "== EXPLAIN VERBOSE on the coordinator"
sql coord -c "EXPLAIN (VERBOSE, COSTS OFF) $query"
echo "== What each shard ran (its log)"
for shard in shard1 shard2; do
  echo "$shard: $(grep -A1 "CURSOR FOR" "$SHARDS/$shard/log" | tail -1 | sed 's/^\t//')"
done

echo
echo "== Size: the table on the shards against what gen received"
for shard in shard1 shard2; do
  sql "$shard" -t -A -c "SELECT '$shard', count(*), pg_table_size('usage') FROM usage"
done | awk -F'|' '{rows+=$2; bytes+=$3; print "  " $1 ": " $2 " rows, " $3 " bytes"}
  END {printf "  table: %.0f rows, %.0f bytes (%.0f MB)\n", rows, bytes, bytes / 1e6}'

echo
echo "== Against exporting the table to CSV and building from the file"
export_csv=$SHARDS/export.csv
timed "export usage to CSV (psql \\copy)" \
  "${RUN[@]}" "$BIN/psql" -h 127.0.0.1 -p "${PORT[coord]}" -U "$DBUSER" -d bench -X -q \
  -c "\\copy (SELECT * FROM usage) TO '$export_csv' WITH (FORMAT csv, HEADER true)"
[[ $(id -u) -eq 0 ]] && chown root "$export_csv"
echo "  exported $(stat -c %s "$export_csv") bytes"
csv_site=/tmp/gen-shards-csv-site-$rows
bench/make-share-site.sh "$export_csv" "$csv_site"
timed "gen build (exported CSV)" "$GEN" build --site "$csv_site"
"$GEN" metrics --json --site "$csv_site" > "$SHARDS/metrics-csv.json"
rm -f "$export_csv"
python3 - "$SHARDS/metrics-postgres.json" "$SHARDS/metrics-csv.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
values = lambda ms: {m["name"]: (m["value"], m.get("period")) for m in ms}
print("metrics from PostgreSQL and from the exported CSV:",
      "same" if values(a) == values(b) else f"DIFFERENT\n{values(a)}\n{values(b)}")
PY

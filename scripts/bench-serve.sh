#!/usr/bin/env bash
# Measures how long `gen serve` takes from saving a Markdown file to serving the new
# page: starts `gen serve --port 0` on a copy of a site (the starter site of `gen new`
# unless SITE is given), then ROUNDS times saves the page with a new marker paragraph
# at its end and polls it with curl until the marker is there. Prints each round and
# the median, in milliseconds. The copy is removed at the end.
#
#   scripts/bench-serve.sh [ROUNDS]          # builds .build/release/gen first
#   GEN=.build/debug/gen scripts/bench-serve.sh 10
#   SITE=. PAGE=content/overview.md scripts/bench-serve.sh   # this repository's report
#
# The figure is poll interval (100 ms, on average half of it is waited) + debounce
# (100 ms of quiet) + the rebuild + one curl round trip (a few ms).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

ROUNDS=${1:-20}
if [[ -z "${GEN:-}" ]]; then
  swift build -c release --product gen >/dev/null
  GEN=.build/release/gen
fi
command -v curl >/dev/null || { echo "bench-serve: curl is needed" >&2; exit 2; }

WORK=$(mktemp -d)
COPY=$WORK/site
LOG=$WORK/serve.log
if [[ -n "${SITE:-}" ]]; then
  mkdir -p "$COPY"
  for part in gen.yml content templates; do
    if [[ -e "$SITE/$part" ]]; then cp -R "$SITE/$part" "$COPY/"; fi
  done
  PAGE=${PAGE:-content/index.md}
else
  "$GEN" new "$COPY" >/dev/null
  PAGE=${PAGE:-content/about.md}
fi
# content/index.md → /, content/a/b.md → /a/b/
URL_PATH=${PAGE#content/}
URL_PATH=${URL_PATH%.md}
URL_PATH=${URL_PATH%index}
[[ -z "$URL_PATH" || "$URL_PATH" == */ ]] || URL_PATH="$URL_PATH/"
ORIGINAL=$(cat "$COPY/$PAGE")
"$GEN" serve --site "$COPY" --port 0 >"$LOG" 2>&1 &
PID=$!
cleanup() {
  kill -INT "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

URL=""
for _ in $(seq 1 200); do
  URL=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$LOG" | head -n 1 || true)
  [[ -n "$URL" ]] && break
  sleep 0.05
done
if [[ -z "$URL" ]]; then
  echo "bench-serve: gen serve did not start:" >&2
  cat "$LOG" >&2
  exit 1
fi
echo "bench-serve: gen $("$GEN" --version) serving $URL; saving $PAGE, polling $URL$URL_PATH; $ROUNDS rounds"

now_ns() { date +%s%N; }
results=()
for round in $(seq 1 "$ROUNDS"); do
  # A varying pause, so the save falls at a different point of the poll cycle each time.
  sleep "0.$((RANDOM % 30 + 20))"
  marker="bench-marker-$round-$RANDOM$RANDOM"
  start=$(now_ns)
  printf '%s\n\nRound %s: %s.\n' "$ORIGINAL" "$round" "$marker" >"$COPY/$PAGE"
  deadline=$((start + 10000000000))
  until curl -fs "$URL$URL_PATH" | grep -q "$marker"; do
    if (($(now_ns) > deadline)); then
      echo "bench-serve: round $round: the page did not change within 10 s" >&2
      tail -n 5 "$LOG" >&2
      exit 1
    fi
  done
  ms=$((($(now_ns) - start) / 1000000))
  results+=("$ms")
  echo "round $round: $ms ms"
done

sorted=$(printf '%s\n' "${results[@]}" | sort -n)
count=${#results[@]}
median=$(echo "$sorted" | sed -n "$(((count + 1) / 2))p")
min=$(echo "$sorted" | head -n 1)
max=$(echo "$sorted" | tail -n 1)
builds=$(grep -o 'in [0-9.]* ms' "$LOG" | tail -n +2 | sed 's/in \([0-9.]*\) ms/\1/' | sort -n)
build_median=$(echo "$builds" | sed -n "$((($(echo "$builds" | wc -l) + 1) / 2))p")
echo "save → new page served: median $median ms (min $min, max $max) over $count rounds;" \
  "rebuild itself: median $build_median ms"

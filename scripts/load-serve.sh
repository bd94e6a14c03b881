#!/usr/bin/env bash
# `gen serve` under load (docs/testing.md, "Load"): serves a copy of this repository's
# report, runs wrk with 64 connections for 30 s over its pages while a page is edited
# (and the site rebuilt) every half second, and reports:
#   - wrk's requests, latency and errors (socket errors, non-200 answers);
#   - torn pages: answers that are not one whole page (one <html, ending with </html>);
#   - the rebuilds made meanwhile, and the server's resident memory at start and end.
# Exits 1 on any error or torn page.
#
#   scripts/load-serve.sh [SECONDS] [CONNECTIONS]      # needs wrk (Debian: apt-get install wrk)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SECONDS_=${1:-30}
CONNECTIONS=${2:-64}
command -v wrk >/dev/null || { echo "load-serve: wrk is needed (apt-get install -y wrk)" >&2; exit 2; }
if [[ -z "${GEN:-}" ]]; then
  swift build -c release --product gen >/dev/null
  GEN=$PWD/.build/release/gen
fi

WORK=$(mktemp -d)
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/site"
cp -R gen.yml content templates "$WORK/site/"
PORT=$((20000 + RANDOM % 20000))
"$GEN" serve --site "$WORK/site" --port "$PORT" >"$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 200); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/" && break
  sleep 0.05
done
rss() { awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$SERVER/status"; }
RSS_START=$(rss)

cat >"$WORK/load.lua" <<'EOF'
-- Requests the report's pages in turn; counts answers that are not 200 or not one
-- whole page. Each wrk thread has its own Lua state: totals are gathered in done().
local paths = { "/", "/overview/", "/daily/", "/methodology/", "/sources/", "/authors/" }
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end
function init(args)
  n, torn, bad = 0, 0, 0
end
function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
function response(status, headers, body)
  if status ~= 200 and status ~= 404 then bad = bad + 1 end
  local _, opens = string.gsub(body, "<html", "")
  if opens ~= 1 or not string.find(body, "</html>%s*$") then torn = torn + 1 end
end
function done(summary, latency, requests)
  local t, b = 0, 0
  for _, thread in ipairs(threads) do
    t = t + thread:get("torn")
    b = b + thread:get("bad")
  end
  io.write(string.format("torn pages: %d\nunexpected status: %d\n", t, b))
end
EOF

# An editor: every half second the overview gains or loses a paragraph.
(
  page="$WORK/site/content/overview.md"
  cp "$page" "$WORK/overview.orig"
  i=0
  while true; do
    i=$((i + 1))
    if ((i % 2)); then
      { cat "$WORK/overview.orig"; printf '\nEdit %d under load.\n' "$i"; } >"$page.tmp" && mv "$page.tmp" "$page"
    else
      cp "$WORK/overview.orig" "$page"
    fi
    sleep 0.5
  done
) &
EDITOR_PID=$!
# Resident memory every 5 seconds.
( while kill -0 "$SERVER" 2>/dev/null; do rss; sleep 5; done ) >"$WORK/rss.log" &
SAMPLER_PID=$!

wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_}s" --latency -s "$WORK/load.lua" "http://127.0.0.1:$PORT" | tee "$WORK/wrk.log"
kill "$EDITOR_PID" "$SAMPLER_PID" 2>/dev/null || true
wait "$EDITOR_PID" "$SAMPLER_PID" 2>/dev/null || true
sleep 1
RSS_END=$(rss)
REBUILDS=$(grep -c "rebuilt" "$WORK/serve.log" || true)
FAILED=$(grep -c "error" "$WORK/serve.log" || true)
echo "rebuilds during the run: $REBUILDS (failed: $FAILED)"
echo "resident memory: ${RSS_START} MB at start, ${RSS_END} MB at the end; every 5 s (MB): $(tr '\n' ' ' <"$WORK/rss.log")"
if grep -qE "Socket errors|Non-2xx" "$WORK/wrk.log" || ! grep -q "^torn pages: 0$" "$WORK/wrk.log" \
  || ! grep -q "^unexpected status: 0$" "$WORK/wrk.log"; then
  echo "load-serve: FAILED (errors above)" >&2
  exit 1
fi
echo "load-serve: OK"

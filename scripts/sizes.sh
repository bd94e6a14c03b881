#!/usr/bin/env bash
# Sizes a user may try (docs/testing.md, "Sizes"): builds one generated site per case
# with the release gen and reports wall time, peak memory, exit status and the first
# error. Each case must either build within its stated bound or fail fast with a clear
# error, never hang or crash.
#
#   scripts/sizes.sh            every case (about 2 GB of scratch space in $TMPDIR)
#   scripts/sizes.sh columns    one case: line, columns, nested, periods, groups, inline
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
gen="${GEN:-$PWD/.build/release/gen}"
[[ -n "${GEN:-}" ]] || swift build -c release --product gen >/dev/null
work="${TMPDIR:-/tmp}/gen-sizes"
only="${1:-}"

# site NAME: an empty site folder with a one-page site, its gen.yml read from stdin.
site() {
  rm -rf "${work:?}/$1"
  mkdir -p "$work/$1/content/data"
  cat >"$work/$1/gen.yml"
}

run() {
  local name="$1" what="$2"
  local log="$work/$name.log"
  local start end status
  start=$(date +%s.%N)
  set +e
  (cd "$work/$name" && /usr/bin/time -f "%M" -o "$work/$name.rss" timeout 600 "$gen" build >"$log" 2>&1)
  status=$?
  set -e
  end=$(date +%s.%N)
  local first
  first=$(grep -m1 -E "error:" "$log" | cut -c1-150 || true)
  [[ -z "$first" ]] && first=$(tail -1 "$log" | cut -c1-150)
  printf "%-8s %-34s exit %-3s %7.2f s %7d MB  %s\n" "$name" "$what" "$status" \
    "$(echo "$end - $start" | bc)" "$(($(tail -1 "$work/$name.rss") / 1024))" "$first"
}

want() { [[ -z "$only" || "$only" == "$1" ]]; }

if want line; then
  site line <<'EOF'
title: One line
datasets:
  big: { file: content/data/big.csv, time: day, value: n }
EOF
  head -c 1073741824 /dev/zero | tr '\0' 'a' >"$work/line/content/data/big.csv"
  echo "---" >"$work/line/content/index.md"; echo "title: Home" >>"$work/line/content/index.md"; echo "---" >>"$work/line/content/index.md"
  run line "a 1 GB CSV of one line"
  rm -f "$work/line/content/data/big.csv"
fi

if want columns; then
  site columns <<'EOF'
title: Wide
datasets:
  wide: { file: content/data/wide.csv, time: day, value: c1 }
EOF
  python3 - "$work/columns/content/data/wide.csv" <<'EOF'
import sys
n = 100_000
with open(sys.argv[1], "w") as f:
    f.write("day," + ",".join(f"c{i}" for i in range(n)) + "\n")
    for d in range(1, 11):
        f.write(f"2026-01-{d:02d}," + ",".join(str((i * d) % 97) for i in range(n)) + "\n")
EOF
  printf -- '---\ntitle: Home\nmetrics:\n  total: { data: wide, measure: sum, value: c1 }\n---\nTotal: {{ total }}.\n' >"$work/columns/content/index.md"
  run columns "100,000 columns"
fi

if want nested; then
  site nested <<'EOF'
title: Nested
datasets:
  deep: { file: content/data/deep.json, time: day, value: n }
EOF
  python3 -c "import sys; sys.stdout.write('[' * 1_000_000 + ']' * 1_000_000)" >"$work/nested/content/data/deep.json"
  printf -- '---\ntitle: Home\n---\nText.\n' >"$work/nested/content/index.md"
  run nested "JSON nested a million deep"
fi

if want periods; then
  site periods <<'EOF'
title: Long
datasets:
  days: { file: content/data/days.csv, time: day, value: n }
EOF
  python3 - "$work/periods/content/data/days.csv" <<'EOF'
import sys, datetime
start = datetime.date(1000, 1, 1)
with open(sys.argv[1], "w") as f:
    f.write("day,n\n")
    for i in range(1_000_000):
        f.write(f"{(start + datetime.timedelta(days=i)).isoformat()},{i % 1000}\n")
EOF
  printf -- '---\ntitle: Home\n---\n```chart\ntype: line\ndata: days\nper: day\nmeasure: sum\ntitle: A million days\n```\n' >"$work/periods/content/index.md"
  run periods "a chart over 10^6 periods"
fi

if want groups; then
  site groups <<'EOF'
title: Many groups
datasets:
  usage: { file: content/data/usage.csv, time: week, value: tokens }
EOF
  python3 - "$work/groups/content/data/usage.csv" <<'EOF'
import sys
with open(sys.argv[1], "w") as f:
    f.write("week,model,tokens\n")
    for w in ("2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26"):
        for g in range(100_000):
            f.write(f"{w},model-{g},{(g * 7919) % 100003 + 1}\n")
EOF
  printf -- '---\ntitle: Home\n---\n```chart\ntype: area\ndata: usage\nper: week\nby: model\ntitle: 100,000 groups\n```\n' >"$work/groups/content/index.md"
  run groups "a stacked chart of 10^5 groups"
fi

if want inline; then
  site inline <<'EOF'
title: Many numbers
datasets:
  usage: { file: content/data/usage.csv, time: week, value: tokens }
EOF
  python3 - "$work/inline" <<'EOF'
import sys
root = sys.argv[1]
with open(root + "/content/data/usage.csv", "w") as f:
    f.write("week,model,tokens\n")
    for w in ("2026-01-05", "2026-01-12"):
        for g in range(1000):
            f.write(f"{w},m{g},{g + 1}\n")
with open(root + "/content/index.md", "w") as f:
    f.write("---\ntitle: Home\nmetrics:\n")
    for g in range(1000):
        f.write(f"  s{g}: {{ data: usage, where: {{ model: m{g} }} }}\n")
    f.write("---\n")
    for k in range(100):
        f.write(" ".join(f"{{{{ s{g} }}}}" for g in range(1000)) + "\n\n")
EOF
  run inline "a page with 10^5 inline metrics"
fi

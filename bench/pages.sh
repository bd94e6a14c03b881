#!/usr/bin/env bash
# gen vs Hugo building the same 1,000-page Markdown site (../shared/bench/make_md.py),
# side by side in one run.
# Usage: bench/pages.sh [PAGES]   (default 1000)
# Needs: python3, hugo, hyperfine, GNU time.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SHARED=${SHARED:-../shared/bench}
export RES=${RES:-/tmp/bench-results}
export RUNS=${RUNS:-5}
n=${1:-1000}
md=/tmp/bench-data/md-$n
hugo_site=/tmp/bench-hugo-$n
[[ -d $md && -d $hugo_site ]] || python3 "$SHARED/make_md.py" "$n" --md "$md" --site "$hugo_site"
swift build -c release --product gen >/dev/null
GEN=$PWD/.build/release/gen
site=/tmp/gen-pages-site-$n
rm -rf "$site"
mkdir -p "$site/content/pages"
printf 'title: Page benchmark\n' > "$site/gen.yml"
cp "$hugo_site"/content/pages/*.md "$site/content/pages/"
bytes=$(cat "$md"/*.md | wc -c)
"$GEN" build --site "$site" --verbose
bash "$SHARED/peers.sh" time "md-gen-site-$n" pages "$n" "$bytes" "$GEN build --site $site" "rm -rf $site/public"
bash "$SHARED/peers.sh" time "md-hugo-site-$n" pages "$n" "$bytes" "hugo --quiet -s $hugo_site -d /tmp/bench-hugo-out-$n" "rm -rf /tmp/bench-hugo-out-$n"
bash "$SHARED/peers.sh" summary

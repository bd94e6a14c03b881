#!/usr/bin/env bash
# Makes a gen site that computes the same share metrics as ../shared/bench/share_duckdb.py
# on a usage CSV from ../shared/bench/make_usage.py.
# Usage: bench/make-share-site.sh DATA.csv SITE_DIR
set -euo pipefail
data=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
site=$2
rm -rf "$site"
mkdir -p "$site/content"
cat > "$site/gen.yml" <<YAML
title: Share benchmark
datasets:
  usage:
    file: $data
    time: date
    value: tokens
YAML
cat > "$site/content/index.md" <<'MD'
---
title: Shares
metrics:
  china_mean_2025:          # mean of the weekly China share over weeks starting in 2025
    data: usage
    where: { origin: China }
    per: week
    from: 2025-01-01
    to: 2025-12-31
    agg: mean
  china_peak:               # week with the highest China share (partial weeks included, as DuckDB does)
    data: usage
    where: { origin: China }
    per: week
    agg: max
    partial: include
  top10_share:              # tokens of the 10 largest models (all time) / all tokens
    data: usage
    measure: top_share
    by: model
    top: 10
---

China's mean weekly share in 2025: {{ china_mean_2025 }}; peak {{ china_peak }} in {{ china_peak.period }}.

```chart
type: area
id: weekly-share
data: usage
per: week
by: origin
title: Weekly share by origin
```
MD

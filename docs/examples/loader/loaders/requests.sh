#!/bin/sh
# A gen data loader: reduces a web server's access logs (combined log format, raw/*.log)
# to one CSV row per request: the day, the site section (first path segment), the status
# class and the bytes sent. gen runs it from the site folder and reads its standard output.
set -eu
echo "day,section,status,bytes"
for log in raw/*.log; do
  awk '
    BEGIN { split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", names, " ")
            for (i = 1; i <= 12; i++) month[names[i]] = sprintf("%02d", i) }
    NF >= 10 {
      split(substr($4, 2), t, "[/:]")          # [05/Oct/2026:17:06:23 -> 05 Oct 2026 ...
      split($7, path, "/")                     # /docs/install -> "", docs, install
      section = path[2] == "" ? "home" : path[2]
      bytes = $10 == "-" ? 0 : $10
      printf "%s-%s-%s,%s,%sxx,%s\n", t[3], month[t[2]], t[1], section, substr($9, 1, 1), bytes
    }' "$log"
done
echo "requests: read $(cat raw/*.log | wc -l) log lines" >&2

#!/usr/bin/env bash
# Builds gen's fuzz harnesses (Fuzz/, a package of its own) with libFuzzer and
# AddressSanitizer, and runs them (docs/testing.md, "Fuzzing").
#
#   scripts/fuzz.sh                      every harness, 60 s each
#   scripts/fuzz.sh csv 600              one harness for 10 minutes
#   scripts/fuzz.sh all 300 --leaks      every harness, then a leak-checking pass
#   scripts/fuzz.sh all 0 --leaks        only the leak-checking pass over the corpora
#   JOBS=2 scripts/fuzz.sh json 600      more than one core (libFuzzer -fork)
#
# Each harness starts from its committed seeds (Fuzz/seeds/<name>/) and keeps what it
# finds in .build-fuzz/corpus/<name>/ (not committed); crashes are written to
# .build-fuzz/crashes/<name>/ and make the script fail (a timeout is an input that takes
# over 30 s: about 3 s of an uninstrumented build). The main run has leak checks off:
# LeakSanitizer reports false leaks for Swift enums carrying arrays and slows threaded
# harnesses tenfold, so --leaks runs the whole corpus once more with leak checks on.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
harness="${1:-all}"
seconds="${2:-60}"
leaks="${3:-}"
jobs="${JOBS:-1}"
all=(csv json specs markdown templates expressions datasets site)
if [[ "$harness" == all ]]; then harnesses=("${all[@]}"); else harnesses=("$harness"); fi
for h in "${harnesses[@]}"; do
  [[ " ${all[*]} " == *" $h "* ]] || { echo "fuzz.sh: no harness '$h' (have: ${all[*]})" >&2; exit 2; }
done

scratch="$PWD/.build-fuzz"
mkdir -p "$scratch"
echo "== building harnesses (release, -sanitize=fuzzer,address)"
products=()
for h in "${harnesses[@]}"; do products+=(--product "fuzz-$h"); done
for h in "${harnesses[@]}"; do
  swift build --package-path Fuzz --scratch-path "$scratch/build" -c release "--product" "fuzz-$h" >/dev/null \
    || swift build --package-path Fuzz --scratch-path "$scratch/build" -c release --product "fuzz-$h"
done
bin="$(swift build --package-path Fuzz --scratch-path "$scratch/build" -c release --show-bin-path)"

status=0
export SWIFT_BACKTRACE="enable=no"
export ASAN_OPTIONS="detect_leaks=0:allocator_may_return_null=1:${ASAN_OPTIONS:-}"
for h in "${harnesses[@]}"; do
  corpus="$scratch/corpus/$h"
  crashes="$scratch/crashes/$h"
  mkdir -p "$corpus" "$crashes"
  dict=()
  [[ -f "Fuzz/dictionaries/$h.dict" ]] && dict=(-dict="Fuzz/dictionaries/$h.dict")
  fork=()
  [[ "$jobs" -gt 1 ]] && fork=(-fork="$jobs" -ignore_crashes=0)
  log="$scratch/$h.log"
  if [[ "$seconds" == 0 ]]; then
    echo "== $h: no fuzzing (0 s)"
  else
    echo "== $h: ${seconds}s on $jobs core(s)"
  fi
  if [[ "$seconds" != 0 ]] && ! "$bin/fuzz-$h" "$corpus" "Fuzz/seeds/$h" "${dict[@]}" "${fork[@]}" \
    -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -max_len=65536 \
    -artifact_prefix="$crashes/" -print_final_stats=1 2>"$log"; then
    echo "!! $h: failure, see $log and $crashes/" >&2
    status=1
  fi
  if [[ "$seconds" != 0 ]]; then
    grep -E "^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)" "$log" || true
    grep -E "cov: [0-9]+" "$log" | tail -1 | sed -E 's/.*(cov: [0-9]+ ft: [0-9]+).*/final \1/' || true
  fi
  if [[ "$leaks" == --leaks ]]; then
    echo "== $h: leak check over the corpus"
    if ! ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1" LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan.supp" \
      "$bin/fuzz-$h" "$corpus" -runs=0 -detect_leaks=1 -artifact_prefix="$crashes/leak-" \
      >"$scratch/$h.leaks.log" 2>&1; then
      echo "!! $h: leak check failed, see $scratch/$h.leaks.log" >&2
      status=1
    fi
    grep -E "^#[0-9]+ *DONE" "$scratch/$h.leaks.log" | sed 's/^/leak check: /' || true
  fi
done
exit $status

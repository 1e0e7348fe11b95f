#!/usr/bin/env bash
# Runs each libFuzzer target for a while on its seed corpus:
#   tests/fuzz/run-fuzz.sh build/asan 60
# fuzz_scenario_loader starts from the shipped scenarios and region presets; fuzz_kopa_file from
# the results and sweep files that write_fuzz_seeds (built beside it) writes. Each target runs
# for SECONDS. Exits non-zero on a crash, a hang (-timeout=10 s per input) or a leak; libFuzzer
# writes the failing input as crash-*, timeout-* or leak-* into the current folder.
set -euo pipefail
if [[ $# -ne 2 ]]; then
  echo "usage: $0 FUZZ_BUILD_FOLDER SECONDS" >&2
  exit 2
fi
build="$1/tests/fuzz"
seconds="$2"
root="$(cd "$(dirname "$0")/../.." && pwd)"
for binary in fuzz_scenario_loader fuzz_kopa_file write_fuzz_seeds; do
  if [[ ! -x "$build/$binary" ]]; then
    echo "run-fuzz: $build/$binary not found; build it with 'make asan-build' (the asan preset)" >&2
    exit 2
  fi
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/scenarios" "$work/files"
cp "$root"/scenarios/*.toml "$work/scenarios/"
for preset in "$root"/scenarios/regions/*.toml; do
  cp "$preset" "$work/scenarios/region-$(basename "$preset")"
done
"$build/write_fuzz_seeds" "$work/files"

# New inputs go to the temporary corpora; the seed files stay untouched.
fuzz() {
  echo "run-fuzz: $1 for ${seconds}s" >&2
  ASAN_OPTIONS="detect_leaks=1:${ASAN_OPTIONS:-}" \
    LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0:${LSAN_OPTIONS:-}" \
    "$build/$1" -max_total_time="$seconds" -timeout=10 -detect_leaks=1 -rss_limit_mb=2048 \
    -print_final_stats=1 "$2"
}
fuzz fuzz_scenario_loader "$work/scenarios"
fuzz fuzz_kopa_file "$work/files"

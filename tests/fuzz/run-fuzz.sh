#!/usr/bin/env bash
# Runs a libFuzzer target for a while on a seed corpus made from the shipped scenarios:
#   tests/fuzz/run-fuzz.sh build/fuzz/tests/fuzz/fuzz_scenario_loader 60
# Exits non-zero on a crash, a hang (-timeout=10 s per input) or a leak; libFuzzer writes the
# failing input as crash-*, timeout-* or leak-* into the current folder.
set -euo pipefail
if [[ $# -ne 2 ]]; then
  echo "usage: $0 FUZZ_BINARY SECONDS" >&2
  exit 2
fi
binary="$1"
seconds="$2"
root="$(cd "$(dirname "$0")/../.." && pwd)"
if [[ ! -x "$binary" ]]; then
  echo "run-fuzz: $binary not found; build it with 'cmake --preset fuzz && cmake --build --preset fuzz'" >&2
  exit 2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus"
cp "$root"/scenarios/*.toml "$work/corpus/"
for preset in "$root"/scenarios/regions/*.toml; do
  cp "$preset" "$work/corpus/region-$(basename "$preset")"
done
# New inputs go to the temporary corpus; the seed files stay untouched.
ASAN_OPTIONS="detect_leaks=1:${ASAN_OPTIONS:-}" \
  "$binary" -max_total_time="$seconds" -timeout=10 -detect_leaks=1 -rss_limit_mb=2048 \
  -print_final_stats=1 "$work/corpus"

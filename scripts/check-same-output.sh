#!/usr/bin/env bash
# Checks that a change to the engine left every output value as it was (docs/performance.md):
# runs the baseline and the combined scenario with two base seeds on one and two threads with
# two kopa binaries, and compares every dataset under /scenarios value for value (h5diff; the
# root's attributes - command line, time of creation, thread count - are allowed to differ).
#   scripts/check-same-output.sh KOPA_BEFORE KOPA_AFTER [WORK_DIR]
# Build the "before" binary from the commit before the change (e.g. a worktree of main) and keep
# a copy outside the repository. Exit 0: identical; 1: a difference (printed); 2: usage.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 KOPA_BEFORE KOPA_AFTER [WORK_DIR]" >&2
  exit 2
fi
before=$1
after=$2
work=${3:-$(mktemp -d)}
mkdir -p "$work"
root=$(cd "$(dirname "$0")/.." && pwd)

run() {  # binary, seed, threads, output
  "$1" run "baseline=$root/scenarios/baseline.toml" "combined=$root/scenarios/combined.toml" \
    -r 3 --seed "$2" -t "$3" --months 48 --set simulation.founders=20000 \
    -o "$4" --quiet --force 2>/dev/null
}

status=0
for seed in 7 20240601; do
  run "$before" "$seed" 1 "$work/before-$seed.h5"
  for threads in 1 2; do
    run "$after" "$seed" "$threads" "$work/after-$seed-$threads.h5"
    if h5diff -r "$work/before-$seed.h5" "$work/after-$seed-$threads.h5" /scenarios /scenarios \
      >"$work/diff-$seed-$threads.txt"; then
      echo "seed $seed, $threads thread(s): identical"
    else
      echo "seed $seed, $threads thread(s): DIFFERENT" >&2
      grep -v '^attribute:' "$work/diff-$seed-$threads.txt" | head -20 >&2
      status=1
    fi
  done
done
exit $status

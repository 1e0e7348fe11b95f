#!/bin/bash
# A/B of one run's throughput on 1 and 2 threads: the bench driver of two commits, alternated, so
# that a shared machine's drift hits both alike (docs/performance.md, "Two threads").
#
#   bench/ab-threads.sh                         # A = main, B = HEAD; 5 alternated repetitions
#   A_REV=v0.3 B_REV=HEAD REPS=9 bench/ab-threads.sh
#   SKIP_BUILD=1 bench/ab-threads.sh            # reuse the binaries of a previous call
#   SAME_SERIES=0 bench/ab-threads.sh           # B changes results on purpose: no identity check
#
# Cases: baseline and combined, 10^4 and 10^6 founders, 60 months, 1 and 2 threads (the bench
# driver's `run FOUNDERS 60 POLICY THREADS`: one replicate, set-up included, the rate it prints is
# founders x months over the wall time of run_replicate). At 10^4 one run takes ~10 ms, so each
# repetition times it 5 times. The order of A and B alternates between repetitions. Both builds
# must give the same series bit for bit (the driver's identity check), or the script stops; a B
# that changes results on purpose (a commit that says so) is timed with SAME_SERIES=0.
# Output: every timing in $WORK/timings.txt and a table of medians (min-max) and 2-thread
# efficiencies (median 2-thread rate / (2 x median 1-thread rate)).
set -euo pipefail

REPO=${REPO:-$(git rev-parse --show-toplevel)}
A_REV=${A_REV:-main}
B_REV=${B_REV:-HEAD}
WORK=${WORK:-$REPO/build/ab}  # ignored by git; both trees are built there from git archive
REPS=${REPS:-5}

build() {  # name rev
  local dir="$WORK/$1"
  rm -rf "$dir" && mkdir -p "$dir"
  git -C "$REPO" archive "$2" | tar -x -C "$dir"
  (cd "$dir" && cmake --preset release >/dev/null &&
    cmake --build --preset release -j2 --target kopa_bench_driver >/dev/null)
  git -C "$REPO" rev-parse --short "$2" >"$dir/REV"
}

mkdir -p "$WORK"
if [ -z "${SKIP_BUILD:-}" ]; then
  echo "building A = $A_REV and B = $B_REV in $WORK ..."
  build A "$A_REV"
  build B "$B_REV"
fi
A="$WORK/A/build/release/bench/kopa_bench_driver"
B="$WORK/B/build/release/bench/kopa_bench_driver"
echo "A = $A_REV ($(cat "$WORK/A/REV")), B = $B_REV ($(cat "$WORK/B/REV"))"
# Both must give main's series bit for bit, unless B changes results on purpose.
if [ "${SAME_SERIES:-1}" != 0 ]; then
  "$A" identity write "$WORK/identity-A.bin" >/dev/null
  "$B" identity compare "$WORK/identity-A.bin"
fi

out="$WORK/timings.txt"
: >"$out"
echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for rep in $(seq "$REPS"); do
  if [ $((rep % 2)) = 1 ]; then order="A B"; else order="B A"; fi
  for founders in 10000 1000000; do
    times=1
    [ "$founders" = 10000 ] && times=5
    for policy in baseline combined; do
      for threads in 1 2; do
        for bin in $order; do
          driver=$A
          [ "$bin" = B ] && driver=$B
          for _ in $(seq "$times"); do
            rate=$("$driver" run "$founders" 60 "$policy" "$threads" |
              sed -E 's/.* ([0-9.]+) M founder-months\/s.*/\1/')
            echo "$bin $policy $founders $threads $rep $rate" >>"$out"
          done
        done
      done
    done
  done
  echo "repetition $rep done, load $(cut -d' ' -f1-3 /proc/loadavg)"
done

/usr/bin/python3 - "$out" <<'EOF'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
rates = {}
for b, policy, n, t, rep, rate in rows:
    rates.setdefault((b, policy, int(n), int(t)), []).append(float(rate))
print(f"{'case':<22}{'bin':<4}{'1 thread M/s':>24}{'2 threads M/s':>24}{'efficiency':>12}")
for policy in ("baseline", "combined"):
    for n in (10000, 1000000):
        for b in ("A", "B"):
            one, two = rates[(b, policy, n, 1)], rates[(b, policy, n, 2)]
            m1, m2 = statistics.median(one), statistics.median(two)
            cell = lambda v, m: f"{m:.1f} ({min(v):.1f}-{max(v):.1f})"
            print(f"{policy + ' ' + str(n):<22}{b:<4}{cell(one, m1):>24}{cell(two, m2):>24}"
                  f"{100 * m2 / (2 * m1):>11.1f}%")
EOF
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"

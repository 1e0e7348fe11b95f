#!/usr/bin/env bash
# Runs the benchmark suite, keeps Google Benchmark's JSON and prints a summary table.
#   bench/run-bench.sh BENCH_BINARY OUT_JSON [extra benchmark flags, e.g. --benchmark_filter=...]
# Every benchmark is repeated (KOPA_BENCH_REPETITIONS, default 3) and the table shows medians.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 BENCH_BINARY OUT_JSON [benchmark flags...]" >&2
  exit 2
fi
binary=$1
out=$2
shift 2
repetitions=${KOPA_BENCH_REPETITIONS:-3}

mkdir -p "$(dirname "$out")"
"$binary" --benchmark_format=console --benchmark_out_format=json --benchmark_out="$out" \
  --benchmark_repetitions="$repetitions" --benchmark_report_aggregates_only=true "$@"

# The medians, one line a benchmark, with the counters the targets are judged on.
/usr/bin/python3 - "$out" <<'PY'
import json, sys

with open(sys.argv[1]) as f:
    report = json.load(f)
ctx = report["context"]
print()
print(f"Medians of {ctx.get('num_cpus')} CPUs at {ctx.get('mhz_per_cpu')} MHz, "
      f"load average {', '.join(f'{x:.2f}' for x in ctx.get('load_avg', []))}")
skip = {"name", "family_index", "per_family_instance_index", "run_name", "run_type",
        "repetitions", "threads", "iterations", "real_time", "cpu_time", "time_unit",
        "aggregate_name", "aggregate_unit", "repetition_index", "label", "error_occurred",
        "error_message"}
scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}
def number(v):
    if abs(v) >= 1e6:
        return f"{v / 1e6:.2f}M"
    if abs(v) >= 1e3:
        return f"{v / 1e3:.2f}k"
    return f"{v:.3g}"
rows = []
for b in report["benchmarks"]:
    if b.get("run_type") == "aggregate" and b.get("aggregate_name") != "median":
        continue
    if b.get("error_occurred"):
        rows.append((b["run_name"], "ERROR", "", b.get("error_message", "")))
        continue
    s = scale[b["time_unit"]]
    counters = "  ".join(f"{k}={number(v)}" for k, v in b.items()
                         if k not in skip and isinstance(v, (int, float)))
    # Per core: items over process CPU seconds, which a busy shared machine does not inflate.
    if "items_per_second" in b and b["cpu_time"] > 0:
        counters += f"  items_per_cpu_second={number(b['items_per_second'] * b['real_time'] / b['cpu_time'])}"
    rows.append((b["run_name"].replace("/process_time/real_time", "").replace("/real_time", ""),
                 f"{b['real_time'] * s:.3f}", f"{b['cpu_time'] * s:.3f}", counters))
width = max(len(r[0]) for r in rows)
print(f"{'benchmark':<{width}}  {'wall s':>8}  {'cpu s':>8}  counters")
for name, wall, cpu, counters in rows:
    print(f"{name:<{width}}  {wall:>8}  {cpu:>8}  {counters}")
PY

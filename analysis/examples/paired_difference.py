#!/usr/bin/python3
"""Paired differences against the baseline with h5py and numpy alone: replicate r of every
scenario used the same random numbers, so scenario - baseline is taken replicate by replicate.

    /usr/bin/python3 analysis/examples/paired_difference.py results/default.h5 [METRIC] [BASELINE]

Prints each scenario's mean paired difference of the metric at the last month (stocks) or summed
over all months (flows), with a 95 % normal-approximation interval; `kopa compare` does the same
with Student t intervals and more.
"""

import math
import sys

import h5py
import numpy as np


def at_end(group, metric):
    data = group[metric][...]
    kind = group[metric].attrs["accumulation"]
    kind = kind.decode() if isinstance(kind, bytes) else kind
    return data.sum(axis=1) if kind == "flow" else data[:, -1]


def main():
    path = sys.argv[1]
    metric = sys.argv[2] if len(sys.argv) > 2 else "founders_sustained"
    baseline = sys.argv[3] if len(sys.argv) > 3 else "baseline"
    with h5py.File(path, "r") as f:
        scenarios = f["scenarios"]
        base = scenarios[baseline]
        base_done = base["done"][...].astype(bool)
        base_values = at_end(base, metric)
        print(f"{metric}: scenario - {baseline}, paired by replicate")
        for name, group in scenarios.items():
            if name == baseline:
                continue
            done = group["done"][...].astype(bool) & base_done
            diff = at_end(group, metric)[done] - base_values[done]
            n = diff.size
            if n < 2:
                print(f"{name:20s} n={n}: too few replicates")
                continue
            half = 1.96 * diff.std(ddof=1) / math.sqrt(n)
            print(f"{name:20s} n={n:3d} mean {diff.mean():+10.4g}  "
                  f"95% [{diff.mean() - half:+.4g}, {diff.mean() + half:+.4g}]")


if __name__ == "__main__":
    main()

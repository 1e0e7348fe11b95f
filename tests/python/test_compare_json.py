"""`kopa compare --format json` against an independent recomputation with h5py and numpy.

Run by ctest as: python3 test_compare_json.py KOPA SOURCE_DIR SAMPLE_WRITER
SAMPLE_WRITER --compare writes three scenarios x five replicates x six months, one replicate of
one scenario unfinished (tests/tools/compare_sample.hpp). This test reads that file back itself,
so it depends on the file layout (docs/output-format.md), not on the sample's formula.
"""

import csv
import io
import json
import math
import os
import subprocess
import sys
import tempfile
import traceback

import h5py
import numpy as np

from kopa_text import text


DEFAULT_METRICS = [
    "founders_sustained",
    "founders_startup",
    "jobs_disadvantaged",
    "money_share_disadvantaged",
    "collaborations",
    "public_cost",
]
# Two-sided 95 % Student t quantiles t(0.975, df), for the df this sample gives (4 and 3 pairs
# less one). From any table, e.g. scipy.stats.t.ppf(0.975, df); scipy is not a dependency.
T_975 = {3: 3.182446305284263, 4: 2.7764451051977987}
REL_TOL = 1e-9


def close(a, b):
    return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=1e-12)


def expect_close(label, got, want):
    assert got is not None and close(got, want), f"{label}: kopa {got!r}, numpy {want!r}"


class Recomputed:
    """Per-replicate values as `kopa compare` defines them, read with h5py."""

    def __init__(self, path):
        with h5py.File(path, "r") as f:
            self.status = text(f.attrs["status"])
            self.scenarios = list(f["scenarios"])
            self.done = {}
            self.data = {}
            for name in self.scenarios:
                group = f["scenarios"][name]
                self.done[name] = np.flatnonzero(group["done"][...] == 1)
                self.data[name] = {
                    metric: (group[metric][...], text(group[metric].attrs["accumulation"]))
                    for metric in [
                        "founders_sustained",
                        "founders_startup",
                        "jobs_disadvantaged",
                        "money_awarded_disadvantaged",
                        "money_awarded",
                        "collaborations",
                        "public_cost",
                    ]
                }
            self.months = f["scenarios"][self.scenarios[0]]["month"].shape[0]

    def aggregate(self, scenario, metric, month):
        """One value per done replicate: stock at `month`, flow summed over 0..month."""
        values, accumulation = self.data[scenario][metric]
        rows = values[self.done[scenario]]
        if accumulation == "flow":
            return rows[:, : month + 1].sum(axis=1)
        assert accumulation == "stock", accumulation
        return rows[:, month]

    def values(self, scenario, metric, month):
        if metric == "money_share_disadvantaged":
            return self.aggregate(scenario, "money_awarded_disadvantaged", month) / self.aggregate(
                scenario, "money_awarded", month
            )
        return self.aggregate(scenario, metric, month)


def check_header(result, data):
    assert result["format"] == "kopa-compare", result["format"]
    assert result["format_version"] == 1
    assert result["interrupted"] == (data.status == "interrupted") == True  # noqa: E712
    assert result["baseline"] == "baseline"
    assert result["month"] == data.months - 1 and result["months"] == data.months
    assert [m["name"] for m in result["metrics"]] == DEFAULT_METRICS
    aggregation = {m["name"]: m["aggregation"] for m in result["metrics"]}
    assert aggregation["public_cost"] == "flow_sum", aggregation
    assert aggregation["founders_sustained"] == "stock_at_month", aggregation
    assert aggregation["money_share_disadvantaged"] == "flow_ratio", aggregation


def check_descriptive(result, data, scenario):
    found = next(s for s in result["scenarios"] if s["name"] == scenario)
    assert found["replicate_ids"] == data.done[scenario].tolist(), found["replicate_ids"]
    for metric in DEFAULT_METRICS:
        values = data.values(scenario, metric, result["month"])
        got = found["metrics"][metric]
        label = f"{scenario} {metric}"
        assert got["n"] == len(values), (label, got["n"])
        for i, value in enumerate(values):
            expect_close(f"{label} value {i}", got["values"][i], value)
        expect_close(f"{label} mean", got["mean"], np.mean(values))
        expect_close(f"{label} median", got["median"], np.median(values))
        expect_close(f"{label} p05", got["p05"], np.percentile(values, 5))
        expect_close(f"{label} p95", got["p95"], np.percentile(values, 95))
        expect_close(f"{label} sd", got["sd"], np.std(values, ddof=1))


def paired(data, scenario, metric, month):
    """Scenario minus baseline over the replicate numbers both finished."""
    shared = np.intersect1d(data.done[scenario], data.done["baseline"])
    own = dict(zip(data.done[scenario], data.values(scenario, metric, month)))
    base = dict(zip(data.done["baseline"], data.values("baseline", metric, month)))
    return np.array([own[r] - base[r] for r in shared])


def check_differences(result, data, scenario):
    found = next(s for s in result["scenarios"] if s["name"] == scenario)
    for metric in DEFAULT_METRICS:
        d = paired(data, scenario, metric, result["month"])
        got = found["metrics"][metric]["difference"]
        label = f"{scenario} - baseline {metric}"
        assert got is not None, (label, found["metrics"][metric].get("difference_error"))
        n = len(d)
        assert got["n"] == n == found["paired_replicates"], (label, got["n"], n)
        mean, sd, t = np.mean(d), np.std(d, ddof=1), T_975[n - 1]
        assert sd > 0, f"{label}: the sample should vary"
        half = t * sd / math.sqrt(n)
        expect_close(f"{label} mean", got["mean"], mean)
        expect_close(f"{label} sd", got["sd"], sd)
        expect_close(f"{label} t", got["t_quantile"], t)
        expect_close(f"{label} ci_low", got["ci_low"], mean - half)
        expect_close(f"{label} ci_high", got["ci_high"], mean + half)
        assert got["excludes_zero"] == (mean - half > 0 or mean + half < 0), label


def check_csv_agrees(kopa, path, result):
    """The csv rows carry the same numbers as the json."""
    text = subprocess.run(
        [kopa, "compare", path, "--format", "csv"], check=True, capture_output=True, text=True
    ).stdout
    rows = [r for r in csv.DictReader(io.StringIO(text)) if r["metric"] in DEFAULT_METRICS]
    assert len(rows) == len(DEFAULT_METRICS) * len(result["scenarios"]), len(rows)
    for row in rows:
        scenario = next(s for s in result["scenarios"] if s["name"] == row["scenario"])
        got = scenario["metrics"][row["metric"]]
        assert row["interrupted"] == "true"
        expect_close(f"csv {row['scenario']} {row['metric']} mean", float(row["mean"]), got["mean"])
        if got["difference"] is not None:
            expect_close(
                f"csv {row['scenario']} {row['metric']} ci_low",
                float(row["diff_ci_low"]),
                got["difference"]["ci_low"],
            )


def main(argv):
    if len(argv) < 4:
        print("usage: test_compare_json.py KOPA SOURCE_DIR SAMPLE_WRITER", file=sys.stderr)
        return 2
    kopa, writer = argv[1], argv[3]
    passed = failed = 0
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "compare.h5")
        subprocess.run([writer, path, "--compare"], check=True)
        shown = subprocess.run(
            [kopa, "compare", path, "--format", "json"], check=True, capture_output=True, text=True
        )
        result = json.loads(shown.stdout)
        data = Recomputed(path)
        checks = [("header", lambda: check_header(result, data))]
        for name in data.scenarios:
            checks.append((f"descriptive {name}", lambda n=name: check_descriptive(result, data, n)))
            if name != "baseline":
                checks.append(
                    (f"difference {name}", lambda n=name: check_differences(result, data, n))
                )
        checks.append(("csv agrees", lambda: check_csv_agrees(kopa, path, result)))
        for label, check in checks:
            try:
                check()
                passed += 1
                print(f"ok   {label}")
            except Exception:  # report every failure, not just the first
                failed += 1
                print(f"FAIL {label}")
                traceback.print_exc()
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))

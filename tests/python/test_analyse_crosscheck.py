"""Cross-check of `kopa analyse` on a real small Sobol' sweep:

1. an independent numpy implementation, reading the sweep file with h5py (per-run totals as
   kopa compare makes them, averaged over finished replicates; S1 of Saltelli et al. 2010 and
   ST of Jansen 1999 on centred outputs), must give kopa's estimates to rounding;
2. OpenTURNS (Debian's python3-openturns), on the same design and outputs, must fall inside
   kopa's 95 % bootstrap intervals: S1 from MauntzKucherenkoSensitivityAlgorithm (OpenTURNS's
   name for the estimator of Saltelli et al. 2010, Table 2 (b)) and ST from
   JansenSensitivityAlgorithm (Jansen 1999). OpenTURNS's SaltelliSensitivityAlgorithm is the older
   Saltelli (2002) estimator, noisier at small N: it is printed beside them, not checked;
3. with some runs marked not done (an interrupted sweep), kopa drops exactly the base rows that
   lost a point and says so, and numpy on the remaining rows agrees again.

Run by ctest as: python3 test_analyse_crosscheck.py KOPA SOURCE_DIR [SAMPLE_WRITER]
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import warnings

import h5py
import numpy as np
import openturns as ot

KOPA, SOURCE = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
COMBINED = os.path.join(SOURCE, "scenarios", "combined.toml")
N = 64

# 64 base rows x 5 blocks x 2 replicates = 640 runs of 500 founders over 4 years: about 2 s of
# CPU time. The founders are a village of 500 people, one agent each, many of them with an idea
# or a micro-project already and start-ups sustained after 3 self-sufficient months: at real
# residents' rates (docs/ODD.md) four years of 500 people would hardly move the outputs, and the
# cross-check needs them to vary.
BASE = f"""extends = "{COMBINED}"
[founders]
initial_idea_share = 0.3
initial_micro_project_share = 0.3
[startups]
self_sufficiency_months = 3
[[region]]
name = "village"
country = "latvia"
population = 500
has_len = true
has_incubator = true
"""

SWEEP = """[sweep]
base = "BASE_PATH"
replicates = 2
design = "sobol"
samples = 64
[sweep.set]
"simulation.founders" = 500
"simulation.months" = 48
[[factor]]
path = "levers.seed_funding.budget_per_year"
min = 2000.0
max = 100000.0
log = true
[[factor]]
path = "levers.local_training.skill_gain"
min = 0.0
max = 0.3
[[factor]]
path = "levers.knowledge_exchange.tie_probability"
min = 0.0
max = 0.5
"""

# The metrics cross-checked: a stock, a flow and the ratio of two flows.
METRICS = ["founders_sustained", "public_cost", "money_share_disadvantaged"]


def run_totals(group, metric):
    """[point, replicate] per-run totals, as kopa compare makes them at the last month."""
    if metric == "money_share_disadvantaged":
        num = run_totals(group, "money_awarded_disadvantaged")
        den = run_totals(group, "money_awarded")
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(den == 0, np.nan, num / den)
    values = group[metric][...]
    if group[metric].attrs["accumulation"] in (b"flow", "flow"):
        return values.sum(axis=2)
    return values[:, :, -1]


def point_means(path, metric):
    with h5py.File(path, "r") as f:
        g = f["sweep"]
        totals = run_totals(g, metric)
        done = g["done"][...] == 1
        block = g["sobol_block"][...]
        x = np.column_stack([g[name][...] for name in sorted(
            (n for n in g if n.startswith("factor.")),
            key=lambda n: g[n].attrs["factor_index"])])
    totals = np.where(done & np.isfinite(totals), totals, np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a point without runs: NaN
        means = np.nanmean(totals, axis=1)
    return means, block, x


def numpy_indices(means, block, k):
    """S1 (Saltelli 2010) and ST (Jansen 1999) on complete rows, outputs centred on A and B."""
    blocks = np.array([means[block == b] for b in range(k + 2)])  # [block, row]
    complete = np.all(np.isfinite(blocks), axis=0)
    a, b, ab = blocks[0, complete], blocks[1, complete], blocks[2:, complete]
    m = np.concatenate([a, b]).mean()
    v = np.concatenate([a - m, b - m]).var()
    s1 = np.mean((b - m) * (ab - a), axis=1) / v
    st = 0.5 * np.mean((a - ab) ** 2, axis=1) / v
    return s1, st, np.flatnonzero(~complete)


def analyse(path):
    args = [KOPA, "analyse", path, "--format", "json"]
    for metric in METRICS:
        args += ["--metric", metric]
    result = subprocess.run(args, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["format"] == "kopa-analyse" and report["method"] == "sobol"
    return {a["metric"]: a for a in report["analyses"]}


def test_numpy_and_openturns(path):
    analyses = analyse(path)
    for metric in METRICS:
        a = analyses[metric]
        means, block, x = point_means(path, metric)
        k = x.shape[1]
        s1, st, dropped = numpy_indices(means, block, k)
        assert len(dropped) == 0 and a["rows_used"] == N
        kopa_s1 = np.array([f["S1"] for f in a["factors"]])
        kopa_st = np.array([f["ST"] for f in a["factors"]])
        np.testing.assert_allclose(kopa_s1, s1, rtol=1e-9, atol=1e-12, err_msg=metric)
        np.testing.assert_allclose(kopa_st, st, rtol=1e-9, atol=1e-12, err_msg=metric)

        # OpenTURNS: its design layout is kopa's (A, B, then A with column i from B).
        design = ot.Sample(x)
        output = ot.Sample(means.reshape(-1, 1))
        ot_s1 = np.array(ot.MauntzKucherenkoSensitivityAlgorithm(design, output, N)
                         .getFirstOrderIndices())
        ot_st = np.array(ot.JansenSensitivityAlgorithm(design, output, N)
                         .getTotalOrderIndices())
        ot_2002 = np.array(ot.SaltelliSensitivityAlgorithm(design, output, N)
                           .getFirstOrderIndices())
        print(f"{metric}:")
        for i, f in enumerate(a["factors"]):
            print(f"  {f['path']}: S1 kopa {f['S1']:.3f} [{f['S1_low']:.3f}, "
                  f"{f['S1_high']:.3f}] OpenTURNS {ot_s1[i]:.3f} (Saltelli 2002: "
                  f"{ot_2002[i]:.3f}); ST kopa {f['ST']:.3f} [{f['ST_low']:.3f}, "
                  f"{f['ST_high']:.3f}] OpenTURNS {ot_st[i]:.3f}")
            assert f["S1_low"] <= ot_s1[i] <= f["S1_high"], (metric, f["path"], "S1")
            assert f["ST_low"] <= ot_st[i] <= f["ST_high"], (metric, f["path"], "ST")


def test_interrupted(path, tmp):
    """Runs marked not done: kopa drops the rows that lost a point, numpy agrees on the rest."""
    cut = os.path.join(tmp, "cut.h5")
    shutil.copy(path, cut)
    with h5py.File(cut, "r+") as f:
        g = f["sweep"]
        block = g["sobol_block"][...]
        done = g["done"][...]
        rows = [np.flatnonzero(block == b) for b in range(5)]
        done[rows[0][3], :] = 0   # A of row 3: no run left, the row goes
        done[rows[4][10], :] = 0  # AB_3 of row 10: the row goes
        done[rows[2][20], 0] = 0  # AB_1 of row 20 keeps one replicate: the row stays
        g["done"][...] = done
        f.attrs["status"] = "interrupted"
    analyses = analyse(cut)
    a = analyses["founders_sustained"]
    assert a["rows_used"] == N - 2 and a["dropped_rows"] == [3, 10], a
    assert any("left out 2 of 64 base rows" in note for note in a["notes"]), a["notes"]
    assert any("points average 1 to 2 runs" in note for note in a["notes"]), a["notes"]
    means, block, x = point_means(cut, "founders_sustained")
    s1, st, dropped = numpy_indices(means, block, x.shape[1])
    assert list(dropped) == [3, 10]
    np.testing.assert_allclose([f["S1"] for f in a["factors"]], s1, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose([f["ST"] for f in a["factors"]], st, rtol=1e-9, atol=1e-12)


def main():
    tmp = tempfile.mkdtemp(prefix="kopa-analyse-")
    try:
        base_file = os.path.join(tmp, "village.toml")
        with open(base_file, "w") as f:
            f.write(BASE)
        sweep_file = os.path.join(tmp, "sobol.toml")
        with open(sweep_file, "w") as f:
            f.write(SWEEP.replace("BASE_PATH", base_file))
        path = os.path.join(tmp, "sobol.h5")
        start = time.monotonic()
        result = subprocess.run([KOPA, "sweep", sweep_file, "-o", path, "-t", "2", "--quiet"],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        print(f"sweep: {time.monotonic() - start:.2f} s")
        failures = 0
        for test in (lambda: test_numpy_and_openturns(path), lambda: test_interrupted(path, tmp)):
            try:
                test()
            except Exception:
                traceback.print_exc()
                failures += 1
        return 1 if failures else 0
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    sys.exit(main())

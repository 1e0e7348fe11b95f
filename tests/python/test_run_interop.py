"""End to end: `kopa run` on the shipped scenarios writes a file that h5py and xarray (engine
h5netcdf) read as labelled data; Ctrl-C keeps the finished runs in a valid, interrupted file.

Run by ctest as: python3 test_run_interop.py KOPA SOURCE_DIR [SAMPLE_WRITER]
"""

import os
import signal
import subprocess
import sys
import time

import h5py
import numpy as np
import xarray as xr

from kopa_text import run_each, text


KOPA, SOURCE = sys.argv[1], sys.argv[2]
SCENARIOS = os.path.join(SOURCE, "scenarios")
SMALL = ["--set", "simulation.founders=500", "--months", "24", "--quiet"]


def run_kopa(args, **kwargs):
    return subprocess.run([KOPA, "run", *args], capture_output=True, text=True, **kwargs)


def test_default_set_opens_in_xarray(tmp):
    path = os.path.join(tmp, "default.h5")
    # No scenario argument: the default set, found beside the source tree.
    result = run_kopa(["-o", path, "-r", "3", *SMALL], cwd=tmp)
    assert result.returncode == 0, result.stderr
    with h5py.File(path, "r") as f:
        assert text(f.attrs["format"]) == "kopa-results"
        assert text(f.attrs["status"]) == "complete"
        names = sorted(f["scenarios"].keys())
    assert names == sorted(["baseline", "seed_funding", "one_roof", "knowledge_exchange", "combined"]), names
    for name in names:
        ds = xr.open_dataset(path, group=f"scenarios/{name}", engine="h5netcdf")
        assert ds.sizes["replicate"] == 3 and ds.sizes["month"] == 24, dict(ds.sizes)
        assert list(ds["group"].values) == ["youth", "women", "seniors", "migrants", "disabled",
                                            "single_parents", "long_term_unemployed", "mainstream"]
        assert ds["founders_sustained"].dims == ("replicate", "month")
        assert ds["money_awarded_by_group"].dims == ("replicate", "month", "group")
        assert ds["founders_sustained_by_region"].dims == ("replicate", "month", "region")
        assert text(ds["founders_sustained"].attrs["units"]) == "initiatives"
        # Stage counts add up to the population every month.
        stages = sum(ds[m] for m in ["founders_latent", "founders_idea", "founders_micro_project",
                                     "founders_startup", "founders_sustained",
                                     "founders_lasting_platform", "founders_lasting_civic",
                                     "founders_lasting_ngo", "founders_dormant", "founders_closed"])
        population = ds["population_by_group"].sum("group")
        # In real units: people-weighted sums, equal to rounding.
        np.testing.assert_allclose(stages.values, population.values, rtol=1e-12)
        # Real people: the shipped regions' 307,000 working-age residents, whatever the agents.
        assert round(float(population.values[0, 0])) == 307000
        # xarray and h5py agree on the values.
        with h5py.File(path, "r") as f:
            raw = f[f"scenarios/{name}/money_awarded_by_group"][...]
        assert np.array_equal(raw, ds["money_awarded_by_group"].values)
        ds.close()


def test_common_random_numbers(tmp):
    path = os.path.join(tmp, "crn.h5")
    baseline = os.path.join(SCENARIOS, "baseline.toml")
    result = run_kopa([baseline, os.path.join(SCENARIOS, "ally.toml"), "-o", path, "-r", "2", *SMALL])
    assert result.returncode == 0, result.stderr
    with h5py.File(path, "r") as f:
        a = f["scenarios/baseline/seed"][...]
        b = f["scenarios/ally/seed"][...]
        assert np.array_equal(a, b), (a, b)
        # Before any lever acts differently, month 0's initial population is the same draw.
        pa = f["scenarios/baseline/population_by_region"][:, 0, :]
        pb = f["scenarios/ally/population_by_region"][:, 0, :]
        assert np.array_equal(pa, pb)


def check_interrupted_file(tmp, path, name, err):
    assert "interrupted" in err or err == "", err
    with h5py.File(path, "r") as f:
        assert text(f.attrs["status"]) == "interrupted"
        done = f["scenarios/baseline/done"][...].astype(bool)
        assert 0 < done.sum() < LONG_RUN_REPLICATES, done.sum()
        values = f["scenarios/baseline/founders_latent"][...]
        assert np.isfinite(values[done]).all()
        assert np.isnan(values[~done]).all()
    leftovers = [n for n in os.listdir(tmp) if n != name and name.split(".")[0] in n]
    assert not leftovers, leftovers


# Long enough to be interrupted mid-way, and to outlast the first progress line (5 s): 2,000
# replicates of 10^4 agents x 120 months are 2.4e9 founder-months, about 25 s at the 100 M/s that
# `make bench` measures on two threads since issue 19 (with 400, the progress test's run finished
# before its first progress line). Interrupted runs stop within a month.
LONG_RUN_REPLICATES = 2000


def long_run_args(path, quiet=True):
    return [os.path.join(SCENARIOS, "baseline.toml"), "-o", path, "-r", str(LONG_RUN_REPLICATES),
            "-t", "2",
            "--set", "simulation.founders=10000", *(["--quiet"] if quiet else [])]


def interrupt_with(tmp, sig):
    name = f"signal{int(sig)}.h5"
    path = os.path.join(tmp, name)
    process = subprocess.Popen([KOPA, "run", *long_run_args(path)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)
    process.send_signal(sig)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, (sig, process.returncode, err)
    check_interrupted_file(tmp, path, name, err)


def test_interrupt_keeps_finished_runs(tmp):
    interrupt_with(tmp, signal.SIGINT)


# SIGHUP (the terminal closed) and SIGPIPE (the reader of our output went away) killed the run
# (exit 129, 141) with no file and a temporary one left.
def test_hangup_and_broken_pipe_keep_finished_runs(tmp):
    interrupt_with(tmp, signal.SIGHUP)
    interrupt_with(tmp, signal.SIGPIPE)


def test_progress_into_a_closed_pipe_keeps_finished_runs(tmp):
    # `kopa run ... 2>&1 | head -c 5`: head leaves after the first progress line (every 5 s).
    # The founders are one agent per person of a region of 10,000 people, so that no resolution
    # warning comes first: a warning into the closed pipe would interrupt the run before any run
    # is finished (also exit 130, but with nothing to check).
    village = os.path.join(tmp, "village.toml")
    with open(village, "w") as f:
        f.write(f'name = "baseline"\nextends = "{os.path.join(SCENARIOS, "baseline.toml")}"\n'
                '[[region]]\nname = "village"\ncountry = "latvia"\npopulation = 10000\n'
                'has_len = true\nhas_incubator = true\n')
    path = os.path.join(tmp, "piped.h5")
    args = long_run_args(path, quiet=False)
    args[0] = village
    kopa_run = subprocess.Popen([KOPA, "run", *args],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    head = subprocess.run(["head", "-c", "5"], stdin=kopa_run.stdout, capture_output=True)
    kopa_run.stdout.close()
    kopa_run.wait(timeout=120)
    assert head.stdout == b"kopa:", head.stdout
    assert kopa_run.returncode == 130, kopa_run.returncode
    os.remove(village)
    check_interrupted_file(tmp, path, "piped.h5", "")


def test_warning_into_a_closed_pipe_interrupts(tmp):
    # A municipal round of EUR 2,000 (less than one of its EUR 5,000 awards): kopa warns that no
    # agent count resolves it before running; a reader gone by then interrupts the run (exit 130,
    # a valid file), never kills it (SIGPIPE).
    path = os.path.join(tmp, "warned.h5")
    kopa_run = subprocess.Popen([KOPA, "run", *long_run_args(path, quiet=False),
                                 "--set", "funders.municipal_grant.budget_per_year=2000"],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    head = subprocess.run(["head", "-c", "5"], stdin=kopa_run.stdout, capture_output=True)
    kopa_run.stdout.close()
    kopa_run.wait(timeout=120)
    assert head.stdout == b"kopa ", head.stdout
    assert kopa_run.returncode == 130, kopa_run.returncode
    with h5py.File(path, "r") as f:
        assert text(f.attrs["status"]) == "interrupted"


def main():
    tests = [test_default_set_opens_in_xarray, test_common_random_numbers,
             test_interrupt_keeps_finished_runs, test_hangup_and_broken_pipe_keep_finished_runs,
             test_progress_into_a_closed_pipe_keeps_finished_runs,
             test_warning_into_a_closed_pipe_interrupts]
    return run_each(tests)


if __name__ == "__main__":
    sys.exit(main())

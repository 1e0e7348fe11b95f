"""End to end: `kopa sweep` killed with SIGKILL at several moments resumes to metric datasets
bit-identical to an uninterrupted sweep; Ctrl-C (SIGINT) leaves an interrupted file, exit 130;
resume refuses a changed sweep file; xarray (engine h5netcdf) opens group "sweep".

Run by ctest as: python3 test_sweep_resume.py KOPA SOURCE_DIR [SAMPLE_WRITER]
"""

import os
import signal
import subprocess
import sys
import tempfile
import time

import h5py
import numpy as np

from kopa_text import interruptible_founders, run_each, text

import xarray as xr

KOPA, SOURCE = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
SEED_FUNDING = os.path.join(SOURCE, "scenarios", "seed_funding.toml")

# About 3 s uninterrupted on two cores: long enough to be killed mid-way several times.
SWEEP = f"""# test sweep
[sweep]
base = "{SEED_FUNDING}"
replicates = 4
design = "lhs"
samples = 32
seed = 3
[sweep.set]
"simulation.founders" = {interruptible_founders(8000)}
"simulation.months" = 96
[[factor]]
path = "levers.seed_funding.budget_per_year"
min = 50000.0
max = 2000000.0
log = true
[[factor]]
path = "levers.seed_funding.grant_months"
min = 6
max = 24
"""


def sweep(args, **kwargs):
    return subprocess.run([KOPA, "sweep", *args, "-t", "2", "--quiet"], capture_output=True,
                          text=True, **kwargs)


def metrics(path):
    with h5py.File(path, "r") as f:
        g = f["sweep"]
        names = [n for n in g if isinstance(g[n], h5py.Dataset) and g[n].ndim >= 3]
        return {n: g[n][...] for n in names}, g["done"][...], text(f.attrs["status"])


def assert_same(a, b):
    assert a.keys() == b.keys()
    for name in a:
        # Bit for bit: NaN-aware byte comparison.
        assert a[name].tobytes() == b[name].tobytes(), name


def test_kill_and_resume(tmp, sweep_file):
    reference = os.path.join(tmp, "reference.h5")
    start = time.monotonic()
    result = sweep([sweep_file, "-o", reference])
    elapsed = time.monotonic() - start
    assert result.returncode == 0, result.stderr
    ref, done, status = metrics(reference)
    assert status == "complete" and done.all()
    print(f"uninterrupted sweep: {elapsed:.2f} s")

    target = os.path.join(tmp, "killed.h5")
    journal = os.path.join(tmp, ".killed.h5.journal")
    kills = 0
    for delay in [0.05, 0.3, 0.5, 0.7]:
        args = [KOPA, "sweep", sweep_file, "-o", target, "-t", "2", "--quiet"]
        if os.path.exists(journal):
            args.append("--resume")
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(delay)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
        if os.path.exists(journal):
            with open(journal, "rb") as f:
                size = len(f.read())
            # Tear the last record as a kill in the middle of a write would.
            if delay == 0.5 and size > 1000:
                with open(journal, "r+b") as f:
                    f.truncate(size - 100)
    assert kills >= 2, "the sweep finished too fast to be killed"
    assert os.path.exists(journal), "the sweep finished before the last kill"
    result = sweep([sweep_file, "-o", target, "--resume"])
    assert result.returncode == 0, result.stderr
    got, done, status = metrics(target)
    assert status == "complete" and done.all()
    assert_same(got, ref)
    assert not os.path.exists(journal)
    # The killed attempts' half-written files are cleaned up by the next sweep to that output.
    leftovers = [n for n in os.listdir(tmp) if n.startswith(".killed.h5.tmp-")]
    assert not leftovers, leftovers


def wait_for_journal_records(journal, proc, timeout=60.0):
    """Returns once the journal has grown past its first size (a run was recorded)."""
    deadline = time.monotonic() + timeout
    first_size = None
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the sweep ended before it could be interrupted"
        size = os.path.getsize(journal) if os.path.exists(journal) else 0
        if size > 0:  # the header is one write; records follow it
            if first_size is None:
                first_size = size
            elif size > first_size:
                return
        time.sleep(0.01)
    raise AssertionError("no run was journaled within %g s" % timeout)


def test_sigint_then_resume(tmp, sweep_file):
    target = os.path.join(tmp, "interrupted.h5")
    proc = subprocess.Popen([KOPA, "sweep", sweep_file, "-o", target, "-t", "2", "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    # Interrupt once the first runs are journaled (not after a fixed delay: on a loaded machine
    # the signal could come before kopa has installed its handler, or before any run is done).
    journal = os.path.join(tmp, ".interrupted.h5.journal")
    wait_for_journal_records(journal, proc)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, (proc.returncode, err)
    assert "interrupted" in err, err
    _, done, status = metrics(target)
    assert status == "interrupted" and 0 < done.sum() < done.size, done.sum()
    ds = xr.open_dataset(target, group="sweep", engine="h5netcdf")
    assert ds["founders_startup"].dims == ("point", "replicate", "month")
    assert ds["money_awarded_by_group"].dims == ("point", "replicate", "month", "group")
    assert ds["factor.levers.seed_funding.grant_months"].dims == ("point",)
    assert ds.attrs["design"] == "lhs"
    # Integer factor: rounded design values.
    months = ds["factor.levers.seed_funding.grant_months"].values
    assert np.array_equal(months, np.round(months))
    # Not done runs read NaN.
    assert np.isnan(ds["founders_startup"].values[ds["done"].values == 0]).all()
    ds.close()

    # Without --resume an existing journal is refused (exit 2).
    result = sweep([sweep_file, "-o", target])
    assert result.returncode == 2 and "--resume" in result.stderr, result.stderr
    # A changed sweep file is refused on resume (exit 2), and nothing changes.
    changed = os.path.join(tmp, "changed.toml")
    with open(sweep_file) as f:
        text = f.read()
    with open(sweep_file, "w") as f:
        f.write(text.replace("replicates = 4", "replicates = 5"))
    result = sweep([sweep_file, "-o", target, "--resume"])
    assert result.returncode == 2 and "sweep file changed" in result.stderr, result.stderr
    with open(sweep_file, "w") as f:
        f.write(text)
    result = sweep([sweep_file, "-o", target, "--resume"])
    assert result.returncode == 0, result.stderr
    _, done, status = metrics(target)
    assert status == "complete" and done.all()
    del changed


def main():
    with tempfile.TemporaryDirectory() as tmp:
        sweep_file = os.path.join(tmp, "sweep.toml")
        with open(sweep_file, "w") as f:
            f.write(SWEEP)
        failures = run_each([test_kill_and_resume, test_sigint_then_resume], tmp, sweep_file)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

"""End to end over MPI (docs/distributed.md): `mpirun -n 3 kopa sweep|run` writes datasets
bit-identical to the plain command; a computing rank killed with SIGKILL ends the job with a
message naming it and keeps the finished runs in the journal; --resume, without MPI and under
it, completes the file bit-identically; other commands are refused under mpirun.

Run by ctest as: python3 test_mpi.py KOPA SOURCE_DIR [SAMPLE_WRITER]
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import h5py

from kopa_text import interruptible_founders, run_each, text

KOPA, SOURCE = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
SCENARIOS = os.path.join(SOURCE, "scenarios")
MPIRUN = shutil.which("mpirun")

# Small: 12 points x 2 replicates of 1,000 founders over 3 years (well under a second).
SWEEP = f"""# test sweep
[sweep]
base = "{os.path.join(SCENARIOS, "seed_funding.toml")}"
replicates = 2
design = "lhs"
samples = 12
seed = 5
[sweep.set]
"simulation.founders" = 1000
"simulation.months" = 36
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
# Long enough (a few seconds on two cores, three ranks) to kill a rank mid-way.
SLOW_SWEEP = (SWEEP.replace("replicates = 2", "replicates = 3")
              .replace("samples = 12", "samples = 16")
              .replace('"simulation.founders" = 1000',
                       f'"simulation.founders" = {interruptible_founders(30000)}')
              .replace('"simulation.months" = 36', '"simulation.months" = 120'))


def mpi_env():
    env = dict(os.environ)
    if os.geteuid() == 0:  # Open MPI refuses root unless told twice
        env["OMPI_ALLOW_RUN_AS_ROOT"] = "1"
        env["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1"
    return env


def mpirun(ranks, args):
    return [MPIRUN, "--oversubscribe", "-n", str(ranks), KOPA, *args]


def run(command, **kwargs):
    return subprocess.run(command, capture_output=True, text=True, env=mpi_env(), timeout=120,
                          **kwargs)


def datasets(path):
    """Every dataset of the file by name (the output's numbers, not its provenance attributes)."""
    found = {}
    with h5py.File(path, "r") as f:
        f.visititems(lambda name, obj: found.__setitem__(name, obj[...])
                     if isinstance(obj, h5py.Dataset) else None)
        status = text(f.attrs["status"])
    return found, status


def assert_same_datasets(a_path, b_path):
    a, a_status = datasets(a_path)
    b, b_status = datasets(b_path)
    assert a_status == b_status == "complete", (a_status, b_status)
    assert a.keys() == b.keys(), (sorted(a.keys() ^ b.keys()))
    assert len(a) > 5, sorted(a)
    for name in a:
        # Bit for bit: NaN-aware byte comparison.
        assert a[name].dtype == b[name].dtype, name
        assert a[name].tobytes() == b[name].tobytes(), name


def test_sweep_matches_plain(tmp, sweep_file):
    plain, spread = os.path.join(tmp, "plain.h5"), os.path.join(tmp, "spread.h5")
    result = run([KOPA, "sweep", sweep_file, "-o", plain, "-t", "2", "--quiet"])
    assert result.returncode == 0, result.stderr
    result = run(mpirun(3, ["sweep", sweep_file, "-o", spread, "-t", "1"]))
    assert result.returncode == 0, result.stdout + result.stderr
    # Progress and the summary come from the writer alone: one summary line, not three.
    assert result.stderr.count("runs of 12 design points written") == 1, result.stderr
    assert "3 ranks; the writer received 24 runs" in result.stderr, result.stderr
    assert_same_datasets(plain, spread)


def test_run_matches_plain(tmp, _):
    args = [os.path.join(SCENARIOS, "baseline.toml"), os.path.join(SCENARIOS, "one_roof.toml"),
            "-r", "3", "--months", "24", "--set", "simulation.founders=1000", "--quiet"]
    plain, spread = os.path.join(tmp, "run-plain.h5"), os.path.join(tmp, "run-spread.h5")
    result = run([KOPA, "run", *args, "-o", plain, "-t", "2"])
    assert result.returncode == 0, result.stderr
    result = run(mpirun(3, ["run", *args, "-o", spread, "-t", "1"]))
    assert result.returncode == 0, result.stdout + result.stderr
    assert_same_datasets(plain, spread)


def test_refusals(tmp, _):
    # Bad input: every rank stops with exit 2, the message printed once (by the writer).
    missing = os.path.join(tmp, "missing.toml")
    result = run(mpirun(3, ["sweep", missing, "-o", os.path.join(tmp, "x.h5")]))
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert result.stderr.count("missing.toml") == 1, result.stderr
    assert not os.path.exists(os.path.join(tmp, "x.h5"))
    # A command that would only be repeated by every rank is refused.
    result = run(mpirun(2, ["describe"]))
    assert result.returncode == 2 and "without mpirun" in result.stderr, result.stderr


def ranks_of(mpirun_pid):
    """kopa's ranks started by this mpirun: {rank: pid}."""
    found = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                parent = int(f.read().rsplit(")", 1)[1].split()[1])
            if parent != mpirun_pid:
                continue
            with open(f"/proc/{pid}/environ", "rb") as f:
                env = dict(e.split(b"=", 1) for e in f.read().split(b"\0") if b"=" in e)
        except (OSError, ValueError, IndexError):
            continue
        if b"OMPI_COMM_WORLD_RANK" in env:
            found[int(env[b"OMPI_COMM_WORLD_RANK"])] = int(pid)
    return found


def kill_a_rank(slow_file, target, journal, resume):
    args = ["sweep", slow_file, "-o", target, "-t", "1"] + (["--resume"] if resume else [])
    proc = subprocess.Popen(mpirun(3, args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=mpi_env())
    # Wait for some runs to reach the journal (its header is about 400 bytes, a run far more).
    deadline = time.monotonic() + 60
    start_size = os.path.getsize(journal) if os.path.exists(journal) else 0
    while time.monotonic() < deadline and proc.poll() is None:
        if os.path.exists(journal) and os.path.getsize(journal) > start_size + 20000:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the sweep ended before a rank could be killed"
    ranks = ranks_of(proc.pid)
    assert 2 in ranks, ranks
    os.kill(ranks[2], signal.SIGKILL)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode != 0, out + err
    # mpirun names the rank that died; the writer says it stopped and what it kept.
    assert "rank 2" in out + err, out + err
    assert "stopped dealing runs" in err and "continue with --resume" in err, err
    assert os.path.exists(journal), "the journal is gone"


def test_rank_killed_then_resume(tmp, _):
    slow_file = os.path.join(tmp, "slow.toml")
    with open(slow_file, "w") as f:
        f.write(SLOW_SWEEP)
    reference = os.path.join(tmp, "slow-plain.h5")
    result = run([KOPA, "sweep", slow_file, "-o", reference, "-t", "2", "--quiet"])
    assert result.returncode == 0, result.stderr
    target = os.path.join(tmp, "killed.h5")
    journal = os.path.join(tmp, ".killed.h5.journal")
    # Killed once, resumed under MPI and killed again, then resumed without MPI.
    kill_a_rank(slow_file, target, journal, resume=False)
    kill_a_rank(slow_file, target, journal, resume=True)
    result = run([KOPA, "sweep", slow_file, "-o", target, "-t", "2", "--resume"])
    assert result.returncode == 0, result.stderr
    kept = int(result.stderr.split("resuming: ", 1)[1].split()[0])
    assert 0 < kept < 48, result.stderr
    assert_same_datasets(reference, target)
    assert not os.path.exists(journal)


def main():
    if MPIRUN is None:
        print("FAIL mpirun not found (scripts/setup-deps.sh installs openmpi-bin)")
        sys.exit(1)
    with tempfile.TemporaryDirectory() as tmp:
        sweep_file = os.path.join(tmp, "sweep.toml")
        with open(sweep_file, "w") as f:
            f.write(SWEEP)
        failures = run_each([test_sweep_matches_plain, test_run_matches_plain, test_refusals,
                             test_rank_killed_then_resume], tmp, sweep_file)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

"""CF conventions: a run with simulation.start writes a file whose `time` coordinate xarray decodes
to the first day of each month, whose flags and variables carry CF attributes, and whose header
ncdump (Debian netcdf-bin) reads (docs/output-format.md, "CF conventions"); a sweep file's /sweep
group decodes the same way.

Run by ctest as: python3 test_cf_conventions.py KOPA SOURCE_DIR [SAMPLE_WRITER]
"""

import os
import shutil
import subprocess
import sys

import numpy as np
import xarray as xr

from kopa_text import run_each

KOPA, SOURCE = sys.argv[1], sys.argv[2]
BASELINE = os.path.join(SOURCE, "scenarios", "baseline.toml")
SMALL = ["--set", "simulation.founders=500", "--months", "14", "--quiet", "-r", "2"]


def kopa(*args):
    result = subprocess.run([KOPA, *args], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def run(tmp, *extra):
    path = os.path.join(tmp, "cf.h5")
    kopa("run", BASELINE, "-o", path, *SMALL, *extra)
    return path


def test_time_decodes_to_month_starts(tmp):
    path = run(tmp, "--set", "simulation.start=2027-11")
    ds = xr.open_dataset(path, group="scenarios/baseline", engine="h5netcdf")
    times = ds["time"].values
    assert times.dtype.kind == "M", times.dtype  # decoded to datetime64
    expected = np.array(["2027-11-01", "2027-12-01", "2028-01-01", "2028-02-01"],
                        dtype="datetime64[ns]")
    assert (times[:4] == expected).all(), times[:4]
    assert str(times[13])[:10] == "2028-12-01", times[13]
    assert "time" in ds["founders_startup"].coords  # a coordinate of every metric
    assert ds.attrs["start"] == "2027-11"
    for name, variable in ds.variables.items():
        if variable.dtype.kind in "OSU":
            continue  # label coordinates: strings
        assert "long_name" in variable.attrs, name
        assert "units" in variable.attrs or name == "time", name  # decoded: units moved
    done = xr.open_dataset(path, group="scenarios/baseline", engine="h5netcdf")["done"]
    assert list(done.attrs["flag_values"]) == [0, 1], done.attrs
    assert done.attrs["flag_meanings"] == "unfinished finished"


def test_without_start_there_is_no_time(tmp):
    path = run(tmp)
    ds = xr.open_dataset(path, group="scenarios/baseline", engine="h5netcdf")
    assert "time" not in ds.variables
    assert "start" not in ds.attrs


def test_ncdump_reads_the_header(tmp):
    ncdump = shutil.which("ncdump")
    assert ncdump, "ncdump missing: scripts/setup-deps.sh installs netcdf-bin"
    path = run(tmp, "--set", "simulation.start=2026-01")
    header = subprocess.run([ncdump, "-h", path], capture_output=True, text=True)
    assert header.returncode == 0, header.stderr
    assert ':Conventions = "CF-1.10"' in header.stdout, header.stdout[:2000]
    assert 'time:units = "days since 2026-01-01"' in header.stdout, header.stdout[:4000]
    assert 'time:calendar = "standard"' in header.stdout
    assert "done:flag_meanings" in header.stdout


SWEEP = """[sweep]
base = "BASE"
replicates = 1
design = "grid"
[sweep.set]
"simulation.founders" = 300
"simulation.months" = 14
[[factor]]
path = "levers.seed_funding.grant_max"
values = [8000.0, 16000.0]
"""


def sweep(tmp, *extra):
    spec = os.path.join(tmp, "grid.toml")
    with open(spec, "w") as f:
        f.write(SWEEP.replace("BASE", os.path.abspath(os.path.join(SOURCE, "scenarios",
                                                                     "seed_funding.toml"))))
    path = os.path.join(tmp, "grid.h5")
    kopa("sweep", spec, "-o", path, "--quiet", "--force", *extra)
    return path


def test_sweep_time_decodes_to_month_starts(tmp):
    # The start comes from the command line (kopa sweep --set on the base).
    path = sweep(tmp, "--set", "seed_funding:simulation.start=2027-11")
    ds = xr.open_dataset(path, group="sweep", engine="h5netcdf")
    times = ds["time"].values
    assert times.dtype.kind == "M", times.dtype
    assert str(times[0])[:10] == "2027-11-01" and str(times[2])[:10] == "2028-01-01", times[:3]
    assert str(times[13])[:10] == "2028-12-01", times[13]
    assert "time" in ds["founders_startup"].coords
    assert ds["founders_startup"].dims == ("point", "replicate", "month"), ds["founders_startup"]
    assert ds.attrs["start"] == "2027-11"
    root = xr.open_dataset(path, engine="h5netcdf")
    assert root.attrs["Conventions"] == "CF-1.10", root.attrs
    no_start = xr.open_dataset(sweep(tmp), group="sweep", engine="h5netcdf")
    assert "time" not in no_start.variables and "start" not in no_start.attrs


def main():
    tests = [test_time_decodes_to_month_starts, test_without_start_there_is_no_time,
             test_ncdump_reads_the_header, test_sweep_time_decodes_to_month_starts]
    return run_each(tests)


if __name__ == "__main__":
    sys.exit(main())

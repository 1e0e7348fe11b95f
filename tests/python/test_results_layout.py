"""Python interop: a results file written by kopa's ResultsWriter opens in h5py and in xarray
(engine h5netcdf) as labelled data (docs/output-format.md).

Run by ctest as: python3 test_results_layout.py KOPA SOURCE_DIR SAMPLE_WRITER
where SAMPLE_WRITER is tests/tools/kopa_write_sample_results. The expected values mirror
tests/tools/sample_results.hpp.
"""

import math
import os
import subprocess
import sys
import tempfile
import traceback

import h5py
import numpy as np
import xarray as xr

from kopa_text import text


REPLICATES = 3
MONTHS = 5
DIMENSIONS = ["group", "region", "funder", "partner_kind", "lever"]
COMMON_LABELS = {
    "group": ["mainstream", "disadvantaged"],
    "region": ["north", "Ñuble", "Łódź"],
    "funder": ["eu_fund", "regional_bank"],
    "partner_kind": ["founder", "advocate", "funder", "public_body"],
}
SCENARIOS = {
    "baseline": {"lever": [], "base_seed": 42, "seeds": [1001, 1002, 1003], "ppa": 1.0},
    "seed_funding": {
        "lever": ["seed_fund", "one_roof"],
        "base_seed": 18446744073709551557,
        "seeds": [2001, 2002, 18446744073709551615],
        "ppa": 12.5,
    },
}
# A few catalog entries (sim/model/metrics.cpp) with their index, to check values and units.
METRICS = {
    "founders_latent": (0, None, "people", "stock"),
    "new_startups": (13, None, "initiatives/month", "flow"),
    "public_cost": (28, None, "EUR/month", "flow"),
    "population_by_group": (33, "group", "people", "stock"),
    "founders_supported_by_region": (43, "region", "people", "stock"),
    "money_awarded_by_funder": (49, "funder", "EUR/month", "flow"),
    "collaborations_by_partner_kind": (50, "partner_kind", "collaborations", "stock"),
    "public_cost_by_lever": (51, "lever", "EUR/month", "flow"),
}


def sample_value(scenario, replicate, metric, month, label):
    return 1e7 * scenario + 1e5 * replicate + 1e3 * metric + 10.0 * month + label + 0.25


YEARS = 5


def expected_survival(scenario_index):
    """(share, cohort) [replicate, year] as sample_results.hpp writes them; year 5 has no cohort."""
    share = np.full((REPLICATES, YEARS), np.nan)
    cohort = np.zeros((REPLICATES, YEARS))
    for r in range(REPLICATES):
        for k in range(YEARS - 1):
            cohort[r, k] = 10.0 * (YEARS - k) + r
            share[r, k] = (cohort[r, k] * (0.9 - 0.1 * k) - scenario_index) / cohort[r, k]
    return share, cohort


def expected_array(scenario_index, metric_index, width):
    values = np.empty((REPLICATES, MONTHS, max(width, 0)))
    for r in range(REPLICATES):
        for t in range(MONTHS):
            for label in range(width):
                values[r, t, label] = sample_value(scenario_index, r, metric_index, t, label)
    return values


def labels_of(name, dimension):
    return SCENARIOS[name]["lever"] if dimension == "lever" else COMMON_LABELS[dimension]


def check_root_attributes(path):
    with h5py.File(path, "r") as f:
        assert text(f.attrs["format"]) == "kopa-results", f.attrs["format"]
        assert text(f.attrs["format_version"]) == "2.0", f.attrs["format_version"]
        assert text(f.attrs["status"]) == "complete"
        assert f.attrs["threads"] == 1
        assert text(f.attrs["created_utc"]).endswith("Z")
        for key in ["kopa_version", "git_commit", "command_line"]:
            assert isinstance(text(f.attrs[key]), str) and f.attrs[key], key
        assert list(f["scenarios"]) == list(SCENARIOS), list(f["scenarios"])
    root = xr.open_dataset(path, engine="h5netcdf")
    assert root.attrs["format"] == "kopa-results"


def check_with_h5py(path, name, index):
    expected = SCENARIOS[name]
    with h5py.File(path, "r") as f:
        group = f["scenarios"][name]
        assert group.attrs["replicates"] == REPLICATES
        assert group.attrs["months"] == MONTHS
        assert int(group.attrs["base_seed"]) == expected["base_seed"]
        assert len(text(group.attrs["scenario_sha256"])) == 64
        import hashlib

        toml = text(group.attrs["scenario_toml"])
        assert hashlib.sha256(toml.encode()).hexdigest() == text(group.attrs["scenario_sha256"])
        assert list(group["seed"][...]) == expected["seeds"]
        assert group["seed"].dtype == np.uint64
        assert list(group["done"][...]) == [1, 1, 1]
        for dimension in DIMENSIONS:
            labels = [s.decode() for s in group[dimension][...]]
            assert labels == labels_of(name, dimension), (dimension, labels)
        for metric, (metric_index, dimension, units, accumulation) in METRICS.items():
            dataset = group[metric]
            assert dataset.dtype == np.float64
            assert text(dataset.attrs["units"]) == units
            assert text(dataset.attrs["accumulation"]) == accumulation
            assert dataset.attrs["long_name"]
            width = 1 if dimension is None else len(labels_of(name, dimension))
            shape = (REPLICATES, MONTHS) if dimension is None else (REPLICATES, MONTHS, width)
            assert dataset.shape == shape, (metric, dataset.shape)
            if width > 0:
                assert dataset.chunks == (1,) + shape[1:], dataset.chunks
                assert dataset.compression == "gzip"
            values = dataset[...].reshape(REPLICATES, MONTHS, width)
            np.testing.assert_array_equal(values, expected_array(index, metric_index, width))
            scales = [dataset.dims[axis][0].name.split("/")[-1] for axis in range(dataset.ndim)]
            want = ["replicate", "month"] + ([] if dimension is None else [dimension])
            assert scales == want, (metric, scales)
        assert group.attrs["people_per_agent"] == expected["ppa"]
        assert list(group["year"][...]) == [1, 2, 3, 4, 5]
        share, cohort = expected_survival(index)
        for dataset_name, values, units in (("survival", share, "1"),
                                            ("survival_cohort", cohort, "initiatives")):
            dataset = group[dataset_name]
            assert dataset.shape == (REPLICATES, YEARS), dataset.shape
            assert text(dataset.attrs["units"]) == units and text(dataset.attrs["long_name"])
            np.testing.assert_allclose(dataset[...], values, rtol=1e-15)
            scales = [dataset.dims[axis][0].name.split("/")[-1] for axis in range(2)]
            assert scales == ["replicate", "year"], scales


def check_with_xarray(path, name, index):
    expected = SCENARIOS[name]
    ds = xr.open_dataset(path, group=f"scenarios/{name}", engine="h5netcdf")
    try:
        assert list(ds["replicate"].values) == list(range(REPLICATES))
        assert list(ds["month"].values) == list(range(MONTHS))
        for dimension in DIMENSIONS:
            assert dimension in ds.coords, dimension
            assert list(ds[dimension].values) == labels_of(name, dimension), dimension
        assert ds.attrs["description"]
        assert int(ds.attrs["base_seed"]) == expected["base_seed"]
        assert [int(s) for s in ds["seed"].values] == expected["seeds"]
        assert ds["done"].dims == ("replicate",)
        for metric, (metric_index, dimension, units, accumulation) in METRICS.items():
            variable = ds[metric]
            want_dims = ("replicate", "month") + (() if dimension is None else (dimension,))
            assert variable.dims == want_dims, (metric, variable.dims)
            assert variable.attrs["units"] == units
            assert variable.attrs["accumulation"] == accumulation
            width = 1 if dimension is None else len(labels_of(name, dimension))
            values = variable.values.reshape(REPLICATES, MONTHS, width)
            np.testing.assert_array_equal(values, expected_array(index, metric_index, width))
        # Label selection works: the point of coordinates.
        m = METRICS["founders_supported_by_region"][0]
        picked = ds["founders_supported_by_region"].sel(region="Łódź", replicate=2, month=4)
        assert float(picked) == sample_value(index, 2, m, 4, 2)
        if name == "seed_funding":
            m = METRICS["public_cost_by_lever"][0]
            picked = ds["public_cost_by_lever"].sel(lever="one_roof").isel(replicate=0, month=1)
            assert float(picked) == sample_value(index, 0, m, 1, 1)
        else:
            assert ds.sizes["lever"] == 0
        assert ds["survival"].dims == ("replicate", "year")
        assert list(ds["year"].values) == [1, 2, 3, 4, 5]
        np.testing.assert_allclose(ds["survival"].values, expected_survival(index)[0], rtol=1e-15)
        # Every metric in the file carries its attributes; cohort survival has no month to sum.
        for variable in ds.data_vars.values():
            if variable.name in ("seed", "done"):
                continue
            cohort = variable.name in ("survival", "survival_cohort")
            for key in ("units", "long_name") + (() if cohort else ("accumulation",)):
                assert key in variable.attrs, (variable.name, key)
        assert not math.isnan(float(ds["founders_latent"].isel(replicate=0, month=0)))
    finally:
        ds.close()


def main(argv):
    if len(argv) < 4:
        print("usage: test_results_layout.py KOPA SOURCE_DIR SAMPLE_WRITER", file=sys.stderr)
        return 2
    writer = argv[3]
    passed = failed = 0
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "sample.h5")
        subprocess.run([writer, path], check=True)
        checks = [("root attributes", lambda: check_root_attributes(path))]
        for index, name in enumerate(SCENARIOS):
            checks.append((f"h5py {name}", lambda n=name, i=index: check_with_h5py(path, n, i)))
            checks.append(
                (f"xarray {name}", lambda n=name, i=index: check_with_xarray(path, n, i))
            )
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

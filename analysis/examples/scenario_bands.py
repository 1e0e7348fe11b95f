#!/usr/bin/python3
"""Read a `kopa run` results file with xarray and print, for each scenario, one metric's median
and 5-95 % band over replicates at a few months.

    /usr/bin/python3 analysis/examples/scenario_bands.py results/default.h5 [METRIC]

Each scenario is a netCDF-style group: xarray.open_dataset(path, group="scenarios/<name>",
engine="h5netcdf") gives a labelled Dataset with dims replicate, month, group, region, ...
(docs/output-format.md).
"""

import sys

import h5py
import xarray as xr


def scenario_names(path):
    with h5py.File(path, "r") as f:
        return list(f["scenarios"].keys())


def bands(path, metric):
    rows = []
    for name in scenario_names(path):
        ds = xr.open_dataset(path, group=f"scenarios/{name}", engine="h5netcdf")
        done = ds["done"].astype(bool)
        series = ds[metric].sel(replicate=ds["replicate"][done])
        if ds[metric].attrs["accumulation"] == "flow":
            series = series.cumsum("month")  # flows: the running total
        quantiles = series.quantile([0.05, 0.5, 0.95], dim="replicate")
        rows.append((name, ds[metric].attrs["units"], quantiles))
        ds.close()
    return rows


def main():
    path = sys.argv[1]
    metric = sys.argv[2] if len(sys.argv) > 2 else "founders_sustained"
    rows = bands(path, metric)
    months = rows[0][2]["month"].values
    picks = [m for m in (0, 12, 36, 60, 119) if m <= months[-1]] or [months[-1]]
    print(f"{metric}: median [5%, 95%] over replicates")
    print("scenario".ljust(20) + "".join(f"month {m}".rjust(22) for m in picks))
    for name, units, q in rows:
        cells = []
        for m in picks:
            lo, mid, hi = (float(q.sel(quantile=p, month=m)) for p in (0.05, 0.5, 0.95))
            cells.append(f"{mid:.4g} [{lo:.4g}, {hi:.4g}]".rjust(22))
        print(name.ljust(20) + "".join(cells))


if __name__ == "__main__":
    main()

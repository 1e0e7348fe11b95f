"""`kopa export --format csv` read as docs/export.md says, with Python's csv module (pandas is not
one of kopa's dependencies): every finished value of the file exactly once, equal to what h5py
reads from the same file; and the chart specs of `kopa report` read back from its page with
json, their fan data equal to `kopa compare --series --format json`.

Run by ctest as: python3 test_export_csv.py KOPA SOURCE_DIR [SAMPLE_WRITER]
"""

import csv
import json
import math
import os
import re
import subprocess
import sys

import h5py
import numpy as np

from kopa_text import run_each

KOPA, SOURCE = sys.argv[1], sys.argv[2]
SCENARIOS = os.path.join(SOURCE, "scenarios")


def kopa(*args):
    result = subprocess.run([KOPA, *args], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def small_run(tmp):
    path = os.path.join(tmp, "run.h5")
    kopa("run", os.path.join(SCENARIOS, "baseline.toml"), os.path.join(SCENARIOS, "one_roof.toml"),
         "-r", "3", "--set", "simulation.founders=400", "--months", "18", "-o", path, "--quiet")
    return path


def text(label):
    return label.decode() if isinstance(label, bytes) else str(label)


def test_every_value_once_and_equal_to_h5py(tmp):
    path = small_run(tmp)
    table = os.path.join(tmp, "run.csv")
    kopa("export", path, "--format", "csv", "-o", table)
    with open(table, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows and list(rows[0].keys()) == ["scenario", "replicate", "month", "metric", "label",
                                             "value"], list(rows[0].keys())
    seen = set()
    with h5py.File(path, "r") as f:
        expected = 0
        for name, group in f["scenarios"].items():
            for metric, data in group.items():
                if "accumulation" in data.attrs:  # a metric (not a label or a coordinate)
                    expected += data.size
        assert len(rows) == expected, (len(rows), expected)
        arrays = {}  # (scenario, metric) -> (values, label names)

        def array(scenario, metric):
            if (scenario, metric) not in arrays:
                group = f["scenarios"][scenario]
                data = group[metric]
                names = None
                if data.ndim == 3:
                    dimension = data.dims[2][0].name.split("/")[-1]
                    names = [text(x) for x in group[dimension][...]]
                arrays[(scenario, metric)] = (data[...], names)
            return arrays[(scenario, metric)]

        for row in rows:
            key = (row["scenario"], row["replicate"], row["month"], row["metric"], row["label"])
            assert key not in seen, key
            seen.add(key)
            values, names = array(row["scenario"], row["metric"])
            r, m = int(row["replicate"]), int(row["month"])
            if names is None:
                assert row["label"] == "", row
                want = values[r, m]
            else:
                want = values[r, m, names.index(row["label"])]
            got = float(row["value"]) if row["value"] != "" else math.nan
            assert got == want or (math.isnan(got) and np.isnan(want)), (row, want)


def test_report_specs_read_back_with_json(tmp):
    path = small_run(tmp)
    page = os.path.join(tmp, "run.html")
    kopa("report", path, "-o", page)
    with open(page, encoding="utf-8") as f:
        html = f.read()
    # The extraction docs/report.md shows.
    found = re.search(r'<script type="application/json" id="kopa-chart-specs">(.*?)</script>',
                      html, re.S)
    specs = json.loads(found.group(1))
    assert "fan-founders_sustained" in specs and "difference" in specs, sorted(specs)
    for chart_id, spec in specs.items():
        assert spec["$schema"] == "https://vega.github.io/schema/vega-lite/v6.json", chart_id
        assert spec["data"]["values"], chart_id
    series = json.loads(kopa("compare", path, "--series", "--format", "json"))
    for metric in series["metrics"]:
        rows = specs["fan-" + metric["name"]]["data"]["values"]
        for scenario in series["scenarios"]:
            band = scenario["metrics"][metric["name"]]
            mine = [row for row in rows if row["scenario"] == scenario["name"]]
            assert mine, (metric["name"], scenario["name"])
            for row in mine:
                for key in ["median", "p05", "p95"]:
                    want = band[key][row["month"]]
                    assert want is None and row[key] is None or \
                        math.isclose(row[key], want, rel_tol=1e-5, abs_tol=1e-9), (row, key, want)


def main():
    tests = [test_every_value_once_and_equal_to_h5py, test_report_specs_read_back_with_json]
    return run_each(tests)


if __name__ == "__main__":
    sys.exit(main())

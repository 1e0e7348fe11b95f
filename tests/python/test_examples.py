"""The analysis examples run on a real results file and print what they promise.

Run by ctest as: python3 test_examples.py KOPA SOURCE_DIR [SAMPLE_WRITER]
"""

import os
import subprocess
import sys
import tempfile
import traceback

KOPA, SOURCE = sys.argv[1], sys.argv[2]
EXAMPLES = os.path.join(SOURCE, "analysis", "examples")
SCENARIOS = os.path.join(SOURCE, "scenarios")


def run(args):
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def main():
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "r.h5")
        run([KOPA, "run", os.path.join(SCENARIOS, "baseline.toml"),
             os.path.join(SCENARIOS, "seed_funding.toml"), "-o", path, "-r", "4", "--quiet",
             "--set", "simulation.founders=800", "--months", "24"])
        checks = [
            ("scenario_bands", ["scenario_bands.py", path, "new_startups"],
             ["new_startups: median", "baseline", "seed_funding", "month 12"]),
            ("paired_difference", ["paired_difference.py", path, "money_awarded"],
             ["money_awarded: scenario - baseline", "seed_funding", "n=  4"]),
        ]
        for name, args, expected in checks:
            try:
                out = run(["/usr/bin/python3", os.path.join(EXAMPLES, args[0]), *args[1:]])
                missing = [text for text in expected if text not in out]
                assert not missing, (missing, out)
                passed += 1
                print(f"ok {name}")
            except Exception:
                failed += 1
                print(f"FAIL {name}")
                traceback.print_exc()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

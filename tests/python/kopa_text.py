"""Shared by the Python tests (not a test itself: ctest runs tests/python/test_*.py)."""


def text(value):
    """A kopa string attribute as str. h5py reads kopa's fixed-length strings (format 2.0) as
    bytes and format 1.0's variable-length ones as str; xarray gives str for both."""
    return value.decode("utf-8") if isinstance(value, bytes) else value


def interruptible_founders(founders):
    """The agent count of a run a test must interrupt mid-way: `founders` in the release build;
    a tenth of it in the sanitizer build (tests/CMakeLists.txt sets KOPA_TEST_SANITIZED there),
    which runs the model well over ten times slower, so the run still lasts longer there than
    the full count does in release. What such a test checks (the journal, resume, bit-identical
    files) does not depend on the count."""
    import os
    return founders // 10 if os.environ.get("KOPA_TEST_SANITIZED") == "1" else founders


def run_each(tests, *args):
    """Runs each test function and reports it; returns the exit status (1 if any failed). With
    no `args`, each test gets a fresh temporary folder; otherwise every test gets `args`."""
    import tempfile
    import time
    import traceback
    failed = 0
    for test in tests:
        started = time.monotonic()
        try:
            if args:
                test(*args)
            else:
                with tempfile.TemporaryDirectory() as tmp:
                    test(tmp)
            print(f"ok   {test.__name__} ({time.monotonic() - started:.1f} s)")
        except Exception:
            failed += 1
            print(f"FAIL {test.__name__}")
            traceback.print_exc()
    print(f"{len(tests) - failed} passed, {failed} failed")
    return 1 if failed else 0

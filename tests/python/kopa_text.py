"""Shared by the Python tests (not a test itself: ctest runs tests/python/test_*.py)."""


def text(value):
    """A kopa string attribute as str. h5py reads kopa's fixed-length strings (format 2.0) as
    bytes and format 1.0's variable-length ones as str; xarray gives str for both."""
    return value.decode("utf-8") if isinstance(value, bytes) else value

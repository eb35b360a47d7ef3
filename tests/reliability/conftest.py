"""Shared machinery of the reliability suite: bounded runs by default, long runs under
``pytest -m slow``, the figures each scenario reports, and helpers to drive the CLI,
the library worker and mount namespaces.

Every scenario exists twice: a bounded version that plain ``pytest`` (CI) runs, and a
long version marked ``slow``. ``KONZEPT_RELIABILITY_RUNS`` scales the repetitions of
the bounded versions (default :data:`RUNS`); ``KONZEPT_RELIABILITY_SECONDS`` the time of
the concurrency loops. When ``KONZEPT_RELIABILITY_REPORT`` names a file, every scenario
appends one JSON line with its figures there (that is where README.md's table comes
from).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# pytest runs with --import-mode=importlib: make rel_support importable for the tests here.
sys.path.insert(0, str(Path(__file__).parent))


def pytest_runtest_setup(item: pytest.Item) -> None:
    """The long versions run only when asked for (``pytest -m slow``); CI runs ``pytest``."""
    if item.get_closest_marker("slow") and "slow" not in (item.config.option.markexpr or ""):
        pytest.skip("long version: run with 'pytest -m slow'")

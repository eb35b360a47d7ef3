"""What every measurement shares: the result row, percentiles, working copies, RSS."""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Result:
    """One row of the table: konzept's figure beside raw sqlite3's in the same run.

    ``ratio`` is konzept's cost divided by the baseline's (time over time, or the
    baseline's rate over konzept's), so it reads "×N the work of bare SQLite".
    """

    row: str
    size: str
    value: float
    unit: str
    baseline: float | None = None
    target: str = ""
    met: bool | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    peak_rss_mb: float = 0.0

    @property
    def ratio(self) -> float | None:
        if not self.baseline or not self.value:
            return None
        if self.unit.endswith("/s"):
            return self.baseline / self.value
        return self.value / self.baseline

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ratio": self.ratio}


def unavailable(row: str, size: str, why: str) -> Result:
    return Result(row, size, 0.0, "", note=f"not available yet ({why})")


def percentile(samples: list[float], share: float) -> float:
    """Nearest-rank percentile: the value below which ``share`` of the samples fall."""
    ordered = sorted(samples)
    index = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def timed(fn: Callable[[], Any], repeat: int) -> tuple[list[float], Any]:
    """Run ``fn`` ``repeat`` times; the seconds of each run and the last run's result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return times, result


def copy_store(source: Path, folder: Path, name: str = "store.db") -> Path:
    """A private working copy, so no measurement changes the cached history.

    Written through to the disk before it is returned: the kernel would otherwise
    write the copy back (560 MB at 1M events) while the next measurement runs, and on
    two cores that cost the real ``konzept show`` a third of its time.
    """
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, target)
    with target.open("rb+") as copy:
        os.fsync(copy.fileno())
    return target


def peak_rss_mb() -> float:
    """The peak resident set so far of this process or of the largest child it waited
    for (the import's forked inserting process), whichever is larger; Linux reports KiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024

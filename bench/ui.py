"""UI: keypress to repaint on a 5,000-entity concept, through Textual's Pilot.

The app comes from ``konzept.tui.app.make_app``. Each sample is one key (cursor down
in the tree, every fifth an expand). Two clocks run per key:

* **key → repaint**: from the moment the key event is handed to the driver until the
  last frame the key caused was composed and turned into terminal bytes (the app's
  ``_display`` hook; headless Textual skips the bytes, so the hook renders them itself,
  to count what a real terminal costs). Every worker the key started has finished and
  the app is idle before the sample ends, so a detail pane filled by a worker counts.
* **key → idle** (Pilot's own waits): the same plus Pilot's polling for an idle CPU,
  which sleeps in 20 ms steps; reported beside it, as the harness's floor.

The baseline is Textual itself on the same harness: a bare app with one Tree of as
many nodes, the same keys, the same clocks.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import sqlite3
import time
from pathlib import Path
from typing import Any

from . import workload
from .timing import Result, copy_store, percentile

PRESSES = 60
#: The cursor walks down; every fifth key opens the node under it.
KEYS = ("down", "down", "down", "down", "space")


def keypress(size: str, history: Path, work: Path) -> list[Result]:
    try:
        module = importlib.import_module("konzept.tui.app")
        make_app = module.make_app
    except (ImportError, AttributeError) as exc:
        return [Result("UI keypress → repaint", size, 0.0, "", note=f"not available yet ({exc})")]
    path = copy_store(history, work)
    entities = _entity_count(path)
    app = _make(make_app, path)
    times, idle = asyncio.run(_presses(app))
    raw, raw_idle = asyncio.run(_presses(_bare_tree_app(_labels(path))))
    p50 = percentile(times, 0.5) * 1e3
    return [
        Result(
            "UI keypress → repaint, p50",
            size,
            p50,
            "ms",
            percentile(raw, 0.5) * 1e3,
            target="≤ 50 ms",
            met=p50 <= 50,
            note=f"{entities} entities, {len(times)} of {PRESSES} keys repainted (Pilot, "
            "120×40): key handed "
            "to the driver → last frame it caused rendered to terminal bytes; baseline: "
            "a bare Textual Tree of as many nodes, same keys",
            extra={
                "to_idle_p50_ms": percentile(idle, 0.5) * 1e3,
                "raw_to_idle_p50_ms": percentile(raw_idle, 0.5) * 1e3,
            },
        ),
        *(
            Result(
                f"UI keypress → repaint, p{round(q * 100)}",
                size,
                percentile(times, q) * 1e3,
                "ms",
                percentile(raw, q) * 1e3,
                target="≤ 50 ms",
                met=percentile(times, q) * 1e3 <= 50,
            )
            for q in (0.95, 0.99)
        ),
    ]


def _make(make_app: Any, path: Path) -> Any:
    """Call the factory with the arguments it takes (the UI is built in parallel)."""
    params = inspect.signature(make_app).parameters
    kwargs: dict[str, Any] = {}
    if "lang" in params:
        kwargs["lang"] = "de"
    if "actor" in params:
        kwargs["actor"] = workload.EDITOR
    return make_app(str(path), **kwargs)


async def _settle(app: Any, pilot: Any) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def _watch_frames(app: Any) -> list[float]:
    """Record when each frame is ready for the terminal; returns the live list of times."""
    frames: list[float] = []
    display = app._display

    def timed(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        if renderable is not None and hasattr(renderable, "render_segments"):
            renderable.render_segments(app.console)  # what a real terminal would be sent
            frames.append(time.perf_counter())

    app._display = timed
    return frames


async def _presses(app: Any) -> tuple[list[float], list[float]]:
    from textual.widgets import Tree

    times: list[float] = []
    idle: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        frames = _watch_frames(app)
        await _settle(app, pilot)
        trees = list(app.screen.query(Tree))
        if trees:
            trees[0].focus()
            await _settle(app, pilot)
        for number in range(PRESSES):
            frames.clear()
            start = time.perf_counter()
            await pilot.press(KEYS[number % len(KEYS)])
            await _settle(app, pilot)
            idle.append(time.perf_counter() - start)
            if frames:  # a key that repaints nothing (space on a leaf) has no latency
                times.append(frames[-1] - start)
    return times, idle


def _entity_count(path: Path) -> int:
    conn = sqlite3.connect(path)
    (count,) = conn.execute(
        "SELECT count(DISTINCT stream) FROM events WHERE stream LIKE '%:%'"
    ).fetchone()
    conn.close()
    return int(count)


def _labels(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    labels = [
        str(row[0])
        for row in conn.execute("SELECT DISTINCT stream FROM events WHERE stream LIKE '%:%'")
    ]
    conn.close()
    return labels


def _bare_tree_app(labels: list[str]) -> Any:
    """A Textual app with nothing but a Tree: kinds as branches, entities as leaves."""
    from textual.app import App, ComposeResult
    from textual.widgets import Tree

    class BareTree(App[None]):
        def compose(self) -> ComposeResult:
            tree: Tree[None] = Tree("concept")
            branches: dict[str, Any] = {}
            for label in labels:
                kind = label.partition(":")[0]
                if kind not in branches:
                    branches[kind] = tree.root.add(kind)
                branches[kind].add_leaf(label)
            tree.root.expand()
            yield tree

    return BareTree()

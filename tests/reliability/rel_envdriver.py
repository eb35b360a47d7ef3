"""Runs inside ``unshare -m`` (its own mount namespace, as root) for the environment
tests: mounts a small tmpfs or read-only binds, runs real CLI calls there and prints
one JSON object with what happened, for the test outside to judge.

``python rel_envdriver.py diskfull WORKDIR`` /
``python rel_envdriver.py readonly-file DB`` / ``python rel_envdriver.py readonly-dir DB``
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

ENV = {**os.environ, "USER": "anna", "LOGNAME": "anna", "COLUMNS": "80"}


def sh(*args: str) -> None:
    subprocess.run(args, check=True, capture_output=True)


def cli(db: Path | str, *args: str) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-m", "konzept", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=300,
    )
    return {"args": list(args), "code": proc.returncode, "out": proc.stdout, "err": proc.stderr}


def count(db: Path) -> int:
    import sqlite3

    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return int(conn.execute("SELECT count(*) FROM events").fetchone()[0])


def fill(folder: Path, leave: int) -> None:
    """Fill the filesystem, then free ``leave`` bytes again."""
    with open(folder / "filler", "wb") as f:
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        except OSError:
            pass
    with open(folder / "filler", "r+b") as f:
        f.truncate(max(0, os.path.getsize(folder / "filler") - leave))


def diskfull(work: Path) -> dict[str, Any]:
    disk = work / "disk"
    disk.mkdir()
    sh("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk))
    db = disk / "k.db"
    steps: dict[str, Any] = {"init": cli(db, "init", "--title", "Voll")}
    cli(db, "add", "field", "HF1", "--title", "Feld", "--effective", "2016-01-01")
    cli(db, "add", "goal", "G1", "--field", "HF1", "--title", "Z", "--effective", "2016-01-01")
    cli(
        db,
        "add",
        "indicator",
        "I1",
        "--goal",
        "G1",
        "--name",
        "N",
        "--unit",
        "P",
        "--direction",
        "up",
        "--effective",
        "2016-01-01",
    )
    csv = work / "values.csv"  # outside the small disk
    # years gone by only (a value for a year to come is refused before any write)
    csv.write_text(
        "".join(f"I1,{1900 + i},{i},{'Quelle ' * 40},{'Notiz ' * 40}\n" for i in range(120))
    )
    export = work / "log.jsonl"
    cli(db, "export", "-o", str(export))
    before = count(db)
    fill(disk, 16 * 1024)
    steps["import-values"] = cli(db, "import-values", str(csv))
    steps["count after import-values"] = count(db)
    steps["export"] = cli(db, "export", "-o", str(disk / "out.jsonl"))
    year = str(date.today().year)  # init's concept takes effect today
    steps["report"] = cli(db, "report", year, "--format", "html", "-o", str(disk / "r.html"))
    fill(disk, 0)
    steps["record"] = cli(db, "record", "I1", "2020", "5", "--note", "n" * 3000)
    steps["checkpoint"] = cli(db, "checkpoint")
    steps["init new"] = cli(disk / "new.db", "init")
    steps["import new"] = cli(disk / "imported.db", "import", str(export))
    steps["files"] = sorted(p.name for p in disk.iterdir())
    os.remove(disk / "filler")
    steps["verify"] = cli(db, "verify")
    steps["count before"] = before
    steps["count after"] = count(db)
    steps["record after"] = cli(db, "record", "I1", "2021", "6")
    return steps


def readonly_file(db: Path) -> dict[str, Any]:
    sh("mount", "--bind", "-o", "ro", str(db), str(db))
    return {
        "writable": os.access(db, os.W_OK),
        "show": cli(db, "show"),
        "verify": cli(db, "verify"),
        "report": cli(db, "report", str(date.today().year), "--format", "txt"),
        "add": cli(db, "add", "field", "HFX", "--title", "X"),
        "checkpoint": cli(db, "checkpoint"),
    }


def readonly_dir(db: Path) -> dict[str, Any]:
    """The folder read-only, the file itself writable (bound back in read-write)."""
    folder = db.parent
    side = folder.parent / "rw-view"
    side.mkdir()
    sh("mount", "--bind", str(folder), str(side))
    sh("mount", "--bind", "-o", "ro", str(folder), str(folder))
    sh("mount", "--bind", str(side / db.name), str(db))
    return {
        "file writable": os.access(db, os.W_OK),
        "folder writable": os.access(folder, os.W_OK),
        "show": cli(db, "show"),
        "verify": cli(db, "verify"),
        "add": cli(db, "add", "field", "HFX", "--title", "X"),
        "import-values": cli(db, "import-values", "-"),
    }


def main() -> None:
    mode, target = sys.argv[1], Path(sys.argv[2])
    result = {"diskfull": diskfull, "readonly-file": readonly_file, "readonly-dir": readonly_dir}[
        mode
    ](target)
    print(json.dumps(result))


if __name__ == "__main__":
    main()

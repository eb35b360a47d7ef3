"""Several OS processes append at once: nothing lost, nothing doubled, chain intact."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from konzept.events import Store

WRITER = textwrap.dedent(
    """
    import json, sys
    from konzept.events import ConflictError, Store
    from konzept.events import catalog as ev

    path, name, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = Store.open(path)
    acked, conflicts = [], 0
    for i in range(n):
        # half the appends go to a stream shared by every writer, half to our own
        stream = "field:SHARED" if i % 2 else f"field:{name}"
        while True:
            version = store.stream_version(stream)
            try:
                env = store.append(stream, version, [ev.FieldRetitled(title=f"{name}-{i}")],
                                   actor=name, effective="2024-01-01")
            except ConflictError:
                conflicts += 1
                continue
            acked.append(env[0].id)
            break
    print(json.dumps({"acked": acked, "conflicts": conflicts}))
    """
)


def test_four_processes_appending_lose_and_double_nothing(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    Store.create(db).close()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), f"w{i}", "500"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(4)
    ]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        results.append(json.loads(out))
    acked = [i for r in results for i in r["acked"]]
    assert len(acked) == 2000
    with Store.open(db) as store:
        stored = [e.id for e in store.read()]
        assert sorted(stored) == sorted(acked), "every acknowledged event exactly once"
        assert [e.position for e in store.read()] == list(range(1, 2001))
        shared = [e.version for e in store.read(stream="field:SHARED")]
        assert shared == list(range(1, 1001))
        assert store.verify().ok

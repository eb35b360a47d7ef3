"""asyncssh is loaded by ``serve-ssh`` alone: the write side, the read side and every
other command (the forced-command path included) start without it."""

from __future__ import annotations

import os
import subprocess
import sys


def test_only_serve_ssh_loads_asyncssh(tmp_path) -> None:
    code = (
        "import sys, pkgutil, importlib\n"
        "import konzept.events, konzept.projections, konzept.cli.main, konzept.ssh.remote\n"
        "for pkg in (konzept.events, konzept.projections):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "from konzept.cli.main import run\n"
        "run(['--db', sys.argv[1], 'init'])\n"
        "print('asyncssh' in sys.modules)\n"
    )
    env = {**os.environ, "USER": "anna", "SSH_ORIGINAL_COMMAND": "people"}
    proc = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "k.db")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == "False"

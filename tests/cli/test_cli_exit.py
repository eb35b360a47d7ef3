"""How the ``konzept`` command leaves: everything said is out, the ``atexit`` handlers
have run, the exit status is the command's, and a reader that leaves early costs no
traceback (:func:`konzept.cli.main.leave` skips the interpreter's teardown)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from konzept.demo import build_demo

#: ``python -c`` running the real entry point after registering an exit handler, as
#: a profiler, a coverage tool or bench's RSS probe would.
_WITH_HANDLER = """
import atexit, sys
atexit.register(lambda: sys.stderr.write("handler ran\\n"))
from konzept.cli.main import main
main(sys.argv[1:])
"""


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("exit") / "demo.db"
    build_demo(str(path))
    return path


def _env() -> dict[str, str]:
    """The user's environment, with stdout buffered as in a terminal session."""
    env = {**os.environ, "USER": "anna", "LOGNAME": "anna"}
    env.pop("PYTHONUNBUFFERED", None)
    return env


def _konzept(*args: str) -> list[str]:
    return [sys.executable, "-c", _WITH_HANDLER, *args]


@pytest.mark.parametrize(
    ("args", "size"),
    [
        (("log",), 100_000),  # more than a pipe holds: written while it is read
        (("show", "HF1"), 100),  # less than stdout's buffer: out only if flushed
    ],
)
def test_output_is_whole_and_handlers_run(demo: Path, args: tuple[str, ...], size: int) -> None:
    fast = subprocess.run(_konzept("--db", str(demo), *args), capture_output=True, env=_env())
    # the same command through run() and a normal interpreter exit
    normal = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from konzept.cli.main import run; sys.exit(run())",
            *("--db", str(demo), *args),
        ],
        capture_output=True,
        env=_env(),
    )
    assert fast.returncode == normal.returncode == 0
    assert len(fast.stdout) > size
    assert fast.stdout == normal.stdout
    assert fast.stderr == b"handler ran\n"


@pytest.mark.parametrize(
    ("args", "code"),
    [(("show", "NOPE"), 2), (("--db", "/nonexistent/dir/x.db", "show"), 4)],
)
def test_a_refusal_keeps_its_exit_status(demo: Path, args: tuple[str, ...], code: int) -> None:
    done = subprocess.run(_konzept("--db", str(demo), *args), capture_output=True, env=_env())
    assert done.returncode == code, done.stderr
    assert done.stderr.startswith(b"konzept: ") and done.stderr.endswith(b"handler ran\n")
    assert b"Traceback" not in done.stderr


def test_a_reader_that_leaves_early_gets_no_traceback(demo: Path) -> None:
    proc = subprocess.Popen(
        _konzept("--db", str(demo), "log"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 0
    assert first
    assert b"Traceback" not in err and b"Exception ignored" not in err
    assert err == b"handler ran\n"


@pytest.mark.skipif(not Path("/dev/full").is_char_device(), reason="needs /dev/full")
@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            (),
            b"konzept: kein Platz mehr auf dem Datentr\xc3\xa4ger (beim Schreiben der Ausgabe).\n",
        ),
        (("--lang", "en"), b"konzept: No space left on device (writing the output).\n"),
    ],
)
def test_output_to_a_full_disk_is_refused_in_words(
    demo: Path, lang: tuple[str, ...], said: bytes
) -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            _konzept(*lang, "--db", str(demo), "show", "HF1"),
            stdout=full,
            stderr=subprocess.PIPE,
            env=_env(),
        )
    assert done.returncode == 4
    assert done.stderr == said + b"handler ran\n"


@pytest.mark.parametrize("command", [("report", "2025"), ("export",)])
def test_a_pipe_named_by_o_is_written_into_not_replaced(
    demo: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = tmp_path / "received"
    with received.open("wb") as sink:
        reader = subprocess.Popen(["cat", str(fifo)], stdout=sink)
        done = subprocess.run(
            _konzept("--db", str(demo), *command, "-o", str(fifo)), capture_output=True, env=_env()
        )
        reader.wait(timeout=60)
    assert done.returncode == 0, done.stderr
    assert fifo.is_fifo()  # not replaced by a file holding the report
    printed = subprocess.run(_konzept("--db", str(demo), *command), capture_output=True)
    assert received.read_bytes() == printed.stdout and len(printed.stdout) > 10_000


def test_a_command_started_with_stdout_closed_keeps_its_exit_status(tmp_path: Path) -> None:
    # ``konzept … >&-``: Python then has no sys.stdout at all. A write that committed
    # must not report failure (someone would retry it and write it twice).
    db = tmp_path / "k.db"
    closed = ["sh", "-c", 'exec "$@" >&-', "sh"]
    done = subprocess.run(
        closed + _konzept("--db", str(db), "init", "--title", "K"), capture_output=True, env=_env()
    )
    assert done.returncode == 0 and db.exists()
    assert b"Traceback" not in done.stderr
    refused = subprocess.run(
        closed + _konzept("--db", str(tmp_path / "none.db"), "verify"),
        capture_output=True,
        env=_env(),
    )
    assert refused.returncode == 4 and refused.stderr.startswith(b"konzept: ")


def test_o_naming_a_link_to_stdout_writes_to_stdout_when_it_is_a_file(
    demo: Path, tmp_path: Path
) -> None:
    # as ``-o /dev/stdout > file``; this link stands in for /dev/stdout
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    captured = tmp_path / "captured.txt"
    with captured.open("wb") as out:
        done = subprocess.run(
            _konzept("--db", str(demo), "export", "-o", str(link)),
            stdout=out,
            stderr=subprocess.PIPE,
            env=_env(),
        )
    assert done.returncode == 0, done.stderr
    assert link.is_symlink()  # not replaced by a file holding the log
    printed = subprocess.run(_konzept("--db", str(demo), "export"), capture_output=True)
    assert captured.read_bytes() == printed.stdout and len(printed.stdout) > 10_000

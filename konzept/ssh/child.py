"""The first thing a ``serve-ssh`` session runs on its pseudo-terminal.

The server starts this in a new session (``setsid``) with the PTY's slave side as
standard input/output; making that PTY the controlling terminal is what lets the
kernel send ``SIGWINCH`` when the client resizes its window and ``SIGHUP`` when the
connection drops. Then it is plain ``konzept`` with the arguments it was given.
"""

from __future__ import annotations

import contextlib
import fcntl
import signal
import sys
import termios


def main() -> None:
    # A server started under nohup passes on SIGHUP ignored (exec keeps an ignored
    # signal), and a dropped connection would leave the session running until the
    # server's SIGKILL: a session ends when its terminal hangs up, whoever started us.
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    # Not a terminal (a test's pipe): konzept still runs, only without resize signals.
    with contextlib.suppress(OSError):
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)
    from konzept.cli.main import main as konzept_main

    konzept_main(sys.argv[1:])


if __name__ == "__main__":
    main()

"""konzept over SSH (SPEC §8): ``konzept serve-ssh`` (asyncssh) and the policy for
commands that arrive through OpenSSH's ``ForceCommand``. See docs/ssh.md.

Only :mod:`konzept.ssh.server` and :mod:`konzept.ssh.bridge` import asyncssh; the CLI
loads them for ``serve-ssh`` alone.
"""

"""konzept's benchmark suite: SPEC §7's targets, measured beside raw sqlite3.

Run ``python -m bench`` from the repository root (``--quick`` for the CI-sized run,
``--sizes 10k,100k,1M`` to choose, ``store`` for the store's own figures). Every
figure is taken on a deterministic synthetic history (:mod:`bench.generate`) written
through the real append path, so the numbers describe the code users run.
"""

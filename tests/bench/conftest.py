"""Make the repository's ``bench`` package importable without putting the repository
root on ``sys.path`` (that would shadow the installed ``konzept.*`` packages with the
bare ``events``/``projections`` folders, which the import-hygiene tests forbid)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

if "bench" not in sys.modules:
    _spec = importlib.util.spec_from_file_location(
        "bench", ROOT / "bench" / "__init__.py", submodule_search_locations=[str(ROOT / "bench")]
    )
    assert _spec is not None and _spec.loader is not None
    _module = importlib.util.module_from_spec(_spec)
    sys.modules["bench"] = _module
    _spec.loader.exec_module(_module)

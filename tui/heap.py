"""Keep the garbage collector's full passes off the keypress path.

A full collection walks every container object the process holds; with a
5,000-entity concept folded into memory that is 25–130 ms (measured with the bench's
UI row), and it fell on whichever keypress happened to allocate the last object. The
folded state lives until the next view replaces it, so collect once when a view has
arrived and been drawn, then freeze what survived: later collections skip it, and a
keypress pays only for what it allocated itself. Unfreezing first lets the previous
view's cycles (the old tree's nodes) be collected rather than kept forever.
"""

from __future__ import annotations

import gc


def settle() -> None:
    """Collect everything now, then exempt the survivors from later collections."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()

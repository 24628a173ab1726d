"""``paused_gc()``: no cyclic garbage collection while a large data set is built.

Loading 5,000 tasks creates about a million small objects (YAML nodes, marks, model
dataclasses); each full collection on the way walks all of them again, about a fifth
of the load's time, and finds nothing to free: these objects hold no cycles that die
here. Reference counting still frees everything as usual.

With ``freeze=True`` what the block leaves alive is moved to the collector's permanent
generation (``gc.freeze()``) when the block ends without an error: the loaded data
lives as long as the build that uses it, so the first collection after the block
would only walk it (0.1 s at 5,000 tasks) to find it still alive, and every later full
collection again; and a forked render worker (builder/pool.py) that collects would
write to every object it walks and so copy the pages it shares with its parent.
Frozen objects are still freed by reference counting when the data is dropped (the
model holds no reference cycles). Cyclic garbage of the caller's would be frozen with
them and kept: the young generations are collected first (cheap: a few thousand objects
at most), so only garbage already in the oldest generation can be, until the next
``gc.unfreeze()``. builder/pool.py freezes again before forking, and unfreezes after its
workers are done only when nothing was frozen before it. A long-running caller that
loads and builds again and again hands everything back between builds with
``gc.unfreeze()``, as ``congvan build --watch`` does (congvan/watch.py).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc(freeze: bool = False) -> Iterator[None]:
    """The cyclic garbage collector off inside the block (nested blocks are fine);
    with ``freeze``, everything alive when the block ends is frozen (see above)."""
    was_enabled = gc.isenabled()
    if freeze and was_enabled:
        gc.collect(1)
    gc.disable()
    try:
        yield
        if freeze:
            gc.freeze()
    finally:
        if was_enabled:
            gc.enable()

"""Building many small objects at once (a pack's requirements, a cache file) without the cycle collector.

Parsed YAML, validated models and the JSON cache hold no reference cycles, yet CPython's collector
walks every new container again and again while thousands of them are built and kept: a quarter of
the time of reading a 2,000-requirement pack from the cache. It is paused for the length of the
block and restored as it was (the objects are then collected as usual, should any be garbage).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

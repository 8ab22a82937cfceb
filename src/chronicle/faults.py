"""Named crash points, for the tests that kill ingest part-way and check nothing is lost.

``CHRONICLE_FAULT=NAME`` (or ``NAME:N``, the N-th time the point is reached) makes the process
kill itself with SIGKILL at that point: no handler runs and no transaction commits, exactly as
when a machine loses power or an operator runs ``kill -9``. Unset, a checkpoint costs one
dictionary lookup. The points: document-stored, before-link, links-written, after-link.
"""

from __future__ import annotations

import os
import signal
from collections import Counter

_reached: Counter[str] = Counter()


def checkpoint(name: str) -> None:
    """Die here when ``CHRONICLE_FAULT`` names this point (and this is its N-th pass)."""
    fault = os.environ.get("CHRONICLE_FAULT")
    if not fault:
        return
    point, _, nth = fault.partition(":")
    if point != name:
        return
    _reached[name] += 1
    if _reached[name] >= (int(nth) if nth.isdigit() else 1):
        os.kill(os.getpid(), signal.SIGKILL)

"""The locales lock, held across the calls of one session of this process.

:func:`newsl10n.fsio.locked_dir` takes an exclusive lock on a folder and
fails at once if another process holds it.  A workflow run takes it while it
reads and computes, and its result takes it again to write; a session
(:meth:`newsl10n.workflow.Project.session`) holds it from the first read to
the last write, so that no other run can slip in between.  Within one
process the lock is re-entrant (one thread at a time).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

_held: dict[str, int] = {}


@contextlib.contextmanager
def hold(directory: Path) -> Iterator[None]:
    """Hold ``directory``'s lock while the block runs (already held by this process: nothing more to do)."""
    from ..fsio import locked_dir

    key = os.path.abspath(directory)
    if _held.get(key):
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    with locked_dir(directory):
        _held[key] = 1
        try:
            yield
        finally:
            del _held[key]

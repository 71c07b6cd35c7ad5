"""Run a pure per-article stage on several CPU cores.

``extract`` and ``build`` do the same independent work for every article
(read, parse, segment, match terms, render), so they spread the articles
over worker processes.  Workers never write: each returns text, and the
parent writes only when every article is done, so the rule "all or nothing
is written" holds whatever the number of workers.

Workers are forked (the glossary and its matcher, already built in the
parent, are shared copy-on-write instead of being loaded again).  Where
``fork`` does not exist, and for a handful of articles where starting
workers costs more than it saves, the stage simply runs in this process.
Results come back in input order, so the output does not depend on the
number of workers.  Ctrl-C is the parent's to handle (workers ignore it);
a worker that dies makes the run stop with a one-line error.  A worker whose parent dies (killed, even with SIGKILL)
exits too instead of waiting for work forever: on Linux the kernel tells it
(``PR_SET_PDEATHSIG``), elsewhere it notices within a second.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from ..errors import WorkerError

T = TypeVar("T")
R = TypeVar("R")

#: Fewer items than this run in this process: a worker costs a few milliseconds to start.
MIN_ITEMS_FOR_WORKERS = 16
#: More workers than this rarely pays off: the parent's reading and writing is serial.
MAX_DEFAULT_JOBS = 8

_STAGE: Callable[[Any], Any] | None = None  # set in the parent just before the workers are forked


def default_jobs() -> int:
    """The CPU cores this process may use, at most :data:`MAX_DEFAULT_JOBS`."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_DEFAULT_JOBS))


def _start_worker(parent: int) -> None:
    """Worker start-up: leave Ctrl-C to the parent, and die with it rather than outlive it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the run and reports it, once
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        armed = libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        armed = False
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)
    if not armed:  # pragma: no cover - not Linux

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(1.0)
            os._exit(1)

        threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _call(item: Any) -> Any:
    assert _STAGE is not None, "worker started without a stage"
    return _STAGE(item)


def run_stage(stage: Callable[[T], R], items: Sequence[T], *, jobs: int) -> list[R]:
    """``[stage(item) for item in items]``, on up to ``jobs`` processes.

    The first exception raised by ``stage`` (in input order) is raised here,
    after the other workers are stopped; nothing has been written by then.
    """
    global _STAGE
    workers = min(jobs, len(items) // (MIN_ITEMS_FOR_WORKERS // 2))
    if workers < 2 or len(items) < MIN_ITEMS_FOR_WORKERS or "fork" not in multiprocessing.get_all_start_methods():
        return [stage(item) for item in items]
    _STAGE = stage
    chunk = max(1, min(32, len(items) // (workers * 4)))
    executor = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=(os.getpid(),),
    )
    try:
        results = list(executor.map(_call, items, chunksize=chunk))
    except BrokenProcessPool:
        executor.shutdown(wait=True, cancel_futures=True)
        raise WorkerError(
            "a worker process died (killed, or out of memory?); nothing was written. Run again (-j 1: one process)"
        ) from None
    except BaseException:
        executor.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        _STAGE = None
    executor.shutdown(wait=True)
    return results

"""Run a pure per-article stage on several CPU cores.

``extract`` and ``build`` do the same independent work for every article
(read, parse, segment, match terms, render), so they spread the articles
over worker processes (:func:`run_stage`); ``translate -j`` keeps a pool of
them for its whole run (:class:`Workers`, see :mod:`.forked`).  Workers never write: each returns text, and the
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
from typing import Any, Self, TypeVar

from ..errors import WorkerError

T = TypeVar("T")
R = TypeVar("R")

#: Fewer items than this run in this process: a worker costs a few milliseconds to start.
MIN_ITEMS_FOR_WORKERS = 16
#: More workers than this rarely pays off: the parent's reading and writing is serial.
MAX_DEFAULT_JOBS = 8
#: What a run says when a worker dies before anything is written.
DIED = "a worker process died (killed, or out of memory?); nothing was written. Run again (-j 1: one process)"

_STAGES: tuple[Callable[[Any], Any], ...] = ()  # set in the parent just before the workers are forked


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


def _call(job: tuple[int, Any]) -> Any:
    assert _STAGES, "worker started without its stages"
    stage, item = job
    return _STAGES[stage](item)


def _started() -> int:
    return os.getpid()


def worker_count(jobs: int, items: int) -> int:
    """Worker processes worth starting for ``items`` articles on up to ``jobs`` (0: run in this process).

    Fewer than :data:`MIN_ITEMS_FOR_WORKERS` items, or no ``fork`` on this system: none.
    """
    workers = min(jobs, items // (MIN_ITEMS_FOR_WORKERS // 2))
    if workers < 2 or items < MIN_ITEMS_FOR_WORKERS or "fork" not in multiprocessing.get_all_start_methods():
        return 0
    return workers


class Workers:
    """``workers`` processes forked now, that then run any of ``stages`` on lists of items, in turn.

    What the stages hold (a glossary's matchers, memories…) is shared with the
    workers as it is now, copy-on-write; a run that later loads a model or
    starts an engine's process does so in the parent alone, and no worker
    holds it.  Only the items and the results cross between processes.
    Close the pool (``with``) before the parent closes what it started.
    """

    def __init__(self, stages: Sequence[Callable[[Any], Any]], *, workers: int, died: str = DIED) -> None:
        global _STAGES
        self.stages = list(stages)
        self.workers = workers
        self.died = died  # the error when a worker dies
        _STAGES = tuple(stages)
        self._executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_start_worker,
            initargs=(os.getpid(),),
        )
        try:
            self._executor.submit(_started).result()  # with fork, the first task starts every worker: now
        except BaseException:
            self.close()
            raise
        finally:
            _STAGES = ()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def map(self, stage: Callable[[T], R], items: Sequence[T]) -> list[R]:
        """``[stage(item) for item in items]`` on the workers, in input order (``stage``: one of the pool's).

        The first exception raised by ``stage`` (in input order) is raised here, after the pool is stopped.
        """
        number = self.stages.index(stage)
        chunk = max(1, min(32, len(items) // (self.workers * 4)))
        try:
            return list(self._executor.map(_call, [(number, item) for item in items], chunksize=chunk))
        except BrokenProcessPool:
            self.close()
            raise WorkerError(self.died) from None
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


def run_stage(stage: Callable[[T], R], items: Sequence[T], *, jobs: int) -> list[R]:
    """``[stage(item) for item in items]``, on up to ``jobs`` processes.

    The first exception raised by ``stage`` (in input order) is raised here,
    after the other workers are stopped; nothing has been written by then.
    """
    workers = worker_count(jobs, len(items))
    if not workers:
        return [stage(item) for item in items]
    with Workers([stage], workers=workers) as pool:
        return pool.map(stage, items)

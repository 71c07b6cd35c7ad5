"""The translate workflow on a Dask cluster: workers compute, the client alone writes.

Another front door onto :mod:`newsl10n.workflow`: it starts where every door
starts (:meth:`~newsl10n.workflow.Project.translate_setup`) and runs the steps
of a local run (:mod:`newsl10n.workflow.steps`) on the workers, so that it
writes the same bytes:

* every article is read, parsed and its source language found on the workers
  first, so that a bad one stops the run before anything is written;
* the glossary (its term matchers built) and the translation memories of every
  language pair met are prepared once, on the client, before anything is
  written, and scattered to every worker, never rebuilt per task;
* then a batch of :data:`~newsl10n.workflow.translation.ARTICLES_PER_BATCH`
  articles at a time (the local run's batches, hence the same engine batches):
  each article is planned on a worker (:func:`~newsl10n.workflow.steps.plan_article`);
  the machine translation of the batch is one task per target language
  (:func:`~newsl10n.workflow.steps.batch_fills`: one deduplicated engine call
  per language pair), on a worker named per batch and language so that models
  stay where they are loaded (another worker takes over if that one dies);
  each article's catalogs and pages are made on a worker
  (:func:`~newsl10n.workflow.steps.finish_article`); enough batches are in
  flight for every worker to translate one;
* engines live in :class:`EnginePlugin`, a worker plugin: each worker builds an
  engine once per language pair and settings (an engine loads its model once,
  on first use), never per task;
* each batch comes back to the client as a :class:`~newsl10n.workflow.TranslateResult`
  of its own, in input order; the caller writes it (``part.write()``: the local
  run's writer, atomic, under the locales lock, never over a translator's edit)
  before asking for the next, so a client killed mid-run leaves whole batches
  written and the next run does not translate them again.

A worker that dies has its tasks run again elsewhere (Dask's scheduler does
that; the tasks are pure apart from reading files the client does not write
until they are done).  Tasks run in the client's working directory (the same
path must exist on every worker: see ``docs/scale.md``), so that every name
they write or say is the one a local run writes or says.  Dask is imported by
this module only, which only ``--cluster`` imports.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from distributed import Client, Future, WorkerPlugin, as_completed, get_worker, wait

from .errors import UsageError
from .fill import FillStats
from .workflow.context import EngineSettings, Memories, RunEngines, RunTerms
from .workflow.inputs import Article, CatalogStore, now
from .workflow.results import Outputs, TranslateResult
from .workflow.steps import (
    Finished,
    PlanDone,
    TranslateSetup,
    add_finished,
    apply_machine,
    batch_fills,
    check_article,
    finish_article,
    plan_article,
)
from .workflow.translation import ARTICLES_PER_BATCH

if TYPE_CHECKING:
    from .engines.base import Engine
    from .fill import JobFills
    from .tm import TranslationMemory
    from .workflow import Project
    from .workflow.inputs import PathLike

#: The name the engine plugin is registered under on the workers.
PLUGIN_NAME = "newsl10n-engines"
#: Batches in flight besides the one being written, at least: keeps workers busy while the client writes.
MIN_BATCHES_AHEAD = 1


class EnginePlugin(WorkerPlugin):
    """A worker's engines, one :class:`~newsl10n.workflow.context.RunEngines` per settings, kept for its life.

    ``built`` counts the engines built per pair on this worker (an engine
    loads its model once, on first use): a test reads it to see that each is
    built once per worker, not once per task.
    """

    idempotent = True  # registered again by the next run on the same cluster: keep the loaded models

    def __init__(self) -> None:
        self.runs: dict[EngineSettings, RunEngines] = {}
        self.built: dict[str, int] = {}

    def setup(self, worker: Any) -> None:
        self.runs = {}
        self.built = {}
        roomy_malloc()

    def teardown(self, worker: Any) -> None:
        for run in self.runs.values():
            run.close()
        self.runs = {}

    def _run(self, settings: EngineSettings, src: str, tgt: str) -> RunEngines:
        run = self.runs.setdefault(settings, RunEngines(settings))
        if settings.name != "none" and (src, tgt) not in run.engines and (src, tgt) not in run.failed:
            pair = f"{src}→{tgt}"
            self.built[pair] = self.built.get(pair, 0) + 1
        return run

    def reason(self, settings: EngineSettings, src: str, tgt: str) -> str | None:
        """Why no engine can translate ``src``→``tgt`` here (None: one can)."""
        return self._run(settings, src, tgt).reason(src, tgt)

    def engine(self, settings: EngineSettings, src: str, tgt: str) -> Engine | None:
        return self._run(settings, src, tgt)(src, tgt)


#: glibc's mallopt parameters, and what the worker's engines want: buffers of up to 32 MiB from the heap,
#: and the heap's top kept up to 128 MiB rather than given back after every batch.
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
ROOMY_MMAP, ROOMY_TRIM = 32 << 20, 128 << 20


def roomy_malloc() -> None:
    """Undo, in this worker process, the ``MALLOC_TRIM_THRESHOLD_=65536`` Dask's nanny starts workers with.

    That setting also fixes glibc's mmap threshold at 128 KiB, so CTranslate2's decoding buffers each
    cost an mmap, a munmap and their page faults: the bench model translated 2.5 times slower (and
    spent most of its time in the kernel) than in a process without it.  glibc only; nothing elsewhere.
    """
    if "MALLOC_TRIM_THRESHOLD_" not in os.environ:
        return
    import ctypes

    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(M_MMAP_THRESHOLD, ROOMY_MMAP)
        libc.mallopt(M_TRIM_THRESHOLD, ROOMY_TRIM)
    except (OSError, AttributeError):  # pragma: no cover - not glibc
        pass


def _plugin() -> EnginePlugin:
    plugin = get_worker().plugins[PLUGIN_NAME]
    assert isinstance(plugin, EnginePlugin)
    return plugin


_CWD = threading.Lock()


@contextlib.contextmanager
def _in_directory(path: Path) -> Iterator[None]:
    """Run a task in the client's working directory (one task at a time per worker process)."""
    with _CWD:
        try:
            before: str | None = os.getcwd()
        except OSError:  # the worker's own directory is gone
            before = None
        if before != str(path):
            try:
                os.chdir(path)
            except OSError as exc:
                raise UsageError(
                    f"the working directory {str(path)!r} is not on worker {get_worker().address} ({exc.strerror}); "
                    "articles, catalogs and models must be at the same paths on every worker"
                ) from None
        try:
            yield
        finally:
            if before is not None and before != str(path):
                with contextlib.suppress(OSError):
                    os.chdir(before)


@dataclass(frozen=True)
class Shared:
    """What every task of a run needs, prepared once on the client and scattered to the workers."""

    cwd: Path
    setup: TranslateSetup
    memories: dict[tuple[str, str], TranslationMemory] = field(default_factory=dict)

    def memory(self, src: str, tgt: str) -> TranslationMemory:
        return self.memories[(src, tgt)]


@dataclass(frozen=True)
class BatchFills:
    """Machine translation of one batch into one language: per article of the batch, per target, the fills."""

    fills: list[list[JobFills | None]]
    stats: FillStats
    seconds: float


# -- tasks (run on the workers) -----------------------------------------------------------------


def language_task(article: Article, shared: Shared) -> str:
    """Check the article and its catalogs as planning will (:func:`~newsl10n.workflow.steps.check_article`) and
    return its language: a bad one stops the run before anything is written."""
    setup = shared.setup
    with _in_directory(shared.cwd):
        return check_article(article, setup.targets, setup.options, CatalogStore())


def plan_task(article: Article, shared: Shared) -> PlanDone:
    setup = shared.setup
    plugin = _plugin()
    with _in_directory(shared.cwd):
        store = CatalogStore()
        plan = plan_article(
            article, setup.targets, setup.options, setup.terms,
            reason=lambda src, tgt: plugin.reason(setup.engines, src, tgt), store=store, memory_for=shared.memory,
        )
    return PlanDone(plan.portable(), store.seen)


def mt_task(plans: list[PlanDone], lang: str, shared: Shared) -> BatchFills:
    """Every still-empty entry of the batch into ``lang``: one deduplicated engine call per language pair."""
    setup = shared.setup
    plugin = _plugin()
    stats = FillStats()
    started = time.perf_counter()
    with _in_directory(shared.cwd):
        fills = batch_fills(
            [done.plan for done in plans], lambda src, tgt: plugin.engine(setup.engines, src, tgt), stats,
            terms=setup.terms, lang=lang,
        )
    return BatchFills(fills, stats, time.perf_counter() - started)


@dataclass(frozen=True)
class BatchCounts:
    """A batch's machine translation counted, without its fills: what the client's progress needs."""

    stats: FillStats
    seconds: float


def mt_summary_task(batch: BatchFills) -> BatchCounts:
    return BatchCounts(batch.stats, batch.seconds)


def finish_task(done: PlanDone, place: int, batches: list[BatchFills], shared: Shared) -> Finished:
    # A copy: the plan is the stored result of another task, which a retry of this one must find unchanged.
    plan = replace(
        done.plan,
        targets=[replace(target) for target in done.plan.targets],
        report=replace(done.plan.report, catalogs=[], pages=[]),
    )
    for batch in batches:
        apply_machine(plan, batch.fills[place])
    with _in_directory(shared.cwd):
        return finish_article(plan, shared.setup.options)


# -- the client ---------------------------------------------------------------------------------


@dataclass
class Progress:
    """What the client knows of a run from its futures."""

    total: int
    done: int = 0
    sentences: int = 0  # machine-translated so far
    started: float = field(default_factory=time.perf_counter)

    @property
    def sentences_per_second(self) -> float:
        elapsed = time.perf_counter() - self.started
        return self.sentences / elapsed if elapsed > 0 else 0.0

    def line(self) -> str:
        return f"[{self.done}/{self.total}] articles done, {self.sentences_per_second:.1f} sentences/s"


@dataclass
class _Batch:
    plans: list[Future[Any]]
    finished: list[Future[Any]]
    summaries: list[Future[Any]]


def translate(
    project: Project,
    paths: Sequence[PathLike],
    *,
    to: str | Sequence[str],
    client: Client,
    batch_size: int = ARTICLES_PER_BATCH,
) -> Iterator[TranslateResult]:
    """``project.translate(paths, to=to)`` on the cluster's workers, one result per batch of articles, in order.

    Write each result (``part.write()``) before asking for the next.  Pages
    written beside their sources (a layout other than ``build``) come in one
    result at the end, as a local run writes them: the guard that refuses to
    replace a file newsl10n did not write needs every page of the run.  The
    first result carries the run's notes.  The first error of a task (in input
    order) is raised here; when it comes from reading the articles, no result
    has been given yet.  ``project.progress`` receives a line as tasks finish:
    articles done / total, sentences machine-translated per second.
    """
    from .workflow.locking import hold

    setup = project.translate_setup(paths, to=to)
    options = replace(setup.options, created=setup.options.created or now())
    engines = setup.engines
    if engines.name != "none":
        from .engines.models import resolve_models_dir

        models = resolve_models_dir(str(engines.models_dir) if engines.models_dir else None, os.environ)
        engines = replace(engines, models_dir=models.resolve())  # where every worker looks
    setup = replace(setup, options=options, engines=engines)
    cwd = Path.cwd().resolve()
    with hold(options.locales):
        client.register_plugin(EnginePlugin(), name=PLUGIN_NAME)
        every = replace(setup, articles=[])  # what each task needs: its own article comes with it
        [first] = client.scatter([Shared(cwd, replace(every, terms=RunTerms(None)))], broadcast=True)  # no glossary
        found = client.map(language_task, setup.articles, shared=first, pure=False)
        wait(found)
        _raise_first(found)
        languages: list[str] = client.gather(found)
        del found, first
        store = CatalogStore()
        memories = Memories(options.locales, store, options.tmx)
        pairs = {(src, tgt) for src in languages for tgt in setup.targets if tgt != src}
        setup.terms.prepare(sorted(set(languages)))  # the term matchers, built once here rather than on every worker
        for src, tgt in sorted(pairs):
            setup.terms.get(src, tgt)
        shared = Shared(cwd, every, {pair: memories.get(*pair) for pair in sorted(pairs)})
        [shared_f] = client.scatter([shared], broadcast=True)
        progress = Progress(len(setup.articles))
        workers = sorted(client.scheduler_info(n_workers=-1)["workers"])
        # Enough batches in flight for every worker to translate one batch into one language.
        ahead = max(MIN_BATCHES_AHEAD, -(-len(workers) // max(1, len(setup.targets))))
        # Pages beside their sources are written all together at the end, as locally: the guard that refuses to
        # replace a file newsl10n did not write needs every page of the run.
        stream = options.where.layout == "build"
        part = TranslateResult(Outputs(seen=store.seen, lock=options.locales), notes=list(setup.notes))
        pending: list[_Batch] = []
        articles = setup.articles
        for number, start in enumerate(range(0, len(articles), batch_size)):
            pending.append(_submit(client, articles[start : start + batch_size], setup, shared_f, workers, number))
            while pending and (len(pending) > ahead or start + batch_size >= len(articles)):
                _collect(client, pending.pop(0), part, progress, project.progress)
                if stream:
                    yield part
                    part = TranslateResult(Outputs(seen=store.seen, lock=options.locales))
        project.progress("")
        if not stream:
            pages = [out for out in part.outputs.files if out.page]
            if pages:
                part.outputs.files.extend(options.where.guarded(options.locales, pages)[len(pages) :])
            yield part


def _submit(
    client: Client, articles: Sequence[Article], setup: TranslateSetup, shared: Future[Any], workers: list[str], number: int
) -> _Batch:
    plans = client.map(plan_task, list(articles), shared=shared, pure=False)
    batches: list[Future[Any]] = []
    summaries: list[Future[Any]] = []
    if setup.engines.name != "none":
        for i, lang in enumerate(setup.targets):
            # Batch and language name a worker, in turn, so that models stay where they were loaded (another
            # worker takes the task if that one dies).
            where = [workers[(number * len(setup.targets) + i) % len(workers)]] if workers else None
            batch = client.submit(
                mt_task, plans, lang, shared, workers=where, allow_other_workers=True, pure=False
            )
            batches.append(batch)
            summaries.append(client.submit(mt_summary_task, batch, pure=False))
    finished = [client.submit(finish_task, plan, place, batches, shared, pure=False) for place, plan in enumerate(plans)]
    return _Batch(plans, finished, summaries)


def _collect(
    client: Client, batch: _Batch, part: TranslateResult, progress: Progress, report: Callable[[str], None]
) -> None:
    """A batch's articles into ``part``, once every task of it is done (in input order, as a local run adds them)."""
    summaries = set(batch.summaries)
    for future in as_completed(batch.finished + batch.summaries):
        if future.status == "error":
            break
        if future in summaries:
            progress.sentences += future.result().stats.mt
        else:
            progress.done += 1
        report(progress.line())
    _raise_first(batch.plans + batch.finished + batch.summaries)
    plans: list[PlanDone] = client.gather(batch.plans)
    finished: list[Finished] = client.gather(batch.finished)
    counted: list[BatchCounts] = client.gather(batch.summaries)
    seen = part.outputs.seen
    for done, article in zip(plans, finished, strict=True):
        for path, data in done.seen.items():
            seen.setdefault(path, data)  # the first read counts: a change since then is someone else's
        part.problems.extend(done.plan.problems)
        part.stats.add(done.plan.stats)
        add_finished(part, article)
    for count in counted:  # in the order of the target languages
        part.stats.add(count.stats)


def _raise_first(futures: Sequence[Future[Any]]) -> None:
    for future in futures:
        if future.status == "error":
            future.result()  # raises the task's exception


# -- connecting ---------------------------------------------------------------------------------


def check_spec(spec: str) -> None:
    """``local:N`` (N ≥ 1) or a scheduler's ``tcp://host:port`` (or ``tls://``); anything else is a usage error."""
    if spec.startswith("local:"):
        count = spec.removeprefix("local:")
        if not count.isdigit() or int(count) < 1:
            raise UsageError(f"--cluster {spec}: say local:N with N at least 1, or tcp://host:port")
        return
    if not spec.startswith(("tcp://", "tls://")) or not spec.partition("://")[2]:
        raise UsageError(f"--cluster {spec}: say local:N or a scheduler address such as tcp://host:8786")


#: How long the first connection to a scheduler may take before the run gives up on it.
CONNECT_TIMEOUT = 10.0


def reachable(spec: str) -> None:
    """Refuse a scheduler address nothing answers at, at once: Dask's client retries for its whole timeout."""
    import socket
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(spec)
        host, port = parts.hostname, parts.port or 8786
    except ValueError as exc:  # a port that is not a number, or out of range
        raise UsageError(f"--cluster {spec}: {exc}") from None
    if not host:
        raise UsageError(f"--cluster {spec}: say a scheduler address such as tcp://host:8786")
    try:
        socket.create_connection((host, port), timeout=CONNECT_TIMEOUT).close()
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        raise UsageError(f"--cluster {spec}: cannot reach the scheduler ({reason})") from None


@dataclass(frozen=True)
class Connection:
    client: Client
    dashboard: str | None  # the dashboard's address, None when the scheduler serves none

    @property
    def workers(self) -> int:
        return len(self.client.scheduler_info(n_workers=-1)["workers"])


@contextlib.contextmanager
def connect(spec: str) -> Iterator[Connection]:
    """``local:N`` (a LocalCluster of N worker processes on 127.0.0.1) or a scheduler's ``tcp://host:port``."""
    import importlib.util

    check_spec(spec)
    if spec.startswith("local:"):
        import dask
        from distributed import LocalCluster

        bokeh = importlib.util.find_spec("bokeh") is not None  # the dashboard's pages need it
        # A free port (":0"): the scheduler's web server starts even without the dashboard, and 8787 may be taken.
        # Workers without Dask's MALLOC_TRIM_THRESHOLD_ (see roomy_malloc).
        no_trim = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}
        with dask.config.set(no_trim), LocalCluster(
            n_workers=int(spec.removeprefix("local:")), threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address=":0", silence_logs=40,
        ) as cluster, Client(cluster) as client:
            yield Connection(client, client.dashboard_link if bokeh else None)
        return
    reachable(spec)
    try:
        client = Client(spec, timeout=30)
    except OSError as exc:
        raise UsageError(f"--cluster {spec}: cannot reach the scheduler ({exc})") from None
    with client:
        services = client.scheduler_info().get("services", {})
        yield Connection(client, client.dashboard_link if "dashboard" in services else None)

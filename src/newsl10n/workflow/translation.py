"""The translate workflow: articles → templates → catalogs (merged, memory, interface strings, MT) → pages.

Each article is read and parsed once; its template is annotated with the
glossary's notes; for each target language its catalog (read once) is merged
with the template, filled from memory and the interface-string table, then
every still-empty entry of a batch of articles goes to the engine in one
deduplicated call per language pair; the pages are built from the same parse.
A language pair no engine can translate is a :class:`~.results.Problem` for
that article and language; the rest of the run goes on.

A run asked to write (``write=True``, what the command line does) writes each
article's files as soon as its batch is translated and keeps only the summary
of what it wrote: memory stays bounded by one batch, not by the run.  A bad
article or catalog still stops the run before anything is written: the
articles past the first batch (which is read whole before any write) are read
and checked first, and a page the writer could refuse is tried before its
batch writes anything.  Pages beside their sources are written at the end, all
together: the guard that refuses to replace a file we did not write needs
every page of the run.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from .context import Memories, RunEngines, RunTerms
from .inputs import Article, CatalogStore
from .placement import Placement
from .results import Outputs, TranslateResult
from .steps import (
    Finished,
    Planned,
    add_finished,
    apply_machine,
    batch_fills,
    check_article,
    finish_article,
    plan_article,
    template_for,
    try_writing,
)

if TYPE_CHECKING:
    import datetime as dt

    from ..exchange import TmxFile
    from ..formats.markdown import MarkdownOptions

__all__ = ["ARTICLES_PER_BATCH", "TranslateOptions", "template_for", "translate_articles"]

#: Articles whose sentences go to the engine together (bounds the engine's batches on large runs).
ARTICLES_PER_BATCH = 200


@dataclass(frozen=True)
class TranslateOptions:
    """The settings of one translate run (the Project's, resolved)."""

    locales: Path
    out: Path
    source_lang: str | None
    encoding: str | None
    use_fuzzy: bool
    tm_threshold: float
    include_stale: bool = False
    placement: Placement | None = None  # None: pages in ``out`` (the build layout)
    markdown: MarkdownOptions | None = None
    tmx: Sequence[TmxFile] = ()
    created: dt.datetime | None = None  # the date written into new headers (None: ``inputs.now()`` when asked)

    @property
    def where(self) -> Placement:
        return self.placement if self.placement is not None else Placement(self.out)


def translate_articles(
    articles: Sequence[Article],
    targets: Sequence[str],
    options: TranslateOptions,
    *,
    terms: RunTerms,
    engines: RunEngines,
    progress: Callable[[str], None] = lambda message: None,
    write: bool = False,
    jobs: int = 1,
) -> TranslateResult:
    """The whole run, under the locales lock.  Nothing is written (see :meth:`TranslateResult.write`) unless
    ``write``: then each article's files are written as its batch completes (see the module's notes).

    ``jobs`` > 1: the articles are read, planned and built on that many forked processes
    (:mod:`.forked`); machine translation and writing stay in this one, and the bytes are the same.
    """
    from .locking import hold
    from .parallel import worker_count

    store = CatalogStore()
    memories = Memories(options.locales, store, options.tmx)
    result = TranslateResult(Outputs(seen=store.seen, lock=options.locales))
    stream = write and options.where.layout == "build"
    batch = _batch_size(engines, stream)
    workers = worker_count(jobs, len(articles))
    with hold(options.locales):
        try:
            steps: BatchSteps
            if workers:
                from .forked import forked_steps

                # Every article is read first, in the order a local run reads them (the same first error).
                order = [*articles[batch:], *articles[:batch]] if stream else list(articles)
                steps = forked_steps(order, targets, options, terms, engines, store, memories, result, progress,
                                     workers=workers)
                batch = ARTICLES_PER_BATCH  # a batch's articles go to the workers together, even without an engine
            else:
                if stream:
                    _validate(articles[batch:], targets, options, store, progress)
                steps = _LocalSteps(targets, options, terms, engines, store, memories, result, progress, stream)
            try:
                _run(articles, batch, steps, targets, options, terms, engines, result, progress, stream)
            finally:
                steps.close()
        finally:
            engines.close()
        if write and not stream:
            result.written += result.outputs.write()
            result.outputs.files.clear()
    return result


class BatchSteps(Protocol):
    """Steps 1 and 3 of a batch of articles (:mod:`.steps`), in this process or on workers."""

    def plan(self, chunk: Sequence[Article], start: int, total: int) -> list[Planned]:
        """Each article planned, its problems and memory counts added to the run's result, in input order."""

    def finish(self, plans: list[Planned]) -> Iterator[Finished]:
        """Each plan finished, in order (``plans`` is emptied as they are)."""

    def close(self) -> None:
        """Stop what the steps started."""


def _batch_size(engines: RunEngines, stream: bool) -> int:
    """Articles planned together: a batch's sentences go to the engine in one call per language pair.

    With no engine there is nothing to group: a run that writes as it goes finishes each article at once,
    so that it never holds more than one article's catalogs.
    """
    return 1 if stream and engines.settings.name == "none" else ARTICLES_PER_BATCH


def _validate(
    articles: Sequence[Article],
    targets: Sequence[str],
    options: TranslateOptions,
    store: CatalogStore,
    progress: Callable[[str], None],
) -> None:
    """Read, parse and segment ``articles`` and read their catalogs: an error stops the run before any write.

    Nothing is kept but the catalogs ``store`` holds anyway.
    """
    for number, article in enumerate(articles, start=1):
        progress(f"[{number}/{len(articles)}] checking {article.shown}")
        check_article(article, targets, options, store)
    progress("")


def _run(
    articles: Sequence[Article],
    size: int,
    steps: BatchSteps,
    targets: Sequence[str],
    options: TranslateOptions,
    terms: RunTerms,
    engines: RunEngines,
    result: TranslateResult,
    progress: Callable[[str], None],
    stream: bool = False,
) -> None:
    for start in range(0, len(articles), size):
        chunk = articles[start : start + size]
        plans = steps.plan(chunk, start, len(articles))
        if engines.settings.name != "none":
            progress(f"machine translation of {start + len(chunk)}/{len(articles)} articles…")
            for plan, fills in zip(plans, batch_fills(plans, engines, result.stats, terms=terms)):
                apply_machine(plan, fills)
        progress("")
        for finished in steps.finish(plans):
            add_finished(result, finished)
            if stream:
                _write_finished(result)
    pages = [out for out in result.outputs.files if out.page]
    if pages:
        guarded = options.where.guarded(options.locales, pages)
        result.outputs.files.extend(guarded[len(pages) :])


@dataclass
class _LocalSteps:
    """The steps in this process, an article at a time."""

    targets: Sequence[str]
    options: TranslateOptions
    terms: RunTerms
    engines: RunEngines
    store: CatalogStore
    memories: Memories
    result: TranslateResult
    progress: Callable[[str], None]
    stream: bool

    def plan(self, chunk: Sequence[Article], start: int, total: int) -> list[Planned]:
        """Read and parse each article, make its template, merge and pre-fill its catalogs (:func:`.steps.plan_article`)."""
        plans = []
        for number, article in enumerate(chunk, start=start + 1):
            self.progress(f"[{number}/{total}] reading {article.shown}")
            plan = plan_article(
                article, self.targets, self.options, self.terms, reason=self.engines.reason, store=self.store,
                memory_for=self.memories.get,
            )
            self.result.problems.extend(plan.problems)
            self.result.stats.add(plan.stats)
            if self.stream:
                try_writing(plan.source, plan.extraction)
                # Parsed again when its pages are built: a batch of trees is not held through MT.
                plan.extraction = dataclasses.replace(plan.extraction, parsed=None)
            plans.append(plan)
        return plans

    def finish(self, plans: list[Planned]) -> Iterator[Finished]:
        """The article's template, catalogs and pages, as outputs (:func:`.steps.finish_article`)."""
        while plans:
            yield finish_article(plans.pop(0), self.options)

    def close(self) -> None:
        pass


def _write_finished(result: TranslateResult) -> None:
    """Write the outputs finished so far and keep only what the run reports of them (paths, counts)."""
    if not result.outputs.files:
        return
    written = result.outputs.write()
    result.written += written
    result.outputs.files.clear()
    for path in written:  # the bytes just written, kept in case they were written again: they will not be
        result.outputs.seen.pop(path, None)
    report = result.articles[-1]
    report.catalogs[:] = [dataclasses.replace(c, catalog=None) for c in report.catalogs]
    report.pages[:] = [dataclasses.replace(p, built=dataclasses.replace(p.built, html="")) for p in report.pages]

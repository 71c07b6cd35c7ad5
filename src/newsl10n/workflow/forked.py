"""``translate -j N``: each article's steps on forked worker processes; engines and writing stay in the parent.

The run is a local run's (:mod:`.translation`), batch by batch, with steps 1
and 3 of :mod:`.steps` on the workers:

* first every article is read, parsed and checked on the workers (the check a
  local run makes before its first write, :func:`~.steps.check_article`), in
  the order a local run reads them: a bad article stops the run before anything
  is written, with the error a local run gives, and the run learns each
  article's source language;
* the parent then prepares, once, what planning needs: whether an engine can
  translate each language pair met (its engine is made here, but loads nothing
  yet), the glossary's term rules, and the translation memory of each pair
  (every catalog of the target language, read as it is before the run writes
  anything: a local run's memories hold the same);
* the workers are forked only then, once for the run, before any engine loads
  a model or starts a process: they share all that copy-on-write and never hold
  an engine; per batch (:data:`~.translation.ARTICLES_PER_BATCH` articles, the
  local run's) they plan each article (:func:`~.steps.plan_article`), the parent
  machine-translates the batch in the local run's engine calls, and the workers
  make each article's template, catalogs and pages (:func:`~.steps.finish_article`);
* the parent adds the results in input order and writes them, as a local run
  does: the bytes do not depend on the number of workers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from .context import Memories, RunEngines, RunTerms
from .inputs import Article, CatalogStore
from .parallel import Workers, run_stage
from .results import TranslateResult
from .steps import Finished, PlanDone, Planned, check_article, finish_article, plan_article
from .translation import TranslateOptions

#: A worker that dies mid-run: the batches before are written whole, nothing else.
DIED = (
    "a worker process died (killed, or out of memory?); the articles written so far are whole, nothing else "
    "was written. Run again (-j 1: one process)"
)


@dataclass
class ForkedSteps:
    """A batch's steps 1 and 3 on the pool's workers (see :class:`~.translation.BatchSteps`)."""

    pool: Workers
    plan_stage: Callable[[Article], PlanDone]
    finish_stage: Callable[[Planned], Finished]
    store: CatalogStore
    result: TranslateResult
    progress: Callable[[str], None]

    def plan(self, chunk: Sequence[Article], start: int, total: int) -> list[Planned]:
        self.progress(f"[{start + len(chunk)}/{total}] reading articles on {self.pool.workers} processes")
        plans = []
        for done in self.pool.map(self.plan_stage, chunk):
            for path, data in done.seen.items():
                self.store.seen.setdefault(path, data)  # the first read counts: a change since is someone else's
            self.result.problems.extend(done.plan.problems)
            self.result.stats.add(done.plan.stats)
            plans.append(done.plan)
        return plans

    def finish(self, plans: list[Planned]) -> Iterator[Finished]:
        self.progress(f"building {len(plans)} articles on {self.pool.workers} processes")
        finished = self.pool.map(self.finish_stage, plans)
        plans.clear()
        self.progress("")
        while finished:
            yield finished.pop(0)

    def close(self) -> None:
        self.pool.close()


def forked_steps(
    articles: Sequence[Article],
    targets: Sequence[str],
    options: TranslateOptions,
    terms: RunTerms,
    engines: RunEngines,
    store: CatalogStore,
    memories: Memories,
    result: TranslateResult,
    progress: Callable[[str], None],
    *,
    workers: int,
) -> ForkedSteps:
    """Check ``articles`` (in this order) on ``workers`` processes, prepare what planning needs, fork the pool."""

    def check(article: Article) -> str:
        return check_article(article, targets, options, CatalogStore())

    progress(f"checking {len(articles)} articles on {workers} processes")
    sources = sorted(set(run_stage(check, articles, jobs=workers)))
    progress("")
    terms.prepare(sources)
    reasons: dict[tuple[str, str], str | None] = {}
    for src in sources:
        for tgt in targets:
            if tgt != src:
                reasons[(src, tgt)] = why = engines.reason(src, tgt)
                terms.get(src, tgt)
                if why is None:
                    memories.get(src, tgt)

    def reason(src: str, tgt: str) -> str | None:
        return reasons.get((src, tgt))

    def plan_stage(article: Article) -> PlanDone:
        plan = plan_article(article, targets, options, terms, reason=reason, store=store, memory_for=memories.get)
        read = [plan.report.template, *(target.path for target in plan.targets)]
        return PlanDone(plan.portable(), {path: store.seen[path] for path in read if path in store.seen})

    def finish_stage(plan: Planned) -> Finished:
        return finish_article(plan, options)

    pool = Workers([plan_stage, finish_stage], workers=workers, died=DIED)
    return ForkedSteps(pool, plan_stage, finish_stage, store, result, progress)

"""One article through a translate run, as steps a front door runs where it likes.

A local run (:mod:`.translation`) and the cluster runner (:mod:`newsl10n.cluster`)
compose the same steps, so that they write the same bytes:

1. :func:`plan_article`: read and parse the article, make its template, and for
   each target language merge its catalog, add the glossary's notes, fill from
   memory and from the interface-string table;
2. :func:`batch_fills`: every still-empty entry of a batch of plans, one
   deduplicated engine call per language pair (:func:`newsl10n.fill.machine_fills`),
   put in by :func:`apply_machine`;
3. :func:`finish_article`: the article's template, catalogs and pages as outputs,
   which :func:`add_finished` adds to a result as one group (written together).

Nothing here writes, and nothing here is shared between articles but what the
caller passes in (term rules, memories, engines), so steps 1 and 3 can run in
another process.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .inputs import Article, CatalogStore, catalog_path, now, read_source
from .placement import same_source
from .results import ArticleRun, CatalogUpdate, Output, Page, Problem, TranslateResult

if TYPE_CHECKING:
    from ..catalog_model import Catalog
    from ..engines.base import Engine
    from ..fill import FillStats, Job, JobFills
    from ..model import MergeStats
    from ..stages import Extraction, Source
    from ..tm import TranslationMemory
    from .context import EngineSettings, RunTerms
    from .translation import TranslateOptions


@dataclass(frozen=True)
class TranslateSetup:
    """A translate run prepared (:meth:`.Project.translate_setup`): what every front door starts from."""

    articles: list[Article]
    targets: list[str]
    options: TranslateOptions
    engines: EngineSettings
    terms: RunTerms
    notes: list[str]  # what the run chose by default (no glossary found…), said first


def template_for(source: Source, extraction: Extraction, terms: RunTerms, created: dt.datetime | None = None) -> Catalog:
    """An article's template, with the glossary's notes for its source language."""
    from ..catalog import article_template, header

    meta = header(
        project=source.slug, lang=None, src_lang=extraction.lang, created=created or now(), source=source.display
    )
    terminology = terms.get(extraction.lang, None)
    notes_for = terminology.notes if terminology is not None else None
    return article_template(extraction.segments, source.display, metadata=meta, notes_for=notes_for)


@dataclass
class Target:
    """One catalog of an article between filling and building."""

    job: Job  # the catalog merged and filled from memory and interface strings
    path: Path
    merged: MergeStats
    catalog: Catalog  # after machine translation


@dataclass
class Planned:
    """One article after step 1: everything machine translation and the build need."""

    article: Article
    source: Source
    extraction: Extraction
    pot: Catalog
    report: ArticleRun
    targets: list[Target]
    failed: list[str]  # target languages no engine could translate into
    problems: list[Problem] = field(default_factory=list)  # one per failed language, with the reason
    stats: FillStats = field(default_factory=lambda: _fill_stats())  # memory and interface strings

    def portable(self) -> Planned:
        """The plan without its parse (an lxml tree, which cannot leave this process); building parses again."""
        return replace(self, extraction=replace(self.extraction, parsed=None))


@dataclass(frozen=True)
class PlanDone:
    """An article planned in another process (without its parse), and its catalogs as read there (for the
    writer's check: a file changed since is not overwritten)."""

    plan: Planned
    seen: dict[Path, bytes | None]


def plan_article(
    article: Article,
    targets: Sequence[str],
    options: TranslateOptions,
    terms: RunTerms,
    *,
    reason: Callable[[str, str], str | None],
    store: CatalogStore,
    memory_for: Callable[[str, str], TranslationMemory],
) -> Planned:
    """Step 1: read and parse the article, make its template, merge and pre-fill its catalogs.

    ``reason(src, tgt)`` says why no engine can translate a pair (None: one can);
    ``store`` reads each catalog once and keeps its bytes for the writer's check.
    """
    from ..catalog import annotate, header, merge
    from ..catalog_model import apply_fills
    from ..fill import FillStats, Job, interface_fills, memory_fills
    from ..stages import extract, parse

    created = options.created or now()
    stats = FillStats()
    source = read_source(article, encoding=options.encoding, lang=options.source_lang, markdown=options.markdown)
    parsed = parse(source) if source.markdown is None else None
    extraction = extract(source, given_lang=options.source_lang, parsed=parsed)
    pot = template_for(source, extraction, terms, created)
    template = catalog_path(options.locales, source.slug, None)
    same_source(store.get(template), source.display, template)
    src = extraction.lang
    report = ArticleRun(
        article.shown, src, len(pot), catalog_path(options.locales, source.slug, None), len(extraction.segments)
    )
    planned: list[Target] = []
    failed: list[str] = []
    problems: list[Problem] = []
    for lang in targets:
        if lang == src:
            report.same_language.append(lang)
            continue
        why = reason(src, lang)
        if why is not None:
            problems.append(Problem(article.shown, why, lang))
            failed.append(lang)
            continue
        path = catalog_path(options.locales, source.slug, lang)
        meta = header(project=source.slug, lang=lang, src_lang=src, created=created, source=source.display)
        existing = store.get(path)
        same_source(existing, source.display, path)
        catalog, merged = merge(pot, existing, metadata=meta)
        terminology = terms.get(src, lang)
        if terminology is not None:
            catalog = annotate(catalog, terminology.notes)
        catalog = apply_fills(
            catalog, memory_fills(catalog, memory_for(src, lang), stats, threshold=options.tm_threshold)
        )
        catalog = apply_fills(catalog, interface_fills(catalog, lang, stats))
        planned.append(Target(Job(source.display, src, lang, catalog), path, merged, catalog))
    return Planned(article, source, extraction, pot, report, planned, failed, problems, stats)


def check_article(article: Article, targets: Sequence[str], options: TranslateOptions, store: CatalogStore) -> str:
    """Read, parse and segment the article and read its catalogs, as planning it will: an error here stops a run
    before anything is written.  Nothing is kept but the catalogs ``store`` holds; returns the source language."""
    from ..stages import extract, parse

    source = read_source(article, encoding=options.encoding, lang=options.source_lang, markdown=options.markdown)
    parsed = parse(source) if source.markdown is None else None
    extraction = extract(source, given_lang=options.source_lang, parsed=parsed)
    template = catalog_path(options.locales, source.slug, None)
    same_source(store.get(template), source.display, template)
    for lang in targets:
        if lang != extraction.lang:
            path = catalog_path(options.locales, source.slug, lang)
            same_source(store.get(path), source.display, path)
    try_writing(source, extraction)
    return extraction.lang


def try_writing(source: Source, extraction: Extraction) -> None:
    """A page the writer could refuse (SVG, MathML or nested forms: a tree no text may parse back to) is
    written once as it is and read back, so that a refusal comes before anything is written."""
    from ..formats.html_serialize import needs_round_trip_check
    from ..stages import build

    if extraction.parsed is not None and needs_round_trip_check(extraction.parsed.root):
        build(source, src_lang=extraction.lang, tgt_lang=extraction.lang, lookup={}, extraction=extraction)


def batch_fills(
    plans: Sequence[Planned],
    engine_for: Callable[[str, str], Engine | None],
    stats: FillStats,
    *,
    terms: RunTerms,
    lang: str | None = None,
) -> list[list[JobFills | None]]:
    """Step 2: what the engine proposes for each plan's targets (into ``lang`` only, when given; else None)."""
    from ..fill import machine_fills

    places = [
        (p, t) for p, plan in enumerate(plans) for t, target in enumerate(plan.targets)
        if lang is None or target.job.tgt_lang == lang
    ]
    jobs = [plans[p].targets[t].job for p, t in places]
    filled = machine_fills(jobs, engine_for, stats, terminology_for=terms.get)
    out: list[list[JobFills | None]] = [[None] * len(plan.targets) for plan in plans]
    for (p, t), fills in zip(places, filled, strict=True):
        out[p][t] = fills
    return out


def apply_machine(plan: Planned, fills: Sequence[JobFills | None]) -> None:
    """Put the engine's fills (one per target; None: none) into the plan's catalogs."""
    for target, found in zip(plan.targets, fills, strict=True):
        if found is not None:
            target.catalog = found.apply(target.catalog)


@dataclass
class Finished:
    """One article after step 3: its files (template, catalogs, pages) and what the run did with it."""

    report: ArticleRun | None  # None: no language to translate into, nothing to write
    files: list[Output]


def finish_article(plan: Planned, options: TranslateOptions) -> Finished:
    """Step 3: the article's template, catalogs and pages, as outputs (staged together, written together).

    An article with no language to translate into (every target failed) gives no outputs: nothing of it is written.
    """
    from ..catalog import translations
    from ..formats.po import generate_po, parse_po
    from ..fsio import display_path
    from ..stages import build

    if plan.failed and not plan.targets and not plan.report.same_language:
        return Finished(None, [])
    files = [Output(plan.report.template, generate_po(plan.pot), catalog=True)]
    for target in plan.targets:
        job, catalog = target.job, target.catalog
        plan.report.catalogs.append(CatalogUpdate(target.path, job.tgt_lang, target.merged, catalog))
        text = generate_po(catalog)
        files.append(Output(target.path, text, catalog=True))
        shown = display_path(target.path)
        # Read back as written, so that each translation knows its line in the catalog file.
        written = parse_po(text, path=shown)
        lookup = translations(written, use_fuzzy=options.use_fuzzy, use_stale=options.include_stale)
        built = build(
            plan.source, src_lang=job.src_lang, tgt_lang=job.tgt_lang, lookup=lookup,
            use_fuzzy=options.use_fuzzy, extraction=plan.extraction, markdown_as_html=options.where.markdown_html,
            add_lang=options.where.add_lang,
        )
        page = options.where.page(plan.article, job.tgt_lang, built)
        files.append(Output(page, built.html, page=True))
        plan.report.pages.append(Page(plan.source.display, job.tgt_lang, page, built, shown))
    return Finished(plan.report, files)


def add_finished(result: TranslateResult, finished: Finished) -> None:
    """The article's files into ``result`` as its next group (an article is written all or nothing)."""
    if finished.report is None:
        return
    group = len(result.articles)
    result.outputs.files.extend(replace(out, group=group) for out in finished.files)
    result.articles.append(finished.report)


def _fill_stats() -> FillStats:
    from ..fill import FillStats

    return FillStats()

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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .context import Memories, RunEngines, RunTerms
from .inputs import Article, CatalogStore, catalog_path, now, read_source
from .placement import Placement, same_source
from .results import ArticleRun, CatalogUpdate, Output, Outputs, Page, Problem, TranslateResult

if TYPE_CHECKING:
    from ..catalog_model import Catalog
    from ..exchange import TmxFile
    from ..fill import Job
    from ..formats.markdown import MarkdownOptions
    from ..model import MergeStats
    from ..stages import Extraction, Source

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

    @property
    def where(self) -> Placement:
        return self.placement if self.placement is not None else Placement(self.out)


def template_for(source: Source, extraction: Extraction, terms: RunTerms) -> Catalog:
    """An article's template, with the glossary's notes for its source language."""
    from ..catalog import Occurrence, annotate, header, template

    meta = header(project=source.slug, lang=None, src_lang=extraction.lang, created=now(), source=source.display)
    pot = template((Occurrence(seg, source.display) for seg in extraction.segments), metadata=meta)
    terminology = terms.get(extraction.lang, None)
    return annotate(pot, terminology.notes) if terminology is not None else pot


@dataclass
class _Target:
    """One catalog of an article between filling and building (private to this module)."""

    job: Job  # the catalog merged and filled from memory and interface strings
    path: Path
    merged: MergeStats
    catalog: Catalog  # after machine translation


@dataclass
class _Planned:
    """One article of a batch between filling and building (private to this module)."""

    article: Article
    source: Source
    extraction: Extraction
    pot: Catalog
    report: ArticleRun
    targets: list[_Target]
    failed: list[str]  # target languages no engine could translate into


def translate_articles(
    articles: Sequence[Article],
    targets: Sequence[str],
    options: TranslateOptions,
    *,
    terms: RunTerms,
    engines: RunEngines,
    progress: Callable[[str], None] = lambda message: None,
    write: bool = False,
) -> TranslateResult:
    """The whole run, under the locales lock.  Nothing is written (see :meth:`TranslateResult.write`) unless
    ``write``: then each article's files are written as its batch completes (see the module's notes)."""
    from .locking import hold

    store = CatalogStore()
    memories = Memories(options.locales, store, options.tmx)
    result = TranslateResult(Outputs(seen=store.seen, lock=options.locales))
    stream = write and options.where.layout == "build"
    batch = _batch_size(engines, stream)
    with hold(options.locales):
        if stream:
            _validate(articles[batch:], targets, options, store, progress)
        _run(articles, targets, options, terms, engines, store, memories, result, progress, stream)
        if write and not stream:
            result.written += result.outputs.write()
            result.outputs.files.clear()
    return result


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
    from ..stages import extract, parse

    for number, article in enumerate(articles, start=1):
        progress(f"[{number}/{len(articles)}] checking {article.shown}")
        source = read_source(article, encoding=options.encoding, lang=options.source_lang, markdown=options.markdown)
        parsed = parse(source) if source.markdown is None else None
        extraction = extract(source, given_lang=options.source_lang, parsed=parsed)
        template = catalog_path(options.locales, source.slug, None)
        same_source(store.get(template), source.display, template)
        for lang in targets:
            if lang != extraction.lang:
                path = catalog_path(options.locales, source.slug, lang)
                same_source(store.get(path), source.display, path)
        _try_writing(source, extraction)
    progress("")


def _try_writing(source: Source, extraction: Extraction) -> None:
    """A page the writer could refuse (SVG, MathML or nested forms: a tree no text may parse back to) is
    written once as it is and read back, so that a refusal comes before anything is written."""
    from ..formats.html_serialize import needs_round_trip_check
    from ..stages import build

    if extraction.parsed is not None and needs_round_trip_check(extraction.parsed.root):
        build(source, src_lang=extraction.lang, tgt_lang=extraction.lang, lookup={}, extraction=extraction)


def _run(
    articles: Sequence[Article],
    targets: Sequence[str],
    options: TranslateOptions,
    terms: RunTerms,
    engines: RunEngines,
    store: CatalogStore,
    memories: Memories,
    result: TranslateResult,
    progress: Callable[[str], None],
    stream: bool = False,
) -> None:
    from ..fill import machine_fills

    try:
        size = _batch_size(engines, stream)
        for start in range(0, len(articles), size):
            chunk = articles[start : start + size]
            plans = []
            for number, article in enumerate(chunk, start=start + 1):
                progress(f"[{number}/{len(articles)}] reading {article.shown}")
                plan = _plan(article, targets, options, terms, engines, store, memories, result)
                if stream:
                    _try_writing(plan.source, plan.extraction)
                    # Parsed again when its pages are built: a batch of trees is not held through MT.
                    plan.extraction = dataclasses.replace(plan.extraction, parsed=None)
                plans.append(plan)
            if engines.settings.name != "none":
                progress(f"machine translation of {start + len(chunk)}/{len(articles)} articles…")
                targets_ = [target for plan in plans for target in plan.targets]
                filled = machine_fills([t.job for t in targets_], engines, result.stats, terminology_for=terms.get)
                for target, fills in zip(targets_, filled):
                    target.catalog = fills.apply(target.catalog)
            progress("")
            while plans:
                _finish(plans.pop(0), options, result)
                if stream:
                    _write_finished(result)
        pages = [out for out in result.outputs.files if out.page]
        if pages:
            guarded = options.where.guarded(options.locales, pages)
            result.outputs.files.extend(guarded[len(pages) :])
    finally:
        engines.close()


def _plan(
    article: Article,
    targets: Sequence[str],
    options: TranslateOptions,
    terms: RunTerms,
    engines: RunEngines,
    store: CatalogStore,
    memories: Memories,
    result: TranslateResult,
) -> _Planned:
    """Read and parse the article, make its template, merge and pre-fill its catalogs."""
    from ..catalog import annotate, header, merge
    from ..catalog_model import apply_fills
    from ..fill import Job, interface_fills, memory_fills
    from ..stages import extract, parse

    source = read_source(article, encoding=options.encoding, lang=options.source_lang, markdown=options.markdown)
    parsed = parse(source) if source.markdown is None else None
    extraction = extract(source, given_lang=options.source_lang, parsed=parsed)
    pot = template_for(source, extraction, terms)
    template = catalog_path(options.locales, source.slug, None)
    same_source(store.get(template), source.display, template)
    src = extraction.lang
    report = ArticleRun(
        article.shown, src, len(pot), catalog_path(options.locales, source.slug, None), len(extraction.segments)
    )
    planned: list[_Target] = []
    failed: list[str] = []
    for lang in targets:
        if lang == src:
            report.same_language.append(lang)
            continue
        reason = engines.reason(src, lang)
        if reason is not None:
            result.problems.append(Problem(article.shown, reason, lang))
            failed.append(lang)
            continue
        path = catalog_path(options.locales, source.slug, lang)
        meta = header(project=source.slug, lang=lang, src_lang=src, created=now(), source=source.display)
        existing = store.get(path)
        same_source(existing, source.display, path)
        catalog, merged = merge(pot, existing, metadata=meta)
        terminology = terms.get(src, lang)
        if terminology is not None:
            catalog = annotate(catalog, terminology.notes)
        catalog = apply_fills(
            catalog, memory_fills(catalog, memories.get(src, lang), result.stats, threshold=options.tm_threshold)
        )
        catalog = apply_fills(catalog, interface_fills(catalog, lang, result.stats))
        planned.append(_Target(Job(source.display, src, lang, catalog), path, merged, catalog))
    return _Planned(article, source, extraction, pot, report, planned, failed)


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


def _finish(plan: _Planned, options: TranslateOptions, result: TranslateResult) -> None:
    """The article's template, catalogs and pages, as outputs (staged together, written together).

    An article with no language to translate into (every target failed) gives no outputs: nothing of it is written.
    """
    from ..catalog import translations
    from ..formats.po import generate_po, parse_po
    from ..fsio import display_path
    from ..stages import build

    if plan.failed and not plan.targets and not plan.report.same_language:
        return
    files = result.outputs.files
    group = len(result.articles)
    files.append(Output(plan.report.template, generate_po(plan.pot), catalog=True, group=group))
    for target in plan.targets:
        job, catalog = target.job, target.catalog
        plan.report.catalogs.append(CatalogUpdate(target.path, job.tgt_lang, target.merged, catalog))
        text = generate_po(catalog)
        files.append(Output(target.path, text, catalog=True, group=group))
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
        files.append(Output(page, built.html, group=group, page=True))
        plan.report.pages.append(Page(plan.source.display, job.tgt_lang, page, built, shown))
    result.articles.append(plan.report)

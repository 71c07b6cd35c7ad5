"""extract, translate, build: articles to catalogs to pages."""

from __future__ import annotations

import argparse
import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError, one_line
from .common import (
    _article_paths,
    _catalog_paths,
    _guarded,
    _load_glossary,
    _load_sources,
    _now,
    _Out,
    _Output,
    _page_path,
    _read_catalog,
    _read_source,
    _same_source,
    _targets,
    _write_outputs,
)

if TYPE_CHECKING:
    from ..catalog_model import Catalog
    from ..engines.base import Engine
    from ..exchange import TmxFile
    from ..fill import FillStats
    from ..pipeline import Built, Source
    from ..terms import Terminology
    from ..tm import TranslationMemory

#: Articles whose sentences go to the engine together (bounds memory on large runs).
ARTICLES_PER_BATCH = 200


def _counts(sentences: int, entries: int) -> str:
    """``35 sentences, 34 entries``: build counts sentences (every place), a catalog entries (distinct ones)."""
    return f"{sentences} sentence{'s' if sentences != 1 else ''}, {entries} entr{'ies' if entries != 1 else 'y'}"


def _extract(source: Source, args: argparse.Namespace, terms: _Terms) -> tuple[Catalog, str, int]:
    """An article's template (with glossary hints), its source language and its number of sentences."""
    from ..catalog import Occurrence, annotate, header, template
    from ..pipeline import extract

    ex = extract(source, given_lang=args.src)
    meta = header(project=source.slug, lang=None, src_lang=ex.lang, created=_now(), source=source.display)
    pot = template((Occurrence(seg, source.display) for seg in ex.segments), metadata=meta)
    terminology = terms.get(ex.lang, None)
    if terminology is not None:
        pot = annotate(pot, terminology.notes)
    return pot, ex.lang, len(ex.segments)


class _Terms:
    """The glossary prepared once per language pair for the run."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.glossary = _load_glossary(args)
        self._cache: dict[tuple[str, str | None], Terminology | None] = {}

    def get(self, src: str, tgt: str | None) -> Terminology | None:
        if self.glossary is None:
            return None
        key = (src, tgt)
        if key not in self._cache:
            from ..terms import Terminology

            # The source-side matcher depends on the source language only: build it once.
            shared = next((t.matcher for (s, _), t in self._cache.items() if s == src and t is not None), None)
            self._cache[key] = Terminology(self.glossary, src, tgt, matcher=shared)
        return self._cache[key]

    def prepare(self, sources: list[str]) -> None:
        """Build the extraction matchers for these source languages now (before workers are forked)."""
        for src in sources:
            self.get(src, None)


def cmd_extract(args: argparse.Namespace) -> int:
    from ..formats.po import generate_po
    from ..fsio import display_path, locked_dir
    from .parallel import run_stage

    out = _Out(args.quiet)
    jobs = _jobs(args)
    articles = _article_paths(args)
    terms = _Terms(args)
    terms.prepare(_declared_languages([path for path, _shown in articles], args.src))  # shared by the workers
    locales = Path(args.locales)

    def stage(article: tuple[Path, str]) -> tuple[str, str, str, str]:
        """Read, parse, segment, annotate: every article is done before anything is written."""
        source = _read_source(*article, args)
        pot, lang, sentences = _extract(source, args, terms)
        return source.slug, generate_po(pot), _counts(sentences, len(pot)), lang

    with locked_dir(locales):
        results = run_stage(stage, articles, jobs=jobs)
        paths = [_catalog_paths(locales, slug, None) for slug, _text, _n, _lang in results]
        for (_path, shown), path in zip(articles, paths):
            _same_source(_read_catalog(path), shown, path)
        _write_outputs([_Output(path, text, catalog=True) for path, (_s, text, _n, _l) in zip(paths, results)])
    for (_path, shown), path, (_slug, _text, counts, lang) in zip(articles, paths, results):
        out.info(f"{shown}: {counts} ({lang}) → {display_path(path)}")
    return 0


def _jobs(args: argparse.Namespace) -> int:
    from .parallel import default_jobs

    if args.jobs is None:
        return default_jobs()
    if args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    return int(args.jobs)


_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)", re.IGNORECASE)


def _declared_languages(paths: list[Path], given: str | None, *, sample: int = 64) -> list[str]:
    """Source languages the run will most likely meet: ``--from``, else what the first pages declare.

    A guess to build term matchers once, before workers start; a language it
    misses gets its matcher built where it is first needed.
    """
    from ..localize import normalize_lang

    if given:
        return [normalize_lang(given)]
    found: dict[str, None] = {}
    for path in paths[:sample]:
        try:  # non-blocking, regular files only: a FIFO or a device is reported when the article is read
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            continue
        try:
            head = os.read(fd, 4096).decode("latin-1") if stat.S_ISREG(os.fstat(fd).st_mode) else ""
        except OSError:
            head = ""
        finally:
            os.close(fd)
        m = _HTML_LANG.search(head)
        if m:
            try:
                found[normalize_lang(m.group(1))] = None
            except UsageError:
                pass
    return list(found)


class _Engines:
    """One engine per language pair for the whole run, so each model loads once."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self._cache: dict[tuple[str, str], Engine | None] = {}

    def __call__(self, src: str, tgt: str) -> Engine | None:
        if (src, tgt) not in self._cache:
            import os

            from ..engines.models import resolve_models_dir
            from ..engines.registry import choose_engine

            models_dir = resolve_models_dir(self.args.models_dir, os.environ)
            self._cache[(src, tgt)] = choose_engine(
                self.args.engine, src, tgt, models_dir=models_dir, beam_size=self.args.beam, threads=self.args.threads
            )
        return self._cache[(src, tgt)]

    def close(self) -> None:
        for engine in self._cache.values():
            close = getattr(engine, "close", None)
            if close is not None:
                close()


class _Memories:
    """Translation memory per language pair, built once: the catalogs' approved work, then the ``--tm`` files."""

    def __init__(self, locales: Path, tmx: Sequence[TmxFile]) -> None:
        self.locales = locales
        self.tmx = tmx
        self._cache: dict[tuple[str, str], TranslationMemory] = {}

    def get(self, src_lang: str, lang: str) -> TranslationMemory:
        if (src_lang, lang) not in self._cache:
            self._cache[(src_lang, lang)] = self._build(src_lang, lang)
        return self._cache[(src_lang, lang)]

    def _build(self, src_lang: str, lang: str) -> TranslationMemory:
        from ..exchange import tmx_memories
        from ..fsio import display_path
        from ..tm import TranslationMemory

        catalogs = []
        folder = self.locales / lang
        if folder.is_dir():
            for path in sorted(folder.rglob("*.po")):
                catalog = _read_catalog(path)
                if catalog is not None:
                    catalogs.append((display_path(path), catalog))
        extra = tmx_memories(self.tmx, src_lang=src_lang, tgt_lang=lang)
        return TranslationMemory.from_catalogs(catalogs, extra=extra)


def cmd_translate(args: argparse.Namespace) -> int:
    from ..exchange import read_tmx
    from ..fill import FillStats
    from ..fsio import locked_dir

    _targets(args.to)
    if args.beam < 1 or args.threads < 1:
        raise UsageError("--beam and --threads must be at least 1")
    out = _Out(args.quiet)
    locales = Path(args.locales)
    sources = _load_sources(args)
    terms = _Terms(args)
    engines = _Engines(args)
    memories = _Memories(locales, read_tmx([Path(p) for p in args.tm]))
    stats = FillStats()
    seen: dict[Path, bytes | None] = {}  # each catalog as read, so that a translator's edit is never overwritten
    with locked_dir(locales):
        status = _translate_locked(args, sources, terms, engines, memories, stats, seen, out)
    out.info(stats.summary())
    for pair, signature in stats.engines.items():
        out.info(f"  {pair}: {signature}")
    return status


def _translate_locked(
    args: argparse.Namespace,
    sources: list[Source],
    terms: _Terms,
    engines: _Engines,
    memories: _Memories,
    stats: FillStats,
    seen: dict[Path, bytes | None],
    out: _Out,
) -> int:
    """The body of ``translate``, run while this process holds the catalogs' lock."""
    from ..catalog import annotate, header, merge, translations
    from ..catalog_model import apply_fills
    from ..fill import Job, interface_fills, machine_fills, memory_fills
    from ..formats.po import generate_po, parse_po
    from ..fsio import display_path
    from ..pipeline import build

    targets = _targets(args.to)
    locales = Path(args.locales)
    status = 0
    try:
        for chunk_start in range(0, len(sources), ARTICLES_PER_BATCH):
            chunk = sources[chunk_start : chunk_start + ARTICLES_PER_BATCH]
            plans = []
            jobs: list[Job] = []
            for number, source in enumerate(chunk, start=chunk_start + 1):
                out.progress(f"[{number}/{len(sources)}] reading {source.display}")
                pot, src_lang, sentences = _extract(source, args, terms)
                template = _catalog_paths(locales, source.slug, None)
                _same_source(_read_catalog(template), source.display, template)
                notes = [f"{source.display}: {_counts(sentences, len(pot))} ({src_lang})"]
                article_jobs = []
                for lang in targets:
                    if lang == src_lang:
                        notes.append(f"  already in {lang}; nothing to translate")
                        continue
                    if args.engine != "none":
                        engines(src_lang, lang)  # fail early, before anything is written, if no engine can
                    path = _catalog_paths(locales, source.slug, lang)
                    meta = header(project=source.slug, lang=lang, src_lang=src_lang, created=_now(), source=source.display)
                    existing = _read_catalog(path, seen)
                    _same_source(existing, source.display, path)
                    catalog, merged = merge(pot, existing, metadata=meta)
                    terminology = terms.get(src_lang, lang)
                    if terminology is not None:
                        catalog = annotate(catalog, terminology.notes)
                    memory = memories.get(src_lang, lang)
                    catalog = apply_fills(catalog, memory_fills(catalog, memory, stats, threshold=args.tm_threshold))
                    catalog = apply_fills(catalog, interface_fills(catalog, lang, stats))
                    job = Job(source.display, src_lang, lang, catalog)
                    notes.append(f"  {display_path(path)}: {merged.summary()}")
                    article_jobs.append((job, path))
                    jobs.append(job)
                plans.append((source, pot, notes, article_jobs))
            if args.engine != "none":
                out.progress(f"machine translation of {len(sources[: chunk_start + len(chunk)])}/{len(sources)} articles…")
                filled = machine_fills(jobs, engines, stats, terminology_for=terms.get)
                done = {id(job): fills.apply(job.catalog) for job, fills in zip(jobs, filled)}
            else:
                done = {id(job): job.catalog for job in jobs}
            out.progress("")
            for source, pot, notes, article_jobs in plans:
                # One article's template, catalogs and pages are staged together and renamed together.
                writes = [_Output(_catalog_paths(locales, source.slug, None), generate_po(pot), catalog=True)]
                pages = []
                for job, path in article_jobs:
                    catalog = done[id(job)]
                    text = generate_po(catalog)
                    writes.append(_Output(path, text, catalog=True))
                    # Read back as written, so that each translation knows its line in the catalog file.
                    written = parse_po(text, path=display_path(path))
                    lookup = translations(written, use_fuzzy=args.use_fuzzy, use_stale=args.include_stale)
                    built = build(source, src_lang=job.src_lang, tgt_lang=job.tgt_lang, lookup=lookup,
                                  use_fuzzy=args.use_fuzzy, markdown_as_html=args.markdown_html,
                                  add_lang=args.layout == "jekyll")
                    page = _page_path(args, Path(source.display), job.tgt_lang, built)
                    pages.append((page, built, display_path(path)))
                writes += _guarded(args, [_Output(page, built.html) for page, built, _catalog in pages])
                _write_outputs(writes, seen)
                for note in notes:
                    out.info(note)
                for page, built, shown in pages:
                    status = max(status, _report_build(source.display, page, built, args, out, catalog=shown))
    finally:
        engines.close()
    return status


def _report_build(shown: str, page: Path, built: Built, args: argparse.Namespace, out: _Out, *, catalog: str) -> int:
    """One warning per translation the page could not use, at its entry in the catalog; the page's counts."""
    from ..checks.report import shorten
    from ..fsio import display_path

    for problem in built.problems:
        where = f"{catalog}:{problem.entry_line}" if problem.entry_line else catalog
        out.warn(
            f"{where}: warning: translation not used ({one_line(problem.reason)}); "
            f'{shown}:{problem.line} keeps the source sentence: "{shorten(one_line(problem.msgid), 80)}"'
        )
    out.info(f"  {display_path(page)}: {built.translated}/{built.total} sentences translated")
    return 1 if built.problems and getattr(args, "strict", False) else 0


def cmd_build(args: argparse.Namespace) -> int:
    from ..fsio import display_path, read_bytes
    from ..pipeline import article_slug
    from .parallel import run_stage

    targets = _targets(args.to)
    out = _Out(args.quiet)
    jobs = _jobs(args)
    locales = Path(args.locales)
    work = [
        (path, shown, [(lang, _catalog_paths(locales, article_slug(path), lang)) for lang in targets])
        for path, shown in _article_paths(args)
    ]

    def stage(item: tuple[Path, str, list[tuple[str, Path]]]) -> list[Built]:
        """Read the article and its catalogs, build its pages: every page is built before any is written."""
        path, shown, catalog_paths = item
        source = _read_source(path, shown, args)
        catalogs = [
            (lang, read_bytes(where) if where.exists() else None, display_path(where)) for lang, where in catalog_paths
        ]
        return _build_article(source, catalogs, args)

    results = run_stage(stage, work, jobs=jobs)
    pages = [
        (shown, _page_path(args, path, lang, built), built, display_path(where))
        for (path, shown, catalogs), built_pages in zip(work, results)
        for (lang, where), built in zip(catalogs, built_pages)
    ]
    _write_outputs(_guarded(args, [_Output(page, built.html) for _shown, page, built, _catalog in pages]))
    status = 0
    for shown, page, built, catalog in pages:
        status = max(status, _report_build(shown, page, built, args, out, catalog=catalog))
    return status


def _build_article(
    source: Source, catalogs: list[tuple[str, bytes | None, str]], args: argparse.Namespace
) -> list[Built]:
    """One article's pages, one per (language, catalog bytes, catalog name): pure, so it can run in a worker.

    A missing catalog (None) is an error, reported after the article itself
    has been found readable.
    """
    from ..catalog import translations
    from ..errors import InputError
    from ..formats.po import parse_po
    from ..pipeline import build, extract, validate

    src_lang: str | None = None
    built = []
    for lang, data, shown in catalogs:
        if data is None:
            validate(source)
            raise InputError(f"no catalog for {lang}; run 'newsl10n translate' first", path=shown)
        catalog = parse_po(data, path=shown)
        _same_source(catalog, source.display, Path(shown))
        src_lang = src_lang or catalog.source_language or extract(source, given_lang=args.src).lang
        lookup = translations(catalog, use_fuzzy=args.use_fuzzy, use_stale=args.include_stale)
        built.append(build(source, src_lang=src_lang, tgt_lang=lang, lookup=lookup, use_fuzzy=args.use_fuzzy,
                           markdown_as_html=args.markdown_html, add_lang=args.layout == "jekyll"))
    return built

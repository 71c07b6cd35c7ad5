"""The public API: a project (its catalogs, glossary, engine and output folder) and what can be done with it.

::

    from newsl10n import Project

    project = Project(locales="locales", glossary=["glossary"], engine="auto")
    result = project.translate(["corpus/en/a.html"], to=["ru", "es"])   # nothing written yet
    for problem in result.problems:
        print(problem)                                                  # "corpus/en/a.html → ru: no engine …"
    result.write()                                                      # atomic, under the locales lock

Every method takes paths (or names) of articles and returns a result: the
files it would write (:class:`~.results.Outputs`), what it found, and
``problems`` for what it could not do.  Nothing is written until
``result.write()``; a run that only previews never calls it.  Bad input
raises a :class:`~newsl10n.errors.Newsl10nError` (exit code 2 at the
command line) before anything is written.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, UsageError
from .context import EngineSettings, RunEngines, RunTerms
from .inputs import (
    Article,
    CatalogStore,
    GlossaryChoice,
    PathLike,
    articles,
    catalog_path,
    guard_outputs,
    load_glossary,
    targets,
)
from .placement import Placement, same_source
from .results import BuildResult, Extracted, ExtractResult, Output, Outputs, Page, TranslateResult
from .steps import TranslateSetup

if TYPE_CHECKING:
    from ..formats.markdown import MarkdownOptions
    from ..glossary import LintReport
    from ..model import Finding
    from ..stages import Built, Source
    from ..tm import TranslationMemory


@dataclass(frozen=True)
class CheckResult:
    """What ``check`` found in catalogs and built pages."""

    findings: list[Finding]
    files: list[str]  # the catalogs then the pages checked, as shown


@dataclass
class Project:
    """A localization project: where catalogs and pages go, which glossary and engine to use.

    ``glossary``: files or folders; None (the default) uses ./glossary when it
    exists and says so in ``result.notes`` when it does not; ``[]`` uses none.
    ``source_lang``: the articles' language (default: declared by each page,
    else detected; for ``check``, of catalogs that do not say).  ``use_fuzzy`` and
    ``include_stale``: which translations pages use besides approved ones
    (machine output and other fuzzy entries; stale ones, whose source changed).  ``jobs``: worker processes for ``extract`` and ``build``
    (None: the CPU cores, at most 8; 1: none) and for ``translate`` (None: 1, one process;
    machine translation and writing stay in the calling process whatever the number).  ``progress`` receives status
    lines while a run works.
    """

    locales: PathLike = "locales"
    glossary: Sequence[PathLike] | None = None
    engine: str = "auto"
    out: PathLike = "build"
    source_lang: str | None = None
    encoding: str | None = None
    models_dir: PathLike | None = None
    beam_size: int = 4
    threads: int = 2
    tm_threshold: float = 75.0
    use_fuzzy: bool = True
    include_stale: bool = False
    jobs: int | None = None
    layout: str = "build"
    markdown_html: bool = False
    markdown: MarkdownOptions | None = None
    tm: Sequence[PathLike] = ()
    progress: Callable[[str], None] = field(default=lambda message: None, repr=False)

    def __post_init__(self) -> None:
        from ..engines.registry import ENGINES

        if self.engine not in ENGINES.names():
            raise UsageError(f"unknown engine {self.engine!r}; choose one of: {', '.join(ENGINES.names())}")
        from ..layout import LAYOUTS

        if self.layout not in LAYOUTS:
            raise UsageError(f"unknown layout {self.layout!r}; choose one of {', '.join(LAYOUTS)}")
        if self.jobs is not None and self.jobs < 1:
            raise UsageError("--jobs must be at least 1")
        EngineSettings(self.engine, beam_size=self.beam_size, threads=self.threads)  # refuses bad values now
        self._glossary: GlossaryChoice | None = None

    # -- what every run shares ----------------------------------------------------------------------------

    @property
    def locales_dir(self) -> Path:
        return Path(self.locales)

    @property
    def out_dir(self) -> Path:
        return Path(self.out)

    @property
    def placement(self) -> Placement:
        """Where localized articles go: ``out`` and ``layout``; Markdown as HTML pages or not."""
        return Placement(self.out_dir, self.layout, self.markdown_html)

    def glossary_choice(self) -> GlossaryChoice:
        """The project's glossary, loaded once (and the note saying when there is none by default)."""
        if self._glossary is None:
            self._glossary = load_glossary(self.glossary)
        return self._glossary

    @contextlib.contextmanager
    def session(self) -> Iterator[Project]:
        """Hold the locales lock across several calls, e.g. from reading catalogs to writing them::

            with project.session():
                project.translate(paths, to="ru").write()

        Without a session each call takes the lock while it reads and its
        ``write()`` takes it again (a file changed in between is refused, never overwritten).
        Another process holding the lock is a :class:`~newsl10n.errors.BusyError` at once.
        """
        from .locking import hold

        with hold(self.locales_dir):
            yield self

    def articles(self, paths: Sequence[PathLike], *, to: str | Sequence[str] = ()) -> list[Article]:
        """The articles named (folders expanded), checked for names that would clash; in folders,
        translations into ``to`` written beside their sources (``name.es.md``) are not articles."""
        return articles(paths, targets(to) if to else [])

    def _notes(self) -> list[str]:
        note = self.glossary_choice().note
        return [note] if note else []

    def _workers(self) -> int:
        from .parallel import default_jobs

        return self.jobs if self.jobs is not None else default_jobs()

    def _read(self, article: Article) -> Source:
        from .inputs import read_source

        return read_source(article, encoding=self.encoding, lang=self.source_lang, markdown=self.markdown)

    # -- extract ---------------------------------------------------------------------------------------------

    def extract(self, paths: Sequence[PathLike]) -> ExtractResult:
        """Each article's template (``LOCALES/templates/<slug>.pot``), with the glossary's notes."""
        from ..formats.po import generate_po
        from ..stages import extract
        from .parallel import run_stage
        from .steps import template_for

        found = self.articles(paths)
        guard_outputs(found, locales=self.locales_dir, langs=[], catalogs=True, out=None)
        terms = RunTerms(self.glossary_choice().glossary)
        terms.prepare(declared_languages([a.path for a in found], self.source_lang))  # shared by the workers

        def stage(article: Article) -> tuple[str, int, str, int]:
            """Read, parse, segment, annotate: every article is done before anything is written."""
            source = self._read(article)
            extraction = extract(source, given_lang=self.source_lang)
            pot = template_for(source, extraction, terms)
            return generate_po(pot), len(pot), extraction.lang, len(extraction.segments)

        with self.session():
            done = run_stage(stage, found, jobs=self._workers())
            store = CatalogStore()
            for article in found:
                template = catalog_path(self.locales_dir, article.slug, None)
                same_source(store.get(template), article.shown, template)
        result = ExtractResult(Outputs(lock=self.locales_dir), notes=self._notes())
        for article, (text, entries, lang, sentences) in zip(found, done):
            path = catalog_path(self.locales_dir, article.slug, None)
            result.outputs.files.append(Output(path, text, catalog=True))
            result.templates.append(Extracted(article.shown, path, entries, lang, sentences))
        return result

    # -- translate -------------------------------------------------------------------------------------------

    def translate(self, paths: Sequence[PathLike], *, to: str | Sequence[str], write: bool = False) -> TranslateResult:
        """Templates, catalogs (memory, interface strings, MT, glossary) and pages for each target language.

        A language no engine can translate into is a problem for that article
        and language (``result.problems``); everything else is translated.
        Nothing is written unless ``write``: then every article and catalog is
        read first (a bad one stops the run before anything is written) and each
        article's files are written as soon as its batch is done, so that memory
        does not grow with the run (``result.written`` lists the files).
        """
        from .translation import translate_articles

        run = self.translate_setup(paths, to=to)
        result = translate_articles(
            run.articles, run.targets, run.options, terms=run.terms, engines=RunEngines(run.engines),
            progress=self.progress, write=write, jobs=self.jobs if self.jobs is not None else 1,
        )
        result.notes[:0] = run.notes
        return result

    def translate_setup(self, paths: Sequence[PathLike], *, to: str | Sequence[str]) -> TranslateSetup:
        """What a translate run prepares before its first article: the articles (checked for clashing outputs),
        the targets, the settings resolved, the glossary's term rules.  Every front door starts here."""
        from ..exchange import read_tmx
        from .translation import TranslateOptions

        langs = targets(to)
        found = self.articles(paths, to=langs)
        guard_outputs(found, locales=self.locales_dir, langs=langs, catalogs=True, out=self.out_dir)
        options = TranslateOptions(
            self.locales_dir, self.out_dir, self.source_lang, self.encoding, self.use_fuzzy, self.tm_threshold,
            self.include_stale, self.placement, self.markdown, read_tmx([Path(p) for p in self.tm]),
        )
        settings = EngineSettings(
            self.engine, Path(self.models_dir) if self.models_dir else None, self.beam_size, self.threads
        )
        return TranslateSetup(found, langs, options, settings, RunTerms(self.glossary_choice().glossary), self._notes())

    def memory(self, *, src_lang: str, lang: str) -> TranslationMemory:
        """The translation memory ``translate`` uses for this pair: the approved entries of every catalog
        of ``lang`` under the locales folder (each shown by its path), then the ``tm`` files' pairs."""
        from ..exchange import read_tmx
        from .context import Memories
        from .inputs import CatalogStore

        return Memories(self.locales_dir, CatalogStore(), read_tmx([Path(p) for p in self.tm])).get(src_lang, lang)

    # -- build -----------------------------------------------------------------------------------------------

    def build(self, paths: Sequence[PathLike], *, to: str | Sequence[str]) -> BuildResult:
        """Pages rebuilt from each article and its catalogs (which must exist: ``translate`` makes them)."""
        from ..fsio import display_path, read_bytes
        from .parallel import run_stage

        langs = targets(to)
        found = self.articles(paths, to=langs)
        guard_outputs(found, locales=self.locales_dir, langs=langs, catalogs=False, out=self.out_dir)
        placement = self.placement

        def stage(article: Article) -> list[Built]:
            """Read the article and its catalogs, build its pages: every page is built before any is written."""
            catalogs = []
            for lang in langs:
                where = catalog_path(self.locales_dir, article.slug, lang)
                catalogs.append((lang, read_bytes(where) if where.exists() else None, display_path(where)))
            return build_article(
                self._read(article), catalogs, source_lang=self.source_lang, use_fuzzy=self.use_fuzzy,
                use_stale=self.include_stale, placement=placement,
            )

        done = run_stage(stage, found, jobs=self._workers())
        result = BuildResult(Outputs())
        for article, pages in zip(found, done):
            for lang, built in zip(langs, pages):
                path = placement.page(article, lang, built)
                result.outputs.files.append(Output(path, built.html, page=True))
                shown = display_path(catalog_path(self.locales_dir, article.slug, lang))
                result.pages.append(Page(article.shown, lang, path, built, shown))
        result.outputs.files[:] = placement.guarded(self.locales_dir, result.outputs.files)
        return result

    # -- check -----------------------------------------------------------------------------------------------

    def check(
        self,
        paths: Sequence[PathLike] = (),
        *,
        include_fuzzy: bool = True,
        include_stale: bool = False,
        only: set[str] | None = None,
    ) -> CheckResult:
        """The registered checks over catalogs, and the ``leftover`` check over built pages (default: the locales).

        The default scope is what ``build`` publishes by default: approved entries and fuzzy machine output
        (``include_fuzzy=False``: approved only; ``include_stale=True``: stale entries too).
        """
        from ..checks import CatalogInput, CheckContext, run_checks
        from ..checks.leftover import leftover_in_page
        from ..checks.terms import TermOracle
        from ..fsio import decode, display_path, read_bytes
        from ..localize import normalize_lang
        from .inputs import CatalogStore

        if not include_fuzzy and include_stale:
            raise UsageError("--approved-only and --include-stale contradict each other (stale entries are fuzzy)")

        catalog_paths, page_paths = check_inputs(paths or [self.locales_dir])
        if not catalog_paths and not page_paths:
            shown = ", ".join(str(p) for p in paths) or str(self.locales)
            raise UsageError(f"nothing to check in {shown} (no .po or .html files)")
        store = CatalogStore()
        catalogs = []
        for path in catalog_paths:
            catalog = store.get(path)
            if catalog is None:
                raise InputError("no such file", path=display_path(path))
            catalogs.append(CatalogInput(display_path(path), catalog))
        glossary = self.glossary_choice().glossary
        ctx = CheckContext(
            include_fuzzy=include_fuzzy,
            include_stale=include_stale,
            glossary=TermOracle(glossary) if glossary else None,
            source_lang=normalize_lang(self.source_lang) if self.source_lang else "",
        )
        findings = run_checks(catalogs, ctx, only=only)
        if only is None or "leftover" in only:
            for path in page_paths:
                shown = display_path(path)
                html = decode(read_bytes(path), path=shown).text
                findings.extend(leftover_in_page(html, path=shown))
        return CheckResult(findings, [c.path for c in catalogs] + [display_path(p) for p in page_paths])

    def lint_glossary(self, paths: Sequence[PathLike] = (), *, languages: Sequence[str]) -> LintReport:
        """Problems in the glossary files themselves (default: ./glossary)."""
        from ..glossary import LintReport, conflict_findings, lint, load_glossary_report
        from ..localize import normalize_lang

        names = list(paths) or ["glossary"]
        for name in names:
            if not Path(name).exists():
                raise UsageError(f"{name}: no such glossary file or directory")
        for lang in languages:
            normalize_lang(lang)  # an unknown code is a usage error, not 74 warnings
        loaded = load_glossary_report([Path(n) for n in names])
        findings = conflict_findings(loaded.conflicts) + lint(loaded.glossary, languages=languages)
        paths_read = tuple(str(p) for p in loaded.files)
        return LintReport(len(loaded.glossary.concepts), len(loaded.files), tuple(findings), paths_read)


def build_article(
    source: Source,
    catalogs: Sequence[tuple[str, bytes | None, str]],
    *,
    source_lang: str | None,
    use_fuzzy: bool,
    use_stale: bool = False,
    placement: Placement | None = None,
) -> list[Built]:
    """One article's pages, one per (language, catalog bytes, catalog name); the article is parsed once.

    Pure, so it can run in a worker.  A missing catalog (None) is an error,
    reported after the article itself has been found readable.
    """
    from ..catalog import translations
    from ..formats.po import parse_po
    from ..stages import Extraction, build, extract, parse

    parsed = parse(source) if source.markdown is None else None
    extraction: Extraction | None = None
    markdown_html = placement is not None and placement.markdown_html
    add_lang = placement is not None and placement.add_lang
    built = []
    for number, (lang, data, shown) in enumerate(catalogs, 1):
        if data is None:
            raise InputError(f"no catalog for {lang}; run 'newsl10n translate' first", path=shown)
        catalog = parse_po(data, path=shown)
        same_source(catalog, source.display, Path(shown))
        src_lang = catalog.source_language
        if not src_lang:
            extraction = extraction or extract(source, given_lang=source_lang, parsed=parsed)
            src_lang = extraction.lang
        lookup = translations(catalog, use_fuzzy=use_fuzzy, use_stale=use_stale)
        built.append(
            build(
                source, src_lang=src_lang, tgt_lang=lang, lookup=lookup, use_fuzzy=use_fuzzy, parsed=parsed,
                markdown_as_html=markdown_html, add_lang=add_lang, consume=number == len(catalogs),
            )
        )
    return built


def check_inputs(names: Sequence[PathLike]) -> tuple[list[Path], list[Path]]:
    """Catalogs (any registered catalog format) and built HTML pages named or found in directories.

    Templates (``.pot``) are not checked.
    """
    from ..formats.catalogs import CATALOG_FORMATS

    suffixes = set(CATALOG_FORMATS.suffixes()) - {".pot"}
    catalogs: list[Path] = []
    pages: list[Path] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            catalogs.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in suffixes and p.is_file()))
            pages.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in (".html", ".htm")))
        elif path.is_file():
            (pages if path.suffix.lower() in (".html", ".htm") else catalogs).append(path)
        else:
            raise UsageError(f"{name}: no such file or directory")
    from ..fsio import unique_files

    return unique_files(catalogs), unique_files(pages)


def declared_languages(paths: Sequence[Path], given: str | None, *, sample: int = 64) -> list[str]:
    """Source languages the run will most likely meet: ``given``, else what the first pages declare.

    A guess to build term matchers once, before workers start; a language it
    misses gets its matcher built where it is first needed.
    """
    import os
    import stat

    from ..formats.html_rules import sniff_html_lang
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
        declared = sniff_html_lang(head)
        if declared:
            try:
                found[normalize_lang(declared)] = None
            except UsageError:
                pass
    return list(found)

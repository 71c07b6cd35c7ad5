"""The interchange workflow over the catalogs on disk: stats, XLIFF/TMX export, XLIFF import, TMX memory, eval.

Each function finds and reads the catalogs it needs (``locales/<lang>/LC_MESSAGES/<slug>.po``),
calls the pure stages (:mod:`.stats`, :mod:`.formats.xliff`, :mod:`.formats.tmx`,
:mod:`.interchange`, :mod:`.evaluate`) and returns a result; only :func:`import_xliff`
writes, and only catalogs, all of them or none (through :func:`newsl10n.fsio.write_files`,
refusing to replace a catalog that changed since it was read).  Nothing here prints.

Catalogs are read and written by the PO format module; the functions take the reader and
writer as arguments (defaulting to it) so that another catalog format can be plugged in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .catalog_model import Catalog
from .errors import InputError, UsageError
from .interchange import Refusal

if TYPE_CHECKING:
    from .evaluate import EngineScore
    from .formats.tmx import TmxPair
    from .glossary.model import Glossary
    from .stats import Report
    from .tm import Memory

CatalogReader = Callable[[bytes, str], Catalog]
CatalogWriter = Callable[[Catalog], str]


def read_po(data: bytes, path: str) -> Catalog:
    from .formats.po import parse_po

    return parse_po(data, path=path)


def write_po(catalog: Catalog) -> str:
    from .formats.po import generate_po

    return generate_po(catalog)


def _lang(tag: str) -> str:
    from .localize import normalize_lang

    try:
        return normalize_lang(tag)
    except UsageError:
        return tag


@dataclass(frozen=True)
class LoadedCatalog:
    path: Path
    shown: str  # the path as messages show it
    language: str  # from the gettext layout (<lang>/LC_MESSAGES/), else the catalog's Language
    article: str  # the file's stem: the article's slug
    catalog: Catalog
    data: bytes  # as read: a catalog is only replaced if it still holds these bytes


def _layout_language(path: Path) -> str:
    parts = path.parts
    if len(parts) >= 3 and parts[-2] == "LC_MESSAGES":
        return parts[-3]
    return ""


def find_catalogs(paths: Sequence[Path]) -> list[Path]:
    """The ``.po`` files named or found (recursively) in the directories named, in order, each once."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.po") if p.is_file()))
        elif path.is_file():
            if path.suffix != ".po":
                raise InputError("not a PO catalog (.po)", path=str(path))
            found.append(path)
        else:
            raise InputError("no such file or directory", path=str(path))
    return list(dict.fromkeys(found))


def load_catalogs(
    paths: Sequence[Path], *, language: str | None = None, read: CatalogReader = read_po
) -> list[LoadedCatalog]:
    """Read the catalogs of ``paths`` (only those of ``language`` when given)."""
    from .fsio import display_path, read_bytes

    want = _lang(language) if language else None
    out = []
    for path in find_catalogs(paths):
        layout = _layout_language(path)
        if want is not None and layout and _lang(layout) != want:
            continue
        data = read_bytes(path, what="the catalog")
        shown = display_path(path)
        catalog = read(data, shown)
        lang = layout or catalog.language or ""
        if want is not None and _lang(lang) != want:
            continue
        out.append(LoadedCatalog(path, shown, lang, path.stem, catalog, data))
    return out


# --- stats --------------------------------------------------------------------------------


def stats(paths: Sequence[Path], *, read: CatalogReader = read_po) -> Report:
    from .stats import CatalogStats, tally

    return tally(CatalogStats(c.language or "?", c.article, c.catalog) for c in load_catalogs(paths, read=read))


# --- export -------------------------------------------------------------------------------


def catalogs_for(
    locales: Path, lang: str, articles: Sequence[str], *, read: CatalogReader = read_po
) -> list[LoadedCatalog]:
    """The catalogs of ``lang`` for the articles named (paths or slugs); every one when none is named."""
    folder = locales / _lang(lang) / "LC_MESSAGES"
    if not articles:
        if not folder.is_dir():
            raise InputError(f"no catalogs for {lang}", path=str(folder))
        return load_catalogs([folder], read=read)
    paths = []
    for name in articles:
        path = folder / f"{Path(name).stem}.po"
        if not path.is_file():
            raise InputError(f"no catalog for {name!r} in {lang} (translate it first)", path=str(path))
        paths.append(path)
    return load_catalogs(paths, read=read)


@dataclass(frozen=True)
class XliffExport:
    src_lang: str
    tgt_lang: str
    articles: tuple[str, ...]
    text: str


def export_xliff(catalogs: Sequence[LoadedCatalog], *, tgt_lang: str) -> list[XliffExport]:
    """One XLIFF 2.0 document per source language (a document has one ``srcLang``)."""
    from .formats.xliff import ExportFile, generate_xliff2

    groups: dict[str, list[LoadedCatalog]] = {}
    for c in catalogs:
        if not c.catalog.source_language:
            raise InputError("the catalog does not say its source language (X-Source-Language)", path=c.shown)
        groups.setdefault(c.catalog.source_language, []).append(c)
    return [
        XliffExport(
            src,
            tgt_lang,
            tuple(c.article for c in group),
            generate_xliff2([ExportFile(c.article, c.catalog) for c in group], src_lang=src, tgt_lang=tgt_lang),
        )
        for src, group in sorted(groups.items())
    ]


def export_tmx(catalogs: Sequence[LoadedCatalog]) -> str:
    from .formats.tmx import TmxCatalog, generate_tmx

    items = [
        TmxCatalog(c.catalog.source_language or "", c.language, c.catalog)
        for c in catalogs
        if c.catalog.source_language and c.language
    ]
    return generate_tmx(items)


# --- import -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportRefusal:
    xliff: str  # the XLIFF file as shown
    article: str
    refusal: Refusal

    def __str__(self) -> str:
        r = self.refusal
        return f"{self.xliff}:{r.line}: unit {r.unit_id} ({self.article}) refused: {r.reason}"


@dataclass(frozen=True)
class ImportResult:
    updated: int
    unchanged: int
    refused: tuple[ImportRefusal, ...]
    written: tuple[Path, ...]

    def summary(self) -> str:
        return f"{self.updated} updated, {self.unchanged} unchanged, {len(self.refused)} refused"


def _safe_article(name: str) -> bool:
    return bool(name) and "/" not in name and "\\" not in name and not name.startswith(".")


def import_xliff(
    data: bytes, *, path: str, locales: Path, read: CatalogReader = read_po, write: CatalogWriter = write_po
) -> ImportResult:
    """Merge an XLIFF 2.0 file's units into their catalogs and write the catalogs that changed.

    A file the catalogs cannot take at all (not XLIFF 2.0, no ``trgLang``, a ``<file>`` for an
    article without a catalog) stops the import before anything is written.
    """
    from .formats.xliff import parse_xliff2
    from .fsio import FileWrite, write_files
    from .interchange import merge_returned

    doc = parse_xliff2(data, path=path)
    if not doc.tgt_lang:
        raise InputError("the <xliff> element has no trgLang: which catalogs should take it?", path=path)
    folder = locales / _lang(doc.tgt_lang) / "LC_MESSAGES"
    writes: list[FileWrite] = []
    updated = unchanged = 0
    refused: list[ImportRefusal] = []
    for item in doc.files:
        if not _safe_article(item.article):
            raise InputError(f"<file original={item.article!r}> is not an article name", path=path, line=item.line)
        target = folder / f"{item.article}.po"
        loaded = load_catalogs([target], read=read) if target.is_file() else []
        if not loaded:
            raise InputError(f"no catalog for article {item.article!r} ({target})", path=path, line=item.line)
        outcome = merge_returned(loaded[0].catalog, item.units)
        updated += outcome.updated
        unchanged += outcome.unchanged
        refused.extend(ImportRefusal(path, item.article, r) for r in outcome.refusals)
        if outcome.changed:
            writes.append(FileWrite(target, write(outcome.catalog).encode("utf-8"), loaded[0].data))
    write_files(writes)
    return ImportResult(updated, unchanged, tuple(refused), tuple(w.path for w in writes))


# --- translation memory from TMX ----------------------------------------------------------


@dataclass(frozen=True)
class TmxFile:
    shown: str  # the path as messages (and memory matches) show it
    pairs: tuple[TmxPair, ...]


def read_tmx(paths: Sequence[Path]) -> list[TmxFile]:
    """Read TMX files (all of them first: a bad one stops the run before anything is written)."""
    from .formats.tmx import parse_tmx
    from .fsio import display_path, read_bytes

    out = []
    for path in paths:
        shown = display_path(path)
        out.append(TmxFile(shown, parse_tmx(read_bytes(path, what="the TMX file"), path=shown)))
    return out


def tmx_memories(files: Sequence[TmxFile], *, src_lang: str, tgt_lang: str) -> list[Memory]:
    """The pairs of the TMX files from ``src_lang`` into ``tgt_lang``, as memory records."""
    from .formats.tmx import memories

    return [m for f in files for m in memories(f.pairs, src_lang=src_lang, tgt_lang=tgt_lang, path=f.shown)]


# --- eval ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class EvalRun:
    scores: tuple[EngineScore, ...]
    skipped: dict[str, int]  # source language → references no engine asked for could translate (all must)


def evaluate_engines(
    paths: Sequence[Path],
    *,
    engines: Sequence[str],
    tgt_lang: str,
    models_dir: Path,
    glossary: Glossary | None = None,
    read: CatalogReader = read_po,
) -> EvalRun:
    """Score each engine on the approved entries of the ``tgt_lang`` catalogs; never writes."""
    from .engines.base import Engine
    from .engines.registry import choose_engine
    from .evaluate import references, score, term_counter, translate

    catalogs = load_catalogs(paths, language=tgt_lang, read=read)
    refs = references([(c.shown, c.catalog) for c in catalogs], tgt_lang=tgt_lang)
    if not refs:
        raise InputError(f"no approved translations into {tgt_lang} to compare with", path=", ".join(map(str, paths)))
    chosen: dict[tuple[str, str], Engine] = {}
    problems: dict[str, str] = {}
    for name in engines:
        if name == "none":
            raise UsageError("eval compares machine translation engines; --engine none translates nothing")
        for src in sorted({r.src_lang for r in refs}):
            try:
                engine = choose_engine(name, src, tgt_lang, models_dir=models_dir)
            except UsageError as exc:
                problems[src] = str(exc)
                continue
            if engine is not None:
                chosen[(name, src)] = engine
    usable = {src for src in {r.src_lang for r in refs} if all((n, src) in chosen for n in engines)}
    kept = [r for r in refs if r.src_lang in usable]
    if not kept:
        raise UsageError("no engine pair to evaluate: " + "; ".join(sorted(set(problems.values()))))
    skipped: dict[str, int] = {}
    for r in refs:
        if r.src_lang not in usable:
            skipped[r.src_lang] = skipped.get(r.src_lang, 0) + 1
    scores = []
    counter = term_counter(glossary) if glossary is not None else None
    try:
        for name in engines:
            outputs: list[str] = [""] * len(kept)
            signatures = []
            for src in sorted(usable):
                engine = chosen[(name, src)]
                positions = [i for i, r in enumerate(kept) if r.src_lang == src]
                for i, out in zip(positions, translate(engine, [kept[i] for i in positions]), strict=True):
                    outputs[i] = out
                signatures.append(str(engine.signature(src, tgt_lang)))
            scores.append(score(", ".join(signatures), kept, outputs, count_terms=counter))
    finally:
        for engine in chosen.values():
            close = getattr(engine, "close", None)
            if close is not None:
                close()
    return EvalRun(tuple(scores), skipped)

"""Helpers shared by the commands: reading articles and catalogs, writing outputs, printing."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, UsageError, one_line

if TYPE_CHECKING:
    from ..catalog_model import Catalog
    from ..formats.markdown import MarkdownOptions
    from ..glossary import Glossary
    from ..pipeline import Built, Source

ARTICLE_SUFFIXES = (".html", ".htm", ".xhtml", ".md", ".markdown", ".txt")
#: Files of the translation workflow itself: never read as an article (a .po would become a "text" article).
NOT_ARTICLES = {
    ".po": "a gettext catalog",
    ".pot": "a gettext template",
    ".mo": "a compiled gettext catalog",
    ".tbx": "a glossary",
    ".tmx": "a translation memory",
    ".xlf": "an XLIFF file",
    ".xliff": "an XLIFF file",
}


@dataclass
class _Out:
    """Every line the commands print goes through here, one line each (``errors.one_line``)."""

    quiet: bool

    def info(self, message: str) -> None:
        if not self.quiet:
            print(one_line(message))

    @staticmethod
    def warn(message: str) -> None:
        print(one_line(message), file=sys.stderr)

    def progress(self, message: str) -> None:
        """A status line that rewrites itself; only on a terminal and without --quiet."""
        if self.quiet or not sys.stderr.isatty():
            return
        print(f"\r\033[K{one_line(message)}", end="" if message else "\r", file=sys.stderr, flush=True)


def _now() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)


def _expand(articles: Sequence[str], targets: Sequence[str] = ()) -> list[Path]:
    """The article files named, folders expanded, each file once (``fsio.unique_files``); in folders,
    translations into ``targets`` (``name.es.md``: what a run writes beside its sources) are not articles."""
    from ..fsio import unique_files
    from ..pipeline import language_suffix

    paths: list[Path] = []
    for name in articles:
        path = Path(name)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in ARTICLE_SUFFIXES
                and not p.name.upper().startswith("README")
                and (not targets or language_suffix(p.stem) not in targets)
            )
            if not found:
                raise UsageError(f"{name}: no articles (.html, .md, .txt) in this directory")
            paths.extend(found)
        else:
            what = NOT_ARTICLES.get(path.suffix.lower())
            if what is not None:
                suffixes = ", ".join(ARTICLE_SUFFIXES)
                raise InputError(f"{what}, not an article (articles are {suffixes})", path=name)
            paths.append(path)
    return unique_files(paths)


def _article_paths(args: argparse.Namespace) -> list[tuple[Path, str]]:
    """The articles named on the command line, as (path, name shown in catalogs and messages).

    Refused before anything is read: a file name with control characters, and
    two articles with the same name (their catalogs would be one file).
    """
    from ..fsio import display_path
    from ..pipeline import article_slug

    found: list[tuple[Path, str]] = []
    slugs: dict[str, str] = {}
    targets = _targets(args.to) if getattr(args, "to", None) else []
    for path in _expand(args.articles, targets):
        shown = display_path(path)  # refuses names with control characters or bytes that are not UTF-8
        slug = article_slug(path)  # Source.slug
        if slug in slugs and slugs[slug] != shown:
            raise UsageError(f"{shown} and {slugs[slug]} have the same name; catalogs are named after articles")
        slugs[slug] = shown
        found.append((path, shown))
    _guard_outputs(args, [path for path, _shown in found])
    return found


def _guard_outputs(args: argparse.Namespace, articles: list[Path]) -> None:
    """Refuse, before any work, outputs of extract/translate/build that would land on what the run reads."""
    from ..outputs import check_run_outputs

    locales = Path(args.locales)
    langs = _targets(args.to) if getattr(args, "to", None) else []
    writes_catalogs = args.command != "build"
    out = Path(args.out) if getattr(args, "out", None) else None
    catalogs: list[Path] = []
    pages: list[Path] = []
    for path in articles:
        if writes_catalogs:
            catalogs.append(_catalog_paths(locales, path.stem, None))
            catalogs.extend(_catalog_paths(locales, path.stem, lang) for lang in langs)
        if out is not None:
            pages.extend(out / lang / f"{path.stem}.html" for lang in langs)
    check_run_outputs(catalogs=catalogs, pages=pages, inputs=articles, locales=locales, out=out)


def _read_source(path: Path, shown: str, args: argparse.Namespace) -> Source:
    """One article read and decoded (Markdown and plain text converted to HTML)."""
    from ..fsio import MAX_ARTICLE_BYTES, read_bytes
    from ..pipeline import load_source

    data = read_bytes(path, limit=MAX_ARTICLE_BYTES, what="the article")
    options = _markdown_options(args)
    return load_source(data, path=path, display=shown, encoding=args.encoding, lang=args.src, markdown=options)


def _markdown_options(args: argparse.Namespace) -> MarkdownOptions | None:
    """``--front-matter-keys`` and ``--shortcode-params``, when given."""
    from ..formats.markdown import MarkdownOptions

    keys, params = getattr(args, "front_matter_keys", None), getattr(args, "shortcode_params", None)
    if keys is None and params is None:
        return None
    options = MarkdownOptions()
    if keys is not None:
        options = MarkdownOptions(keys=tuple(k.strip() for k in keys.split(",") if k.strip()), params=options.params)
    if params is not None:
        table: dict[str, tuple[str, ...]] = {}
        for item in (p.strip() for p in params.split(",") if p.strip()):
            name, colon, param = item.partition(":")
            if not colon or not name or not param:
                raise UsageError(f"--shortcode-params: {item!r} is not NAME:PARAM")
            table[name] = (*table.get(name, ()), param)
        options = MarkdownOptions(keys=options.keys, params=table)
    return options


def _load_sources(args: argparse.Namespace) -> list[Source]:
    """Read and parse every article first, so that a bad one stops the run before anything is written."""
    from ..pipeline import validate

    sources: list[Source] = []
    for path, shown in _article_paths(args):
        source = _read_source(path, shown, args)
        validate(source)
        sources.append(source)
    return sources


def _targets(value: str) -> list[str]:
    from ..localize import normalize_lang

    langs = [normalize_lang(v.strip()) for v in value.split(",") if v.strip()]
    if not langs:
        raise UsageError("--to needs at least one language")
    return list(dict.fromkeys(langs))


def _read_catalog(path: Path, seen: dict[Path, bytes | None] | None = None) -> Catalog | None:
    """The catalog at ``path``, or None if there is none.

    ``seen`` records the bytes as read (None: absent), so that the file is
    not replaced later if someone changed it in the meantime.
    """
    from ..formats.po import parse_po
    from ..fsio import display_path, read_bytes

    if not path.exists():
        if seen is not None:
            seen[path] = None
        return None
    shown = display_path(path)
    data = read_bytes(path)
    if seen is not None:
        seen[path] = data
    return parse_po(data, path=shown)


@dataclass(frozen=True)
class _Output:
    """A file a command produces: catalogs compare apart from their dates."""

    path: Path
    text: str
    catalog: bool = False


def _write_outputs(outputs: Sequence[_Output], seen: Mapping[Path, bytes | None] | None = None) -> list[Path]:
    """Write the outputs whose content changed, all or none of them; return the paths written.

    A file in ``seen`` (read earlier in the run) that no longer has the
    bytes read then was changed by someone else while we ran: nothing is
    written and a ConflictError names it.
    """
    from ..errors import ConflictError
    from ..formats.po import same_apart_from_dates
    from ..fsio import UNCHECKED, FileWrite, current_bytes, display_path, write_files

    writes: list[FileWrite] = []
    for out in outputs:
        now = current_bytes(out.path)
        if seen is not None and out.path in seen and now != seen[out.path]:
            raise ConflictError("changed on disk while newsl10n was running; run again", path=display_path(out.path))
        if now is not None:
            try:
                old: str | None = now.decode("utf-8")
            except UnicodeDecodeError:
                old = None
            if old is not None and (old == out.text or (out.catalog and same_apart_from_dates(old, out.text))):
                continue
        expect = seen[out.path] if seen is not None and out.path in seen else (now if out.catalog else UNCHECKED)
        writes.append(FileWrite(out.path, out.text.encode("utf-8"), expect))
    write_files(writes)
    return [w.path for w in writes]


def _relative(path: Path, args: argparse.Namespace) -> Path:
    """``path`` below the directory named on the command line that holds it (else its file name)."""
    for name in args.articles:
        try:
            return path.relative_to(Path(name)) if Path(name).is_dir() else Path(path.name)
        except ValueError:
            continue
    return Path(path.name)


def _page_path(args: argparse.Namespace, path: Path, lang: str, built: Built) -> Path:
    """Where the localized article goes (``--out``, ``--layout``)."""
    from ..layout import page_path
    from ..pipeline import article_format, article_slug

    markdown = article_format(path, b"") == "markdown"
    where = page_path(
        layout=args.layout, out=Path(args.out), source=path, relative=_relative(path, args), slug=article_slug(path),
        src_lang=built.src_lang, lang=lang, suffix=built.suffix, markdown=markdown,
    )
    return Path(where)


#: Pages written beside their sources (``--layout`` other than build), with the SHA-256 of what was written.
PAGES_RECORD = "pages-beside-sources.sha256"


def _guarded(args: argparse.Namespace, pages: Sequence[_Output]) -> list[_Output]:
    """Pages beside their sources never replace a file newsl10n did not write (or that was edited since).

    A site may already hold a translation (``index.es.md``) made by hand: it is refused, exit 2, nothing
    written.  The record of what was written (``LOCALES/pages-beside-sources.sha256``) goes with the pages.
    """
    if args.layout == "build" or not pages:
        return list(pages)
    import hashlib

    from ..errors import OutputError
    from ..fsio import current_bytes, display_path

    record = Path(args.locales) / PAGES_RECORD
    recorded: dict[str, str] = {}
    for line in (current_bytes(record) or b"").decode("utf-8", "replace").splitlines():
        digest, _, shown = line.partition("  ")
        recorded[shown] = digest
    for page in pages:
        shown, new = display_path(page.path), page.text.encode("utf-8")
        now = current_bytes(page.path)
        if now is not None and now != new and hashlib.sha256(now).hexdigest() != recorded.get(shown):
            raise OutputError(
                "exists and was not written by newsl10n (or was edited since); it is not replaced: "
                "move it away, or translate into the catalog instead",
                path=shown,
            )
        recorded[shown] = hashlib.sha256(new).hexdigest()
    text = "".join(f"{digest}  {shown}\n" for shown, digest in sorted(recorded.items()))
    return [*pages, _Output(record, text)]


def _same_source(found: Catalog | None, source: str, catalog: Path) -> None:
    """A catalog made from another article is never merged into: two articles would share one catalog.

    The catalog records its article (``X-Source-File``); when that file still exists and is not this
    article, the run is refused.  A recorded article that is gone (moved, renamed, or the catalog was made
    from another folder) is taken to be this one.
    """
    from ..fsio import display_path

    recorded = found.header.get("X-Source-File") if found is not None else None
    if not recorded or recorded == source:
        return
    other = Path(recorded)
    if not other.is_file() or other.resolve() == Path(source).resolve():
        return
    raise InputError(
        f"this catalog belongs to {recorded!r}, not to {source!r}: the two articles have the same name "
        "(rename one of them)",
        path=display_path(catalog),
    )


def _catalog_paths(locales: Path, slug: str, lang: str | None) -> Path:
    if lang is None:
        return locales / "templates" / f"{slug}.pot"
    return locales / lang / "LC_MESSAGES" / f"{slug}.po"


def _load_glossary(args: argparse.Namespace) -> Glossary | None:
    """``--glossary PATH…``, else ./glossary when it exists; None with ``--no-glossary``."""
    if getattr(args, "no_glossary", False):
        return None
    names = args.glossary or (["glossary"] if Path("glossary").is_dir() else [])
    if not names:
        return None
    from ..glossary import load_glossary

    for name in names:
        if not Path(name).exists():
            raise UsageError(f"{name}: no such glossary file or directory")
    return load_glossary([Path(n) for n in names])

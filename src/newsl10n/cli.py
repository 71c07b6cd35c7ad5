"""The command line: the only place that reads argv, prints and exits.

Exit codes: 0 fine, 1 findings, 2 bad input or usage (one line on stderr,
no traceback).  Heavy modules are imported inside the commands so that
``newsl10n --help`` stays instant.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .errors import Newsl10nError, UsageError

if TYPE_CHECKING:
    import polib

    from .pipeline import Built, Source

ARTICLE_SUFFIXES = (".html", ".htm", ".xhtml", ".md", ".markdown", ".txt")

EXAMPLES = """\
examples:
  newsl10n extract corpus/en/upm-delegation-visit.html
  newsl10n translate corpus/en/upm-delegation-visit.html --to ru,es --engine none
  newsl10n build corpus/en/upm-delegation-visit.html --to ru --out build
  newsl10n translate corpus/ --to ru --engine none --locales locales

Catalogs live in LOCALES/<lang>/LC_MESSAGES/<slug>.po, templates in
LOCALES/templates/<slug>.pot, localized pages in OUT/<lang>/<slug>.html.
exit codes: 0 ok, 1 findings, 2 bad input or usage
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def make_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="newsl10n",
        description="Offline translation and localization of news articles: segment, catalog, translate, build, check.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"newsl10n {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("articles", nargs="+", metavar="ARTICLE", help="HTML, Markdown or text files, or directories of them")
        p.add_argument("--locales", default="locales", metavar="DIR", help="catalog directory (default: ./locales)")
        p.add_argument("--from", dest="src", metavar="LANG", help="source language (default: declared by the page, else detected)")
        p.add_argument("--encoding", metavar="NAME", help="source encoding (default: BOM, declared charset, else detected)")
        p.add_argument("-q", "--quiet", action="store_true", help="print only problems")

    p = sub.add_parser("extract", help="write the POT template of each article", epilog=EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    common(p)

    p = sub.add_parser("translate", help="update catalogs for target languages and build localized pages", epilog=EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    common(p)
    p.add_argument("--to", required=True, metavar="LANG[,LANG…]", help="target languages, comma-separated")
    p.add_argument("--engine", default="auto", metavar="NAME", help="machine translation engine: auto or none (default: auto)")
    p.add_argument("--out", default="build", metavar="DIR", help="where localized pages go (default: ./build)")
    p.add_argument("--no-fuzzy", dest="use_fuzzy", action="store_false", help="do not use fuzzy translations in pages")

    p = sub.add_parser("build", help="rebuild localized pages from the source and its catalog", epilog=EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    common(p)
    p.add_argument("--to", required=True, metavar="LANG[,LANG…]", help="target languages, comma-separated")
    p.add_argument("--out", default="build", metavar="DIR", help="where localized pages go (default: ./build)")
    p.add_argument("--no-fuzzy", dest="use_fuzzy", action="store_false", help="do not use fuzzy translations")
    p.add_argument("--strict", action="store_true", help="exit 1 when a translation could not be used")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = make_parser().parse_args(argv)
        if args.command is None:
            make_parser().print_help()
            return 2
        return int(COMMANDS[args.command](args))
    except Newsl10nError as exc:
        print(f"newsl10n: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("newsl10n: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1


# --- helpers -------------------------------------------------------------------------------------------------


@dataclass
class _Out:
    quiet: bool

    def info(self, message: str) -> None:
        if not self.quiet:
            print(message)

    @staticmethod
    def warn(message: str) -> None:
        print(message, file=sys.stderr)


def _now() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc).replace(second=0, microsecond=0)


def _expand(articles: Sequence[str]) -> list[Path]:
    paths: list[Path] = []
    for name in articles:
        path = Path(name)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES and not p.name.upper().startswith("README")
            )
            if not found:
                raise UsageError(f"{name}: no articles (.html, .md, .txt) in this directory")
            paths.extend(found)
        else:
            paths.append(path)
    return paths


def _load_sources(args: argparse.Namespace) -> list[Source]:
    """Read every article first, so that a bad one stops the run before anything is written."""
    from .fsio import display_path, read_bytes
    from .pipeline import load_source

    sources: list[Source] = []
    slugs: dict[str, str] = {}
    for path in _expand(args.articles):
        shown = display_path(path)
        source = load_source(read_bytes(path), path=path, display=shown, encoding=args.encoding, lang=args.src)
        if source.slug in slugs and slugs[source.slug] != shown:
            raise UsageError(f"{shown} and {slugs[source.slug]} have the same name; catalogs are named after articles")
        slugs[source.slug] = shown
        sources.append(source)
    return sources


def _targets(value: str) -> list[str]:
    from .localize import normalize_lang

    langs = [normalize_lang(v.strip()) for v in value.split(",") if v.strip()]
    if not langs:
        raise UsageError("--to needs at least one language")
    return list(dict.fromkeys(langs))


def _read_catalog(path: Path) -> polib.POFile | None:
    from .catalog import parse_catalog
    from .fsio import decode, display_path, read_bytes

    if not path.exists():
        return None
    shown = display_path(path)
    return parse_catalog(decode(read_bytes(path), path=shown, markup=False).text, path=shown)


def _write_text(path: Path, text: str, *, compare_dates: bool = False) -> bool:
    """Write if the content changed; returns whether it was written."""
    from .catalog import same_apart_from_dates
    from .fsio import atomic_write

    if path.exists():
        try:
            old = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            old = None
        if old is not None and (old == text or (compare_dates and same_apart_from_dates(old, text))):
            return False
    atomic_write(path, text.encode("utf-8"))
    return True


def _catalog_paths(locales: Path, slug: str, lang: str | None) -> Path:
    if lang is None:
        return locales / "templates" / f"{slug}.pot"
    return locales / lang / "LC_MESSAGES" / f"{slug}.po"


def _extract(source: Source, args: argparse.Namespace) -> tuple[polib.POFile, str]:
    """An article's template and source language."""
    from .catalog import Occurrence, header, template
    from .pipeline import extract

    ex = extract(source, given_lang=args.src)
    meta = header(project=source.slug, lang=None, src_lang=ex.lang, created=_now(), source=source.display)
    return template((Occurrence(seg, source.display) for seg in ex.segments), metadata=meta), ex.lang


# --- commands ------------------------------------------------------------------------------------------------


def cmd_extract(args: argparse.Namespace) -> int:
    from .catalog import generate_po
    from .fsio import display_path

    out = _Out(args.quiet)
    for source in _load_sources(args):
        pot, lang = _extract(source, args)
        path = _catalog_paths(Path(args.locales), source.slug, None)
        _write_text(path, generate_po(pot), compare_dates=True)
        out.info(f"{source.display}: {len(pot)} entries ({lang}) → {display_path(path)}")
    return 0


def cmd_translate(args: argparse.Namespace) -> int:
    from .catalog import generate_po, header, merge, translations
    from .fsio import display_path
    from .pipeline import build

    targets = _targets(args.to)
    if args.engine not in ("none", "auto"):
        raise UsageError(f"unknown engine {args.engine!r}; available: none")
    if args.engine == "auto":
        raise UsageError("no machine translation engine is installed yet; use --engine none (catalogs and pages only)")
    out = _Out(args.quiet)
    locales = Path(args.locales)
    status = 0
    for source in _load_sources(args):
        pot, src_lang = _extract(source, args)
        # Everything for this article is computed before anything of it is written.
        writes: list[tuple[Path, str, bool]] = [(_catalog_paths(locales, source.slug, None), generate_po(pot), True)]
        notes = [f"{source.display}: {len(pot)} entries ({src_lang})"]
        pages = []
        for lang in targets:
            if lang == src_lang:
                notes.append(f"{source.display}: already in {lang}; nothing to translate")
                continue
            path = _catalog_paths(locales, source.slug, lang)
            meta = header(project=source.slug, lang=lang, src_lang=src_lang, created=_now(), source=source.display)
            po, stats = merge(pot, _read_catalog(path), metadata=meta)
            writes.append((path, generate_po(po), True))
            notes.append(f"  {display_path(path)}: {stats.summary()}")
            built = build(source, src_lang=src_lang, tgt_lang=lang, lookup=translations(po, use_fuzzy=args.use_fuzzy),
                          use_fuzzy=args.use_fuzzy)
            page = Path(args.out) / lang / f"{source.slug}.html"
            writes.append((page, built.html, False))
            pages.append((page, built))
        for path, text, is_catalog in writes:
            _write_text(path, text, compare_dates=is_catalog)
        for note in notes:
            out.info(note)
        for page, built in pages:
            status = max(status, _report_build(source, page, built, args, out))
    return status


def _report_build(source: Source, page: Path, built: Built, args: argparse.Namespace, out: _Out) -> int:
    from .fsio import display_path

    for problem in built.problems:
        out.warn(f"{source.display}:{problem.line}: warning: translation not used ({problem.reason}): {problem.msgid[:60]}")
    out.info(f"  {display_path(page)}: {built.translated}/{built.total} sentences translated")
    return 1 if built.problems and getattr(args, "strict", False) else 0


def cmd_build(args: argparse.Namespace) -> int:
    from .catalog import translations
    from .errors import InputError
    from .fsio import display_path
    from .pipeline import build, extract

    targets = _targets(args.to)
    out = _Out(args.quiet)
    locales = Path(args.locales)
    status = 0
    for source in _load_sources(args):
        src_lang: str | None = None
        for lang in targets:
            path = _catalog_paths(locales, source.slug, lang)
            po = _read_catalog(path)
            if po is None:
                raise InputError(f"no catalog for {lang}; run 'newsl10n translate' first", path=display_path(path))
            src_lang = src_lang or po.metadata.get("X-Source-Language") or extract(source, given_lang=args.src).lang
            lookup = translations(po, use_fuzzy=args.use_fuzzy)
            built = build(source, src_lang=src_lang, tgt_lang=lang, lookup=lookup, use_fuzzy=args.use_fuzzy)
            page = Path(args.out) / lang / f"{source.slug}.html"
            _write_text(page, built.html)
            status = max(status, _report_build(source, page, built, args, out))
    return status


COMMANDS = {"extract": cmd_extract, "translate": cmd_translate, "build": cmd_build}

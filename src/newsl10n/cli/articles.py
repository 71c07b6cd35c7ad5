"""extract, translate, build: articles to catalogs to pages."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError
from .common import _catalog_paths, _load_sources, _now, _Out, _read_catalog, _targets, _write_text

if TYPE_CHECKING:
    import polib

    from ..pipeline import Built, Source


def _extract(source: Source, args: argparse.Namespace) -> tuple[polib.POFile, str]:
    """An article's template and source language."""
    from ..catalog import Occurrence, header, template
    from ..pipeline import extract

    ex = extract(source, given_lang=args.src)
    meta = header(project=source.slug, lang=None, src_lang=ex.lang, created=_now(), source=source.display)
    return template((Occurrence(seg, source.display) for seg in ex.segments), metadata=meta), ex.lang


def cmd_extract(args: argparse.Namespace) -> int:
    from ..catalog import generate_po
    from ..fsio import display_path

    out = _Out(args.quiet)
    for source in _load_sources(args):
        pot, lang = _extract(source, args)
        path = _catalog_paths(Path(args.locales), source.slug, None)
        _write_text(path, generate_po(pot), compare_dates=True)
        out.info(f"{source.display}: {len(pot)} entries ({lang}) → {display_path(path)}")
    return 0


def cmd_translate(args: argparse.Namespace) -> int:
    from ..catalog import generate_po, header, merge, translations
    from ..fsio import display_path
    from ..pipeline import build

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
    from ..fsio import display_path

    for problem in built.problems:
        out.warn(f"{source.display}:{problem.line}: warning: translation not used ({problem.reason}): {problem.msgid[:60]}")
    out.info(f"  {display_path(page)}: {built.translated}/{built.total} sentences translated")
    return 1 if built.problems and getattr(args, "strict", False) else 0


def cmd_build(args: argparse.Namespace) -> int:
    from ..catalog import translations
    from ..errors import InputError
    from ..fsio import display_path
    from ..pipeline import build, extract

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



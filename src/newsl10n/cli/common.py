"""Helpers shared by the commands: reading articles and catalogs, writing outputs, printing."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError

if TYPE_CHECKING:
    import polib

    from ..glossary import Glossary
    from ..pipeline import Source

ARTICLE_SUFFIXES = (".html", ".htm", ".xhtml", ".md", ".markdown", ".txt")


@dataclass
class _Out:
    quiet: bool

    def info(self, message: str) -> None:
        if not self.quiet:
            print(message)

    @staticmethod
    def warn(message: str) -> None:
        print(message, file=sys.stderr)

    def progress(self, message: str) -> None:
        """A status line that rewrites itself; only on a terminal and without --quiet."""
        if self.quiet or not sys.stderr.isatty():
            return
        print(f"\r\033[K{message}", end="" if message else "\r", file=sys.stderr, flush=True)


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
    from ..fsio import display_path, read_bytes
    from ..pipeline import load_source

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
    from ..localize import normalize_lang

    langs = [normalize_lang(v.strip()) for v in value.split(",") if v.strip()]
    if not langs:
        raise UsageError("--to needs at least one language")
    return list(dict.fromkeys(langs))


def _read_catalog(path: Path) -> polib.POFile | None:
    from ..catalog import parse_catalog
    from ..fsio import decode, display_path, read_bytes

    if not path.exists():
        return None
    shown = display_path(path)
    return parse_catalog(decode(read_bytes(path), path=shown, markup=False).text, path=shown)


def _write_text(path: Path, text: str, *, compare_dates: bool = False) -> bool:
    """Write if the content changed; returns whether it was written."""
    from ..catalog import same_apart_from_dates
    from ..fsio import atomic_write

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

"""The edges where a run reads: articles, catalogs, the glossary; and where each file of the layout lives.

::

    corpus/<lang>/<slug>.html | .md | .txt     articles (any suffix a reader is registered for)
    LOCALES/templates/<slug>.pot                templates
    LOCALES/<lang>/LC_MESSAGES/<slug>.po        catalogs
    OUT/<lang>/<slug>.html                      localized pages
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, UsageError

if TYPE_CHECKING:
    from ..catalog_model import Catalog
    from ..formats.markdown import MarkdownOptions
    from ..glossary import Glossary
    from ..stages import Source

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

#: What a path given as an article or a glossary may be: a path or its name.
PathLike = str | os.PathLike[str]


@dataclass(frozen=True)
class Article:
    """An article to read: its path and the name written into catalogs and messages."""

    path: Path
    shown: str
    relative: Path = Path()  # its path below the folder named (its file name when named itself)

    @property
    def slug(self) -> str:
        """What its catalogs and pages are named after (``Source.slug``: ``post-a/index.md`` → ``post-a``)."""
        from ..stages import article_slug

        return article_slug(self.path)

    @property
    def markdown(self) -> bool:
        """Whether the Markdown reader reads it (its translations are Markdown, placed by the layout)."""
        from ..formats.readers import READERS

        reader = READERS.for_suffix(self.path.suffix)
        return reader is not None and reader.name == "markdown"


def now() -> dt.datetime:
    """The creation date written into new catalogs: ``SOURCE_DATE_EPOCH`` when set (reproducible runs), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)


def expand(names: Sequence[PathLike], langs: Sequence[str] = ()) -> list[Path]:
    """Files as given; directories replaced by the articles in them (suffixes of the registered readers).

    Each file once (``fsio.unique_files``: two names of one file are one article).  In folders,
    translations into ``langs`` (``name.es.md``: what a run writes beside its sources) are not articles.
    """
    from ..formats.readers import READERS
    from ..fsio import unique_files
    from ..stages import language_suffix

    suffixes = READERS.suffixes()
    paths: list[Path] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in suffixes
                and not p.name.upper().startswith("README")
                and (not langs or language_suffix(p.stem) not in langs)
            )
            if not found:
                raise UsageError(f"{name}: no articles ({', '.join(suffixes)}) in this directory")
            paths.extend(found)
        else:
            what = NOT_ARTICLES.get(path.suffix.lower())
            if what is not None:
                raise InputError(f"{what}, not an article (articles are {', '.join(suffixes)})", path=str(name))
            paths.append(path)
    return unique_files(paths)


def _relative(path: Path, names: Sequence[PathLike]) -> Path:
    """``path`` below the directory named that holds it (else its file name)."""
    for name in names:
        try:
            return path.relative_to(Path(name)) if Path(name).is_dir() else Path(path.name)
        except ValueError:
            continue
    return Path(path.name)


def articles(names: Sequence[PathLike], langs: Sequence[str] = ()) -> list[Article]:
    """The articles named, in order.

    Refused before anything is read: a file name with control characters, and
    two articles with the same name (their catalogs would be one file).
    """
    from ..fsio import display_path

    found: list[Article] = []
    slugs: dict[str, str] = {}
    for path in expand(names, langs):
        shown = display_path(path)  # refuses names with control characters or bytes that are not UTF-8
        article = Article(path, shown, _relative(path, names))
        if article.slug in slugs and slugs[article.slug] != shown:
            raise UsageError(f"{shown} and {slugs[article.slug]} have the same name; catalogs are named after articles")
        slugs[article.slug] = shown
        found.append(article)
    return found


def read_source(
    article: Article, *, encoding: str | None, lang: str | None, markdown: MarkdownOptions | None = None
) -> Source:
    """One article read and decoded by its reader (an HTML page, or a Markdown document)."""
    from ..fsio import MAX_ARTICLE_BYTES, read_bytes
    from ..stages import load_source

    data = read_bytes(article.path, limit=MAX_ARTICLE_BYTES, what="the article")
    return load_source(
        data, path=article.path, display=article.shown, encoding=encoding, lang=lang, markdown=markdown
    )


def catalog_path(locales: Path, slug: str, lang: str | None) -> Path:
    """Where an article's template (``lang`` None) or catalog lives."""
    if lang is None:
        return locales / "templates" / f"{slug}.pot"
    return locales / lang / "LC_MESSAGES" / f"{slug}.po"


def page_path(out: Path, slug: str, lang: str) -> Path:
    return out / lang / f"{slug}.html"


def guard_outputs(
    found: Sequence[Article], *, locales: Path, langs: Sequence[str], catalogs: bool, out: Path | None
) -> None:
    """Refuse, before any work, templates and catalogs (``catalogs``) or pages (``out``) that would land on
    what the run reads (``newsl10n.outputs.check_run_outputs``)."""
    from ..outputs import check_run_outputs

    catalog_paths: list[Path] = []
    pages: list[Path] = []
    for article in found:
        if catalogs:
            catalog_paths.append(catalog_path(locales, article.slug, None))
            catalog_paths.extend(catalog_path(locales, article.slug, lang) for lang in langs)
        if out is not None:
            pages.extend(page_path(out, article.slug, lang) for lang in langs)
    inputs = [a.path for a in found]
    check_run_outputs(catalogs=catalog_paths, pages=pages, inputs=inputs, locales=locales, out=out)


def targets(langs: str | Sequence[str]) -> list[str]:
    """Target languages, normalized, duplicates dropped: ``"ru, es"`` or ``["ru", "es"]``."""
    from ..localize import normalize_lang

    values = langs.split(",") if isinstance(langs, str) else list(langs)
    found = [normalize_lang(v.strip()) for v in values if v.strip()]
    if not found:
        raise UsageError("--to needs at least one language")
    return list(dict.fromkeys(found))


class CatalogStore:
    """Catalogs as read by one run: each file read and parsed once, its bytes kept for the writer's check.

    A file is read by the catalog format registered for its suffix (PO for any other).
    """

    def __init__(self) -> None:
        self.seen: dict[Path, bytes | None] = {}
        self._parsed: dict[Path, Catalog | None] = {}

    def get(self, path: Path) -> Catalog | None:
        """The catalog at ``path`` (None: there is none)."""
        if path not in self._parsed:
            from ..formats.catalogs import CATALOG_FORMATS
            from ..fsio import display_path, read_bytes

            if not path.exists():
                self.seen[path] = None
                self._parsed[path] = None
            else:
                shown = display_path(path)
                data = self.seen[path] = read_bytes(path)
                fmt = CATALOG_FORMATS.for_path(path) or CATALOG_FORMATS.get("po")
                self._parsed[path] = fmt.read(data, path=shown)
        return self._parsed[path]


@dataclass(frozen=True)
class GlossaryChoice:
    """The glossary a run uses, and the line that says so when it is none by default."""

    glossary: Glossary | None
    note: str | None = None


#: Where a project keeps its glossary when none is named.
DEFAULT_GLOSSARY = Path("glossary")


def load_glossary(names: Sequence[PathLike] | None) -> GlossaryChoice:
    """``names`` (files or folders); None: ./glossary when it exists; ``[]``: no glossary."""
    if names is None:
        if not DEFAULT_GLOSSARY.is_dir():
            return GlossaryChoice(None, f"no glossary (./{DEFAULT_GLOSSARY} not found; --glossary PATH)")
        names = [DEFAULT_GLOSSARY]
    if not names:
        return GlossaryChoice(None)
    from ..glossary import load_glossary as load

    for name in names:
        if not Path(name).exists():
            raise UsageError(f"{name}: no such glossary file or directory")
    return GlossaryChoice(load([Path(n) for n in names]))

"""Where a localized article goes (``layout``), pages beside their sources guarded, and catalogs kept to their article.

The layouts themselves are :mod:`newsl10n.layout`; this module applies them to
the workflow's articles and outputs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, UsageError

if TYPE_CHECKING:
    from ..catalog_model import Catalog
    from ..formats.markdown import MarkdownOptions
    from ..stages import Built
    from .inputs import Article
    from .results import Output

#: Pages written beside their sources (``layout`` other than build), with the SHA-256 of what was written.
PAGES_RECORD = "pages-beside-sources.sha256"


@dataclass(frozen=True)
class Placement:
    """The output side of a run: the out folder, the layout, Markdown built as HTML or not."""

    out: Path
    layout: str = "build"
    markdown_html: bool = False

    @property
    def add_lang(self) -> bool:
        """Jekyll's multilingual plugins read a ``lang:`` front matter key."""
        return self.layout == "jekyll"

    def page(self, article: Article, lang: str, built: Built) -> Path:
        """Where ``article`` built in ``lang`` goes."""
        from ..layout import page_path
        from ..stages import article_slug

        where = page_path(
            layout=self.layout, out=self.out, source=article.path, relative=article.relative,
            slug=article_slug(article.path), src_lang=built.src_lang, lang=lang, suffix=built.suffix,
            markdown=article.markdown,
        )
        return Path(where)

    def guarded(self, locales: Path, pages: Sequence[Output]) -> list[Output]:
        """Pages beside their sources never replace a file newsl10n did not write (or that was edited since).

        A site may already hold a translation (``index.es.md``) made by hand: it is refused, exit 2, nothing
        written.  The record of what was written (``LOCALES/pages-beside-sources.sha256``) goes with the pages.
        """
        if self.layout == "build" or not pages:
            return list(pages)
        import hashlib

        from ..errors import OutputError
        from ..fsio import current_bytes, display_path
        from .results import Output

        record = locales / PAGES_RECORD
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
        group = pages[-1].group
        return [*pages, Output(record, text, group=group)]


def same_source(found: Catalog | None, source: str, catalog: Path) -> None:
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


def markdown_options(keys: str | None, params: str | None) -> MarkdownOptions | None:
    """``--front-matter-keys`` (``title,summary``) and ``--shortcode-params`` (``figure:alt,…``), when given."""
    if keys is None and params is None:
        return None
    from ..formats.markdown import MarkdownOptions

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

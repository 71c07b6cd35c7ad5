"""Article readers by file suffix: the place where a new article format plugs in.

A reader turns an article's decoded text into an HTML page (and, for formats
that are not HTML, a map from the page's lines back to the article's lines
for messages).  Everything after that (segmenting, catalogs, building pages)
works on the page, so a new format is one module with one function and one
registration::

    from newsl10n.formats.readers import READERS, ArticleReader
    READERS.register(ArticleReader("rst", (".rst",), rst_to_html))

where ``rst_to_html(text, lang)`` returns ``Converted(html, line_map)``.
A reader may instead read a document of its own (``document=``: it gets the
:class:`ReadOptions` and returns ``Converted(markdown=doc)``): the Markdown
reader does, and the workflow then writes Markdown back beside the source.
The package registers ``html``, ``markdown`` and ``text`` below; their
converters are imported when first used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

from .by_suffix import BySuffix

if TYPE_CHECKING:
    from .markdown import MarkdownDoc, MarkdownOptions


@dataclass(frozen=True)
class Converted:
    """An article as an HTML page; ``line_map[i]`` is the article line of page line ``i + 1`` (None: the same)."""

    html: str
    line_map: tuple[int, ...] | None = None
    markdown: MarkdownDoc | None = None  # a Markdown article read into its units (``html`` is then empty)


@dataclass(frozen=True)
class ReadOptions:
    """What a reader may need besides the text: the language given, the path for messages, Markdown options."""

    lang: str | None = None
    path: str = ""
    markdown: MarkdownOptions | None = None


#: ``(decoded article text, language given by the user or None) -> Converted``.
Convert = Callable[[str, str | None], Converted]
#: ``(decoded article text, options) -> Converted``: a reader that reads a document of its own.
ReadDocument = Callable[[str, ReadOptions], Converted]


@dataclass(frozen=True)
class ArticleReader:
    """One article format: its name (written as ``Source.format``), the suffixes it claims, its converter.

    ``markup`` says whether the file is markup that may declare its own
    charset (``<meta charset>``), which the decoder then honours.
    """

    name: str
    suffixes: tuple[str, ...]
    convert: Convert
    markup: bool = False
    document: ReadDocument | None = None

    def read(self, text: str, options: ReadOptions) -> Converted:
        """The article read: by ``document`` when the reader has one, else converted to an HTML page."""
        if self.document is not None:
            return self.document(text, options)
        return self.convert(text, options.lang)


class ReaderRegistry(BySuffix[ArticleReader]):
    """Readers by name and by suffix (lower case, with the dot); ``suffixes()`` is what a directory walk picks up."""

    def __init__(self) -> None:
        super().__init__("reader")

    def for_article(self, path: PurePath, data: bytes) -> ArticleReader:
        """The reader for ``path``; a file with an unknown suffix is HTML if it starts with ``<``, else text."""
        found = self.for_suffix(path.suffix)
        if found is not None:
            return found
        return self.get("html" if data.lstrip()[:1] == b"<" else "text")


def _html(text: str, lang: str | None) -> Converted:
    return Converted(text)


def _markdown_document(text: str, options: ReadOptions) -> Converted:
    from .markdown import read_markdown

    return Converted("", markdown=read_markdown(text, path=options.path, options=options.markdown))


def _markdown(text: str, lang: str | None) -> Converted:
    return _markdown_document(text, ReadOptions(lang=lang))


def _text(text: str, lang: str | None) -> Converted:
    from .text import plaintext_to_html

    html, line_map = plaintext_to_html(text, lang=lang)
    return Converted(html, tuple(line_map))


#: The package's article readers.
READERS = ReaderRegistry()
READERS.register(ArticleReader("html", (".html", ".htm", ".xhtml"), _html, markup=True))
READERS.register(ArticleReader("markdown", (".md", ".markdown"), _markdown, document=_markdown_document))
READERS.register(ArticleReader("text", (".txt",), _text))

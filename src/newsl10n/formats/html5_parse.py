"""Reading HTML the way browsers do: the WHATWG parsing algorithm (html5lib) into an lxml tree.

libxml2's HTML parser predates HTML5: it reads ``<style>`` inside ``<svg>`` as raw
text, lets forms nest and closes elements by its own rules, so a page it
parses and writes back can hold markup a browser never saw in the source (the
mutation-XSS family of issue #16).  html5lib implements the standard's tree
construction, including foreign content (SVG, MathML) and the form pointer;
its lxml tree builder gives the tree every other stage already walks.

html5lib is pure Python: it is about 400 times slower than libxml2 (see
``bench/html_parse.py``).  html5-parser (C) would be faster, but it must share
one libxml2 with lxml, which lxml's wheels (a bundled libxml2) do not allow.

HTML elements carry no namespace (``p``, ``a``); SVG and MathML elements carry
theirs (``{http://www.w3.org/2000/svg}svg``).  Each element records the line of
its start tag in ``sourceline`` (which lxml caps near 65,535: a later line is kept in the ``lines``
mapping the parse functions fill, see :func:`line_of`).  Scripting is on, as in a browser: the
content of ``<noscript>`` is text.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

from lxml import etree

SVG_NS = "http://www.w3.org/2000/svg"
MATHML_NS = "http://www.w3.org/1998/Math/MathML"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XMLNS_NS = "http://www.w3.org/2000/xmlns/"

#: Characters an lxml tree cannot hold.  Each becomes U+FFFD before parsing, never nothing: dropping
#: one could join two halves into a tag name (``<scr\x01ipt>``).  Form feed is HTML whitespace: a space.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


#: How deep elements may nest.  A browser copes with more, but every stage walks the tree and the
#: parser's cost grows with the depth at each tag: past this the page is refused (no article needs it).
MAX_DEPTH = 255


class TooDeep(Exception):
    """Raised from inside the parser when an element would sit deeper than :data:`MAX_DEPTH`."""

    def __init__(self, line: int | None) -> None:
        super().__init__(line)
        self.line = line


class ParserFailed(Exception):
    """html5lib stopped on one of its internal assertions (a few odd nestings of ``<select>`` in SVG)."""


def storable(text: str) -> str:
    """``text`` with what lxml cannot hold replaced, without changing how the HTML tokenizer splits it."""
    text = text.replace("\x0c", " ")
    if not _NOT_XML.search(text):
        return text
    return _NOT_XML.sub("\ufffd", text)


def _classes() -> tuple[Any, Any]:
    """The html5lib parser and tree builder, extended to record each start tag's line (html5lib is lazy)."""
    import html5lib  # type: ignore[import-untyped]
    from html5lib import _tokenizer
    from html5lib.treebuilders import etree_lxml  # type: ignore[import-untyped]

    class LineTokenizer(_tokenizer.HTMLTokenizer):  # type: ignore[misc]
        """Notes the line of each start tag's ``<`` on its token."""

        def tagOpenState(self) -> bool:
            line = self.stream.position()[0]
            result: bool = super().tagOpenState()
            token = self.currentToken
            if token is not None and token.get("type") == _START_TAG and "line" not in token:
                token["line"] = line
            return result

    _START_TAG = _tokenizer.tokenTypes["StartTag"]

    class LineTreeBuilder(etree_lxml.TreeBuilder):  # type: ignore[misc]
        def __init__(self, namespaceHTMLElements: bool) -> None:
            super().__init__(namespaceHTMLElements, fullTree=False)
            built: Any = self.elementClass  # type: ignore[has-type]
            self.elementClass = _fast_text(built, self.infosetFilter)
            self.big_lines: dict[Any, int] = {}

        def set_line(self, element: Any, line: int) -> None:
            if line < MAX_SOURCELINE:
                element.sourceline = line
            else:
                element.sourceline = MAX_SOURCELINE
                self.big_lines[element] = line

        def createElement(self, token: dict[str, Any]) -> Any:
            element = super().createElement(token)
            line = token.get("line")
            if line:
                self.set_line(element._element, line)
            return element

        def insertElementNormal(self, token: dict[str, Any]) -> Any:
            if len(self.openElements) > MAX_DEPTH:
                raise TooDeep(token.get("line"))
            result = super().insertElementNormal(token)
            line = token.get("line")
            if line:
                self.set_line(self.openElements[-1]._element, line)
            return result

        def insertRoot(self, token: dict[str, Any]) -> None:
            super().insertRoot(token)
            line = token.get("line")
            if line:
                self.set_line(self.document._elementTree.getroot(), line)

    def _fast_text(element_class: Any, infoset: Any) -> Any:
        class FastTextElement(element_class):  # type: ignore[misc]
            """Appends text without ``len(element)``, which lxml counts child by child: html5lib's own
            ``insertText`` made a page with many paragraphs in one parent quadratic."""

            def insertText(self, data: str, insertBefore: Any = None) -> None:
                if insertBefore is not None:
                    super().insertText(data, insertBefore)
                    return
                data = infoset.coerceCharacters(data)
                el = self._element
                if next(iter(el), None) is None:
                    el.text = (el.text or "") + data
                else:
                    last = el[-1]
                    last.tail = (last.tail or "") + data

        return FastTextElement

    class LineParser(html5lib.HTMLParser):  # type: ignore[misc]
        def _parse(self, stream: Any, innerHTML: bool = False, container: str = "div", scripting: bool = False, **kwargs: Any) -> None:
            self.innerHTMLMode = innerHTML
            self.container = container
            self.scripting = scripting
            self.tokenizer = LineTokenizer(stream, parser=self, **kwargs)
            self.reset()
            self.mainLoop()  # input is text: no encoding change can ask for a second pass

    return LineParser, LineTreeBuilder


_CACHED: list[tuple[Any, Any]] = []


def _parser() -> Any:
    if not _CACHED:
        _CACHED.append(_classes())
    parser_class, builder_class = _CACHED[0]
    return parser_class(tree=builder_class, namespaceHTMLElements=False)


#: Lines from here on are kept apart: libxml2 keeps an element's line in 16 bits and reads 65,535 as
#: "look at the children", so this value marks an element whose line is in the parse's ``lines``.
MAX_SOURCELINE = 65534


def line_of(element: Any, lines: dict[Any, int] | None = None) -> int | None:
    """The line of an element's start tag, also past line 65,535 when given the parse's ``lines``."""
    line = element.sourceline
    if line == MAX_SOURCELINE and lines:
        return int(lines.get(element, line))
    return int(line) if line else None


def parse_document(text: str, *, lines: dict[Any, int] | None = None) -> Any:
    """The ``html`` element of a whole page; comments before it are its preceding siblings."""
    from html5lib.constants import DataLossWarning  # type: ignore[import-untyped]

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataLossWarning)
        parser = _parser()
        try:
            tree = parser.parse(storable(text), scripting=True)
        except (AssertionError, IndexError, KeyError) as exc:
            raise ParserFailed(type(exc).__name__) from None
    if lines is not None:
        lines.update(parser.tree.big_lines)
    return tree.getroot()


def parse_fragment(text: str, *, lines: dict[Any, int] | None = None) -> Any:
    """A ``div`` holding the fragment's nodes, parsed as the content of a ``<div>`` in a page's body."""
    from html5lib.constants import DataLossWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataLossWarning)
        parser = _parser()
        try:
            parts = parser.parseFragment(storable(text), container="div", scripting=True)
        except (AssertionError, IndexError, KeyError) as exc:
            raise ParserFailed(type(exc).__name__) from None
    if lines is not None:
        lines.update(parser.tree.big_lines)
    holder = etree.Element("div")
    for part in parts:
        if isinstance(part, str):
            if len(holder):
                holder[-1].tail = (holder[-1].tail or "") + part
            else:
                holder.text = (holder.text or "") + part
        else:
            holder.append(part)
    return holder


def local_name(node: Any) -> str:
    """An element's tag without its namespace (``svg`` for ``{http://www.w3.org/2000/svg}svg``)."""
    return str(etree.QName(node).localname)


def is_foreign(node: Any) -> bool:
    """An SVG or MathML element (or anything else outside the HTML namespace)."""
    return isinstance(node.tag, str) and node.tag.startswith("{")

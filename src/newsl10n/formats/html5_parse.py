"""Reading HTML the way browsers do: the WHATWG parsing algorithm (html5ever) into an lxml tree.

libxml2's HTML parser predates HTML5: it reads ``<style>`` inside ``<svg>`` as raw
text, lets forms nest and closes elements by its own rules, so a page it
parses and writes back can hold markup a browser never saw in the source (the
mutation-XSS family of issue #16).  html5ever (the parser of Servo, in Rust,
through the ``markupever`` package) implements the standard's tree
construction, including foreign content (SVG, MathML), templates and the form
pointer; its tree is copied into the lxml tree every other stage walks.  Why
html5ever and not lexbor or html5lib: ``docs/benchmarks.md``, "A fast HTML5 reader".

HTML elements carry no namespace (``p``, ``a``); SVG and MathML elements carry
theirs (``{http://www.w3.org/2000/svg}svg``).  A name lxml cannot hold is
kept with each odd character written as ``U`` and five hex digits
(``xml:lang`` on an HTML element is ``xmlU0003Alang``).  Each element records the line
of its start tag in ``sourceline`` (which lxml caps near 65,535: a later line is kept in the
``lines`` mapping the parse functions fill, see :func:`line_of`); elements the parser
made up (an implied ``<tbody>``, a reopened ``<b>``) have none.  Scripting is on, as
in a browser: the content of ``<noscript>`` is text.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from lxml import etree

from .html5_lines import start_tag_lines

HTML_NS = "http://www.w3.org/1999/xhtml"
SVG_NS = "http://www.w3.org/2000/svg"
MATHML_NS = "http://www.w3.org/1998/Math/MathML"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XMLNS_NS = "http://www.w3.org/2000/xmlns/"

#: Characters an lxml tree cannot hold.  Each becomes U+FFFD before parsing, never nothing: dropping
#: one could join two halves into a tag name (``<scr\x01ipt>``).  Form feed is HTML whitespace: a space.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: A name lxml holds as it is; anything else is coerced (:func:`xml_name`).
_PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*\Z")
_NAME_START = re.compile(r"[A-Za-z_\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
                         r"\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd]")
_NAME_CHAR = re.compile(r"[0-9.\-\u00b7\u0300-\u036f\u203f-\u2040]")


#: How deep elements may nest.  A browser copes with more, but every stage walks the tree and
#: recursion costs grow with the depth: past this the page is refused (no article needs it).
MAX_DEPTH = 255


class TooDeep(Exception):
    """Raised when an element sits deeper than :data:`MAX_DEPTH` (with the line of its start tag)."""

    def __init__(self, line: int | None) -> None:
        super().__init__(line)
        self.line = line


class ParserFailed(Exception):
    """The HTML parser stopped on an internal error (a panic in html5ever: none is known)."""


def storable(text: str) -> str:
    """``text`` with what lxml cannot hold replaced, without changing how the HTML tokenizer splits it."""
    text = text.replace("\x0c", " ")
    if not _NOT_XML.search(text):
        return text
    return _NOT_XML.sub("\ufffd", text)


def xml_name(name: str) -> str:
    """``name`` as lxml can hold it: each character an XML name may not have as ``U`` and five hex digits."""
    if _PLAIN_NAME.match(name):
        return name
    out = []
    for index, char in enumerate(name):
        ok = _NAME_START.match(char) or (index > 0 and _NAME_CHAR.match(char))
        out.append(char if ok else f"U{ord(char):05X}")
    return "".join(out)


def _comment(data: str) -> str:
    """A comment's text as lxml can hold it: no ``--`` inside, no ``-`` at the end."""
    data = storable(data)
    while "--" in data:
        data = data.replace("--", "- -")
    return data + " " if data.endswith("-") else data


#: Lines from here on are kept apart: libxml2 keeps an element's line in 16 bits and reads 65,535 as
#: "look at the children", so this value marks an element whose line is in the parse's ``lines``.
MAX_SOURCELINE = 65534


def line_of(element: Any, lines: dict[Any, int] | None = None) -> int | None:
    """The line of an element's start tag, also past line 65,535 when given the parse's ``lines``."""
    line = element.sourceline
    if line == MAX_SOURCELINE and lines:
        return int(lines.get(element, line))
    return int(line) if line else None


def _parse(text: str, *, fragment: bool) -> Any:
    """html5ever's tree of ``text`` (as a document, or as the content of a ``<div>``)."""
    import markupever

    options = markupever.HtmlOptions(fragment_context="div") if fragment else markupever.HtmlOptions()
    parser = markupever.Parser(options)
    try:
        parser.process(text)
        return parser.finish().into_dom()
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except BaseException as exc:  # noqa: BLE001 -- a Rust panic arrives as pyo3's PanicException, a BaseException
        raise ParserFailed(type(exc).__name__) from None


class _Copier:
    """Copies html5ever's tree into lxml, then gives each element the line of its start tag."""

    def __init__(self, lines: dict[Any, int] | None, *, clean: bool = False) -> None:
        from markupever import _rustlib

        self.rust = _rustlib
        #: The text holds no character reference ``&#…;``, the only way back to what :func:`storable` replaced
        #: (no named reference stands for such a character): the parser's strings need no second pass.
        self.clean = clean
        self.big_lines = lines if lines is not None else {}
        #: The lxml elements in document order, their lower-case names and whether each is SVG/MathML.
        self.made: list[Any] = []
        self.names: list[str] = []
        self.foreign: list[bool] = []
        self.too_deep: Any = None

    def element(self, node: Any, parent: Any, ancestors: int) -> Any:
        """The lxml copy of the element ``node``, appended to ``parent`` (unless None)."""
        tag, lower, foreign = _tag_of(node.name)
        attrs = node.attrs
        if len(attrs):
            if self.clean:
                attrib = {_attribute_name(k): v for k, v in attrs.items()}
            else:
                attrib = {_attribute_name(k): storable(v) for k, v in attrs.items()}
            el = etree.Element(tag, attrib) if parent is None else etree.SubElement(parent, tag, attrib)
        else:
            el = etree.Element(tag) if parent is None else etree.SubElement(parent, tag)
        self.made.append(el)
        self.names.append(lower)
        self.foreign.append(foreign)
        if ancestors > MAX_DEPTH:
            self.too_deep = el
            raise _Stop
        return el

    def children(self, node: Any, into: Any, ancestors: int) -> None:
        """Copy the children of ``node`` into the lxml element ``into``, which has ``ancestors`` (no recursion)."""
        rust = self.rust
        text_type, element_type, comment_type = rust.Text, rust.Element, rust.Comment
        clean = self.clean
        element = self.element
        # (next node to copy, the lxml parent, its number of ancestors, the parent's last child so far)
        stack: list[tuple[Any, Any, int, Any]] = [(node.first_child(), into, ancestors, None)]
        while stack:
            child, parent, level, last = stack.pop()
            # Whether text was copied since ``last`` (or into ``parent``): else the text or tail it goes to is
            # still None (``last`` and ``parent`` were just made) and is set without being read back first.
            after_text = False
            while child is not None:
                kind = type(child)
                if kind is text_type:
                    content = child.content if clean else storable(child.content)
                    if last is None:
                        parent.text = (parent.text or "") + content if after_text else content
                    else:
                        last.tail = (last.tail or "") + content if after_text else content
                    after_text = True
                elif kind is element_type:
                    after_text = False
                    last = element(child, parent, level + 1)
                    first = child.first_child()
                    if first is not None:
                        stack.append((child.next_sibling(), parent, level, last))
                        stack.append((first, last, level + 1, None))
                        break
                elif kind is comment_type:
                    after_text = False
                    last = etree.Comment(_comment(child.content))
                    parent.append(last)
                child = child.next_sibling()

    def number(self, text: str) -> None:
        """Set each element's line (its ``sourceline``; past :data:`MAX_SOURCELINE` in ``big_lines``)."""
        for el, line in zip(self.made, start_tag_lines(text, self.names, self.foreign)):
            if not line:
                continue
            if line < MAX_SOURCELINE:
                el.sourceline = line
            else:
                el.sourceline = MAX_SOURCELINE
                self.big_lines[el] = line
        if self.too_deep is not None:
            raise TooDeep(line_of(self.too_deep, self.big_lines))


#: Names remembered (html5ever's qualified names); a hostile page may invent any number of them.
_NAMES_KEPT = 4096


@functools.lru_cache(maxsize=_NAMES_KEPT)
def _tag_of(qualified: Any) -> tuple[str, str, bool]:
    """An element's html5ever name → its lxml tag, its lower-case local name, whether it is foreign."""
    local, ns = qualified.local, qualified.ns
    html = ns == HTML_NS
    name = xml_name(local)
    return (name if html else f"{{{ns}}}{name}", local.lower(), not html)


@functools.lru_cache(maxsize=_NAMES_KEPT)
def _attribute_name(key: Any) -> str:
    """An attribute's html5ever name → its lxml name."""
    ns = key.ns
    return f"{{{ns}}}{xml_name(key.local)}" if ns else xml_name(key.local)


class _Stop(Exception):
    """Copying stops at the first element deeper than :data:`MAX_DEPTH`."""


def parse_document(text: str, *, lines: dict[Any, int] | None = None) -> Any:
    """The ``html`` element of a whole page; comments before it are its preceding siblings."""
    text = storable(text)
    dom = _parse(text, fragment=False)
    copier = _Copier(lines, clean="&#" not in text)
    rust = copier.rust
    root: Any = None
    before: list[Any] = []
    after: list[Any] = []
    node = dom._raw.root().first_child()
    try:
        while node is not None:
            if isinstance(node, rust.Element) and root is None:
                root = copier.element(node, None, 0)
                copier.children(node, root, 0)
            elif isinstance(node, rust.Comment):
                (before if root is None else after).append(etree.Comment(_comment(node.content)))
            node = node.next_sibling()
    except _Stop:
        pass
    copier.number(text)
    if root is None:  # html5ever always makes <html>; kept for a tree without one
        root = etree.Element("html")
    for comment in before:
        root.addprevious(comment)
    for comment in reversed(after):
        root.addnext(comment)
    return root


def parse_fragment(text: str, *, lines: dict[Any, int] | None = None) -> Any:
    """A ``div`` holding the fragment's nodes, parsed as the content of a ``<div>`` in a page's body."""
    text = storable(text)
    dom = _parse(text, fragment=True)
    copier = _Copier(lines, clean="&#" not in text)
    holder = etree.Element("div")
    try:
        copier.children(dom._raw.root(), holder, 0)
    except _Stop:
        pass
    copier.number(text)
    return holder


def local_name(node: Any) -> str:
    """An element's tag without its namespace (``svg`` for ``{http://www.w3.org/2000/svg}svg``)."""
    return str(etree.QName(node).localname)


def is_foreign(node: Any) -> bool:
    """An SVG or MathML element (or anything else outside the HTML namespace)."""
    return isinstance(node.tag, str) and node.tag.startswith("{")

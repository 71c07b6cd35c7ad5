"""Writing an lxml tree as HTML text that a browser parses back into the same tree.

The WHATWG "serializing HTML fragments" algorithm, with the 2025 change that
escapes ``<`` and ``>`` in attribute values, written over the tree that
:mod:`newsl10n.formats.html5_parse` builds: elements by their local name,
foreign attributes with their ``xlink:``/``xml:`` prefixes, raw-text elements
(``script``, ``style``…) as they are, everything else escaped.  Attribute
values are written as the parser read them: no URL escaping (an ``href`` with a
newline keeps its newline), no text-level rewriting of the result.

Some trees have no text that parses back to them (the standard names nested
forms; a foreign element can sit where its tag would read as HTML).  Such a
page is written and then checked: :func:`verify_round_trip` parses the text
again and refuses it, naming the line, when an element, its namespace or its
attributes came back different.  That is how a mutation-XSS source such as
``<form><math><mtext></form><form><mglyph><style></math><img onerror=…>``
never becomes a page with a live handler.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from lxml import etree

from ..errors import InputError
from .html5_parse import (
    XLINK_NS,
    XML_NS,
    XMLNS_NS,
    ParserFailed,
    is_foreign,
    local_name,
    parse_document,
    parse_fragment,
)

VOID_ELEMENTS = frozenset(
    "area base basefont bgsound br col embed frame hr img input keygen link meta param source track wbr".split()
)
#: HTML elements whose text the parser reads raw (no character references, no tags but their own end).
RAW_TEXT_ELEMENTS = frozenset("style script xmp iframe noembed noframes plaintext noscript".split())
#: Elements whose start tag the parser lets swallow one newline after it.
_NEWLINE_EATERS = frozenset({"pre", "listing", "textarea"})
_ATTR_PREFIXES = {XLINK_NS: "xlink", XML_NS: "xml", XMLNS_NS: "xmlns"}
#: The reader writes a name lxml cannot hold with each odd character as ``U`` and five hex digits.
_COERCED = re.compile(r"U([0-9A-F]{5})")


def _name(name: str) -> str:
    return _COERCED.sub(lambda m: chr(int(m.group(1), 16)), name) if "U" in name else name


#: A character :func:`escape_text` may change (text without one is written as it is).
_ESCAPED = re.compile("[&<>\r\xa0]")


def escape_text(text: str, *, nbsp: bool = True) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if "\r" in text:  # a CR written raw would be read back as LF: only &#13; in the source makes one
        text = text.replace("\r", "&#13;")
    return text.replace("\xa0", "&nbsp;") if nbsp else text


def escape_attribute(value: str, *, nbsp: bool = True) -> str:
    value = value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    return value.replace("\xa0", "&nbsp;") if nbsp else value


def attribute_name(key: str) -> str:
    """``{http://www.w3.org/1999/xlink}href`` → ``xlink:href``; an HTML attribute as it is."""
    if key.startswith("{"):
        namespace, _, local = key[1:].partition("}")
        prefix = _ATTR_PREFIXES.get(namespace)
        if prefix == "xmlns" and local == "xmlns":
            return "xmlns"
        return f"{prefix}:{_name(local)}" if prefix else _name(local)
    return _name(key)


_HTML_HEAD_GAP = re.compile(r"<html\b[^>]*>(\s*)<head\b", re.IGNORECASE)
_PRE_START = re.compile(r"<(?:pre|listing|textarea)\b[^>]*>(\r?\n)?", re.IGNORECASE)
_AFTER_BODY = re.compile(r"</body\s*>(\s*)</html\s*>(\s*)\Z", re.IGNORECASE)


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True)
class Layout:
    """Whitespace the HTML5 parser drops or moves, as the source had it, so that the written page keeps it.

    The parser ignores spaces between ``<html>`` and ``<head>`` and moves those after
    ``</body>`` into the body; writing them back where they were gives the same tree.
    """

    before_head: str = ""
    after_body: str = ""
    after_html: str = ""
    #: For each ``<pre>``/``<listing>``/``<textarea>`` start tag in source order: a newline right after it
    #: (which the parser drops).  Only where such a newline is written depends on it, never the tree.
    newline_after_pre: tuple[bool, ...] = ()

    @classmethod
    def of(cls, text: str) -> Layout:
        head = _HTML_HEAD_GAP.search(text)
        end = _AFTER_BODY.search(text)
        return cls(  # as the parser reads the rest: CR LF and CR are LF
            before_head=_lf(head.group(1)) if head else "",
            after_body=_lf(end.group(1)) if end else "",
            after_html=_lf(end.group(2)) if end else "",
            newline_after_pre=tuple(bool(m.group(1)) for m in _PRE_START.finditer(text)),
        )


@dataclass(frozen=True, slots=True)
class _Tag:
    """How an element with a given tag is written (worked out once per tag and process)."""

    name: str  # as written: the local name, odd characters restored
    foreign: bool  # SVG, MathML or any other namespace
    void: bool  # an HTML void element: no content, no end tag
    raw: bool  # an HTML raw-text element: its text as it is
    eats_newline: bool  # an HTML <pre>, <listing>, <textarea>
    start: str  # ``<name`` (attributes and ``>`` follow)
    end: str  # ``</name>``


_NAMES_KEPT = 4096  # distinct tags or attribute names remembered (a page may invent any number)


@functools.lru_cache(maxsize=_NAMES_KEPT)
def _tag(tag: str) -> _Tag:
    """How the element ``tag`` (lxml's name) is written."""
    local = str(etree.QName(tag).localname)
    foreign = tag.startswith("{")
    html = not foreign
    return _Tag(
        _name(local),
        foreign,
        html and local in VOID_ELEMENTS,
        html and local in RAW_TEXT_ELEMENTS,
        html and local in _NEWLINE_EATERS,
        f"<{_name(local)}",
        f"</{_name(local)}>",
    )


_attribute_name = functools.lru_cache(maxsize=_NAMES_KEPT)(attribute_name)


class _Writer:
    """One serialization: the options and the output so far."""

    def __init__(self, *, path: str, nbsp: bool, layout: Layout) -> None:
        self.path = path
        self.nbsp = nbsp
        self.out: list[str] = []
        self.pre_newlines = iter(layout.newline_after_pre)

    def text(self, text: str | None) -> None:
        if text:
            self.out.append(escape_text(text, nbsp=self.nbsp))

    def start_tag(self, el: Any, info: _Tag, *, self_closing: bool = False) -> None:
        items = el.items()
        end = "/>" if self_closing else ">"
        if not items:
            self.out.append(info.start + end)
            return
        nbsp = self.nbsp
        attrs = "".join([f' {_attribute_name(k)}="{escape_attribute(v, nbsp=nbsp)}"' for k, v in items])
        self.out.append(f"{info.start}{attrs}{end}")

    def raw_text(self, el: Any) -> None:
        """The text of a raw-text element, which the parser reads up to its own end tag.

        Only text the parser read is ever here (runs never include raw-text elements).  A script may
        hold ``</script>`` inside ``<!--<script>…-->`` (the tokenizer's double-escaped state), and
        written as read it parses the same; in any other raw-text element its own end tag would end
        it early, which no parse produces: refused, as a guard against a tree changed by mistake.
        """
        name = local_name(el)
        text = (el.text or "") + "".join(_tail_text(c) for c in el)
        if name != "script" and re.search(rf"</{name}[\t\n\f\r />]", text + ">", re.IGNORECASE):
            raise InputError(f"the text of a <{name}> holds its own end tag; it cannot be written", path=self.path, line=el.sourceline)
        self.out.append(text)

    def node(self, node: Any) -> None:
        """Append ``node`` (an element, comment or processing instruction) and its tail, without recursion.

        Below ``node``, every node's parent is an element whose children are written one by one (neither
        void nor raw text), so each tail is written as text; only ``node``'s own parent is looked at.
        """
        out = self.out
        append = out.append
        nbsp = self.nbsp
        special = _ESCAPED.search
        comment = etree.Comment
        stack: list[Any] = [node]  # nodes to write, and (element, its tag) pairs to close
        while stack:
            current = stack.pop()
            if current.__class__ is tuple:
                current, closing = current
                append(closing.end)
            else:
                tag = current.tag
                if tag.__class__ is not str:
                    if tag is comment:
                        # The reader keeps "--" out of a comment's text, so it cannot end early.
                        append(f"<!--{current.text or ''}-->")
                    else:
                        append(f"<?{escape_text(current.target)} {escape_text(current.text or '')}>")
                else:
                    info = _tag(tag)
                    text = current.text
                    if info.foreign and not text and len(current) == 0:
                        # An empty SVG/MathML element as SVG is written (<path d="…"/>): in foreign content
                        # a self-closing start tag is the whole element.
                        self.start_tag(current, info, self_closing=True)
                    else:
                        items = current.items()
                        if items:
                            self.start_tag(current, info)
                        else:
                            append(info.start + ">")
                        if info.raw:
                            self.raw_text(current)
                            append(info.end)
                        elif not info.void:
                            if info.eats_newline:
                                # The parser drops a newline right after <pre>: one is written where the source
                                # had it, and always before text that starts with a newline of its own.
                                had = next(self.pre_newlines, False)
                                if had or (text or "").startswith("\n"):
                                    append("\n")
                            if text:
                                append(escape_text(text, nbsp=nbsp) if special(text) else text)
                            stack.append((current, info))
                            if len(current):
                                stack.extend(reversed(current))
                            continue
            tail = current.tail
            if tail and (current is not node or not self._in_raw_text(node)):
                append(escape_text(tail, nbsp=nbsp) if special(tail) else tail)

    @staticmethod
    def _in_raw_text(node: Any) -> bool:
        """Whether ``node``'s tail is part of its parent's raw text (written with it)."""
        parent = node.getparent()
        return parent is not None and not is_foreign(parent) and local_name(parent) in RAW_TEXT_ELEMENTS


def _tail_text(node: Any) -> str:
    return str(node.tail or "")


def generate_html(
    root: Any, *, fragment: bool, doctype: str | None, path: str, nbsp_entities: bool = True, layout: Layout | None = None
) -> str:
    """The page (or, for a fragment, the content of its holder) as HTML text."""
    layout = layout or Layout()
    writer = _Writer(path=path, nbsp=nbsp_entities, layout=layout)
    if fragment:
        writer.text(root.text)
        for child in root:
            writer.node(child)
        return "".join(writer.out)
    if doctype:
        writer.out.append(doctype + "\n")
    for before in reversed(list(root.itersiblings(preceding=True))):
        writer.node(before)
    with _laid_out(root, layout) as moved:
        writer.node(root)
    if moved:
        writer.out.append(layout.after_html)
    for after in root.itersiblings():
        writer.node(after)
    return "".join(writer.out)


@contextmanager
def _laid_out(root: Any, layout: Layout) -> Iterator[bool]:
    """Put the source's whitespace back where the parser dropped or moved it, for the time of one writing.

    Each space goes where the parser ignores it (before ``<head>``) or from where it moves it back
    (after ``</body>``, into the body's end): the text written parses to the same tree.  Yields whether
    the spaces after ``</html>`` are the caller's to write.
    """
    saved = (root.text, root.tail)
    root.tail = None
    if len(root) and root[0].tag == "head" and not root.text and layout.before_head:
        root.text = layout.before_head
    body: Any = root[-1] if len(root) and root[-1].tag == "body" else None
    moved = layout.after_body + layout.after_html
    holder: Any = None
    attr = "text"
    if body is not None and moved and body.tail is None:
        holder, attr = (body[-1], "tail") if len(body) else (body, "text")
    original: str = (getattr(holder, attr) or "") if holder is not None else ""
    shift = holder is not None and original.endswith(moved) and original != ""
    if shift:
        setattr(holder, attr, original[: -len(moved)] or None)
        body.tail = layout.after_body or None
    try:
        yield shift
    finally:
        if shift:
            setattr(holder, attr, original)
            body.tail = None
        root.text, root.tail = saved


@dataclass(frozen=True)
class ElementShape:
    """What the round-trip check compares: an element's namespace, name and attributes."""

    tag: str
    attrs: tuple[tuple[str, str], ...]
    line: int | None


def _shapes(root: Any) -> list[ElementShape]:
    return [
        ElementShape(el.tag, tuple(sorted((str(k), str(v)) for k, v in el.attrib.items())), el.sourceline)
        for el in root.iter()
        if isinstance(el.tag, str)
    ]


def needs_round_trip_check(root: Any) -> bool:
    """Whether the tree holds what writing may not bring back: foreign content (SVG, MathML) or a form in a form."""
    for el in root.iter(etree.Element):  # elements only: no comments or processing instructions
        tag = el.tag
        if tag[:1] == "{":  # foreign (is_foreign)
            return True
        if tag == "form" and any(a.tag == "form" for a in el.iterancestors()):
            return True
    return False


def verify_round_trip(root: Any, text: str, *, fragment: bool, path: str) -> None:
    """Refuse ``text`` unless parsing it gives back the elements of ``root`` in order, with their attributes."""
    try:
        again = parse_fragment(text) if fragment else parse_document(text)
    except ParserFailed:
        raise InputError("the page as written back cannot be read again: it cannot be written safely", path=path) from None
    meant, got = _shapes(root), _shapes(again)
    for index, want in enumerate(meant):
        have = got[index] if index < len(got) else None
        if have is None or (want.tag, want.attrs) != (have.tag, have.attrs):
            raise InputError(
                f"<{_name(want.tag.rpartition('}')[2])}> and what follows would read differently in a browser once "
                "written back (nested forms or misplaced SVG/MathML): the page cannot be written safely",
                path=path,
                line=want.line,
            )
    if len(got) > len(meant):
        raise InputError(
            "the page would gain elements in a browser once written back: it cannot be written safely",
            path=path,
            line=None,
        )

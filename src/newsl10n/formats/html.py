"""HTML articles: text → a parsed page with its translatable runs (an HTML5 parse into lxml).

A *run* is a stretch of inline content (text and inline elements) between
block boundaries, or one translatable attribute.  Each run becomes a
:class:`~newsl10n.model.Block` whose inline markup is written as numbered
codes.  The same parse, walked again, is what the writer
(:mod:`newsl10n.formats.html_write`) rebuilds from translations: the
localized page is the source page with its runs replaced, never a page made
from flattened text.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from ..errors import InputError
from ..model import CODE_RE, Block, CodeKind, InlineCode
from .html5_parse import (
    MAX_DEPTH,
    ParserFailed,
    TooDeep,
    line_of,
    parse_document,
    parse_fragment,
    storable,
)
from .html_rules import BLOCK_TAGS, VOID_TAGS, is_skipped, translatable_attributes
from .html_serialize import Layout, attribute_name

_DOCUMENT_MARKERS = re.compile(r"<\s*(!doctype|html|head|body)\b", re.IGNORECASE)
_DOCTYPE = re.compile(r"<!doctype[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class DateSlot:
    """A recognised date that the writer renders in the target locale."""

    iso: str


@dataclass(frozen=True)
class LiteralSlot:
    """Source text that happens to look like an inline code."""

    text: str


Slot = Any  # an lxml node, a DateSlot or a LiteralSlot


@dataclass
class Run:
    """A run in the live tree: where its text sits and what its codes stand for."""

    kind: str
    line: int
    text: str
    codes: list[InlineCode]
    slots: dict[int, Slot]
    parent: Any = None  # element holding the run's nodes (None for attributes)
    lead: Any = None  # child whose tail starts the run; None: parent.text
    element: Any = None  # for an attribute run: the element
    attr: str | None = None

    def block(self) -> Block:
        return Block(kind=self.kind, text=self.text, codes=tuple(self.codes), line=self.line)


@dataclass
class ParsedHtml:
    """A parsed page and its runs in document order.  Mutable: the writer edits it."""

    path: str
    root: Any
    fragment: bool
    doctype: str | None
    runs: list[Run] = field(default_factory=list)
    lang: str | None = None
    layout: Layout = field(default_factory=Layout)
    #: Lines past 65,535 (lxml's limit for ``sourceline``), by element.
    big_lines: dict[Any, int] = field(default_factory=dict)
    #: Elements the writer marked as holding fallback text, with its language.
    fallback_langs: dict[Any, str] = field(default_factory=dict)


def copy_parsed(parsed: ParsedHtml) -> ParsedHtml:
    """A copy of a parsed page that the writer may change, the source page left as it is.

    The tree is copied (not parsed again) and each run is pointed at the
    copy's nodes, so one parse serves every target language of a run.
    """
    root = copy.deepcopy(parsed.root)
    for before in reversed(list(parsed.root.itersiblings(preceding=True))):  # comments around <html>: the page's
        root.addprevious(copy.deepcopy(before))
    for after in reversed(list(parsed.root.itersiblings())):
        root.addnext(copy.deepcopy(after))
    twin = dict(zip(parsed.root.iter(), root.iter()))

    def node(value: Any) -> Any:
        return twin[value] if value is not None and not isinstance(value, (DateSlot, LiteralSlot)) else value

    runs = [
        dataclasses.replace(
            run,
            codes=list(run.codes),
            slots={num: node(slot) for num, slot in run.slots.items()},
            parent=node(run.parent),
            lead=node(run.lead),
            element=node(run.element),
        )
        for run in parsed.runs
    ]
    return ParsedHtml(
        parsed.path,
        root,
        parsed.fragment,
        parsed.doctype,
        runs,
        parsed.lang,
        parsed.layout,
        {twin[el]: line for el, line in parsed.big_lines.items() if el in twin},
        {twin[el]: lang for el, lang in parsed.fallback_langs.items() if el in twin},
    )


def parse_html(text: str, *, path: str, line_map: list[int] | None = None) -> ParsedHtml:
    """Parse an article (a whole page or a fragment) as a browser would, and find its runs."""
    if "\x00" in text:
        nul_line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError("contains a NUL byte; not an HTML text file", path=path, line=nul_line)
    fragment = _DOCUMENT_MARKERS.search(text) is None
    doctype_match = _DOCTYPE.search(text)
    try:
        big_lines: dict[Any, int] = {}
        root = parse_fragment(text, lines=big_lines) if fragment else parse_document(text, lines=big_lines)
    except TooDeep as deep:
        line: int | None = deep.line
        if line is not None and line_map and line <= len(line_map):
            line = line_map[line - 1]
        message = f"elements are nested more than {MAX_DEPTH} deep; the page cannot be read whole"
        raise InputError(message, path=path, line=line) from None
    except ParserFailed:
        raise InputError("cannot parse HTML: the HTML5 parser gave up on this markup", path=path) from None
    parsed = ParsedHtml(
        path=path,
        root=root,
        fragment=fragment,
        doctype=storable(doctype_match.group(0)) if doctype_match and not fragment else None,
        layout=Layout.of(text),
        big_lines=big_lines,
    )
    parsed.lang = _declared_lang(root)
    try:
        _Walker(parsed, line_map).walk(root)
    except RecursionError:
        raise InputError("elements are nested too deeply to process", path=path) from None
    return parsed


def _declared_lang(root: Any) -> str | None:
    if root.tag == "html":
        value = root.get("lang") or root.get("xmlU0003Alang")  # xml:lang on an HTML element, as lxml holds it
        if value and value.strip():
            return str(value.strip())
    for meta in root.iter("meta"):
        if (meta.get("http-equiv") or "").lower() == "content-language" and meta.get("content"):
            first = str(meta.get("content")).split(",")[0].strip()
            if first:
                return first
    return None


class _Walker:
    def __init__(self, parsed: ParsedHtml, line_map: list[int] | None) -> None:
        self.parsed = parsed
        self.line_map = line_map
        self.block_holders = self._elements_holding_blocks(parsed.root)

    @staticmethod
    def _elements_holding_blocks(root: Any) -> set[Any]:
        """Inline elements that contain a block element act as blocks themselves."""
        holders: set[Any] = set()
        for el in root.iter(*BLOCK_TAGS):
            parent = el.getparent()
            while parent is not None and parent not in holders:
                holders.add(parent)
                parent = parent.getparent()
        return holders

    def _line(self, node: Any) -> int:
        line = line_of(node, self.parsed.big_lines) or 1
        if self.line_map and 0 < line <= len(self.line_map):
            return self.line_map[line - 1]
        return int(line)

    def walk(self, el: Any) -> None:
        if is_skipped(el):
            return
        self._attribute_runs(el)
        if el.tag in VOID_TAGS:
            return
        holders = self.block_holders
        lead: Any = None
        members: list[Any] = []
        for child in el:
            tag = child.tag
            if isinstance(tag, str) and (tag in BLOCK_TAGS or child in holders):
                if members or ((el.text if lead is None else lead.tail) or "").strip():
                    self._flush(el, lead, members)
                self.walk(child)
                lead, members = child, []
            else:
                members.append(child)
        if members or ((el.text if lead is None else lead.tail) or "").strip():
            self._flush(el, lead, members)

    def _flush(self, parent: Any, lead: Any, members: list[Any]) -> None:
        lead_text = (parent.text if lead is None else lead.tail) or ""
        if not members and not lead_text.strip():
            return
        builder = _RunBuilder()
        escape, node = builder.text, builder.node
        text = escape(lead_text) + "".join([node(m) + escape(m.tail or "") for m in members])
        if (CODE_RE.sub("", text) if "<" in text else text).strip():
            first = members[0] if members and not lead_text.strip() else (lead if lead is not None else parent)
            run = Run(
                kind=parent.tag,
                line=self._line(first),
                text=builder.mark_date_line(text),
                codes=builder.codes,
                slots=builder.slots,
                parent=parent,
                lead=lead,
            )
            self.parsed.runs.append(run)
        for node in builder.inline:
            self._attribute_runs(node)

    def _attribute_runs(self, el: Any) -> None:
        for attr, kind in translatable_attributes(el):
            self._add_attr(el, attr, kind)

    def _add_attr(self, el: Any, attr: str, kind: str) -> None:
        self.parsed.runs.append(
            Run(kind=kind, line=self._line(el), text=el.get(attr), codes=[], slots={}, element=el, attr=attr)
        )


def _inline_elements(node: Any) -> Iterator[Any]:
    """The element itself and the inline elements inside it that are translated."""
    if is_skipped(node):
        return
    yield node
    for child in node:
        yield from _inline_elements(child)


class _RunBuilder:
    """Turns inline nodes into coded text, numbering codes in document order."""

    def __init__(self) -> None:
        self.codes: list[InlineCode] = []
        self.slots: dict[int, Slot] = {}
        #: The inline elements met that are translated (:func:`_inline_elements` of each node), in order.
        self.inline: list[Any] = []

    def _add(self, kind: CodeKind, slot: Slot, *, tag: str = "", attrs: Any = (), value: str = "") -> int:
        num = len(self.codes) + 1
        self.codes.append(InlineCode(id=num, kind=kind, tag=tag, attrs=tuple(attrs), value=value))
        self.slots[num] = slot
        return num

    def text(self, text: str) -> str:
        """Escape source text that would read as a code by making it a code itself."""
        if "<" not in text or not CODE_RE.search(text):
            return text
        out: list[str] = []
        pos = 0
        for m in CODE_RE.finditer(text):
            out.append(text[pos : m.start()])
            num = self._add(CodeKind.LITERAL, LiteralSlot(m.group(0)), value=m.group(0))
            out.append(f"<{num}/>")
            pos = m.end()
        out.append(text[pos:])
        return "".join(out)

    def node(self, node: Any) -> str:
        tag = node.tag
        if not isinstance(tag, str):
            label = "an HTML comment" if tag is etree.Comment else "a processing instruction"
            return f"<{self._add(CodeKind.OPAQUE, node, value=label)}/>"
        items = node.items()
        attrs = sorted([(attribute_name(k), v) for k, v in items]) if items else ()
        local = tag if tag[0] != "{" else tag[tag.index("}") + 1 :]
        if is_skipped(node):
            return f"<{self._add(CodeKind.OPAQUE, node, tag=local, attrs=attrs)}/>"
        inline = self.inline
        inline.append(node)
        if tag == "time" and node.get("datetime"):
            for child in node:
                inline.extend(_inline_elements(child))
            return f"<{self._add(CodeKind.OPAQUE, node, tag=local, attrs=attrs)}/>"
        if tag in VOID_TAGS or (not node.text and len(node) == 0):
            for child in node:
                inline.extend(_inline_elements(child))
            return f"<{self._add(CodeKind.EMPTY, node, tag=local, attrs=attrs)}/>"
        num = self._add(CodeKind.PAIRED, node, tag=local, attrs=attrs)
        inner = self.text(node.text or "") + "".join(self.node(c) + self.text(c.tail or "") for c in node)
        return f"<{num}>{inner}</{num}>"

    def mark_date_line(self, text: str) -> str:
        """A publication-date line gets its date as a code, rendered per locale."""
        if self.codes or len(text) > 200:
            return text
        from ..localize import find_date_line

        found = find_date_line(text)
        if found is None:
            return text
        num = self._add(CodeKind.DATE, DateSlot(found.date.isoformat()), value=found.date.isoformat())
        return f"{text[: found.start]}<{num}/>{text[found.end :]}"

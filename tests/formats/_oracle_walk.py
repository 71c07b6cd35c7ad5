"""The walk of the HTML reader as it was before it was made faster (``test_fast_reader.py`` compares runs).

A copy kept as it was, with the translatability rules it called then.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lxml import etree

from newsl10n.formats.html import DateSlot, LiteralSlot, ParsedHtml, Run, Slot
from newsl10n.formats.html5_parse import line_of, local_name
from newsl10n.formats.html_rules import BLOCK_TAGS, META_CONTENT, SKIP_TAGS, TRANSLATABLE_ATTRS, VOID_TAGS
from newsl10n.formats.html_serialize import attribute_name
from newsl10n.model import CODE_RE, CodeKind, InlineCode


def oracle_runs(parsed: ParsedHtml, line_map: list[int] | None = None) -> list[Run]:
    """The runs the old walk finds in ``parsed``'s tree (``parsed.runs`` is left alone)."""
    twin = ParsedHtml(parsed.path, parsed.root, parsed.fragment, parsed.doctype, big_lines=parsed.big_lines)
    _Walker(twin, line_map).walk(parsed.root)
    return twin.runs


def is_skipped(node: Any) -> bool:
    """Never translated, with everything inside: comments, :data:`SKIP_TAGS`, foreign (SVG, MathML) elements,
    ``translate="no"``, ``.notranslate``."""
    if not isinstance(node.tag, str) or node.tag.startswith("{"):
        return True
    if node.tag.lower() in SKIP_TAGS:
        return True
    if (node.get("translate") or "").strip().lower() == "no":
        return True
    return "notranslate" in (node.get("class") or "").split()


def translatable_attributes(el: Any) -> Iterator[tuple[str, str]]:
    """``(attribute, kind)`` for each translatable, non-blank attribute of ``el`` (itself not skipped)."""
    if el.tag == "meta":
        for (attr, value), kind in META_CONTENT.items():
            if (el.get(attr) or "").lower() == value and (el.get("content") or "").strip():
                yield "content", kind
        return
    for attr in TRANSLATABLE_ATTRS:
        value = el.get(attr)
        if value is not None and value.strip():
            yield attr, f"{el.tag} {attr}"



class _Walker:
    def __init__(self, parsed: ParsedHtml, line_map: list[int] | None) -> None:
        self.parsed = parsed
        self.line_map = line_map
        self.block_holders = self._elements_holding_blocks(parsed.root)

    @staticmethod
    def _elements_holding_blocks(root: Any) -> set[Any]:
        """Inline elements that contain a block element act as blocks themselves."""
        holders: set[Any] = set()
        for el in root.iter():
            if isinstance(el.tag, str) and el.tag in BLOCK_TAGS:
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

    def is_block(self, node: Any) -> bool:
        if not isinstance(node.tag, str):
            return False
        return node.tag in BLOCK_TAGS or node in self.block_holders

    def walk(self, el: Any) -> None:
        if is_skipped(el):
            return
        self._attribute_runs(el)
        if el.tag in VOID_TAGS:
            return
        lead: Any = None
        members: list[Any] = []
        for child in el:
            if self.is_block(child):
                self._flush(el, lead, members)
                self.walk(child)
                lead, members = child, []
            else:
                members.append(child)
        self._flush(el, lead, members)

    def _flush(self, parent: Any, lead: Any, members: list[Any]) -> None:
        lead_text = (parent.text if lead is None else lead.tail) or ""
        if not members and not lead_text.strip():
            return
        builder = _RunBuilder()
        text = builder.text(lead_text) + "".join(builder.node(m) + builder.text(m.tail or "") for m in members)
        if CODE_RE.sub("", text).strip():
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
        for m in members:
            for node in _inline_elements(m):
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
        if not isinstance(node.tag, str):
            label = "an HTML comment" if node.tag is etree.Comment else "a processing instruction"
            return f"<{self._add(CodeKind.OPAQUE, node, value=label)}/>"
        attrs = sorted((attribute_name(str(k)), str(v)) for k, v in node.attrib.items())
        tag = local_name(node)
        if is_skipped(node) or (node.tag == "time" and node.get("datetime")):
            return f"<{self._add(CodeKind.OPAQUE, node, tag=tag, attrs=attrs)}/>"
        if node.tag in VOID_TAGS or (not (node.text or "") and len(node) == 0):
            return f"<{self._add(CodeKind.EMPTY, node, tag=tag, attrs=attrs)}/>"
        num = self._add(CodeKind.PAIRED, node, tag=tag, attrs=attrs)
        inner = self.text(node.text or "") + "".join(self.node(c) + self.text(c.tail or "") for c in node)
        return f"<{num}>{inner}</{num}>"

    def mark_date_line(self, text: str) -> str:
        """A publication-date line gets its date as a code, rendered per locale."""
        if self.codes or len(text) > 200:
            return text
        from newsl10n.localize import find_date_line

        found = find_date_line(text)
        if found is None:
            return text
        num = self._add(CodeKind.DATE, DateSlot(found.date.isoformat()), value=found.date.isoformat())
        return f"{text[: found.start]}<{num}/>{text[found.end :]}"

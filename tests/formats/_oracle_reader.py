"""The reference implementations the fast HTML reader is checked against (``test_fast_reader.py``).

Copies of the code the reader ran before it was made faster, kept as they were: the start-tag
scan of ``html5_lines`` (one regular expression per step) and the element-by-element copy of
``html5_parse`` (every string made storable again, every text read back before it is set).
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from newsl10n.formats.html5_parse import HTML_NS, MAX_DEPTH, MAX_SOURCELINE, TooDeep, line_of, storable, xml_name

_MADE_UP = frozenset(
    "html head body tbody tr colgroup p br a b big code em font i nobr s small strike strong tt u".split()
)
_TEXT_ONLY = frozenset("script style xmp iframe noembed noframes noscript textarea title".split())
_LOOKAHEAD = 64
_ONCE = frozenset({"html", "head", "body"})

_MARKUP = re.compile(r"<(?:(!--)|([A-Za-z])|!|/|\?)")
_TAG_NAME = re.compile(r"[^\t\n\f\r />]*")
_ATTRIBUTES = re.compile(r"""(?:[^>"'=]++|=[\t\n\f\r ]*+(?:"[^"]*+"?|'[^']*+'?)?|["'])*+>?""")
_COMMENT_END = re.compile(r"--!?>")
_END_TAG = re.compile(r"[A-Za-z]")


class OracleScanner:
    """Start tags of ``text`` in order, with the line of each ``<``."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        self.line_pos = 0
        self.in_foreign = False

    def line_at(self, pos: int) -> int:
        self.line += self.text.count("\n", self.line_pos, pos)
        self.line_pos = pos
        return self.line

    def next_tag(self) -> tuple[str, int] | None:
        text = self.text
        while True:
            m = _MARKUP.search(text, self.pos)
            if m is None:
                self.pos = len(text)
                return None
            start = m.start()
            after = m.end()
            if m.group(1):  # <!-- … -->, also <!--> and <!--->
                if text.startswith(">", after):
                    self.pos = after + 1
                elif text.startswith("->", after):
                    self.pos = after + 2
                else:
                    end = _COMMENT_END.search(text, after)
                    self.pos = end.end() if end else len(text)
                continue
            if m.group(2):
                name = _TAG_NAME.match(text, start + 1)
                assert name is not None
                attrs = _ATTRIBUTES.match(text, name.end())
                self.pos = attrs.end() if attrs else name.end()
                return name.group(0).lower(), self.line_at(start)
            kind = text[start + 1]
            if kind == "/" and _END_TAG.match(text, after):
                name = _TAG_NAME.match(text, after)
                assert name is not None
                attrs = _ATTRIBUTES.match(text, name.end())
                self.pos = attrs.end() if attrs else name.end()
                continue
            if kind == "!" and self.in_foreign and text.startswith("[CDATA[", after):
                cdata_end = text.find("]]>", after)
                self.pos = cdata_end + 3 if cdata_end >= 0 else len(text)
                continue
            close = text.find(">", after)  # a doctype, a bogus comment, </>
            self.pos = close + 1 if close >= 0 else len(text)

    def skip_text_of(self, name: str) -> None:
        """Move past the text of a ``<script>``-like element, to its end tag."""
        end = re.compile(rf"</{name}[\t\n\f\r />]", re.IGNORECASE).search(self.text + " ", self.pos)
        self.pos = end.start() if end else len(self.text)


def oracle_start_tag_lines(text: str, names: list[str], foreign: list[bool]) -> list[int]:
    """For each element in document order (its lower-case name, whether it is SVG/MathML): the line of
    its start tag in ``text``, or 0 for an element made up by the parser."""
    lines = [0] * len(names)
    scanner = OracleScanner(text)
    made = 0
    count = len(names)
    left_over: dict[str, list[int]] = {}
    while True:
        tag = scanner.next_tag()
        if tag is None:
            break
        name, line = tag
        wanted = "img" if name == "image" else name
        limit = min(count, made + _LOOKAHEAD)
        at = made
        while at < limit and names[at] != wanted and names[at] in _MADE_UP:
            at += 1
        if at < limit and names[at] == wanted:
            lines[at] = line
            made = at + 1
            scanner.in_foreign = foreign[at]
        else:
            left_over.setdefault(wanted, []).append(line)
        if scanner.in_foreign:
            continue
        if name == "plaintext":
            break
        if name in _TEXT_ONLY:
            scanner.skip_text_of(name)
    if left_over:
        _pair_left_over(names, lines, left_over)
    return lines


def _pair_left_over(names: list[str], lines: list[int], left_over: dict[str, list[int]]) -> None:
    waiting: dict[str, list[int]] = {}
    for index, name in enumerate(names):
        if not lines[index] and name in left_over and name not in _ONCE:
            waiting.setdefault(name, []).append(index)
    for name, indexes in waiting.items():
        for index, line in zip(indexes, left_over[name]):
            lines[index] = line


# --- the element-by-element copy as it was (main before the reader was made faster) ---------------------------

def _oracle_comment(data: str) -> str:
    data = storable(data)
    while "--" in data:
        data = data.replace("--", "- -")
    return data + " " if data.endswith("-") else data


class _OracleCopier:
    def __init__(self, lines: dict[Any, int]) -> None:
        from markupever import _rustlib

        self.rust = _rustlib
        self.big_lines = lines
        self.made: list[Any] = []
        self.names: list[str] = []
        self.foreign: list[bool] = []
        self.too_deep: Any = None

    def element(self, node: Any, parent: Any, ancestors: int) -> Any:
        name = node.name
        local = xml_name(name.local)
        html = name.ns == HTML_NS
        tag = local if html else f"{{{name.ns}}}{local}"
        attrib = {
            (f"{{{key.ns}}}{xml_name(key.local)}" if key.ns else xml_name(key.local)): storable(value)
            for key, value in node.attrs.items()
        }
        el = etree.Element(tag, attrib) if parent is None else etree.SubElement(parent, tag, attrib)
        self.made.append(el)
        self.names.append(name.local.lower())
        self.foreign.append(not html)
        if ancestors > MAX_DEPTH:
            self.too_deep = el
            raise _OracleStop
        return el

    def children(self, node: Any, into: Any, ancestors: int) -> None:
        rust = self.rust
        stack: list[tuple[Any, Any, int, Any]] = [(node.first_child(), into, ancestors, None)]
        while stack:
            child, parent, level, last = stack.pop()
            while child is not None:
                if isinstance(child, rust.Text):
                    content = storable(child.content)
                    if last is None:
                        parent.text = (parent.text or "") + content
                    else:
                        last.tail = (last.tail or "") + content
                elif isinstance(child, rust.Element):
                    last = self.element(child, parent, level + 1)
                    first = child.first_child()
                    if first is not None:
                        stack.append((child.next_sibling(), parent, level, last))
                        stack.append((first, last, level + 1, None))
                        break
                elif isinstance(child, rust.Comment):
                    last = etree.Comment(_oracle_comment(child.content))
                    parent.append(last)
                child = child.next_sibling()

    def number(self, text: str) -> None:
        for el, line in zip(self.made, oracle_start_tag_lines(text, self.names, self.foreign)):
            if not line:
                continue
            if line < MAX_SOURCELINE:
                el.sourceline = line
            else:
                el.sourceline = MAX_SOURCELINE
                self.big_lines[el] = line
        if self.too_deep is not None:
            raise TooDeep(line_of(self.too_deep, self.big_lines))


class _OracleStop(Exception):
    pass


def _oracle_dom(text: str, *, fragment: bool) -> Any:
    import markupever

    options = markupever.HtmlOptions(fragment_context="div") if fragment else markupever.HtmlOptions()
    parser = markupever.Parser(options)
    parser.process(text)
    return parser.finish().into_dom()


def oracle_parse_document(text: str, *, lines: dict[Any, int]) -> Any:
    text = storable(text)
    dom = _oracle_dom(text, fragment=False)
    copier = _OracleCopier(lines)
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
                (before if root is None else after).append(etree.Comment(_oracle_comment(node.content)))
            node = node.next_sibling()
    except _OracleStop:
        pass
    copier.number(text)
    if root is None:
        root = etree.Element("html")
    for comment in before:
        root.addprevious(comment)
    for comment in reversed(after):
        root.addnext(comment)
    return root


def oracle_parse_fragment(text: str, *, lines: dict[Any, int]) -> Any:
    text = storable(text)
    dom = _oracle_dom(text, fragment=True)
    copier = _OracleCopier(lines)
    holder = etree.Element("div")
    try:
        copier.children(dom._raw.root(), holder, 0)
    except _OracleStop:
        pass
    copier.number(text)
    return holder

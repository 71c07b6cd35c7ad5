"""The reference implementations the fast HTML reader is checked against (``test_fast_reader.py``).

Copies of the code the reader ran before it was made faster, kept as they were: the start-tag
scan of ``html5_lines`` (one regular expression per step) and the element-by-element copy of
``html5_parse`` (every string made storable again).
"""

from __future__ import annotations

import re

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

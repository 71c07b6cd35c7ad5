"""The line of each element's start tag: html5ever's tree has no source positions, so they are found here.

Elements sit in the tree (in document order) mostly in the order the parser read
their start tags, plus a few it makes up (an implied ``<html>``, ``<head>``, ``<body>``,
``<tbody>``, ``<tr>``, ``<colgroup>``, a ``<p>`` or ``<br>`` for a stray end tag, a
formatting element such as ``<b>`` reopened or cloned); a start tag it ignores (a
second ``<body>``, a ``<tr>`` outside a table) makes none.  :func:`start_tag_lines`
scans the text for start tags as the tokenizer reads them (comments, bogus
comments, end tags and quoted attribute values skipped; the text of ``<script>``,
``<style>``, ``<textarea>``… skipped unless the element is SVG/MathML) and pairs them
with the elements in order, passing over made-up elements.  An element the
parser moved ahead of where its tag was read (content "foster-parented" out of a
``<table>``) is paired afterwards, with the start tags left over of its name (when the table
holds the same inline tag too, such a moved element may take that one's line).

Only the lines depend on this scan, never the tree: on ordinary pages every
line is exact; on hostile markup that the scan reads otherwise than the
tokenizer (a ``<![CDATA[`` section, a script's escaped ``<!--<script>`` text) a line
may be wrong or missing, nothing else.  (html5ever's own list of the elements in
the order made is quadratic to walk in markupever 0.4: 1.2 s for a 1 MB page.)
"""

from __future__ import annotations

import re

#: Elements the parser makes without a start tag of their own.
_MADE_UP = frozenset(
    "html head body tbody tr colgroup p br a b big code em font i nobr s small strike strong tt u".split()
)
#: HTML elements whose text the tokenizer reads up to their own end tag (scripting on: noscript too).
_TEXT_ONLY = frozenset("script style xmp iframe noembed noframes noscript textarea title".split())
#: The end tag of each of :data:`_TEXT_ONLY` (also at the very end of the text, unfinished).
_TEXT_END = {name: re.compile(rf"</{name}(?:[\t\n\f\r />]|\Z)", re.IGNORECASE) for name in _TEXT_ONLY}
#: How many made-up elements in a row the pairing passes over before it calls a start tag ignored.
_LOOKAHEAD = 64

_ATTRIBUTES = r"""(?:[^>"'=]++|=[\t\n\f\r ]*+(?:"[^"]*+"?|'[^']*+'?)?|["'])*+>?"""
#: What the tokenizer passes over between start tags: text, a comment (``<!-->`` and ``<!--->`` too,
#: or up to the end when it is never closed), an end tag with its attributes, a doctype, a bogus comment
#: (``<!…>``, ``</…>``, ``<?…>``) and a ``<`` that starts nothing; in SVG/MathML also a CDATA section.
_BETWEEN = (
    r"(?:[^<]++"
    r"|<!--(?:>|->|(?:[^-]++|-(?!-!?>))*+(?:--!?>)?)"
    r"|</[A-Za-z][^\t\n\f\r />]*+" + _ATTRIBUTES + "{cdata}"
    r"|<[!/?][^>]*+>?"
    r"|<(?![A-Za-z!/?])"
    r")*+"
)
_CDATA = r"|<!\[CDATA\[(?:[^\]]++|\](?!\]>))*+(?:\]\]>)?"
#: From a position, everything up to the end of the next start tag; group 1 is its name.
_NEXT_TAG = re.compile(_BETWEEN.format(cdata="") + r"<([A-Za-z][^\t\n\f\r />]*+)" + _ATTRIBUTES)
_NEXT_TAG_FOREIGN = re.compile(_BETWEEN.format(cdata=_CDATA) + r"<([A-Za-z][^\t\n\f\r />]*+)" + _ATTRIBUTES)


def start_tag_lines(text: str, names: list[str], foreign: list[bool]) -> list[int]:
    """For each element in document order (its lower-case name, whether it is SVG/MathML): the line of
    its start tag in ``text``, or 0 for an element made up by the parser."""
    lines = [0] * len(names)
    made = 0
    count = len(names)
    left_over: dict[str, list[int]] = {}
    pos = 0  # where the scan goes on: one match of _NEXT_TAG reads up to the end of the next start tag
    line, line_pos = 1, 0  # the line of offset line_pos
    in_foreign = False
    newlines = text.count
    while True:
        m = (_NEXT_TAG_FOREIGN if in_foreign else _NEXT_TAG).match(text, pos)
        if m is None:
            break
        pos = m.end()
        start = m.start(1) - 1
        line += newlines("\n", line_pos, start)
        line_pos = start
        name = m.group(1).lower()
        wanted = "img" if name == "image" else name
        limit = min(count, made + _LOOKAHEAD)
        at = made
        while at < limit and names[at] != wanted and names[at] in _MADE_UP:
            at += 1
        if at < limit and names[at] == wanted:
            lines[at] = line
            made = at + 1
            in_foreign = foreign[at]
        else:
            left_over.setdefault(wanted, []).append(line)
        if in_foreign:
            continue
        if name == "plaintext":
            break
        if name in _TEXT_ONLY:  # its text, up to its end tag, is no markup
            end = _TEXT_END[name].search(text, pos)
            pos = end.start() if end else len(text)
    if left_over:
        _pair_left_over(names, lines, left_over)
    return lines


def _pair_left_over(names: list[str], lines: list[int], left_over: dict[str, list[int]]) -> None:
    """Pair the elements left without a line with the start tags left over, name by name, in order."""
    waiting: dict[str, list[int]] = {}
    for index, name in enumerate(names):
        if not lines[index] and name in left_over and name not in _ONCE:
            waiting.setdefault(name, []).append(index)
    for name, indexes in waiting.items():
        for index, line in zip(indexes, left_over[name]):
            lines[index] = line


#: Made once, first: a later start tag of these names is ignored (its attributes join the element).
_ONCE = frozenset({"html", "head", "body"})

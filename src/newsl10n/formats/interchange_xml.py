"""What the XML interchange formats (XLIFF, TMX) share: the code legend's markup, text and layout.

* :func:`code_markup` reads an entry's legend (``<1> = <a href="/">``) into the
  original markup of each inline code, :func:`end_tag` gives a pair's closing tag;
* :func:`append_text` adds text at the end of an element's content;
* :func:`indent` lays out structural elements one per line without ever
  touching the text of an element with mixed content (a ``<seg>`` or a
  ``<source>`` whose last child is a code).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import TYPE_CHECKING

from ..catalog_model import Entry

if TYPE_CHECKING:
    from lxml import etree

_LEGEND = re.compile(r"^<(\d+)/?> = (.*)$")
_TAG = re.compile(r"^<([A-Za-z][A-Za-z0-9:-]*)")
#: Characters XML 1.0 cannot hold as text.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def code_markup(entry: Entry) -> dict[int, str]:
    """Code number → what the legend says it stands for (``<a href="/">``, ``<br>``, ``date 2024-03-04 …``)."""
    out: dict[int, str] = {}
    for line in entry.legend:
        m = _LEGEND.match(line)
        if m:
            out.setdefault(int(m.group(1)), m.group(2))
    return out


def end_tag(start: str) -> str:
    """``</a>`` for ``<a href="/">``; empty when ``start`` is not a tag."""
    m = _TAG.match(start)
    return f"</{m.group(1)}>" if m else ""


def append_text(parent: etree._Element, text: str) -> None:
    """Add ``text`` after everything ``parent`` holds so far."""
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def indent(el: etree._Element, structural: Collection[str], level: int = 0) -> None:
    """Line breaks and one-space indentation between the ``structural`` elements only."""
    if el.tag not in structural or not len(el):
        return
    el.text = "\n" + " " * (level + 1)
    for child in el:
        indent(child, structural, level + 1)
        child.tail = "\n" + " " * (level + 1)
    el[-1].tail = "\n" + " " * level

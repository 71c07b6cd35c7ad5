"""Comparing built pages with their sources, the fallback marks of build aside.

A sentence left in the source language is marked with ``lang`` (and ``dir``) on its
block, or wrapped in ``<span lang=…>`` (issue #11): tests that compare a page's
elements with its source's drop those marks on both sides first.
"""

from __future__ import annotations

from typing import Any

_MARKS = ("lang", "dir")


def unmark_fallbacks(root: Any) -> Any:
    """``root`` (changed in place) without ``lang``/``dir`` below ``<html>`` and without spans that held only those."""
    spans = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag == "html":
            continue
        marked = any(a in el.attrib for a in _MARKS)
        for a in _MARKS:
            el.attrib.pop(a, None)
        if marked and el.tag == "span" and not el.attrib:
            spans.append(el)
    for span in reversed(spans):
        _unwrap(span)
    return root


def _unwrap(el: Any) -> None:
    parent = el.getparent()
    index = parent.index(el)
    previous = parent[index - 1] if index else None

    def append_text(text: str | None) -> None:
        nonlocal previous
        if not text:
            return
        if previous is None:
            parent.text = (parent.text or "") + text
        else:
            previous.tail = (previous.tail or "") + text

    append_text(el.text)
    tail = el.tail
    children = list(el)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    previous = children[-1] if children else previous
    parent.remove(el)
    append_text(tail)

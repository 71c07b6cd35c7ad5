"""Helpers for the Markdown tests: a document's block structure, and a fake translation that keeps codes."""

from __future__ import annotations

import re

from newsl10n.formats.frontmatter import find_front_matter
from newsl10n.formats.markdown import md_parser
from newsl10n.formats.templates import mask_templates
from newsl10n.model import CODE_RE

_IGNORED = frozenset({"text", "softbreak", "text_special"})


def block_shape(text: str) -> list[tuple[object, ...]]:
    """The token structure markdown-it-py reads: blocks with their markers, inline codes in order, no text."""
    fm = find_front_matter(text)
    body = text[fm.end :] if fm is not None else text
    shape: list[tuple[object, ...]] = []
    for tok in md_parser().parse(mask_templates(body)):
        if tok.type == "inline":
            kids = [c for c in tok.children or [] if c.type not in _IGNORED]
            shape.append(("inline", tuple((c.type, c.markup, c.attrGet("href") or c.attrGet("src")) for c in kids)))
        else:
            shape.append((tok.type, tok.tag, tok.markup, tok.info))
    return shape


def shout(coded: str, change: str) -> str:
    """``coded`` with its text changed (``upper``: upper case) and its codes kept in place."""
    assert change == "upper"
    return re.sub(rf"({CODE_RE.pattern})|([^<]+|<)", lambda m: m.group(1) or m.group(0).upper(), coded)

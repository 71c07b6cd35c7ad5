"""Markdown out: the source text with translated sentences put into their source spans.

Everything not replaced is copied byte for byte: spacing, list markers,
emphasis characters, line breaks, indentation, link definitions, code,
comments, templates.  A translation's codes are written as the source text they
stand for; its text is escaped so it cannot become Markdown, HTML or a
template the source did not have (``*``, ``_``, ``[``, ``<``, ``{{``…; ``|`` in
table cells; a block marker at the start of a line).  A front matter value is
written back through :func:`newsl10n.formats.frontmatter.set_fields`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import CODE_RE
from .frontmatter import add_key, find_front_matter, set_fields
from .markdown import HtmlBlock, MarkdownDoc, Unit

if TYPE_CHECKING:
    from markdown_it.token import Token

__all__ = ["Replacement", "generate_markdown", "render_html"]

# Braces always, and a % next to one: Liquid and Hugo read {{ and {% before Markdown does, so no two of
# these characters may stand side by side (a backslash between them breaks the pair for both).
_ESCAPE = re.compile(r"[\\`*_\[\]<>~{}]|&(?=#?\w+;)|(?<=\{)%|%(?=\})")
_TEMPLATE_PAIR = re.compile(r"([{%<])(?=[{%])|([}%>])(?=\})")
_ESCAPE_CELL = re.compile(_ESCAPE.pattern + r"|\|")
_ORDERED = re.compile(r"(\d{1,9})([.)])")


@dataclass(frozen=True)
class Replacement:
    """Put ``text`` (coded, as in a msgstr) in place of ``unit``'s block text ``[start, end)``."""

    unit: int
    start: int
    end: int
    text: str


def _escape(text: str, *, cell: bool, line_start: bool) -> str:
    text = " ".join(text.splitlines()) if "\n" in text or "\r" in text else text
    out = (_ESCAPE_CELL if cell else _ESCAPE).sub(lambda m: "\\" + m.group(), text)
    if line_start:
        out = out.lstrip(" \t")
        if m := _ORDERED.match(out):
            out = m.group(1) + "\\" + m.group(2) + out[m.end() :]
        elif out[:1] in ("#", "+", "-", "="):
            out = "\\" + out
    return out


def _render(unit: Unit, coded: str, line_start: bool, source: _Edited) -> str:
    out: list[str] = []
    at = 0
    cell = unit.style == "cell"
    for m in CODE_RE.finditer(coded):
        if m.start() > at:
            out.append(_escape(coded[at : m.start()], cell=cell, line_start=line_start))
            line_start = False
        code = unit.code_text[int(m.group(2)) - 1]
        if m.group(1):
            src = code.close_text if code.close_text is not None else source.span(code.close_start, code.close_end)
        else:
            src = source.span(code.start, code.end)
        out.append(src)
        line_start = "\n" in src or line_start and not src
        at = m.end()
    if at < len(coded):
        out.append(_escape(coded[at:], cell=cell, line_start=line_start))
    return "".join(out)


def _param(text: str) -> str:
    """A template parameter's value: one line, quotes escaped, and no ``{{``, ``{%``, ``%}``, ``}}`` or ``>}}``
    (a zero-width space between the two characters) that would end the tag or start another."""
    flat = " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"')
    return _TEMPLATE_PAIR.sub(lambda m: m.group() + "\u200b", flat)


@dataclass
class _Edited:
    """The source with the edits made so far, read by span (a code holding an edited image alt or parameter)."""

    text: str
    edits: list[tuple[int, int, str]]

    def span(self, start: int, end: int) -> str:
        inner = sorted((e for e in self.edits if start <= e[0] and e[1] <= end), reverse=True)
        out = self.text[start:end]
        for a, b, new in inner:
            out = out[: a - start] + new + out[b - start :]
        return out


def generate_markdown(
    doc: MarkdownDoc,
    replacements: Sequence[Replacement],
    *,
    lang: str | None = None,
    add_lang: bool = False,
    html_blocks: Sequence[tuple[HtmlBlock, str]] = (),
) -> str:
    """The article with ``replacements`` made, and the front matter's language key set to ``lang``.

    ``add_lang``: a front matter without a language key gets ``lang:``.  ``html_blocks``: HTML
    blocks and the HTML (written by the HTML writer) that takes their place.
    """
    edits: list[tuple[int, int, str]] = [(block.start, block.end, html) for block, html in html_blocks]
    values: dict[tuple[str | int, ...], str] = {}
    by_unit: dict[int, list[Replacement]] = {}
    for r in replacements:
        by_unit.setdefault(r.unit, []).append(r)
    source = _Edited(doc.text, edits)

    def outer(k: int) -> bool:  # image alt texts and template parameters sit inside other units' codes
        return doc.units[k].style not in ("param", "front-matter") and doc.units[k].block.kind != "alt"

    for index in sorted(by_unit, key=outer):
        reps, unit = by_unit[index], doc.units[index]
        if unit.style == "front-matter":
            value = unit.block.text
            for r in sorted(reps, key=lambda r: r.start, reverse=True):
                value = value[: r.start] + CODE_RE.sub("", r.text) + value[r.end :]
            values[unit.path] = value
            continue
        for r in reps:
            start, end = unit.offsets[r.start], unit.offsets[r.end]
            if unit.style == "param":
                edits.append((start, end, _param(r.text)))
            else:
                edits.append((start, end, _render(unit, r.text, start in unit.line_starts, source)))
    text = doc.text
    pieces, at = [], 0
    for start, end, new in sorted(edits, key=lambda e: (e[0], -e[1])):
        if start < at:  # inside an edit already made (an alt or a parameter in a translated sentence)
            continue
        pieces += [text[at:start], new]
        at = end
    text = "".join(pieces) + text[at:]
    if lang is not None:
        for f in doc.lang_fields:
            values[f.path] = lang
    if doc.front_matter is not None and values:
        text = set_fields(text, doc.front_matter, values, path=doc.path)
    if lang is not None and add_lang and not doc.lang_fields:
        text = add_key(text, find_front_matter(text), "lang", lang)
    return text


#: Inline HTML an HTML build keeps as markup: these elements, without attributes (anything else is shown as text).
_SAFE_INLINE = re.compile(
    r"</?(?:strong|em|b|i|u|s|sub|sup|mark|small|abbr|kbd|code|q|cite|dfn|span)>|<br\s*/?>", re.IGNORECASE
)


def _kept_tag(tokens: Sequence[Token], idx: int) -> bool:
    """A safe inline tag; an end tag only when a kept start tag of its element is open before it."""
    tag = tokens[idx].content
    if not _SAFE_INLINE.fullmatch(tag):
        return False
    if not tag.startswith("</"):
        return True
    name = tag[2:-1].strip().lower()
    depth = 0
    for tok in tokens[:idx]:
        if tok.type == "html_inline" and _SAFE_INLINE.fullmatch(tok.content):
            other = tok.content.lower()
            depth += (other == f"<{name}>") - (other.startswith("</") and other[2:-1].strip() == name)
    return depth > 0


def render_html(markdown: str, *, lang: str, title: str | None) -> str:
    """A complete HTML page for a (localized) Markdown article.

    Inline emphasis tags written without attributes (``<strong>``, ``<em>``, ``<br>``…) stay markup;
    any other raw HTML is shown as text, never run, and links with unsafe schemes are not made.
    """
    from html import escape

    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    fm = find_front_matter(markdown)
    body = markdown[fm.end :] if fm is not None else markdown
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).use(footnote_plugin)
    md.add_render_rule("html_block", lambda _renderer, tokens, idx, *_: escape(tokens[idx].content, quote=False))
    md.add_render_rule(
        "html_inline",
        lambda _renderer, tokens, idx, *_: (
            tokens[idx].content if _kept_tag(tokens, idx) else escape(tokens[idx].content, quote=False)
        ),
    )
    shown = escape(lang)
    head_title = escape(title or "", quote=False)
    return (
        f'<!DOCTYPE html>\n<html lang="{shown}">\n<head><meta charset="utf-8"><title>{head_title}</title></head>\n'
        f"<body>\n{md.render(body)}</body>\n</html>\n"
    )

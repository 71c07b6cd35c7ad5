"""Plain-text articles as HTML documents, with a source line map.

``plaintext_to_html`` is pure and returns ``(html, line_map)``: a complete HTML5
document (no trailing newline) and, for each ``html.split("\\n")`` line, the
1-based line of the original text it shows.  Blank lines separate paragraphs;
``[text](url)`` links are the only markup.  URLs keep only ``http``, ``https``,
``mailto`` or no scheme; anything else becomes ``#``.  NUL, other C0 controls
and lone surrogates become U+FFFD; vertical tab and form feed become spaces.
"""

from __future__ import annotations

import html as _html
import re
from itertools import groupby

__all__ = ["plaintext_to_html"]

_Out = list[tuple[str, int]]  # (one HTML line, source line number)

_ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
_BAD_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_PT_LINK = re.compile(r'\[([^\[\]\n]+)\]\(((?:[^\s()]|\([^\s()]*\))*)(?:[ \t]+"([^"\n]*)")?\)')


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _clean(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    lines = _BAD_CHARS.sub("\ufffd", text.replace("\x0b", " ").replace("\x0c", " ")).split("\n")
    return lines[:-1] if len(lines) > 1 and lines[-1] == "" else lines


def _detab(line: str) -> str:
    lead = line[: len(line) - len(line.lstrip(" \t"))]
    return lead.expandtabs(4) + line[len(lead) :]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _safe_url(url: str) -> str:
    """Keep http(s)/mailto and scheme-less URLs; anything else becomes '#'."""
    m = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", re.sub(r"[\x00-\x20\x7f]+", "", url))
    return "#" if m and m.group(1).lower() not in _ALLOWED_SCHEMES else url


def _strip_tags(s: str) -> str:
    """Remove tags but keep the newlines inside them (so line counts stay exact)."""
    return re.sub(r"<[^>]*>", lambda m: "\n" * m.group().count("\n"), s)


def _spread(text: str, numbers: list[int]) -> _Out:
    """Pair the lines of ``text`` with their source line numbers."""
    parts = text.split("\n")
    return list(zip(parts, numbers[: len(parts)] + [numbers[-1]] * (len(parts) - len(numbers))))


def _first_line_title(body: _Out, limit: int = 80) -> tuple[str, int]:
    """The first line of visible text (truncated to ``limit``) and its source line."""
    texts = _html.unescape(_strip_tags("\n".join(t for t, _ in body))).split("\n")
    first, no = next(((" ".join(t.split()), n) for t, (_, n) in zip(texts, body) if t.strip()), ("", 1))
    if len(first) <= limit:
        return first, no
    cut, space = first[: limit - 1], first.rfind(" ", 0, limit)  # cut at a word boundary if one is near
    return (cut[:space] if space >= limit // 2 else cut).rstrip() + "\u2026", no


def _document(body: _Out, title: tuple[str, int], lang: str | None, nlines: int) -> tuple[str, list[int]]:
    lang_attr = "" if lang is None else f' lang="{_esc(lang)}"'
    head = f'<head><meta charset="utf-8"><title>{_esc(" ".join(title[0].split()))}</title></head>'
    lines = [("<!DOCTYPE html>", 1), (f"<html{lang_attr}>", 1), (head, title[1]), ("<body>", 1), *body]
    lines += [("</body>", nlines), ("</html>", nlines)]
    return "\n".join(t for t, _ in lines), [n for _, n in lines]


def _plain_inline(line: str) -> str:
    out, pos = [], 0
    for m in _PT_LINK.finditer(line):
        title = "" if m.group(3) is None else f' title="{_esc(m.group(3))}"'
        out += [_esc(line[pos : m.start()]), f'<a href="{_esc(_safe_url(m.group(2)))}"{title}>{_esc(m.group(1))}</a>']
        pos = m.end()
    return "".join(out) + _esc(line[pos:])


def plaintext_to_html(text: str, *, lang: str | None = None) -> tuple[str, list[int]]:
    """Convert a plain-text article to ``(html_document, line_map)``.

    Blank lines separate paragraphs; a first paragraph that is a single line
    under 200 characters without final ``. ! ? : …`` becomes the ``<h1>``
    headline.  ``[text](url)`` links are the only markup.  The title is the
    headline's text whole (so it is the headline's catalog entry, never a cut
    copy of it); without a headline, the first line truncated to 80 characters.
    """
    lines = _clean(text)
    stripped = ((no, line.strip()) for no, line in enumerate(lines, 1))
    paras = [list(group) for filled, group in groupby(stripped, key=lambda pair: pair[1] != "") if filled]
    body: _Out = []
    title: tuple[str, int] | None = None
    for k, para in enumerate(paras):
        core = para[0][1].rstrip("\"'\u201d\u2019\u00bb)]")  # 'He said "go."' ends a sentence too
        headline = k == 0 and len(para) == 1 and len(para[0][1]) < 200 and core[-1:] not in tuple(".!?:\u2026")
        tag = "h1" if headline else "p"
        content = "\n".join(_plain_inline(t) for _, t in para)
        body += _spread(f"<{tag}>{content}</{tag}>", [n for n, _ in para])
        if headline:
            title = " ".join(_html.unescape(_strip_tags(content)).split()), para[0][0]
    return _document(body, title or _first_line_title(body), lang, len(lines))

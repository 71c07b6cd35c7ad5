"""What a browser would run from a page: its elements, event handlers and script URLs (HTML5 parse).

Invariant 5 of DESIGN.md compares these between a source page and every page
built from it: each set of the output is a subset of the source's.  Pages
are read with the same WHATWG parser newsl10n uses (html5ever), scripting on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from newsl10n.errors import InputError
from newsl10n.formats.html import parse_html
from newsl10n.formats.html5_parse import parse_document, parse_fragment
from newsl10n.formats.html_write import apply_runs, serialize
from newsl10n.model import CODE_RE
from newsl10n.stages import build, extract, load_source

_DOCUMENT = re.compile(r"<\s*(!doctype|html|head|body)\b", re.IGNORECASE)
#: Browsers drop ASCII tab and newline anywhere in a URL and leading C0 controls and spaces.
_URL_NOISE = re.compile("[\t\n\r]")
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")


@dataclass(frozen=True)
class Inventory:
    elements: frozenset[str]  # "{namespace}tag" or "tag"
    handlers: frozenset[tuple[str, str]]  # (attribute, value) for on* attributes
    script_urls: frozenset[str]  # attribute values that are javascript:/vbscript:/data: URLs

    def excess_over(self, source: Inventory) -> list[str]:
        """What this page has that ``source`` lacks (empty: the invariant holds)."""
        return (
            [f"element {e}" for e in sorted(self.elements - source.elements)]
            + [f"handler {n}={v!r}" for n, v in sorted(self.handlers - source.handlers)]
            + [f"script URL {u!r}" for u in sorted(self.script_urls - source.script_urls)]
        )


def _added_by_build(el: Any) -> bool:
    """The elements build adds on purpose, which run nothing: the charset declaration and the
    ``<span lang=…>`` around a sentence left in the source language (a fallback)."""
    if el.tag == "meta":
        return list(el.attrib) == ["charset"]
    return el.tag == "span" and bool(el.attrib) and set(el.attrib) <= {"lang", "dir"}


def inventory(html: str) -> Inventory:
    root = parse_document(html) if _DOCUMENT.search(html) else parse_fragment(html)
    elements: set[str] = set()
    handlers: set[tuple[str, str]] = set()
    urls: set[str] = set()
    nodes: list[Any] = [root]
    nodes.extend(root.itersiblings(preceding=True))
    nodes.extend(root.itersiblings())
    for top in nodes:
        for el in top.iter():
            if not isinstance(el.tag, str):
                continue
            if not _added_by_build(el):
                elements.add(el.tag)
            for key, value in el.attrib.items():
                name = str(key).rpartition("}")[2].lower()
                if name.startswith("on"):
                    handlers.add((name, str(value)))
                url = _URL_NOISE.sub("", str(value)).lstrip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                                              "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b"
                                                              "\x1c\x1d\x1e\x1f ").lower()
                if url.startswith(_SCRIPT_SCHEMES):
                    urls.add(url)
    return Inventory(frozenset(elements), frozenset(handlers), frozenset(urls))


HOSTILE_TEXTS = (
    '</style><img src=x onerror=alert(1)>',
    '"><svg/onload=alert(2)>',
    "</textarea><script>alert(3)</script>",
    "<!--<img src=x onerror=alert(4)>-->",
    "]]><iframe src=javascript:alert(5)>",
    "</title></noscript><a href='javascript:alert(6)'>x</a>",
    "&lt;img src=x onerror=alert(7)&gt; &amp;",
    "</xmp></noembed></noframes><img onerror=alert(8) src=x>",
)


def hostile_texts(parsed: Any) -> list[str]:
    """For each run: its codes kept (in order, so the structure is valid), its text replaced by hostile text."""
    out = []
    for index, run in enumerate(parsed.runs):
        payload = HOSTILE_TEXTS[index % len(HOSTILE_TEXTS)]
        codes = CODE_RE.findall(run.text)
        out.append(payload + "".join(f"<{c[0]}{c[1]}{c[2]}>" + payload for c in codes))
    return out


def built_pages(html: str, *, langs: Sequence[str] = ("en", "es")) -> list[str]:
    """The pages newsl10n writes for ``html``: untranslated (engine none) and with hostile text put in
    every run directly by the writer (past the markup guard, as if it had let something through).
    A page that cannot be written safely is refused with an InputError, which is also an answer."""
    pages: list[str] = []
    source = load_source(html.encode("utf-8"), path=PurePath("t.html"), display="t.html", lang="en")
    try:
        ex = extract(source, given_lang=langs[0])
        pages.append(build(source, src_lang=ex.lang, tgt_lang=langs[1], lookup={}).html)
    except InputError:
        pass
    try:
        parsed = parse_html(source.html, path="t.html")
        apply_runs(parsed, hostile_texts(parsed), format_date=lambda iso, lang: iso)
        pages.append(serialize(parsed, nbsp_entities=False))
    except InputError:
        pass
    return pages


"""Interface strings of news pages (page furniture), translated by a fixed table.

Pages leak their CMS's interface text into articles: an English page ends
with ``Дата публикации: 2021.03.04`` and ``>>Перейти к новости``.  Such a
sentence, in whichever language it is written, is looked up in
``data/ui-strings.tsv`` and given the target language's string.

The table is matched on the text with its inline codes removed, and the
codes are put back: codes and punctuation at the edges stay at the edges
(``>><1>Перейти ко всем новостям</1>`` → ``>><1>Ir a todas las noticias</1>``),
an empty code inside the string takes the table's ``{}`` (the date of a
publication-date line).  Navigation (a breadcrumb, a menu: links separated
only by punctuation) is looked up link by link: ``<1>Home</1> / <2>News</2>``
→ ``<1>Inicio</1> / <2>Noticias</2>``; when some links are not interface
strings the sentence goes to the engine and :func:`fix_ui_links` puts the
table's strings into the links that are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .localize import primary_lang
from .model import CODE_RE, check_codes

_PAIR = re.compile(r"<(\d+)>((?:(?!</?\d+/?>).)*?)</\1>", re.DOTALL)  # a pair with no code inside
_WORD = re.compile(r"\w")
_SPACES = re.compile(r"\s+")
_EMPTY = re.compile(r"<\d+/>")
_KEY_EDGES = re.compile(r"^[^\w{}]+|[^\w{}]+$")


@dataclass(frozen=True)
class UiFix:
    """A translation with the interface strings of its links put in, and what was done."""

    text: str
    notes: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def _table() -> tuple[tuple[str, ...], list[dict[str, str]]]:
    text = resources.files("newsl10n").joinpath("data/ui-strings.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    header = tuple(rows[0])
    return header, [dict(zip(header, row)) for row in rows[1:]]


@lru_cache(maxsize=1)
def _index() -> dict[str, dict[str, str]]:
    """Every string in every language (case-folded, spaces collapsed) → its row."""
    _, rows = _table()
    return {_key(value): row for row in rows for value in row.values()}


def _key(text: str) -> str:
    """Spaces collapsed, case folded, punctuation at either end dropped (``>>``, ``:``)."""
    return _KEY_EDGES.sub("", _SPACES.sub(" ", text)).casefold()


def lookup_ui(text: str, tgt_lang: str) -> str | None:
    """The table's string for ``text`` (no codes; ``{}`` for a slot) in ``tgt_lang``, or None."""
    row = _index().get(_key(text))
    if row is None:
        return None
    return row.get(primary_lang(tgt_lang)) or None


def _edges(msgid: str) -> tuple[str, str, str]:
    """(lead, core, tail): lead and tail are everything before the first and after the last word character."""
    first = _first_word(msgid)
    if first is None:
        return msgid, "", ""
    last = _last_word(msgid)
    return msgid[:first], msgid[first:last], msgid[last:]


def _first_word(text: str) -> int | None:
    pos = 0
    while pos < len(text):
        code = CODE_RE.match(text, pos)
        if code is not None:
            pos = code.end()
        elif _WORD.match(text, pos):
            return pos
        else:
            pos += 1
    return None


def _last_word(text: str) -> int:
    """The end of the last word character outside codes (``text`` has one)."""
    masked = CODE_RE.sub(lambda m: "\0" * len(m.group(0)), text)
    for index in range(len(masked) - 1, -1, -1):
        if masked[index] != "\0" and _WORD.match(masked, index):
            return index + 1
    return 0


def translate_ui(msgid: str, tgt_lang: str) -> str | None:
    """The target-language string for an interface sentence, or None if ``msgid`` is not one."""
    whole = _translate_whole(msgid, tgt_lang)
    if whole is not None:
        return whole
    return _translate_navigation(msgid, tgt_lang)


def _translate_whole(msgid: str, tgt_lang: str) -> str | None:
    """The table matched on the text without codes (empty codes are its ``{}``), the codes put back.

    Each stretch between two empty codes keeps its own leading and trailing
    punctuation and codes around the table's words for it.
    """
    parts = _EMPTY.split(msgid)
    slots = _EMPTY.findall(msgid)
    found = lookup_ui("{}".join(CODE_RE.sub("", p) for p in parts), tgt_lang)
    if found is None or found.count("{}") != len(slots):
        return None
    out: list[str] = []
    for source, target in zip(parts, found.split("{}")):
        lead, core, tail = _edges(source)
        if CODE_RE.search(core):
            return None  # a pair inside the words: where its text goes is not known
        words = _edges(target)[1]
        if bool(core) != bool(words):
            return None
        out.append(lead + words + tail)
    text = "".join(p + s for p, s in zip(out, [*slots, ""]))
    return text if check_codes(msgid, text).ok else None


def is_navigation(msgid: str) -> bool:
    """Links (pairs without codes inside) separated only by punctuation, spaces and empty codes."""
    pairs = list(_PAIR.finditer(msgid))
    if not pairs:
        return False
    rest = _PAIR.sub(" ", msgid)
    return _WORD.search(CODE_RE.sub(" ", rest)) is None and all(_WORD.search(p.group(2)) for p in pairs)


def _translate_navigation(msgid: str, tgt_lang: str) -> str | None:
    if not is_navigation(msgid):
        return None
    done: list[bool] = []

    def link(m: re.Match[str]) -> str:
        found = _translate_link(m.group(2), tgt_lang)
        done.append(found is not None)
        return m.group(0) if found is None else f"<{m.group(1)}>{found}</{m.group(1)}>"

    out = _PAIR.sub(link, msgid)
    return out if all(done) and check_codes(msgid, out).ok else None


def _translate_link(inner: str, tgt_lang: str) -> str | None:
    lead, core, tail = _edges(inner)
    found = lookup_ui(core, tgt_lang) if core and not CODE_RE.search(core) else None
    return None if found is None or "{}" in found else lead + _edges(found)[1] + tail


def fix_ui_links(msgid: str, text: str, tgt_lang: str) -> UiFix:
    """In an engine's translation of navigation, the table's strings for the links that are interface strings.

    ``<1>Home</1> / <2>News</2> / <3>UPM delegation visit</3>`` translated
    as ``<1>En casa</1> / …`` becomes ``<1>Inicio</1> / …``.  Anything that
    is not navigation is returned unchanged.
    """
    if not is_navigation(msgid):
        return UiFix(text)
    wanted: dict[str, tuple[str, str]] = {}
    for m in _PAIR.finditer(msgid):
        found = _translate_link(m.group(2), tgt_lang)
        if found is not None:
            wanted[m.group(1)] = (m.group(2), found)
    notes: list[str] = []

    def link(m: re.Match[str]) -> str:
        if m.group(1) not in wanted or m.group(2) == wanted[m.group(1)][1]:
            return m.group(0)
        source, found = wanted[m.group(1)]
        notes.append(f"interface string {source.strip()} → {found.strip()}, replacing {m.group(2).strip()!r}")
        return f"<{m.group(1)}>{found}</{m.group(1)}>"

    return UiFix(_PAIR.sub(link, text), tuple(notes))

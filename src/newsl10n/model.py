"""The data that flows between stages: frozen, typed, free of lxml and polib.

Inline codes
------------
Inline markup inside a block is shown to translators as numbered codes:
``<1>strategic partner</1>`` for an element with content, ``<2/>`` for an
empty element (``br``, ``img``), for content that must stay as it is
(``code``, ``kbd``, a comment, a ``translate="no"`` span) and for a date that
the builder renders in the target locale.  Codes are numbered from 1 in
document order within their block; attributes never appear in the text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from enum import Enum

#: One inline code: ``<1>``, ``</1>`` or ``<1/>``.
CODE_RE = re.compile(r"<(/?)(\d+)(/?)>")


class CodeKind(str, Enum):
    """What an inline code stands for."""

    PAIRED = "paired"  # an element with translatable content: <1>…</1>
    EMPTY = "empty"  # an element with no content (br, img, empty span): <1/>
    OPAQUE = "opaque"  # content kept verbatim (code, kbd, comment, translate="no"): <1/>
    DATE = "date"  # a date rendered in the target locale: <1/>
    LITERAL = "literal"  # source text that looks like a code, kept verbatim: <1/>


@dataclass(frozen=True)
class InlineCode:
    """One numbered inline code of a block."""

    id: int
    kind: CodeKind
    tag: str = ""
    attrs: tuple[tuple[str, str], ...] = ()
    #: For DATE: the ISO date; for LITERAL: the literal text; for OPAQUE: a short label.
    value: str = ""

    @property
    def paired(self) -> bool:
        return self.kind is CodeKind.PAIRED

    @property
    def is_line_break(self) -> bool:
        return self.kind is CodeKind.EMPTY and self.tag == "br"

    def placeholder(self) -> str:
        """How the code is written in a msgid (the opening half for a pair)."""
        return f"<{self.id}>" if self.paired else f"<{self.id}/>"

    def legend(self) -> str:
        """The translator-facing explanation: ``<1> = <a href="/partners/upm/">``."""
        if self.kind is CodeKind.DATE:
            return f"{self.placeholder()} = date {self.value} (written in the target language's format)"
        if self.kind is CodeKind.LITERAL:
            return f"{self.placeholder()} = the text {self.value!r}"
        if self.kind is CodeKind.OPAQUE and not self.tag:
            return f"{self.placeholder()} = {self.value} (kept as it is)"
        attrs = "".join(f' {k}="{_attr(v)}"' for k, v in self.attrs)
        note = " (kept as it is)" if self.kind is CodeKind.OPAQUE else ""
        return f"{self.placeholder()} = <{self.tag}{attrs}>{note}"


def _attr(value: str) -> str:
    shown = value if len(value) <= 80 else value[:77] + "..."
    return shown.replace("\n", " ").replace('"', "&quot;")


@dataclass(frozen=True)
class Block:
    """A run of inline content between block boundaries, or one translatable attribute.

    ``text`` is the coded text exactly as in the source (whitespace untouched).
    """

    kind: str
    text: str
    codes: tuple[InlineCode, ...]
    line: int

    @property
    def hard_breaks(self) -> frozenset[int]:
        return frozenset(c.id for c in self.codes if c.is_line_break)


@dataclass(frozen=True)
class Segment:
    """One sentence to translate: a catalog entry's msgid and where it comes from."""

    msgid: str  # coded text, whitespace normalized
    raw: str  # coded text exactly as in the source
    kind: str
    line: int
    codes: tuple[InlineCode, ...]  # the codes that occur in this segment
    msgctxt: str | None = None

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)


@dataclass(frozen=True)
class Piece:
    """Part of a segmented block: a segment, or skeleton text kept as it is."""

    raw: str
    segment: Segment | None = None


@dataclass(frozen=True)
class SegmentedBlock:
    block: Block
    pieces: tuple[Piece, ...]

    @property
    def segments(self) -> tuple[Segment, ...]:
        return tuple(p.segment for p in self.pieces if p.segment is not None)


@dataclass(frozen=True)
class Translation:
    """What a catalog says for one msgid."""

    msgstr: str
    fuzzy: bool = False
    line: int | None = None  # where the entry starts in its catalog


@dataclass(frozen=True)
class BuildProblem:
    """A sentence the builder could not use and replaced with the source text.

    ``line`` is the sentence's line in the article, ``entry_line`` where its
    entry starts in the catalog.
    """

    line: int
    msgid: str
    reason: str
    entry_line: int | None = None


@dataclass(frozen=True)
class MergeStats:
    """What updating a catalog did, as msgmerge would report it."""

    new: int = 0
    fuzzy: int = 0
    obsolete: int = 0
    unchanged: int = 0

    def summary(self) -> str:
        return f"{self.new} new, {self.fuzzy} fuzzy, {self.obsolete} obsolete, {self.unchanged} unchanged"


@dataclass(frozen=True)
class CodeCheck:
    """Result of comparing the inline codes of a translation with its msgid."""

    ok: bool
    problems: tuple[str, ...] = field(default_factory=tuple)


_NO_CODES = CodeCheck(ok=True)


def strip_codes(text: str) -> str:
    return CODE_RE.sub("", text)


_WS = re.compile(r"[ \t\n\r\f]+")


def normalize_space(text: str) -> str:
    """Collapse ASCII whitespace runs to one space and strip; keep no-break spaces."""
    return _WS.sub(" ", text).strip(" ")


#: Characters neither a PO file (msgfmt refuses U+0004, the context separator) nor an HTML tree
#: built by lxml can hold; in a msgid they become U+FFFD, which the translator sees.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def msgid_text(raw: str) -> str:
    """The msgid for a segment's source text: whitespace collapsed, unwritable characters replaced."""
    return _UNWRITABLE.sub("\ufffd", normalize_space(raw))


def keep_source_edges(source: str, translation: str) -> str:
    """``translation`` with the whitespace around it taken from ``source``, never from the translation.

    Whitespace here is any Unicode space (a msgid may end in U+00A0, which the
    sentence splitter keeps in the segment): a translation that drops it would
    glue two sentences together (``Humanities.More``), one that adds it would
    add space.
    """
    start = len(source) - len(source.lstrip())
    end = len(source.rstrip())
    if start >= end:
        return translation
    return source[:start] + translation.strip() + source[end:]


def writable(text: str) -> str:
    """``text`` without the characters a PO file or an HTML tree cannot hold (for engine output)."""
    return _UNWRITABLE.sub("", text)


def check_codes(source: str, translation: str) -> CodeCheck:
    """Do the inline codes of ``translation`` match those of ``source``?

    Each code must appear exactly once, pairs must open before they close and
    nest properly; order may differ (translators reorder sentences).  The answer
    depends only on the two texts' codes in order, so it is worked out once per
    pair of code sequences and process (most sentences share a few shapes).
    """
    if "<" not in source and "<" not in translation:
        return _NO_CODES
    return _check_code_sequences("".join(_CODE_TOKEN.findall(source)), "".join(_CODE_TOKEN.findall(translation)))


#: The codes ``CODE_RE`` finds, as one string each (a code is its own delimiter: joined, they split back).
_CODE_TOKEN = re.compile(r"</?\d+/?>")


@functools.lru_cache(maxsize=4096)
def _check_code_sequences(source: str, translation: str) -> CodeCheck:
    """:func:`check_codes` on the two texts' codes (any text between them is ignored)."""
    want = _code_shape(source)
    problems: list[str] = []
    got: dict[int, str] = {}
    stack: list[int] = []
    for m in CODE_RE.finditer(translation):
        closing, num, empty = m.group(1) == "/", int(m.group(2)), m.group(3) == "/"
        if closing and empty:
            problems.append(f"malformed code {m.group(0)}")
            continue
        shape = "empty" if empty else "paired"
        if num not in want:
            problems.append(f"unknown code {m.group(0)}")
            continue
        if want[num] != shape:
            problems.append(f"code {num} should be written {f'<{num}/>' if want[num] == 'empty' else f'<{num}>…</{num}>'}")
            continue
        if closing:
            if not stack or stack[-1] != num:
                problems.append(f"</{num}> closes a code that is not open")
            else:
                stack.pop()
            continue
        if num in got:
            problems.append(f"code {m.group(0)} appears twice")
            continue
        got[num] = shape
        if shape == "paired":
            stack.append(num)
    for num in stack:
        problems.append(f"<{num}> is never closed")
    for num in sorted(set(want) - set(got)):
        problems.append(f"code {num} is missing")
    return CodeCheck(ok=not problems, problems=tuple(problems))


def emptied_pairs(source: str, translation: str) -> tuple[int, ...]:
    """Pairs that wrap text in ``source`` but nothing (or only spaces) in ``translation``: an invisible link."""

    def contents(text: str) -> dict[int, str]:
        found: dict[int, str] = {}
        for m in _OPEN_RE.finditer(text):
            num = int(m.group(1))
            end = text.find(f"</{num}>", m.end())
            if end >= 0 and num not in found:
                found[num] = CODE_RE.sub("", text[m.end() : end])
        return found

    before, after = contents(source), contents(translation)
    return tuple(num for num, text in sorted(after.items()) if not text.strip() and before.get(num, "").strip())


_OPEN_RE = re.compile(r"<(\d+)>")


#: Something that reads as HTML markup (a tag, a comment, a declaration), not an inline code.  A tag is
#: read as the HTML tokenizer reads it: its name runs to whitespace, ``/`` or ``>``, so ``<svg/onload=…>``
#: and ``<script/src=…>`` are tags too.
MARKUP_RE = re.compile(r"</?[A-Za-z][^\t\n\f\r />]*(?:[\t\n\f\r /][^<>]*)?>|<!--|<!\[CDATA\[|<![A-Za-z]|<\?[A-Za-z]")


def stray_markup(source: str, translation: str) -> tuple[str, ...]:
    """HTML markup in ``translation`` that ``source`` does not have as text.

    Translations are always inserted as text, so such markup would show on
    the page as ``<script>`` or ``</p>``: it is a mistake or an attempt at
    injection either way.  Markup the source itself shows as text (an article
    about the ``<div>`` element) is allowed.
    """
    if "<" not in translation or translation == source:  # no markup, or only the source's
        return ()
    allowed = {m.group(0) for m in MARKUP_RE.finditer(source)}
    found = [m.group(0) for m in MARKUP_RE.finditer(translation) if m.group(0) not in allowed]
    return tuple(dict.fromkeys(found))


#: Control characters, non-characters and the Unicode bidirectional controls (embeddings and overrides
#: U+202A–U+202E, isolates U+2066–U+2069, the marks U+200E, U+200F and U+061C): invisible, and a bidi
#: control reorders what a reader sees (U+202E shows "exe.doc" for "cod.exe").
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def stray_controls(source: str, translation: str) -> tuple[str, ...]:
    """Control and bidi characters (and non-characters) in ``translation`` that ``source`` lacks, as ``U+0001``."""
    chars = _CONTROL.findall(translation) if translation != source else ()
    if not chars:
        return ()
    allowed = set(_CONTROL.findall(source))
    return tuple(dict.fromkeys(f"U+{ord(c):04X}" for c in chars if c not in allowed))


def _code_shape(text: str) -> dict[int, str]:
    shape: dict[int, str] = {}
    for m in CODE_RE.finditer(text):
        if m.group(1) == "/":
            continue
        shape[int(m.group(2))] = "empty" if m.group(3) == "/" else "paired"
    return shape


class Severity(str, Enum):
    """How bad a finding is; ``newsl10n check --fail-on`` compares with these."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


@dataclass(frozen=True)
class Finding:
    """One problem a check found: ``path:line: severity[code] message``."""

    code: str  # "term-missing", "codes", "numbers", …
    severity: Severity
    message: str
    path: str
    line: int | None = None
    msgid: str | None = None
    msgctxt: str | None = None
    lang: str | None = None
    concept: str | None = None  # the glossary concept a glossary lint finding is about

"""The neutral catalog model: what every stage, check and catalog format passes around.

A :class:`Catalog` is what a PO file (or an XLIFF or TMX file) holds, with no
third-party object in it: header fields, live entries and obsolete entries.
An :class:`Entry` says where its translation came from as data
(:class:`Origin`), not as comment strings; the PO format module turns origins
into the ``# newsl10n: …`` comments translators see and reads them back.

Stages never change an entry in place: memory, the interface-string table and
the engines return :class:`Fill` objects and :func:`apply_fills` is the one
function that puts them into a catalog; it never touches translator work (an
entry whose msgstr is not empty).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from enum import Enum

Key = tuple[str | None, str]  # (msgctxt, msgid)
_LEGEND_SHAPE = re.compile(r"(<\d+/?>) = (<?[^\s<>]+)")


class State(str, Enum):
    """Where an entry stands for translators (and for ``build``)."""

    UNTRANSLATED = "untranslated"
    FUZZY = "fuzzy"  # a proposal (machine, fuzzy memory) or a stale translation: needs review
    TRANSLATED = "translated"  # approved


class OriginKind(str, Enum):
    """Who wrote the current msgstr."""

    HUMAN = "human"  # a translator (or a tool we do not know): no provenance comment
    TM = "tm"  # translation memory, exact (score 100) or fuzzy
    INTERFACE = "interface"  # the team's table of interface strings
    MT = "mt"  # a machine-translation engine


@dataclass(frozen=True)
class Origin:
    """Where a translation came from.

    ``source`` is the memory's catalog path for ``tm`` and the engine signature
    for ``mt``; ``score`` the similarity for ``tm`` (100.0 when exact); ``notes``
    what the stage wants the translator to know (a term placed, codes repaired,
    ``needs review``), in order.
    """

    kind: OriginKind
    source: str = ""
    score: float | None = None
    notes: tuple[str, ...] = ()

    @property
    def needs_review(self) -> bool:
        return "needs review" in self.notes


HUMAN = Origin(OriginKind.HUMAN)


@dataclass(frozen=True)
class Reference:
    """One place a sentence occurs: ``#: path:line``."""

    path: str
    line: str = ""


def is_stale(*, fuzzy: bool, previous_msgid: str | None) -> bool:
    """Is a fuzzy translation one of another sentence (msgmerge's ``#|`` previous msgid)?

    The source changed since it was translated (``3.5 days`` became ``4.5
    days``), or a memory offered the translation of a similar sentence.
    Whoever wrote the old text (a translator, an engine), it no longer says
    what the msgid says.  A machine proposal for the current msgid has no
    previous msgid.
    """
    return fuzzy and previous_msgid is not None


def published(*, fuzzy: bool, stale: bool, use_fuzzy: bool = True, use_stale: bool = False) -> bool:
    """Does ``build`` put a (non-empty) translation on the page?  ``check`` checks exactly these.

    Approved translations always; fuzzy ones (machine output) unless
    ``use_fuzzy`` is off; stale ones only when ``use_stale`` asks for them too.
    """
    if not fuzzy:
        return True
    return use_fuzzy and (use_stale or not stale)


@dataclass(frozen=True)
class Layout:
    """How the file an entry was read from spelled its translator comments and flags.

    A catalog format fills this in when it reads an entry, so that writing an
    entry nobody changed gives back the bytes it read (a translator's comment
    after the provenance lines stays after them; ``#, c-format, fuzzy`` keeps
    its order).  A writer uses a part only while the entry still says what
    that part says: ``comments``/``origin`` for ``comment_lines``,
    ``fuzzy``/``flags`` for ``flag_order``.  Never compared.
    """

    comment_lines: tuple[str, ...] | None = None  # the translator comment lines as read, provenance included
    comments: tuple[str, ...] = ()  # what they meant: Entry.comments …
    origin: Origin = HUMAN  # … and Entry.origin
    flag_order: tuple[str, ...] | None = None  # every flag as read, "fuzzy" included

    def without_flags(self) -> Layout:
        return replace(self, flag_order=None)


@dataclass(frozen=True)
class Entry:
    """One catalog entry, format-neutral."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str = ""
    msgstr_plural: tuple[str, ...] = ()  # form 0, 1, … (only with msgid_plural)
    fuzzy: bool = False
    flags: tuple[str, ...] = ()  # other flags (c-format, no-wrap, …), "fuzzy" never among them
    origin: Origin = HUMAN
    comments: tuple[str, ...] = ()  # translator comment lines ("# …") that are not provenance
    extracted: tuple[str, ...] = ()  # extracted comment lines ("#. …"): block kind, code legend, terms
    references: tuple[Reference, ...] = ()
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    #: Where the entry starts in the file it was read from (its first line, comments included); 0 if not read.
    line: int = field(default=0, compare=False)
    layout: Layout | None = field(default=None, compare=False, repr=False)

    @property
    def key(self) -> Key:
        return (self.msgctxt, self.msgid)

    @property
    def translated_text(self) -> bool:
        """Has a translation (singular or every plural form)?"""
        if self.msgid_plural:
            return bool(self.msgstr_plural) and all(self.msgstr_plural)
        return bool(self.msgstr)

    @property
    def state(self) -> State:
        if not self.translated_text:
            return State.UNTRANSLATED
        return State.FUZZY if self.fuzzy else State.TRANSLATED

    @property
    def approved(self) -> bool:
        """Translator work: translated, not fuzzy, not obsolete.  Tools never change it."""
        return self.state is State.TRANSLATED and not self.obsolete

    @property
    def stale(self) -> bool:
        """Fuzzy with a ``#|`` previous msgid: a translation of another sentence (see :func:`is_stale`)."""
        return is_stale(fuzzy=self.fuzzy, previous_msgid=self.previous_msgid)

    @property
    def legend(self) -> tuple[str, ...]:
        """The inline-code legend lines (``<1> = <a href="…">``)."""
        return tuple(line for line in self.extracted if line.startswith("<") and " = " in line)

    @property
    def markup(self) -> tuple[str, ...]:
        """What each inline code stands for, from the legend: ``("<1>=<a",)`` for a link (attributes aside)."""
        return tuple(m.group(1) + "=" + m.group(2) for line in self.legend if (m := _LEGEND_SHAPE.match(line)))


@dataclass(frozen=True)
class Catalog:
    """A whole catalog: header fields in order, live entries, obsolete entries."""

    header: Mapping[str, str] = field(default_factory=dict)
    entries: tuple[Entry, ...] = ()
    obsolete: tuple[Entry, ...] = ()
    #: The comment block above the header entry, without the "# " prefixes (usually empty).
    header_comment: str = ""
    #: The header entry is marked fuzzy (a new catalog from msginit, for instance).
    header_fuzzy: bool = False

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def find(self, msgid: str, msgctxt: str | None = None) -> Entry | None:
        for entry in self.entries:
            if entry.msgid == msgid and entry.msgctxt == msgctxt:
                return entry
        return None

    @property
    def language(self) -> str | None:
        return self.header.get("Language") or None

    @property
    def source_language(self) -> str | None:
        return self.header.get("X-Source-Language") or None

    def replace_entries(self, entries: Iterable[Entry]) -> Catalog:
        return replace(self, entries=tuple(entries))

    def with_header(self, **fields: str) -> Catalog:
        """A copy with these header fields set (keys with ``_`` for ``-``: ``X_Newsl10n_Engine``)."""
        header = dict(self.header)
        header.update({k.replace("_", "-"): v for k, v in fields.items()})
        return replace(self, header=header)


@dataclass(frozen=True)
class Fill:
    """What a memory, the interface-string table or an engine proposes for one entry."""

    key: Key
    msgstr: str
    origin: Origin
    fuzzy: bool = True
    previous_msgid: str | None = None
    previous_msgctxt: str | None = None


def apply_fills(catalog: Catalog, fills: Iterable[Fill]) -> Catalog:
    """Put ``fills`` into the entries they name; only entries still untranslated take one.

    The first fill for a key wins.  Translator work (and any entry already
    holding text) is never touched.
    """
    pending: dict[Key, Fill] = {}
    for fill in fills:
        pending.setdefault(fill.key, fill)
    if not pending:
        return catalog
    out = []
    for entry in catalog.entries:
        found = pending.get(entry.key)
        if found is None or entry.translated_text or entry.msgid_plural:
            out.append(entry)
            continue
        fill = found
        out.append(
            replace(
                entry,
                msgstr=fill.msgstr,
                fuzzy=fill.fuzzy,
                origin=fill.origin,
                previous_msgid=fill.previous_msgid if fill.previous_msgid is not None else entry.previous_msgid,
                previous_msgctxt=fill.previous_msgctxt if fill.previous_msgid is not None else entry.previous_msgctxt,
            )
        )
    return catalog.replace_entries(out)

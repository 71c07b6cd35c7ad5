"""PO syntax: the line reader behind :func:`newsl10n.formats.po.parse_po`, and provenance comments.

The reader accepts exactly what polib 1.2 accepts and reads it to the same
values (``tests/formats/test_po.py`` compares the two on generated text), in
one pass that also refuses strings that are not complete C literals (polib
reads ``msgid "abc`` as ``ab`` and goes on), refuses an entry with no ``msgid``, and
reads an entry with a ``msgctxt`` and an empty ``msgid`` as a message, as gettext does
(polib may take it as the header and drop the context).  It keeps, for each entry, the
line it starts on and how its comments and flags were spelled
(:class:`~newsl10n.catalog_model.Layout`), so that an untouched entry is
written back as it was read.  Use it through :mod:`newsl10n.formats.po`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from ..catalog_model import HUMAN, Catalog, Entry, Layout, Origin, OriginKind, Reference
from .po_values import NOT_CLOSED, header_fields, strings_ok, unescape

#: The prefix of a provenance comment: ``# newsl10n: mt argos …``.
PROVENANCE = "newsl10n: "
_NEWLINES = re.compile(r"\r\n|\r|\n")
_TM_SCORE = re.compile(r"tm (\d+)% (.*)", re.DOTALL)


# -- provenance comments ----------------------------------------------------------------------------------


def origin_lines(origin: Origin) -> list[str]:
    """The translator comment lines that say where a translation came from (without ``# ``)."""
    lines: list[str] = []
    if origin.kind is OriginKind.TM:
        exact = origin.score is None or origin.score >= 100.0
        lines.append(f"{PROVENANCE}tm {origin.source}" if exact else f"{PROVENANCE}tm {origin.score:.0f}% {origin.source}")
    elif origin.kind is OriginKind.INTERFACE:
        lines.append(f"{PROVENANCE}interface string")
    elif origin.kind is OriginKind.MT:
        lines.append(f"{PROVENANCE}mt {origin.source}")
    lines.extend(f"{PROVENANCE}{note}" for note in origin.notes)
    return lines


def read_origin(lines: Iterable[str]) -> tuple[tuple[str, ...], Origin]:
    """Translator comment lines → (the other comments, the origin their provenance lines say)."""
    comments: list[str] = []
    kind = OriginKind.HUMAN
    source = ""
    score: float | None = None
    notes: list[str] = []
    for line in lines:
        if not line.startswith(PROVENANCE):
            comments.append(line)
            continue
        body = line[len(PROVENANCE) :]
        if kind is OriginKind.HUMAN and body.startswith("tm "):
            kind = OriginKind.TM
            m = _TM_SCORE.fullmatch(body)
            score, source = (float(m.group(1)), m.group(2)) if m else (100.0, body[3:])
        elif kind is OriginKind.HUMAN and body == "interface string":
            kind = OriginKind.INTERFACE
        elif kind is OriginKind.HUMAN and body.startswith("mt "):
            kind, source = OriginKind.MT, body[3:]
        else:
            notes.append(body)
    if kind is OriginKind.HUMAN and not notes:
        return tuple(comments), HUMAN
    return tuple(comments), Origin(kind, source, score, tuple(notes))


def comment_lines(entry: Entry) -> tuple[str, ...]:
    """An entry's translator comment lines as :func:`generate_po` writes them (provenance included)."""
    layout = entry.layout
    if (
        layout is not None
        and layout.comment_lines is not None
        and layout.comments == entry.comments
        and layout.origin == entry.origin
    ):
        return layout.comment_lines
    lines = [c for c in entry.comments if c]
    for line in origin_lines(entry.origin):
        if line not in lines:
            lines.append(line)
    return tuple(lines)


# -- the line reader --------------------------------------------------------------------------------------


class PoSyntaxError(ValueError):
    """A line the PO grammar does not allow where it is."""

    def __init__(self, message: str, line: int, *, string: bool = False) -> None:
        super().__init__(f"{message} (line {line})")
        self.message = message
        self.line = line
        self.string = string  # a string not closed or not quoted (checked before the grammar)


#: What equal translator comment and flag lines mean, read once per file.
NotesCache = dict[tuple[tuple[str, ...], tuple[str, ...]], "Notes"]


@dataclass(eq=False, slots=True)
class Draft:
    """One entry while it is being read (mutable; becomes an Entry at the end)."""

    line: int
    msgid_line: int = 0
    msgid: str = ""
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    tcomment: list[str] = field(default_factory=list)
    extracted: list[str] = field(default_factory=list)
    occurrences: list[tuple[str, str]] = field(default_factory=list)
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False

    def entry(self, shared: NotesCache) -> Entry:
        """The finished entry; ``shared`` holds what equal comment and flag lines mean (read once per file)."""
        return make_entry(
            self.msgid,
            self.msgstr,
            self.msgctxt,
            tuple(self.tcomment),
            tuple(self.flags),
            tuple(self.extracted),
            tuple([Reference(p, n) for p, n in self.occurrences]),
            self.line,
            shared,
            msgid_plural=self.msgid_plural,
            msgstr_plural=tuple(self.msgstr_plural[k] for k in sorted(self.msgstr_plural)) if self.msgstr_plural else (),
            previous=(self.previous_msgctxt, self.previous_msgid, self.previous_msgid_plural),
            obsolete=self.obsolete,
        )


def make_entry(
    msgid: str,
    msgstr: str,
    msgctxt: str | None,
    tcomment: tuple[str, ...],
    flags: tuple[str, ...],
    extracted: tuple[str, ...],
    references: tuple[Reference, ...],
    line: int,
    shared: NotesCache,
    *,
    msgid_plural: str = "",
    msgstr_plural: tuple[str, ...] = (),
    previous: tuple[str | None, str | None, str | None] = (None, None, None),
    obsolete: bool = False,
) -> Entry:
    """An entry as read: ``tcomment`` and ``flags`` are the comment and flag lines as written (``shared``
    holds what equal ones mean, read once per file); ``previous`` the ``#|`` msgctxt, msgid and msgid_plural."""
    key = (tcomment, flags)
    notes = shared.get(key)
    if notes is None:
        notes = shared[key] = Notes.of(tcomment, flags)
    return _entry({
        "msgid": msgid,
        "msgstr": msgstr,
        "msgctxt": msgctxt,
        "msgid_plural": msgid_plural,
        "msgstr_plural": msgstr_plural,
        "fuzzy": notes.fuzzy,
        "flags": notes.flags,
        "origin": notes.origin,
        "comments": notes.comments,
        "extracted": extracted,
        "references": references,
        "previous_msgctxt": previous[0],
        "previous_msgid": previous[1],
        "previous_msgid_plural": previous[2],
        "obsolete": obsolete,
        "line": line,
        "layout": notes.layout,
    })


#: Entry's fields, in order.  While they are exactly these and Entry has no ``__post_init__``, an entry is
#: made as pickle makes one, from its field dict: a frozen dataclass's ``__init__`` sets its 17 fields one
#: ``object.__setattr__`` at a time, which was a third of reading a catalog.
_ENTRY_FIELDS = (
    "msgid", "msgstr", "msgctxt", "msgid_plural", "msgstr_plural", "fuzzy", "flags", "origin", "comments", "extracted",
    "references", "previous_msgctxt", "previous_msgid", "previous_msgid_plural", "obsolete", "line", "layout",
)  # fmt: skip
_DIRECT = (
    tuple(f.name for f in fields(Entry)) == _ENTRY_FIELDS
    and not hasattr(Entry, "__post_init__")
    and "__slots__" not in vars(Entry)
)


def _entry(values: dict[str, Any]) -> Entry:
    """``Entry(**values)`` (``values`` holds every field, in order)."""
    if not _DIRECT:
        return Entry(**values)
    entry = object.__new__(Entry)
    object.__setattr__(entry, "__dict__", values)
    return entry


@dataclass(frozen=True, slots=True)
class Notes:
    """What an entry's translator comment lines and flags say (many entries share them)."""

    comments: tuple[str, ...]
    origin: Origin
    fuzzy: bool
    flags: tuple[str, ...]
    layout: Layout | None

    @classmethod
    def of(cls, tcomment: tuple[str, ...], flags: tuple[str, ...]) -> Notes:
        comments, origin = read_origin(tcomment) if tcomment else ((), HUMAN)
        other = tuple(f for f in flags if f != "fuzzy")
        # What the writer writes anyway needs no layout: no translator comment, no flag but "fuzzy".
        plain = not tcomment and (not flags or flags == ("fuzzy",))
        layout = None if plain else Layout(tcomment, comments, origin, flags)
        return cls(comments, origin, "fuzzy" in flags, other, layout)


@dataclass
class ParsedPo:
    """A PO file as read: header fields, header comment, entries in file order (obsolete ones among them)."""

    header: dict[str, str]
    header_comment: str
    header_fuzzy: bool
    drafts: list[Draft]  # every entry but the header, in file order
    header_line: int = 0

    def catalog(self) -> Catalog:
        shared: dict[tuple[tuple[str, ...], tuple[str, ...]], Notes] = {}
        entries = [d.entry(shared) for d in self.drafts]
        return Catalog(
            header=self.header,
            entries=tuple(e for e in entries if not e.obsolete),
            obsolete=tuple(e for e in entries if e.obsolete),
            header_comment=self.header_comment,
            header_fuzzy=self.header_fuzzy,
        )


# States: where the reader is in an entry.  The names are the symbols of the line kinds:
# "tc" translator comment, "gc" extracted comment, "oc" reference, "fl" flags, "ct" msgctxt,
# "mi" msgid, "mp" msgid_plural, "ms" msgstr, "mx" msgstr[N], "pc"/"pm"/"pp" previous
# msgctxt/msgid/msgid_plural, "mc" a continuation string; "st" the start, "he" header comments.
_ANY = frozenset({"st", "he", "gc", "oc", "fl", "ct", "pc", "pm", "pp", "tc", "ms", "mp", "mx", "mi"})
_FROM: dict[str, frozenset[str]] = {
    "tc": _ANY - {"ct"},
    "gc": _ANY,
    "oc": _ANY,
    "fl": _ANY,
    "pc": _ANY,
    "pm": _ANY,
    "pp": _ANY,
    "ct": frozenset({"st", "he", "gc", "oc", "fl", "tc", "pc", "pm", "pp", "ms", "mx"}),
    "mi": frozenset({"st", "he", "gc", "oc", "fl", "ct", "tc", "pc", "pm", "pp", "ms", "mx"}),
    "mp": frozenset({"tc", "gc", "pc", "pm", "pp", "mi"}),
    "ms": frozenset({"mi", "mp", "tc"}),
    "mx": frozenset({"mi", "mx", "mp", "tc"}),
    "mc": frozenset({"ct", "mi", "mp", "ms", "mx", "pm", "pp", "pc"}),
}
#: Line kinds that start a new entry when the current one already has its msgstr.
_STARTS_ENTRY = frozenset({"tc", "gc", "oc", "fl", "pc", "pm", "pp", "ct", "mi"})
_KEYWORDS = {"msgctxt": "ct", "msgid": "mi", "msgstr": "ms", "msgid_plural": "mp"}
_KEYWORD_SYMBOLS = frozenset(("ct", "mi", "mp", "ms", "mx"))
_PREVIOUS = {"msgid_plural": "pp", "msgid": "pm", "msgctxt": "pc"}
_UNESCAPED_QUOTE = re.compile(r'([^\\]|^)"')
_BOM = "\ufeff"
#: ``msgid "…"`` with one string that needs no unescaping check: the usual keyword line.
_PLAIN_KEYWORD = re.compile(r'(msgctxt|msgid|msgstr) "[^"\\]*"\Z')


@dataclass(frozen=True, slots=True)
class _Line:
    symbol: str  # the line's kind
    value: str  # the text its handler reads
    obsolete: bool  # "#~ "
    comment: bool  # its first word (after "#~") starts with "#": it makes no entry at the end of the file


def _classify(line: str, number: int) -> _Line | None:
    """A stripped line → its kind and text, or None to skip it (a comment line with nothing in it).

    The general case, with polib 1.2's rules; :func:`_read` handles the usual shapes itself first.
    """
    tokens = line.split(None, 2)
    first = tokens[0]
    obsolete = False
    if first == "#~" and len(tokens) > 1:
        line = line[3:].strip()
        tokens = tokens[1:]
        first = tokens[0]
        obsolete = True
    ntokens = len(tokens)
    if ntokens > 1 and first in _KEYWORDS:
        value = line[len(first) :].lstrip()
        inner = value[1:-1]
        if '"' in inner and _UNESCAPED_QUOTE.search(inner):
            raise PoSyntaxError("Syntax error in po file: unescaped double quote found", number)
        return _Line(_KEYWORDS[first], value, obsolete, False)
    if first == "#:":
        return _Line("oc", line, obsolete, True) if ntokens > 1 else None
    if line[:1] == '"':
        inner = line[1:-1]
        if '"' in inner and _UNESCAPED_QUOTE.search(inner):
            raise PoSyntaxError("Syntax error in po file: unescaped double quote found", number)
        return _Line("mc", line, obsolete, False)
    if line[:7] == "msgstr[":
        return _Line("mx", line, obsolete, False)
    if first == "#,":
        return _Line("fl", line, obsolete, True) if ntokens > 1 else None
    if first == "#" or first.startswith("##"):
        return _Line("tc", line, obsolete, True)
    if first == "#.":
        return _Line("gc", line, obsolete, True) if ntokens > 1 else None
    if first == "#|":
        if ntokens <= 1:
            raise PoSyntaxError("Syntax error in po file", number)
        value = line[2:].lstrip()
        if tokens[1].startswith('"'):
            return _Line("mc", value, obsolete, True)
        if ntokens == 2:
            raise PoSyntaxError("Syntax error in po file: invalid continuation line", number)
        if tokens[1] not in _PREVIOUS:
            raise PoSyntaxError(f"Syntax error in po file: unknown keyword {tokens[1]}", number)
        return _Line(_PREVIOUS[tokens[1]], value[len(tokens[1]) :].lstrip(), obsolete, True)
    raise PoSyntaxError("Syntax error in po file", number)


def split_lines(text: str) -> list[str]:
    """Lines split at line ends only (``str.splitlines`` also breaks at U+2028, U+0085, \\x1c-\\x1e)."""
    return text.split("\n") if "\r" not in text else _NEWLINES.split(text)


def read_lines(lines: Sequence[str]) -> ParsedPo:
    """PO lines → header and entries, with polib 1.2's grammar and values (see the module docstring)."""
    drafts: list[Draft] = []
    header_lines: list[str] = []
    state = "st"
    draft = Draft(line=0)
    plural_index = 0
    last_comment = False  # the last line read was a comment: it makes no entry at the end of the file
    seen = False
    keyed: bool | None = None  # whether this entry's keyword lines so far were obsolete ("#~")
    number = 0
    for raw in lines:
        number += 1
        line = raw.strip() if number > 1 or not raw.startswith(_BOM) else raw[1:].strip()
        if not line:
            continue
        seen = True
        head = line[:3]
        obsolete = False
        # The usual shapes first (what we and msgmerge write); anything else goes through _classify.
        if head == "#. ":
            symbol, value, last_comment = "gc", line, True
        elif head == "#: ":
            symbol, value, last_comment = "oc", line, True
        elif line[0] == '"':
            inner = line[1:-1]
            if line[-1] != '"' or len(line) < 2 or '"' in inner or "\\" in inner:
                if not strings_ok(line):
                    raise PoSyntaxError(NOT_CLOSED, number, string=True)
                if '"' in inner and _UNESCAPED_QUOTE.search(inner):
                    raise PoSyntaxError("Syntax error in po file: unescaped double quote found", number)
            symbol, value, last_comment = "mc", line, False
        elif head == "# " or line == "#, fuzzy":
            symbol, value, last_comment = ("tc" if head == "# " else "fl"), line, True
        elif head == "msg" and (kind := _PLAIN_KEYWORD.match(line)) is not None:
            symbol, value, last_comment = _KEYWORDS[kind.group(1)], line[kind.end(1) + 1 :], False
        elif head == "#~|":
            if not strings_ok(line[2:].lstrip("|").strip()):
                raise PoSyntaxError(NOT_CLOSED, number, string=True)
            if line.split(None, 1)[0] == "#~|":  # a previous msgid of an obsolete entry: not kept
                last_comment = True
                continue
            found = _classify(line, number)
            if found is None:
                last_comment = True
                continue
            symbol, value, obsolete, last_comment = found.symbol, found.value, found.obsolete, found.comment
        else:
            if line[0] != "#":
                if not strings_ok(line):
                    raise PoSyntaxError(NOT_CLOSED, number, string=True)
            elif line[1:2] in ("~", "|") and not strings_ok(line[2:].lstrip("|").strip()):
                raise PoSyntaxError(NOT_CLOSED, number, string=True)
            found = _classify(line, number)
            if found is None:
                last_comment = True
                continue
            symbol, value, obsolete, last_comment = found.symbol, found.value, found.obsolete, found.comment

        if state not in _FROM[symbol]:
            raise PoSyntaxError("Syntax error in po file", number)
        if symbol == "mc":
            text = unescape(value[1:-1])
            if state == "mi":
                draft.msgid += text
            elif state == "ms":
                draft.msgstr += text
            elif state == "mx":
                draft.msgstr_plural[plural_index] += text
            elif state == "ct":
                draft.msgctxt = (draft.msgctxt or "") + text
            elif state == "mp":
                draft.msgid_plural += text
            elif state == "pm":
                draft.previous_msgid = (draft.previous_msgid or "") + text
            elif state == "pc":
                draft.previous_msgctxt = (draft.previous_msgctxt or "") + text
            else:  # "pp"
                draft.previous_msgid_plural = (draft.previous_msgid_plural or "") + text
            continue  # a continuation keeps the state
        if symbol == "tc" and (state == "st" or state == "he"):  # above the first entry: the file's header comment
            if value[2:] or header_lines:
                header_lines.append(value[2:])
            state = "he"
            continue
        if state == "ms" or state == "mx":
            if symbol in _STARTS_ENTRY:
                drafts.append(draft)
                draft = Draft(line=number)
                keyed = None
        elif not draft.line and (state == "st" or state == "he"):
            draft.line = number
        if symbol in _KEYWORD_SYMBOLS:
            if keyed is not None and keyed is not obsolete:  # "#~ msgctxt" over a live "msgid", or the reverse
                raise PoSyntaxError("inconsistent use of #~", number)
            keyed = obsolete
        if symbol == "gc":
            comment = value[3:]
            if comment or draft.extracted:
                draft.extracted.append(comment)
        elif symbol == "oc":
            for occurrence in value[3:].split():
                where, sep, at = occurrence.rpartition(":")
                draft.occurrences.append((where, at) if sep and at.isdigit() else (occurrence, ""))
        elif symbol == "mi":
            if draft.msgid_line:  # a second msgid with no msgstr between: gettext refuses it at the first
                raise PoSyntaxError("missing 'msgstr' section", draft.msgid_line)
            draft.obsolete = obsolete
            draft.msgid = unescape(value[1:-1])
            draft.msgid_line = number
        elif symbol == "ms":
            draft.msgstr = unescape(value[1:-1])
        elif symbol == "tc":
            comment = value.lstrip("#")
            comment = comment.removeprefix(" ")
            if comment or draft.tcomment:
                draft.tcomment.append(comment)
        elif symbol == "fl":
            draft.flags.extend([flag.strip() for flag in value[3:].split(",")])
        elif symbol == "ct":
            draft.msgctxt = unescape(value[1:-1])
        elif symbol == "mx":
            index_text = value[7 : value.find("]")]
            if not index_text.isdigit() or not index_text.isascii():
                raise PoSyntaxError("Syntax error in po file", number)
            plural_index = int(index_text)
            before = len(draft.msgstr_plural)
            if plural_index != before:  # as msgfmt: forms come as msgstr[0], [1], … (a gap would renumber them)
                where = f"after msgstr[{before - 1}]" if before else "before msgstr[0]"
                raise PoSyntaxError(f"plural form has wrong index: msgstr[{plural_index}] {where}", number)
            draft.msgstr_plural[plural_index] = unescape(value[value.find('"') + 1 : -1])
        elif symbol == "mp":
            draft.msgid_plural = unescape(value[1:-1])
        elif symbol == "pm":
            draft.previous_msgid = unescape(value[1:-1])
        elif symbol == "pc":
            draft.previous_msgctxt = unescape(value[1:-1])
        else:  # "pp"
            draft.previous_msgid_plural = unescape(value[1:-1])
        state = symbol
    if draft.msgid_line and state != "ms" and state != "mx":  # the last msgid never got its msgstr
        raise PoSyntaxError("missing 'msgstr' section", draft.msgid_line)
    if seen and not last_comment:  # trailing comments make no entry
        drafts.append(draft)
    return split_header(drafts, "\n".join(header_lines))


def split_header(drafts: list[Draft], header_comment: str) -> ParsedPo:
    """The header is the first live entry with an empty msgid and no msgctxt, as gettext reads it.

    An entry with a msgctxt and an empty msgid is a message like any other (polib would take it
    as the header when it is the only empty msgid, and drop its context); a second header is
    refused by the caller.
    """
    header: dict[str, str] = {}
    found = next((d for d in drafts if d.msgid == "" and d.msgctxt is None and not d.obsolete), None)
    if found is None:
        return ParsedPo(header, header_comment, False, drafts)
    header.update(header_fields(found.msgstr))
    rest = [d for d in drafts if d is not found]
    return ParsedPo(header, header_comment, bool(found.flags), rest, found.msgid_line)



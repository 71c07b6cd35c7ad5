"""The gettext PO format: PO text ↔ :class:`~newsl10n.catalog_model.Catalog`.

The only module that knows PO syntax and the only one that imports polib.

* :func:`parse_po` reads with a small line reader of our own (polib's public
  parser splits lines at U+2028, U+0085 and the \\x1c-\\x1e separators and
  drops characters; its private class is not an interface; our reader is also
  the fastest of the three we measured, see docs/benchmarks.md).  It accepts
  exactly what polib 1.2 accepts, reads it to the same values, and refuses
  what msgfmt refuses and polib would swallow: a string that is not closed, a
  NUL character, a second header, two entries with the same msgctxt and
  msgid, plural entries whose number of forms differs from ``nplurals``.
  Every refusal is an :class:`~newsl10n.errors.InputError` naming the file
  and the line.
* :func:`generate_po` writes with polib (what translators' tools have always
  got from us): no wrapping, header fields in gettext's order, and the
  provenance of each translation (:class:`~newsl10n.catalog_model.Origin`)
  as ``# newsl10n: …`` translator comments, which :func:`parse_po` reads back.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..catalog_model import HUMAN, Catalog, Entry, Layout, Origin, OriginKind, Reference
from ..errors import InputError

#: No wrapping (like ``msgcat --no-wrap``): one line per message, and comment lines such as
#: the inline-code legend and glossary hints are never cut in two.
WRAP = 0
#: The prefix of a provenance comment: ``# newsl10n: mt argos …``.
PROVENANCE = "newsl10n: "

_DATE_FIELDS = ("POT-Creation-Date", "PO-Revision-Date")
_HEADER_DATE_LINE = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): [^"\\]*\\n"$', re.MULTILINE)
_PO_CHARSET = re.compile(rb'^[ \t]*"Content-Type:[^"\n]*?charset=([^"\\\s;]*)', re.MULTILINE | re.IGNORECASE)
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")
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


def _flags(entry: Entry) -> list[str]:
    layout = entry.layout
    if layout is not None and layout.flag_order is not None:
        read = layout.flag_order
        if ("fuzzy" in read) == entry.fuzzy and tuple(f for f in read if f != "fuzzy") == entry.flags:
            return list(read)
    if entry.fuzzy:
        return sorted(set(entry.flags) | {"fuzzy"})
    return list(entry.flags)


# -- writing ----------------------------------------------------------------------------------------------


def generate_po(catalog: Catalog) -> str:
    """The PO text of a catalog, as polib writes it (unwrapped); ends with a newline."""
    import polib

    po = polib.POFile(wrapwidth=WRAP)
    po.metadata = dict(catalog.header)
    po.header = catalog.header_comment
    po.metadata_is_fuzzy = catalog.header_fuzzy
    for entry in (*catalog.entries, *catalog.obsolete):
        po.append(
            polib.POEntry(
                msgid=entry.msgid,
                msgstr=entry.msgstr,
                msgctxt=entry.msgctxt,
                msgid_plural=entry.msgid_plural,
                msgstr_plural=dict(enumerate(entry.msgstr_plural)),
                flags=_flags(entry),
                comment="\n".join(entry.extracted),
                tcomment="\n".join(comment_lines(entry)),
                occurrences=[(r.path, r.line) for r in entry.references],
                previous_msgctxt=entry.previous_msgctxt,
                previous_msgid=entry.previous_msgid,
                previous_msgid_plural=entry.previous_msgid_plural,
                obsolete=entry.obsolete,
            )
        )
    text = str(po)
    return text if text.endswith("\n") else text + "\n"


# -- reading ----------------------------------------------------------------------------------------------


def decode_po(data: bytes, *, path: str) -> str:
    """PO bytes → text, in the charset its header declares (``charset=CHARSET`` of a template: UTF-8).

    An unknown charset, or bytes that are not valid in it, are an InputError
    naming the line.  Without a header: UTF-8, else detection.
    """
    from ..fsio import BOMS, decode

    if any(data.startswith(bom) for bom, _codec in BOMS):
        return decode(data, path=path, markup=False).text
    found = _PO_CHARSET.search(data[:65536])
    if found is None:
        return decode(data, path=path, markup=False).text
    name = found.group(1).decode("ascii", "replace")
    line = data.count(b"\n", 0, found.start()) + 1
    if name.upper() in ("", "CHARSET"):
        name = "utf-8"
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        raise InputError(f"the header declares unknown charset {name!r}", path=path, line=line) from None
    if codec in ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"):
        raise InputError(
            f"the header declares charset {name!r}, which cannot be read without a BOM", path=path, line=line
        )
    if codec != "utf-8" and not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            raise InputError(f"the header declares charset {name!r} but the text is UTF-8", path=path, line=line)
    return decode(data, path=path, encoding=codec).text


def parse_po(data: bytes | str, *, path: str) -> Catalog:
    """Read a PO file (bytes in its declared charset, or text); bad input is an InputError naming the line."""
    text = decode_po(data, path=path) if isinstance(data, bytes) else data
    if "\x00" in text:
        nul_line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError("contains a NUL character; not a PO file", path=path, line=nul_line)
    try:
        parsed = _read(_lines(text))
    except PoSyntaxError as exc:
        if not exc.string:  # a string left open further down is what msgfmt and users see first
            check_strings(text, path)
        raise InputError(f"broken catalog: {exc.message}", path=path, line=exc.line) from None
    _check_entries(parsed, path)
    return parsed.catalog()


def same_apart_from_dates(a: str, b: str) -> bool:
    """True when two catalogs say the same thing: only dates, line wrapping or layout differ."""
    if _HEADER_DATE_LINE.sub("", a) == _HEADER_DATE_LINE.sub("", b):
        return True
    try:
        pa, pb = (_read(_lines(t)) for t in (a, b))
    except PoSyntaxError:
        return False
    return _content(pa) == _content(pb)


def _content(parsed: _Parsed) -> tuple[object, ...]:
    meta = tuple(sorted((k, v) for k, v in parsed.header.items() if k not in _DATE_FIELDS))
    entries = tuple(
        (
            d.msgctxt,
            d.msgid,
            d.msgstr,
            d.msgid_plural,
            tuple(sorted(d.msgstr_plural.items())),
            d.obsolete,
            tuple(sorted(d.flags)),
            tuple(d.occurrences),
            " ".join(" ".join(d.extracted).split()),
            " ".join(" ".join(d.tcomment).split()),
            d.previous_msgid,
            d.previous_msgctxt,
        )
        for d in parsed.drafts
    )
    return meta, entries


_KEYWORD = re.compile(r"(?:msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])(?=[\s\"])")
_STRINGS = re.compile(r'(?:"(?:[^"\\]|\\.)*"\s*)+')
_NOT_CLOSED = "a string is not closed or not quoted"


def _strings_ok(body: str) -> bool:
    """A line (stripped, without "#~"/"#|") is blank, a comment, or an optional keyword and complete C strings.

    polib reads ``msgid "abc`` as ``ab`` and goes on; msgfmt refuses it, and so do we.
    """
    if body[:1] == '"':
        rest = body
    else:
        keyword = _KEYWORD.match(body)
        if keyword is None:
            return True
        rest = body[keyword.end() :].strip()
    if len(rest) > 1 and rest[-1] == '"' and rest[0] == '"' and '"' not in rest[1:-1] and "\\" not in rest:
        return True  # one plain string, the usual case
    return _STRINGS.fullmatch(rest) is not None


def check_strings(text: str, path: str) -> None:
    """The first line whose strings are not complete C literals, as an InputError."""
    for number, line in enumerate(_NEWLINES.split(text), start=1):
        body = line.strip()
        if body.startswith(("#~", "#|")):
            body = body[2:].lstrip("|").strip()
        elif body.startswith("#") or not body:
            continue
        if not _strings_ok(body):
            raise InputError(f"broken catalog: {_NOT_CLOSED}", path=path, line=number)


def _check_entries(parsed: _Parsed, path: str) -> None:
    m = _NPLURALS.search(parsed.header.get("Plural-Forms", ""))
    nplurals = int(m.group(1)) if m else None
    first: dict[tuple[str | None, str], int] = {}
    for d in parsed.drafts:
        key = (d.msgctxt, d.msgid)
        if d.msgid == "" and d.msgctxt is None:
            raise InputError('a second header entry (msgid "")', path=path, line=max(d.msgid_line, parsed.header_line) or None)
        if key in first:
            raise InputError(f"duplicate message definition; the first is at line {first[key]}", path=path, line=d.line)
        first[key] = d.line
        if d.msgid_plural and nplurals is not None and not d.obsolete:
            forms = sorted(d.msgstr_plural)
            if forms != list(range(nplurals)):
                raise InputError(f"{len(forms)} plural forms, but the header says nplurals={nplurals}", path=path, line=d.line)


# -- the line reader --------------------------------------------------------------------------------------


class PoSyntaxError(ValueError):
    """A line the PO grammar does not allow where it is."""

    def __init__(self, message: str, line: int, *, string: bool = False) -> None:
        super().__init__(f"{message} (line {line})")
        self.message = message
        self.line = line
        self.string = string  # a string not closed or not quoted (checked before the grammar)


@dataclass(eq=False, slots=True)
class _Draft:
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

    def entry(self, shared: dict[tuple[tuple[str, ...], tuple[str, ...]], _Notes]) -> Entry:
        """The finished entry; ``shared`` holds what equal comment and flag lines mean (read once per file)."""
        key = (tuple(self.tcomment), tuple(self.flags))
        notes = shared.get(key)
        if notes is None:
            notes = shared[key] = _Notes.of(*key)
        return Entry(
            msgid=self.msgid,
            msgstr=self.msgstr,
            msgctxt=self.msgctxt,
            msgid_plural=self.msgid_plural,
            msgstr_plural=tuple(self.msgstr_plural[k] for k in sorted(self.msgstr_plural)) if self.msgstr_plural else (),
            fuzzy=notes.fuzzy,
            flags=notes.flags,
            origin=notes.origin,
            comments=notes.comments,
            extracted=tuple(self.extracted),
            references=tuple([Reference(p, n) for p, n in self.occurrences]),
            previous_msgctxt=self.previous_msgctxt,
            previous_msgid=self.previous_msgid,
            previous_msgid_plural=self.previous_msgid_plural,
            obsolete=self.obsolete,
            line=self.line,
            layout=notes.layout,
        )


@dataclass(frozen=True, slots=True)
class _Notes:
    """What an entry's translator comment lines and flags say (many entries share them)."""

    comments: tuple[str, ...]
    origin: Origin
    fuzzy: bool
    flags: tuple[str, ...]
    layout: Layout | None

    @classmethod
    def of(cls, tcomment: tuple[str, ...], flags: tuple[str, ...]) -> _Notes:
        comments, origin = read_origin(tcomment) if tcomment else ((), HUMAN)
        other = tuple(f for f in flags if f != "fuzzy")
        # What the writer writes anyway needs no layout: no translator comment, no flag but "fuzzy".
        plain = not tcomment and (not flags or flags == ("fuzzy",))
        layout = None if plain else Layout(tcomment, comments, origin, flags)
        return cls(comments, origin, "fuzzy" in flags, other, layout)


@dataclass
class _Parsed:
    header: dict[str, str]
    header_comment: str
    header_fuzzy: bool
    drafts: list[_Draft]  # every entry but the header, in file order
    header_line: int = 0

    def catalog(self) -> Catalog:
        shared: dict[tuple[tuple[str, ...], tuple[str, ...]], _Notes] = {}
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
_PREVIOUS = {"msgid_plural": "pp", "msgid": "pm", "msgctxt": "pc"}
_UNESCAPED_QUOTE = re.compile(r'([^\\]|^)"')
_ESCAPE = re.compile(r'\\([\\ntrvbf"])')
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "\\": "\\", '"': '"'}
_BOM = "\ufeff"


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _ESCAPE.sub(lambda m: _ESCAPES[m.group(1)], text)


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


def _lines(text: str) -> list[str]:
    """Lines split at line ends only (``str.splitlines`` also breaks at U+2028, U+0085, \\x1c-\\x1e)."""
    return text.split("\n") if "\r" not in text else _NEWLINES.split(text)


def _read(lines: Sequence[str]) -> _Parsed:
    """PO lines → header and entries, with polib 1.2's grammar and values (see the module docstring)."""
    drafts: list[_Draft] = []
    header_lines: list[str] = []
    state = "st"
    draft = _Draft(line=0)
    plural_index = 0
    last_comment = False  # the last line read was a comment: it makes no entry at the end of the file
    seen = False
    number = 0
    unescape = _unescape
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
                if not _strings_ok(line):
                    raise PoSyntaxError(_NOT_CLOSED, number, string=True)
                if '"' in inner and _UNESCAPED_QUOTE.search(inner):
                    raise PoSyntaxError("Syntax error in po file: unescaped double quote found", number)
            symbol, value, last_comment = "mc", line, False
        elif head == "#~|":
            if not _strings_ok(line[2:].lstrip("|").strip()):
                raise PoSyntaxError(_NOT_CLOSED, number, string=True)
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
                if not _strings_ok(line):
                    raise PoSyntaxError(_NOT_CLOSED, number, string=True)
            elif line[1:2] in ("~", "|") and not _strings_ok(line[2:].lstrip("|").strip()):
                raise PoSyntaxError(_NOT_CLOSED, number, string=True)
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
                draft = _Draft(line=number)
        elif not draft.line and (state == "st" or state == "he"):
            draft.line = number
        if symbol == "gc":
            comment = value[3:]
            if comment or draft.extracted:
                draft.extracted.append(comment)
        elif symbol == "oc":
            for occurrence in value[3:].split():
                where, sep, at = occurrence.rpartition(":")
                draft.occurrences.append((where, at) if sep and at.isdigit() else (occurrence, ""))
        elif symbol == "mi":
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
            try:
                plural_index = int(value[7])
            except (ValueError, IndexError):
                raise PoSyntaxError("Syntax error in po file", number) from None
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
    if seen and not last_comment:  # trailing comments make no entry
        drafts.append(draft)
    return _split_header(drafts, "\n".join(header_lines))


def _split_header(drafts: list[_Draft], header_comment: str) -> _Parsed:
    """The header is the live entry with an empty msgid (and no msgctxt, if there are several)."""
    header: dict[str, str] = {}
    candidates = [d for d in drafts if d.msgid == "" and not d.obsolete]
    if not candidates:
        return _Parsed(header, header_comment, False, drafts)
    # As polib picks it: the only one, else the last without a msgctxt, else the first.
    found = next((d for d in reversed(candidates) if not d.msgctxt), candidates[0])
    key: str | None = None
    for line in found.msgstr.splitlines():
        name, sep, value = line.partition(":")
        if sep:
            key = name
            header[key] = value.strip()
        elif key is not None:
            header[key] += "\n" + line.strip()
    rest = [d for d in drafts if d is not found]
    return _Parsed(header, header_comment, bool(found.flags), rest, found.msgid_line)

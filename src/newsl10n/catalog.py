"""Segments ↔ gettext catalogs (polib), with headers from Babel.

``template()`` makes the POT for an article; ``merge()`` updates a language's
PO from it the way msgmerge does: approved translations are kept, changed
sentences become fuzzy with their previous msgid (``#|``), sentences that
left the article become obsolete (``#~``) — nothing translated is dropped.
Pure: reading and writing files is the caller's business
(:func:`parse_catalog`, :func:`generate_po`).
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import polib

from . import __version__
from .errors import InputError
from .model import MergeStats, Segment, Translation

FUZZY_THRESHOLD = 75.0
#: No wrapping (like ``msgcat --no-wrap``): one line per message, and comment lines such as
#: the inline-code legend and glossary hints are never cut in two.
WRAP = 0
_DATE_FIELDS = ("POT-Creation-Date", "PO-Revision-Date")
_HEADER_DATE_LINE = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): [^"\\]*\\n"$', re.MULTILINE)


@dataclass(frozen=True)
class Occurrence:
    segment: Segment
    path: str


def po_date(when: dt.datetime) -> str:
    return when.strftime("%Y-%m-%d %H:%M%z")


def assign_contexts(segments: Sequence[Segment]) -> list[Segment]:
    """Give a msgctxt to equal msgids whose inline codes stand for different markup.

    ``Click <1>here</1>`` with ``<1>`` a link and with ``<1>`` bold may need
    different translations; equal msgids with the same markup share one entry.
    """
    shapes: dict[str, set[str]] = {}
    for seg in segments:
        shapes.setdefault(seg.msgid, set()).add(_code_shape(seg))
    out: list[Segment] = []
    for seg in segments:
        if len(shapes[seg.msgid]) > 1:
            seg = Segment(seg.msgid, seg.raw, seg.kind, seg.line, seg.codes, msgctxt=_code_shape(seg))
        out.append(seg)
    return out


def _code_shape(seg: Segment) -> str:
    return "codes: " + " ".join(f"{c.id}={c.tag or c.kind.value}" for c in seg.codes)


def header(
    *,
    project: str,
    lang: str | None,
    src_lang: str,
    created: dt.datetime,
    source: str,
    extra: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Header fields, in gettext's order; Plural-Forms from :func:`~newsl10n.localize.plural_forms`."""
    from .localize import plural_forms

    fields = {
        "Project-Id-Version": project,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": po_date(created),
        "PO-Revision-Date": po_date(created) if lang else "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "",
        "Language-Team": "",
    }
    if lang:
        fields["Language"] = lang
    fields.update(
        {
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
        }
    )
    if lang:
        nplurals, expr = plural_forms(lang)
        fields["Plural-Forms"] = expr if expr.startswith("nplurals") else f"nplurals={nplurals}; plural={expr};"
    fields["X-Generator"] = f"newsl10n {__version__}"
    fields["X-Source-Language"] = src_lang
    fields["X-Source-File"] = source
    if extra:
        fields.update(extra)
    return fields


def template(occurrences: Iterable[Occurrence], *, metadata: Mapping[str, str]) -> polib.POFile:
    """One entry per distinct (msgctxt, msgid), with every place it occurs."""
    po = polib.POFile(wrapwidth=WRAP)
    po.metadata = dict(metadata)
    by_key: dict[tuple[str | None, str], polib.POEntry] = {}
    comments: dict[tuple[str | None, str], list[str]] = {}
    for occ in occurrences:
        seg = occ.segment
        entry = by_key.get(seg.key)
        if entry is None:
            entry = polib.POEntry(msgid=seg.msgid, msgstr="", msgctxt=seg.msgctxt)
            by_key[seg.key] = entry
            comments[seg.key] = []
            po.append(entry)
        ref = (occ.path, str(seg.line))
        if ref not in entry.occurrences:
            entry.occurrences.append(ref)
        lines = comments[seg.key]
        for line in [f"block: {seg.kind}", *(c.legend() for c in seg.codes)]:
            if line not in lines:
                lines.append(line)
    for key, entry in by_key.items():
        entry.comment = "\n".join(comments[key])
    return po


def merge(
    tmpl: polib.POFile,
    existing: polib.POFile | None,
    *,
    metadata: Mapping[str, str],
    threshold: float = FUZZY_THRESHOLD,
) -> tuple[polib.POFile, MergeStats]:
    """Update ``existing`` from a template, as msgmerge does.  Nothing translated is lost."""
    po = polib.POFile(wrapwidth=WRAP)
    po.metadata = dict(metadata)
    if existing is not None:
        # A catalog's own Language and Plural-Forms are the translator's contract: never silently changed
        # (a newer Babel, or another tool's spelling of the same rule, must not rewrite them).
        kept = ("Last-Translator", "Language-Team", "Report-Msgid-Bugs-To", "Language", "Plural-Forms")
        keep = {k: v for k, v in existing.metadata.items() if k in kept and v}
        po.metadata.update(keep)
        # Fields we do not set (X-Poedit-*, a translator's notes, the engine signature) stay as they were.
        po.metadata.update({k: v for k, v in existing.metadata.items() if k not in po.metadata})
    old_live = {(e.msgctxt, e.msgid): e for e in (existing or []) if not e.obsolete}
    old_obsolete = {(e.msgctxt, e.msgid): e for e in (existing or []) if e.obsolete}
    used: set[tuple[str | None, str]] = set()
    new = fuzzy = unchanged = 0
    pending: list[polib.POEntry] = []
    for t in tmpl:
        key = (t.msgctxt, t.msgid)
        old = old_live.get(key) or old_obsolete.get(key)
        entry = polib.POEntry(msgid=t.msgid, msgctxt=t.msgctxt, msgstr="", occurrences=list(t.occurrences), comment=t.comment)
        if old is not None:
            used.add(key)
            entry.msgstr = old.msgstr
            entry.flags = list(old.flags)
            entry.tcomment = old.tcomment
            entry.previous_msgid = old.previous_msgid
            entry.previous_msgctxt = old.previous_msgctxt
            unchanged += 1
        else:
            pending.append(entry)
        po.append(entry)
    candidates = [e for k, e in old_live.items() if k not in used and e.msgstr]
    if pending and candidates:
        fuzzy = _fuzzy_fill(pending, candidates, used, threshold)
    new = len(pending) - fuzzy
    obsolete = 0
    for key, old in list(old_live.items()) + list(old_obsolete.items()):
        if key in used or not (old.msgstr or any(old.msgstr_plural.values())):
            continue
        entry = polib.POEntry(
            msgid=old.msgid, msgctxt=old.msgctxt, msgstr=old.msgstr, flags=list(old.flags), tcomment=old.tcomment, obsolete=True
        )
        if old.msgid_plural:  # a plural entry (never extracted by us, but a translator's work all the same)
            entry.msgid_plural = old.msgid_plural
            entry.msgstr_plural = dict(old.msgstr_plural)
        po.append(entry)
        obsolete += 1 if not old.obsolete else 0
    return po, MergeStats(new=new, fuzzy=fuzzy, obsolete=obsolete, unchanged=unchanged)


def _fuzzy_fill(
    pending: list[polib.POEntry], candidates: list[polib.POEntry], used: set[tuple[str | None, str]], threshold: float
) -> int:
    from rapidfuzz import fuzz, process

    choices = [c.msgid for c in candidates]
    filled = 0
    for entry in pending:
        best = process.extractOne(entry.msgid, choices, scorer=fuzz.ratio, score_cutoff=threshold)
        if best is None:
            continue
        old = candidates[best[2]]
        entry.msgstr = old.msgstr
        entry.flags = sorted(set(old.flags) | {"fuzzy"})
        entry.tcomment = old.tcomment
        entry.previous_msgid = old.msgid
        entry.previous_msgctxt = old.msgctxt
        used.add((old.msgctxt, old.msgid))
        filled += 1
    return filled


def translations(po: polib.POFile, *, use_fuzzy: bool = True) -> dict[tuple[str | None, str], Translation]:
    """The usable translations of a catalog, by (msgctxt, msgid)."""
    out: dict[tuple[str | None, str], Translation] = {}
    for e in po:
        if e.obsolete or not e.msgstr:
            continue
        is_fuzzy = "fuzzy" in e.flags
        if is_fuzzy and not use_fuzzy:
            continue
        out[(e.msgctxt, e.msgid)] = Translation(msgstr=e.msgstr, fuzzy=is_fuzzy)
    return out


_PO_CHARSET = re.compile(rb'^[ \t]*"Content-Type:[^"\n]*?charset=([^"\\\s;]*)', re.MULTILINE | re.IGNORECASE)
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")
_NEWLINES = re.compile(r"\r\n|\r|\n")


def decode_catalog(data: bytes, *, path: str) -> str:
    """PO bytes → text, in the charset its header declares (``charset=CHARSET`` of a template: UTF-8).

    An unknown charset, or bytes that are not valid in it, are an InputError
    naming the line.  Without a header: UTF-8, else detection.
    """
    from .fsio import BOMS, decode

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


def parse_catalog(text: str, *, path: str) -> polib.POFile:
    """Parse PO text; syntax errors become an InputError naming the line.

    Refused as msgfmt refuses them: a NUL character, two entries with the
    same msgctxt and msgid (polib would keep both, and a merge would lose
    one), and plural entries whose number of forms differs from the header's
    ``nplurals``.
    """
    if "\x00" in text:
        nul_line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError("contains a NUL character; not a PO file", path=path, line=nul_line)
    _check_strings(text, path)
    try:
        po = _polib_parse(text)
    except (OSError, ValueError, UnicodeError) as exc:
        message = str(exc)
        m = re.search(r"\(line (\d+)\)", message)
        line = int(m.group(1)) if m else None
        message = re.sub(r"\s*\(line \d+\)", "", message)
        raise InputError(f"broken catalog: {message}", path=path, line=line) from None
    _check_entries(po, path, text)
    return po


_KEYWORD = re.compile(r"(?:msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])(?=[\s\"])")
_STRINGS = re.compile(r'(?:"(?:[^"\\]|\\.)*"\s*)+')


# A catalog made only of lines that are plainly fine: blank, a comment, or (optionally after "#~"/"#|")
# a keyword and/or complete strings.  Matching it proves _check_strings would find nothing; a file that
# does not match (odd spacing, other lines) is checked line by line, which also finds the line to report.
_PLAIN_STRINGS = r'(?:"(?:[^"\\\r\n]|\\[^\r\n])*"[ \t]*)+'
_PLAIN_LINE = (
    r"[ \t]*(?:#(?![~|])[^\r\n]*|(?:#[~|]\|*[ \t]*)?"
    r"(?:(?:msgctxt|msgid_plural|msgid|msgstr\[\d+\]|msgstr)[ \t]+)?" + _PLAIN_STRINGS + r")?"
)
_PLAIN_CATALOG = re.compile(rf"(?:{_PLAIN_LINE}(?:\r\n|\r|\n))*{_PLAIN_LINE}")


def _check_strings(text: str, path: str) -> None:
    """Every string is one complete C literal (polib reads ``msgid "abc`` as ``ab`` and goes on)."""
    if _PLAIN_CATALOG.fullmatch(text):
        return
    for number, line in enumerate(_NEWLINES.split(text), start=1):
        body = line.strip()
        if body.startswith(("#~", "#|")):
            body = body[2:].lstrip("|").strip()
        elif body.startswith("#") or not body:
            continue
        keyword = _KEYWORD.match(body)
        rest = body[keyword.end() :].strip() if keyword else body
        if (keyword or body.startswith('"')) and not _STRINGS.fullmatch(rest):
            raise InputError("broken catalog: a string is not closed or not quoted", path=path, line=number)


def _polib_parse(text: str) -> polib.POFile:
    """polib's parser, fed lines split at line ends only.

    ``polib.pofile(text)`` splits with ``str.splitlines()``, which also
    breaks at U+2028, U+0085 and the \\x1c-\\x1e separators inside a quoted
    string and silently drops characters; a file is read line by line at
    ``\\n`` (and ``\\r``) only, and so is the text here.
    """
    parser_class = getattr(polib, "_POFileParser", None)
    if parser_class is None:  # pragma: no cover - a polib without its parser class
        return polib.pofile(text if "\n" in text else text + "\n", wrapwidth=WRAP)
    parser = parser_class(text if "\n" in text else text + "\n", encoding="utf-8")
    parser.fhandle = _NEWLINES.split(text)
    po: polib.POFile = parser.parse()
    po.wrapwidth = WRAP
    return po


def _second_header_line(text: str) -> int | None:
    """The line of the second ``msgid ""`` without a msgctxt (polib does not keep its line)."""
    seen = 0
    previous = ""
    for number, line in enumerate(_NEWLINES.split(text), start=1):
        stripped = line.strip()
        if re.fullmatch(r'msgid\s+""', stripped) and not previous.startswith("msgctxt"):
            seen += 1
            if seen == 2:
                return number
        if stripped and not stripped.startswith('"'):
            previous = stripped
    return None


def _check_entries(po: polib.POFile, path: str, text: str) -> None:
    m = _NPLURALS.search(po.metadata.get("Plural-Forms", ""))
    nplurals = int(m.group(1)) if m else None
    first: dict[tuple[str | None, str], int] = {}
    for e in po:
        line = e.linenum if isinstance(e.linenum, int) and e.linenum > 0 else None
        key = (e.msgctxt, e.msgid)
        if e.msgid == "" and e.msgctxt is None:
            raise InputError("a second header entry (msgid \"\")", path=path, line=line or _second_header_line(text))
        if key in first:
            raise InputError(f"duplicate message definition; the first is at line {first[key]}", path=path, line=line)
        first[key] = line or 0
        if e.msgid_plural and nplurals is not None and not e.obsolete:
            forms = sorted(e.msgstr_plural)
            if forms != list(range(nplurals)):
                raise InputError(
                    f"{len(forms)} plural forms, but the header says nplurals={nplurals}", path=path, line=line
                )


def generate_po(po: polib.POFile) -> str:
    text = str(po)
    return text if text.endswith("\n") else text + "\n"


def same_apart_from_dates(a: str, b: str) -> bool:
    """True when two catalogs say the same thing: only dates, line wrapping or layout differ."""
    if _HEADER_DATE_LINE.sub("", a) == _HEADER_DATE_LINE.sub("", b):
        return True
    try:
        pa, pb = (_polib_parse(t) for t in (a, b))
    except (OSError, ValueError, UnicodeError):
        return False
    return _content(pa) == _content(pb)


def _content(po: polib.POFile) -> tuple[object, ...]:
    meta = tuple(sorted((k, v) for k, v in po.metadata.items() if k not in _DATE_FIELDS))
    entries = tuple(
        (
            e.msgctxt,
            e.msgid,
            e.msgstr,
            e.msgid_plural,
            tuple(sorted(e.msgstr_plural.items())),
            e.obsolete,
            tuple(sorted(e.flags)),
            tuple(e.occurrences),
            " ".join((e.comment or "").split()),
            " ".join((e.tcomment or "").split()),
            e.previous_msgid,
            e.previous_msgctxt,
        )
        for e in po
    )
    return meta, entries


def annotate(po: polib.POFile, notes_for: Callable[[str], Sequence[str]], *, prefix: str = "term: ") -> None:
    """Set the extracted-comment lines starting with ``prefix`` (glossary hints) of each live entry."""
    for entry in po:
        if entry.obsolete:
            continue
        lines = [ln for ln in (entry.comment.splitlines() if entry.comment else []) if not ln.startswith(prefix)]
        for note in notes_for(entry.msgid):
            if note not in lines:
                lines.append(note)
        entry.comment = "\n".join(lines)

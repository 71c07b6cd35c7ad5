"""The gettext PO format: PO text ↔ :class:`~newsl10n.catalog_model.Catalog`.

With :mod:`newsl10n.formats.po_syntax` (its line reader), :mod:`.po_fast` (the
usual shape, an entry at a time) and :mod:`.po_values` (strings and header
fields), the only place that knows PO syntax; the only module that imports polib.

* :func:`parse_po` reads with a small line reader of our own (polib's public
  parser splits lines at U+2028, U+0085 and the \\x1c-\\x1e separators and
  drops characters; its private class is not an interface; our reader is also
  the fastest of the three we measured, see docs/benchmarks.md), a file of the
  usual shape a whole entry at a time (the same catalog, tested).  It accepts
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

from ..catalog_model import Catalog, Entry
from ..errors import InputError
from .po_fast import read_catalog
from .po_syntax import (
    PROVENANCE,
    ParsedPo,
    PoSyntaxError,
    comment_lines,
    origin_lines,
    read_lines,
    read_origin,
    split_lines,
)
from .po_values import NOT_CLOSED, first_open_string

__all__ = [
    "PROVENANCE",
    "WRAP",
    "PoSyntaxError",
    "check_strings",
    "comment_lines",
    "decode_po",
    "generate_po",
    "origin_lines",
    "parse_po",
    "read_origin",
    "read_po_text",
    "same_apart_from_dates",
]

#: No wrapping (like ``msgcat --no-wrap``): one line per message, and comment lines such as
#: the inline-code legend and glossary hints are never cut in two.
WRAP = 0

_DATE_FIELDS = ("POT-Creation-Date", "PO-Revision-Date")
_HEADER_DATE_LINE = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): [^"\\]*\\n"$', re.MULTILINE)
_PO_CHARSET = re.compile(rb'^[ \t]*"Content-Type:[^"\n]*?charset=([^"\\\s;]*)', re.MULTILINE | re.IGNORECASE)
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")


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
    return read_catalog(text) or read_po_text(text, path=path)


def read_po_text(text: str, *, path: str) -> Catalog:
    """PO text read line by line, with every check: what :func:`parse_po` does with a file not of the usual
    shape (:mod:`.po_fast` reads those), and the reference it is tested against."""
    try:
        parsed = read_lines(split_lines(text))
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
        pa, pb = (read_lines(split_lines(t)) for t in (a, b))
    except PoSyntaxError:
        return False
    return _content(pa) == _content(pb)


def _content(parsed: ParsedPo) -> tuple[object, ...]:
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


def check_strings(text: str, path: str) -> None:
    """Every string is one complete C literal; else an InputError naming the first line that is not."""
    line = first_open_string(text)
    if line is not None:
        raise InputError(f"broken catalog: {NOT_CLOSED}", path=path, line=line)


def _check_entries(parsed: ParsedPo, path: str) -> None:
    m = _NPLURALS.search(parsed.header.get("Plural-Forms", ""))
    nplurals = int(m.group(1)) if m else None
    first: dict[tuple[str | None, str], int] = {}
    for d in parsed.drafts:
        key = (d.msgctxt, d.msgid)
        if not d.msgid_line:
            raise InputError("an entry with no msgid", path=path, line=d.line)
        if d.msgid == "" and d.msgctxt is None:
            raise InputError('a second header entry (msgid "")', path=path, line=max(d.msgid_line, parsed.header_line) or None)
        if key in first:
            raise InputError(f"duplicate message definition; the first is at line {first[key]}", path=path, line=d.line)
        first[key] = d.line
        if d.msgid_plural and nplurals is not None and not d.obsolete:
            forms = sorted(d.msgstr_plural)
            if forms != list(range(nplurals)):
                raise InputError(f"{len(forms)} plural forms, but the header says nplurals={nplurals}", path=path, line=d.line)



"""The usual shape of a PO file, read a whole entry at a time: a fast path for :func:`~newsl10n.formats.po.parse_po`.

Catalogs that we, polib and msgmerge write have one shape: each entry is
translator comments, extracted comments, references, flags, an optional
``msgctxt``, then ``msgid`` and ``msgstr`` with their continuation strings,
every string a plain C literal with the usual escapes, entries apart by empty
lines.  :func:`read_catalog` reads such a file with one regular-expression
match per entry, straight into the catalog, instead of a pass of the line
reader (:mod:`.po_syntax`) per line and a draft per entry.  It gives exactly
the catalog the line reader and the checks of :mod:`.po` give
(``tests/formats/test_po_fast.py`` compares the two).  Anything else (plural
forms, obsolete or previous entries, CR line ends, a BOM, odd spacing, stray
comment lines, an escape polib keeps as it is, a second header, a duplicate
message) is left to them: this path never refuses anything, it says None.
"""

from __future__ import annotations

import re

from ..catalog_model import Catalog, Entry, Reference
from .po_syntax import NotesCache, make_entry
from .po_values import header_fields, unescape

#: A C string's content: no unescaped quote, only the escapes gettext reads (unrolled: no alternation per character).
_C = r'[^"\\\n]*(?:\\[\\ntrvbf"][^"\\\n]*)*'
#: One string on its line, then its continuation lines.
_S = r'"(?P<{0}>' + _C + r')"\n(?P<{0}_more>(?:"' + _C + r'"\n)*)'
#: One entry.  A comment line's text ends with something ``str.strip`` keeps (the line reader strips each line).
_ENTRY = re.compile(
    r"(?P<tc>(?:#(?: [^\n]*\S)?\n)*)"
    r"(?P<gc>(?:\#\. [^\n]*\S\n)*)"
    r"(?P<oc>(?:\#: [^\n]*\S\n)*)"
    r"(?P<fl>(?:\#, [^\n]*\S\n)*)"
    r"(?:(?P<ct_line>msgctxt )" + _S.format("ct") + ")?"
    r"msgid " + _S.format("mi") + "msgstr " + _S.format("ms") + r"\n*"
)


def _string(first: str, more: str) -> str:
    """A string and its continuation lines (``"…"\\n`` each) → the text they hold."""
    if more:
        first += "".join(more[1:-2].split('"\n"'))
    return unescape(first) if "\\" in first else first


def read_catalog(text: str) -> Catalog | None:
    """The catalog of ``text`` when every entry has the usual shape and passes the checks; None otherwise."""
    if not text or "\r" in text or text[0] == "\ufeff":
        return None
    if text[-1] != "\n":
        text += "\n"
    end = len(text)
    pos = end - len(text.lstrip("\n"))  # empty lines before the first entry
    number = pos + 1  # the line ``pos`` is on
    match = _ENTRY.match
    count = text.count
    shared: NotesCache = {}
    entries: list[Entry] = []
    seen: set[tuple[str | None, str]] = set()
    header: dict[str, str] | None = None
    header_fuzzy = False
    header_lines: list[str] = []
    first = True
    while pos < end:
        m = match(text, pos)
        if m is None:
            return None
        tc, gc, oc, fl, ct_line, ct, ct_more, mi, mi_more, ms, ms_more = m.groups()
        tcomment: tuple[str, ...] = ()
        line = number
        if tc:
            lines = tc[:-1].split("\n")
            if first:  # above the first entry: the file's header comment
                for comment in lines:
                    if comment[2:] or header_lines:
                        header_lines.append(comment[2:])
                line += len(lines)
            else:
                kept: list[str] = []
                for comment in lines:
                    if comment[2:] or kept:
                        kept.append(comment[2:])
                tcomment = tuple(kept)
        first = False
        flags: tuple[str, ...] = ()
        if fl:
            flags = tuple([flag.strip() for comment in fl[:-1].split("\n") for flag in comment[3:].split(",")])
        msgid = mi + "".join(mi_more[1:-2].split('"\n"')) if mi_more else mi  # (_string, inline)
        if "\\" in msgid:
            msgid = unescape(msgid)
        msgctxt = None if ct_line is None else _string(ct, ct_more)
        key = (msgctxt, msgid)
        after = m.end()
        if key in seen:  # a duplicate or a second header: the checks say which, and where
            return None
        seen.add(key)
        if msgctxt is None and msgid == "":
            header = header_fields(_string(ms, ms_more))
            header_fuzzy = bool(flags)
        else:
            references: list[Reference] = []
            if oc:
                for comment in oc[:-1].split("\n"):
                    for occurrence in comment[3:].split():
                        where, sep, at = occurrence.rpartition(":")
                        references.append(Reference(where, at) if sep and at.isdigit() else Reference(occurrence, ""))
            entries.append(
                make_entry(
                    msgid,
                    _string(ms, ms_more),
                    msgctxt,
                    tcomment,
                    flags,
                    tuple([comment[3:] for comment in gc[:-1].split("\n")]) if gc else (),  # "#. " + text each
                    tuple(references),
                    line,
                    shared,
                )
            )
        number += count("\n", pos, after)
        pos = after
    if first:
        return None
    return Catalog(
        header=header if header is not None else {},
        entries=tuple(entries),
        header_comment="\n".join(header_lines),
        header_fuzzy=header_fuzzy,
    )

"""The usual shape of a PO file, read a whole entry at a time: a fast path for :mod:`.po_syntax`.

Catalogs that we, polib and msgmerge write have one shape: each entry is
translator comments, extracted comments, references, flags, an optional
``msgctxt``, then ``msgid`` and ``msgstr`` with their continuation strings,
every string a plain C literal with the usual escapes, entries apart by empty
lines.  :func:`read_text` reads such a file with one regular-expression match
per entry instead of a pass of the line reader per line, and gives exactly what
:func:`~newsl10n.formats.po_syntax.read_lines` gives (the same drafts, lines and
header; ``tests/formats/test_po_fast.py`` compares the two).  Anything else
(plural forms, obsolete or previous entries, CR line ends, a BOM, odd spacing,
stray comment lines, an escape polib keeps as it is) is read by the line
reader, which also says what is wrong with a broken file: this path never
refuses anything.
"""

from __future__ import annotations

import re

from .po_syntax import Draft, ParsedPo, read_lines, split_header, split_lines, unescape

#: One C string literal on a line of its own (the escapes gettext reads; no unescaped quote).
_C = r'[^"\\\n]*(?:\\[\\ntrvbf"][^"\\\n]*)*'
_S = r'"(?P<{0}>' + _C + r')"\n(?P<{0}_more>(?:"' + _C + r'"\n)*)'
#: A comment line's text ends with something ``str.strip`` keeps (the line reader strips each line).
_ENTRY = re.compile(
    r"(?P<tc>(?:#(?: [^\n]*\S)?\n)*)"
    r"(?P<gc>(?:\#\. [^\n]*\S\n)*)"
    r"(?P<oc>(?:\#: [^\n]*\S\n)*)"
    r"(?P<fl>(?:\#, [^\n]*\S\n)*)"
    r"(?:(?P<ct_line>msgctxt )" + _S.format("ct") + ")?"
    r"(?P<mi_line>msgid )" + _S.format("mi") + "msgstr " + _S.format("ms") + r"\n*"
)


def read_text(text: str) -> ParsedPo:
    """PO text → header and entries, as :func:`~newsl10n.formats.po_syntax.read_lines` reads its lines."""
    return _read_usual(text) or read_lines(split_lines(text))


def _string(first: str, more: str) -> str:
    """A string and its continuation lines (``"…"\\n`` each) → the text they hold."""
    if more:
        first += "".join(more[1:-2].split('"\n"'))
    return unescape(first) if "\\" in first else first


def _read_usual(text: str) -> ParsedPo | None:
    """The file read entry by entry when every entry has the usual shape; None when one does not."""
    if not text or "\r" in text or text[0] == "\ufeff":
        return None
    if text[-1] != "\n":
        text += "\n"
    end = len(text)
    pos = end - len(text.lstrip("\n"))  # empty lines before the first entry
    number = pos + 1  # the line ``pos`` is on
    match = _ENTRY.match
    count = text.count
    drafts: list[Draft] = []
    header_lines: list[str] = []
    while pos < end:
        m = match(text, pos)
        if m is None:
            return None
        tc, gc, oc, fl, ct_line, ct, ct_more, _mi_line, mi, mi_more, ms, ms_more = m.groups()
        tcomment: list[str] = []
        line = number
        if tc:
            lines = tc[:-1].split("\n")
            if not drafts:  # above the first entry: the file's header comment
                for comment in lines:
                    if comment[2:] or header_lines:
                        header_lines.append(comment[2:])
                line += len(lines)
            else:
                for comment in lines:
                    if comment[2:] or tcomment:
                        tcomment.append(comment[2:])
        extracted = [comment[3:] for comment in gc[:-1].split("\n")] if gc else []  # never empty: "#. " + text
        occurrences: list[tuple[str, str]] = []
        if oc:
            for comment in oc[:-1].split("\n"):
                for occurrence in comment[3:].split():
                    where, sep, at = occurrence.rpartition(":")
                    occurrences.append((where, at) if sep and at.isdigit() else (occurrence, ""))
        flags: list[str] = []
        if fl:
            for comment in fl[:-1].split("\n"):
                flags.extend([flag.strip() for flag in comment[3:].split(",")])
        if mi_more:
            mi += "".join(mi_more[1:-2].split('"\n"'))
        if ms_more:
            ms += "".join(ms_more[1:-2].split('"\n"'))
        after = m.end()
        drafts.append(
            Draft(
                line,
                number + count("\n", pos, m.start(8)),
                unescape(mi) if "\\" in mi else mi,
                unescape(ms) if "\\" in ms else ms,
                None if ct_line is None else _string(ct, ct_more),
                "",
                {},
                flags,
                tcomment,
                extracted,
                occurrences,
            )
        )
        number += count("\n", pos, after)
        pos = after
    if not drafts:
        return None
    return split_header(drafts, "\n".join(header_lines))

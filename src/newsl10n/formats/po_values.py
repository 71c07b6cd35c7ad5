"""What PO strings and the header entry hold: complete C literals, their escapes, the header's fields.

Value-level helpers of the PO readers (:mod:`.po_syntax`, the line reader, and :mod:`.po_fast`).
"""

from __future__ import annotations

import re

_NEWLINES = re.compile(r"\r\n|\r|\n")
_KEYWORD = re.compile(r"(?:msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])(?=[\s\"])")
_STRINGS = re.compile(r'(?:"(?:[^"\\]|\\.)*"\s*)+')
NOT_CLOSED = "a string is not closed or not quoted"


def strings_ok(body: str) -> bool:
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


def first_open_string(text: str) -> int | None:
    """The first line whose strings are not complete C literals (checked line by line), or None."""
    for number, line in enumerate(_NEWLINES.split(text), start=1):
        body = line.strip()
        if body.startswith(("#~", "#|")):
            body = body[2:].lstrip("|").strip()
        elif body.startswith("#") or not body:
            continue
        if not strings_ok(body):
            return number
    return None


_ESCAPE = re.compile(r'\\([\\ntrvbf"])')
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "\\": "\\", '"': '"'}


def unescape(text: str) -> str:
    """A C string's content with the escapes gettext reads turned into their characters."""
    if "\\" not in text:
        return text
    return _ESCAPE.sub(lambda m: _ESCAPES[m.group(1)], text)


def header_fields(msgstr: str) -> dict[str, str]:
    """The header entry's msgstr → its fields in order (a line without a colon continues the last field)."""
    header: dict[str, str] = {}
    key: str | None = None
    for line in msgstr.splitlines():
        name, sep, value = line.partition(":")
        if sep:
            key = name
            header[key] = value.strip()
        elif key is not None:
            header[key] += "\n" + line.strip()
    return header

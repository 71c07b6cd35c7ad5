"""Refusing hostile XML before any parser sees it.

A glossary file comes from outside; XML lets such a file declare entities
that expand exponentially ("billion laughs") or pull in local files and
URLs.  The rule here is simple: a document whose DOCTYPE has an internal
subset declaring an ENTITY is rejected outright.  A DOCTYPE that only names
an external DTD is allowed; the parser is configured never to load it.
"""

from __future__ import annotations

from typing import Any

from ..errors import InputError
from ..fsio import BOMS
from ..xmllimits import explain


def structural_text(data: bytes) -> str:
    """The document as text, good enough to read its markup.

    Only the ASCII structure matters here, so undecodable bytes become
    replacement characters (line numbers stay right); the real decoding is
    the XML parser's job.
    """
    for bom, codec in BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, "replace")
    if data[:2] == b"<\x00":
        return data.decode("utf-16-le", "replace")
    if data[:2] == b"\x00<":
        return data.decode("utf-16-be", "replace")
    return data.decode("utf-8", "replace")


def _skip(text: str, pos: int, closer: str) -> int:
    """Position after ``closer`` (searching from ``pos``), or the end of the text."""
    end = text.find(closer, pos)
    return len(text) if end < 0 else end + len(closer)


def entity_declaration_offset(text: str) -> int | None:
    """Where the DOCTYPE's internal subset declares an ENTITY, or None.

    Walks the prolog (XML declaration, processing instructions, comments),
    then the DOCTYPE, honouring quoted literals so that a ``[`` or ``>``
    inside a system identifier does not confuse it.
    """
    pos, n = 0, len(text)
    while True:
        while pos < n and text[pos].isspace():
            pos += 1
        if text.startswith("<?", pos):
            pos = _skip(text, pos + 2, "?>")
        elif text.startswith("<!--", pos):
            pos = _skip(text, pos + 4, "-->")
        elif text.startswith("<!DOCTYPE", pos):
            pos += len("<!DOCTYPE")
            break
        else:
            return None  # the root element (or garbage): there is no DOCTYPE
    while pos < n:  # the DOCTYPE's name and external identifier
        ch = text[pos]
        if ch in "\"'":
            pos = _skip(text, pos + 1, ch)
        elif ch == ">":
            return None
        elif ch == "[":
            pos += 1
            break
        else:
            pos += 1
    while pos < n:  # the internal subset
        ch = text[pos]
        if ch == "]":
            return None
        if ch in "\"'":
            pos = _skip(text, pos + 1, ch)
        elif text.startswith("<!--", pos):
            pos = _skip(text, pos + 4, "-->")
        elif text.startswith("<?", pos):
            pos = _skip(text, pos + 2, "?>")
        elif text[pos : pos + 8].upper() == "<!ENTITY":
            return pos
        else:
            pos += 1
    return None


def reject_entity_declarations(data: bytes, *, path: str) -> None:
    """Raise InputError if the document declares entities in its DOCTYPE."""
    text = structural_text(data)
    offset = entity_declaration_offset(text)
    if offset is not None:
        line = text.count("\n", 0, offset) + 1
        raise InputError(
            "the DOCTYPE declares an ENTITY; entity declarations are refused "
            "(they can expand without bound or read other files)",
            path=path,
            line=line,
        )


def xml_syntax_error(exc: Any, *, path: str) -> InputError:
    """An lxml ``XMLSyntaxError`` as one line naming the file and line (limits explained)."""
    message = exc.msg or str(exc)
    return InputError(
        explain(message, what="glossary") or f"not well-formed XML: {message}", path=path, line=exc.lineno or None
    )

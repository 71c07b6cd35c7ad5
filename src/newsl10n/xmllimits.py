"""libxml2's limits, and its messages about them said so that a user can act on them.

lxml's XML parser (TBX glossaries) runs without ``XML_PARSE_HUGE``
(lxml's ``huge_tree``): that option lifts every safety limit at once (depth,
text length, entity amplification), and no article or glossary needs it.
When a limit is hit, libxml2 says ``… try XML_PARSE_HUGE``, which names an
option of a library the user never called.  :func:`explain` turns such a
message into what to change in the file.
"""

from __future__ import annotations

#: libxml2's longest text node, attribute value, comment or name without XML_PARSE_HUGE, in bytes.
MAX_TEXT_BYTES = 10_000_000
#: libxml2's deepest element nesting without XML_PARSE_HUGE.
MAX_DEPTH = 255


def explain(message: str, *, what: str) -> str | None:
    """What a libxml2 ``message`` about a resource limit means for ``what`` ("page", "glossary").

    None when the message is not about a limit (the caller shows it as it is).
    """
    lower = message.lower()
    if "depth" in lower:
        return f"elements are nested more than {MAX_DEPTH} deep; the {what} cannot be read whole"
    if "xml_parse_huge" in lower or "resource limit" in lower or "huge" in lower:
        return (
            f"one text, attribute value or comment in the {what} is longer than {MAX_TEXT_BYTES:,} bytes, "
            "the parser's limit (libxml2 without XML_PARSE_HUGE, which newsl10n does not lift); split it"
        )
    return None

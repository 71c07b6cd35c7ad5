"""What is translatable in HTML: the one place that says so.

The reader (:mod:`newsl10n.formats.html`) extracts exactly this, the writer
puts translations back exactly here, and the ``leftover`` check on built
pages (:mod:`newsl10n.checks.leftover`) looks exactly here, so that ``check``
never reports text that ``extract`` could not have offered for translation.

* Element content, except inside :data:`SKIP_TAGS`, comments, and subtrees
  marked ``translate="no"`` or ``class="notranslate"`` (a ``translate="yes"``
  inside such a subtree does not switch translation back on: the subtree is
  kept as it is, whole).
* The attributes :data:`TRANSLATABLE_ATTRS` of any element outside those
  subtrees, and the ``content`` of the ``meta`` elements in :data:`META_CONTENT`.

Pure data and functions over lxml elements; no parsing here except
:func:`sniff_html_lang`, which reads the declared language from the first
bytes of a page without parsing it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

#: Elements that start a new block.  Everything else is inline.
BLOCK_TAGS = frozenset(
    """html head body title div p h1 h2 h3 h4 h5 h6 ul ol li dl dt dd table thead tbody tfoot tr td th
    caption colgroup col figure figcaption blockquote section article aside header footer nav main address
    form fieldset legend details summary hr pre center menu dialog option optgroup select button
    video audio picture source track map area meta link base frameset frame noframes hgroup search""".split()
)
#: Elements whose content is never translated; kept as it is.  The raw-text elements (script, style,
#: xmp, iframe, noembed, noframes, plaintext, noscript) are among them: text written into one is not
#: escaped, so a translation there could end the element.  SVG and MathML (foreign content) are too.
SKIP_TAGS = frozenset(
    """script style code pre kbd var samp svg math template textarea noscript iframe object embed canvas
    xmp noembed noframes plaintext""".split()
)
VOID_TAGS = frozenset("br img wbr input hr embed source track area col meta link base param".split())
#: Attributes translated on any element.
TRANSLATABLE_ATTRS = ("alt", "title", "aria-label", "placeholder")
#: ``meta`` elements whose ``content`` is translated: (attribute, value) → the kind of run.
META_CONTENT = {
    ("name", "description"): "meta description",
    ("property", "og:title"): "meta og:title",
    ("property", "og:description"): "meta og:description",
    ("name", "twitter:title"): "meta twitter:title",
    ("name", "twitter:description"): "meta twitter:description",
}


def is_skipped(node: Any) -> bool:
    """Never translated, with everything inside: comments, :data:`SKIP_TAGS`, foreign (SVG, MathML) elements,
    ``translate="no"``, ``.notranslate``."""
    tag = node.tag
    if not isinstance(tag, str):
        return True
    if _skipped_tag(tag):
        return True
    translate = node.get("translate")
    if translate is not None and translate.strip().lower() == "no":
        return True
    classes = node.get("class")
    return classes is not None and "notranslate" in classes and "notranslate" in classes.split()


@functools.lru_cache(maxsize=4096)  # a hostile page may hold any number of names
def _skipped_tag(tag: str) -> bool:
    """Skipped whatever its attributes: foreign, or in :data:`SKIP_TAGS`."""
    return tag.startswith("{") or tag.lower() in SKIP_TAGS


def iter_unskipped(root: Any) -> Iterator[Any]:
    """Elements outside skipped subtrees, in document order."""
    stack = [root]
    while stack:
        node = stack.pop()
        if is_skipped(node):
            continue
        yield node
        stack.extend(reversed([c for c in node if isinstance(c.tag, str)]))


def translatable_attributes(el: Any) -> list[tuple[str, str]]:
    """``(attribute, kind)`` for each translatable, non-blank attribute of ``el`` (itself not skipped)."""
    if el.tag == "meta":
        return [
            ("content", kind)
            for (attr, value), kind in META_CONTENT.items()
            if (el.get(attr) or "").lower() == value and (el.get("content") or "").strip()
        ]
    keys = el.keys()
    if not keys:
        return []
    found = []
    for attr in TRANSLATABLE_ATTRS:
        if attr in keys and el.get(attr).strip():
            found.append((attr, f"{el.tag} {attr}"))
    return found


_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)", re.IGNORECASE)


def sniff_html_lang(head: str) -> str | None:
    """The ``lang`` of the ``<html>`` start tag in the first 4 KB of a page, as written; None if there is none."""
    m = _HTML_LANG.search(head[:4096])
    return m.group(1) if m else None

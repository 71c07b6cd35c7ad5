"""Rebuild a page from its parse and new coded text for each run (lxml).

Only what runs hold is replaced: inline codes turn back into the very
elements they stand for (with their attributes), text is set as text (so a
``<script>`` in a translation is escaped, never markup), and everything
outside runs (scripts, styles, comments, ``translate="no"``) is untouched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import lxml.html
from lxml import etree

from ..model import CODE_RE
from .html import DateSlot, LiteralSlot, ParsedHtml, Run, iter_unskipped

DateFormatter = Callable[[str], str]
_CHARSET_META = re.compile(r"charset\s*=\s*[\w-]+", re.IGNORECASE)
#: Characters an lxml tree cannot hold (outside XML 1.0's Char production), though the HTML parser
#: lets some through from the source: form feed and vertical tab become spaces, the rest go.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` with the characters lxml refuses (``ValueError: All strings must be XML compatible``) removed."""
    if not _NOT_XML.search(text):
        return text
    return _NOT_XML.sub(lambda m: " " if m.group(0) in "\x0b\x0c" else "", text)


def apply_runs(parsed: ParsedHtml, texts: Sequence[str], *, format_date: DateFormatter) -> None:
    """Put new coded text into every run (``texts[i]`` for ``parsed.runs[i]``).

    Each text must carry exactly the codes of its run, well nested: callers
    check translations with :func:`newsl10n.model.check_codes` first.
    """
    if len(texts) != len(parsed.runs):
        raise ValueError("one text per run is needed")
    for run, text in zip(parsed.runs, texts):
        if run.attr is not None:
            run.element.set(run.attr, xml_safe(text))
        elif text != run.text or any(isinstance(s, DateSlot) for s in run.slots.values()):
            _replace_run(run, text, format_date)


def _replace_run(run: Run, text: str, format_date: DateFormatter) -> None:
    holder = etree.Element("holder")
    stack: list[Any] = [holder]
    pos = 0

    def add_text(s: str) -> None:
        s = xml_safe(s)
        if not s:
            return
        top = stack[-1]
        if len(top):
            top[-1].tail = (top[-1].tail or "") + s
        else:
            top.text = (top.text or "") + s

    for m in CODE_RE.finditer(text):
        add_text(text[pos : m.start()])
        pos = m.end()
        closing, num, empty = m.group(1) == "/", int(m.group(2)), m.group(3) == "/"
        slot = run.slots[num]
        if closing:
            stack.pop()
            continue
        if isinstance(slot, DateSlot):
            add_text(format_date(slot.iso))
            continue
        if isinstance(slot, LiteralSlot):
            add_text(slot.text)
            continue
        slot.tail = None
        if not empty:
            slot.text = None
            for child in list(slot):
                slot.remove(child)
        stack[-1].append(slot)
        if not empty:
            stack.append(slot)
    add_text(text[pos:])

    parent = run.parent
    if run.lead is None:
        parent.text = holder.text
        index = 0
    else:
        run.lead.tail = holder.text
        index = parent.index(run.lead) + 1
    for offset, node in enumerate(list(holder)):
        parent.insert(index + offset, node)


def localize_page(parsed: ParsedHtml, *, lang: str, direction: str, localize_time: Callable[[str], str | None]) -> None:
    """Set ``lang``/``dir``, the declared charset and ``<time>`` texts for the target."""
    root = parsed.root
    if not parsed.fragment and root.tag == "html":
        root.set("lang", lang.replace("_", "-"))
        if direction == "rtl" or root.get("dir") is not None:
            root.set("dir", direction)
        _declare_utf8(root)
        for meta in root.iter("meta"):
            if (meta.get("http-equiv") or "").lower() == "content-language":
                meta.set("content", lang.replace("_", "-"))
    for time in iter_unskipped(root):
        if time.tag != "time":
            continue
        value = time.get("datetime")
        rendered = localize_time(value) if value else None
        if rendered is not None:
            time.text = rendered
            for child in list(time):
                time.remove(child)


def _declare_utf8(root: Any) -> None:
    head = root.find("head")
    for meta in root.iter("meta"):
        if meta.get("charset") is not None:
            meta.set("charset", "utf-8")
            return
        if (meta.get("http-equiv") or "").lower() == "content-type":
            content = xml_safe(meta.get("content") or "text/html; charset=utf-8")
            meta.set("content", _CHARSET_META.sub("charset=utf-8", content))
            return
    if head is not None:
        meta = etree.Element("meta", charset="utf-8")
        meta.tail = head.text
        head.insert(0, meta)


_HIDDEN_HTTP_EQUIV = "data-newsl10n-http-equiv"


def _settable(items: Sequence[tuple[str, str]]) -> bool:
    """Whether lxml lets every one of these attributes be set (the parser lets through some it refuses to set)."""
    probe = etree.Element("probe")
    try:
        for key, value in items:
            probe.set(key, value)
    except ValueError:
        return False
    return True


def _replace_with_charset(meta: Any) -> None:
    """libxml2 drops a Content-Type meta when serializing: put ``<meta charset="utf-8">`` in its place."""
    replacement = etree.Element("meta", charset="utf-8")
    replacement.tail = meta.tail
    meta.addprevious(replacement)
    meta.getparent().remove(meta)


def serialize(parsed: ParsedHtml, *, nbsp_entities: bool) -> str:
    """The page as HTML text; a fragment comes back as a fragment."""
    root = parsed.root
    # libxml2's serializer drops <meta http-equiv="Content-Type">: hide it from libxml2, restore it after.
    hidden = False
    for meta in root.iter("meta"):
        if (meta.get("http-equiv") or "").lower() == "content-type":
            items = [(_HIDDEN_HTTP_EQUIV if key == "http-equiv" else key, value) for key, value in meta.attrib.items()]
            if not _settable(items):  # names or values lxml cannot set again (control characters)
                _replace_with_charset(meta)
                continue
            meta.attrib.clear()
            for key, value in items:
                meta.set(key, value)
            hidden = True
    if parsed.fragment:
        out = (root.text or "") + "".join(lxml.html.tostring(c, encoding="unicode", method="html") for c in root)
    else:
        out = lxml.html.tostring(root, encoding="unicode", method="html", doctype=xml_safe(parsed.doctype or ""))
        if parsed.doctype:
            out = out if out.endswith("\n") else out + "\n"
    if hidden:
        out = out.replace(f" {_HIDDEN_HTTP_EQUIV}=", " http-equiv=")
    if nbsp_entities:
        out = out.replace("\xa0", "&nbsp;")
    return out


def has_raw_nbsp_in_verbatim(parsed: ParsedHtml) -> bool:
    """Whether a script, style or other verbatim element holds a no-break space."""
    for el in parsed.root.iter("script", "style", "pre", "textarea"):
        if "\xa0" in (el.text or ""):
            return True
    return False

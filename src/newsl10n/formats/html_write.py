"""Rebuild a page from its parse and new coded text for each run (lxml).

Only what runs hold is replaced: inline codes turn back into the very
elements they stand for (with their attributes), text is set as text (so a
``<script>`` in a translation is escaped, never markup), and everything
outside runs (scripts, styles, comments, ``translate="no"``) is untouched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree

from ..model import CODE_RE
from .html import DateSlot, LiteralSlot, ParsedHtml, Run
from .html_rules import is_skipped
from .html_serialize import generate_html, needs_round_trip_check, verify_round_trip

#: Renders an ISO date in a language: the one given, or the page's (target) language for ``None``.
DateFormatter = Callable[[str, str | None], str]
_CHARSET_META = re.compile(r"charset\s*=\s*[\w-]+", re.IGNORECASE)
#: Characters an lxml tree cannot hold (outside XML 1.0's Char production), though the HTML parser
#: lets some through from the source: form feed and vertical tab become spaces, the rest go.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` with the characters lxml refuses (``ValueError: All strings must be XML compatible``) removed."""
    if not _NOT_XML.search(text):
        return text
    return _NOT_XML.sub(lambda m: " " if m.group(0) in "\x0b\x0c" else "", text)


@dataclass(slots=True)
class Part:
    """A stretch of a run's new coded text: a translation, skeleton, or a fallback in the source language.

    Never changed once made (not frozen only because a frozen dataclass takes three times as long to
    make, and ``build`` makes one per sentence and stretch between).
    """

    text: str
    #: For a fallback (no usable translation): the language the text is in, written as ``lang`` around it.
    lang: str | None = None
    #: ``dir`` for the fallback, when its direction differs from the page's.
    direction: str | None = None
    #: A translation (not skeleton, not a fallback).
    translated: bool = False


#: Elements whose content cannot hold a ``<span>`` (text only, or the parser drops it): a fallback
#: inside them is written without one.
_TEXT_ONLY = frozenset({"title", "textarea", "option", "optgroup", "select", "datalist"})


def apply_runs(parsed: ParsedHtml, texts: Sequence[str | Sequence[Part]], *, format_date: DateFormatter) -> None:
    """Put new coded text into every run (``texts[i]`` for ``parsed.runs[i]``).

    Each text must carry exactly the codes of its run, well nested: callers
    check translations with :func:`newsl10n.model.check_codes` first.  Given
    as :class:`Part` s, fallback parts are marked with their language: the
    block element itself gets ``lang`` when the fallback is all it holds,
    otherwise each fallback sentence is wrapped in ``<span lang=…>``.
    """
    if len(texts) != len(parsed.runs):
        raise ValueError("one text per run is needed")
    for run, given in zip(parsed.runs, texts):
        parts = [Part(given, translated=True)] if isinstance(given, str) else list(given)
        text = "".join([p.text for p in parts])
        if run.attr is not None:
            run.element.set(run.attr, xml_safe(text))
            continue
        fallbacks = {(p.lang, p.direction) for p in parts if p.lang}
        translated = any(p.translated for p in parts)
        whole = (
            len(fallbacks) == 1
            and not translated
            and _owns_parent(run)
            and run.parent.get("lang") is None
            and run.parent.get("dir") is None
        )
        if whole:
            ((lang, direction),) = fallbacks
            _mark(parsed, run.parent, lang, direction)
            parts = [Part(p.text, lang=lang) for p in parts]  # dates in the block's language, no spans
        elif run.parent.tag in _TEXT_ONLY:
            parts = [Part(p.text, lang=p.lang) for p in parts]
        wrap = not whole and run.parent.tag not in _TEXT_ONLY and bool(fallbacks)
        if wrap or text != run.text or any(isinstance(s, DateSlot) for s in run.slots.values()):
            _replace_run(parsed, run, parts, format_date, wrap=wrap)


def _owns_parent(run: Run) -> bool:
    """Whether the run is all the content of its element (no block child, nothing outside the run)."""
    if run.lead is not None:
        return False
    nodes = {id(s) for s in run.slots.values() if not isinstance(s, (DateSlot, LiteralSlot))}
    return all(id(child) in nodes for child in run.parent)


def _mark(parsed: ParsedHtml, el: Any, lang: str, direction: str | None) -> None:
    el.set("lang", lang)
    if direction:
        el.set("dir", direction)
    parsed.fallback_langs[el] = lang


def _replace_run(parsed: ParsedHtml, run: Run, parts: Sequence[Part], format_date: DateFormatter, *, wrap: bool) -> None:
    holder = etree.Element("holder")
    stack: list[Any] = [holder]

    def add_text(s: str) -> None:
        s = xml_safe(s)
        if not s:
            return
        top = stack[-1]
        if len(top):
            top[-1].tail = (top[-1].tail or "") + s
        else:
            top.text = (top.text or "") + s

    for part in parts:
        wrapper = None
        if wrap and part.lang and CODE_RE.sub("", part.text).strip():
            wrapper = etree.SubElement(stack[-1], "span")
            _mark(parsed, wrapper, part.lang, part.direction)
            stack.append(wrapper)
        pos = 0
        text = part.text
        for m in CODE_RE.finditer(text):
            add_text(text[pos : m.start()])
            pos = m.end()
            closing, num, empty = m.group(1) == "/", int(m.group(2)), m.group(3) == "/"
            slot = run.slots[num]
            if closing:
                stack.pop()
                continue
            if isinstance(slot, DateSlot):
                add_text(format_date(slot.iso, part.lang))
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
        if wrapper is not None:
            stack.pop()

    parent = run.parent
    if run.lead is None:
        parent.text = holder.text
        index = 0
    else:
        run.lead.tail = holder.text
        index = parent.index(run.lead) + 1
    for offset, node in enumerate(list(holder)):
        parent.insert(index + offset, node)


def localize_page(
    parsed: ParsedHtml, *, lang: str, direction: str, localize_time: Callable[[str, str | None], str | None]
) -> None:
    """Set ``lang`` (a BCP 47 tag, :func:`newsl10n.localize.bcp47`)/``dir``, the declared charset and ``<time>`` texts.

    A ``<time>`` inside fallback text is written in the fallback's language (``localize_time``
    gets that language, or ``None`` for the page's)."""
    root = parsed.root
    if not parsed.fragment and root.tag == "html":
        root.set("lang", lang)
        if direction == "rtl" or root.get("dir") is not None:
            root.set("dir", direction)
        _declare_utf8(root)
        for meta in root.iter("meta"):
            if (meta.get("http-equiv") or "").lower() == "content-language":
                meta.set("content", lang)
    for time in list(root.iter("time")):  # (a <time> inside one rewritten below is left detached, unwritten)
        if is_skipped(time) or any(is_skipped(a) for a in time.iterancestors()):
            continue  # what iter_unskipped leaves out, found from the few <time> elements up
        value = time.get("datetime")
        rendered = localize_time(value, _fallback_lang(parsed, time)) if value else None
        if rendered is not None:
            time.text = rendered
            for child in list(time):
                time.remove(child)


def _fallback_lang(parsed: ParsedHtml, el: Any) -> str | None:
    if not parsed.fallback_langs:
        return None
    for ancestor in el.iterancestors():
        if ancestor in parsed.fallback_langs:
            return parsed.fallback_langs[ancestor]
    return None


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


def serialize(parsed: ParsedHtml, *, nbsp_entities: bool) -> str:
    """The page as HTML text that a browser parses back into this tree; a fragment comes back as a fragment.

    No text-level rewriting of the result: every byte comes from the tree, escaped
    where it stands (``nbsp_entities`` writes no-break spaces in text and attribute
    values as ``&nbsp;``, as the source did).
    """
    root = parsed.root
    _unnest_forms(root)
    text = generate_html(
        root, fragment=parsed.fragment, doctype=parsed.doctype, path=parsed.path, nbsp_entities=nbsp_entities, layout=parsed.layout
    )
    if needs_round_trip_check(root):
        verify_round_trip(root, text, fragment=parsed.fragment, path=parsed.path)
    return text


def _unnest_forms(root: Any) -> None:
    """A form inside a form (which the HTML5 parser builds from ``<form><div></form><form>``) has no text
    that parses back to it: a browser reading the page again would drop the inner start tag.  Drop it
    here, keeping its content, so that the page written is the tree meant."""
    inner = [el for el in root.iter("form") if any(a.tag == "form" for a in el.iterancestors())]
    for form in reversed(inner):
        parent = form.getparent()
        index = parent.index(form)
        if form.text:
            if index:
                parent[index - 1].tail = (parent[index - 1].tail or "") + form.text
            else:
                parent.text = (parent.text or "") + form.text
        tail = form.tail
        children = list(form)
        for offset, child in enumerate(children):
            parent.insert(index + offset, child)
        parent.remove(form)
        if tail:
            if children:
                children[-1].tail = (children[-1].tail or "") + tail
            elif index:
                parent[index - 1].tail = (parent[index - 1].tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail


def has_raw_nbsp_in_verbatim(parsed: ParsedHtml) -> bool:
    """Whether a script, style or other verbatim element holds a no-break space."""
    for el in parsed.root.iter("script", "style", "pre", "textarea"):
        if "\xa0" in (el.text or ""):
            return True
    return False

"""TMX 1.4b: approved pairs out as a translation memory, and a TMX memory back in.

Export (:func:`generate_tmx`, pure): one ``<tu>`` per distinct approved pair
(source language, target language, msgctxt, msgid, msgstr) of the catalogs
given; the msgctxt is a ``<prop type="x-context">`` (as translate-toolkit writes
it).  Inline codes: a pair ``<1>…</1>`` becomes ``<bpt i="1" x="1">…</bpt>`` and
``<ept i="1">…</ept>`` holding the original markup from the code legend
(``<a href="/">``, ``</a>``), a standalone ``<2/>`` becomes ``<ph x="2">…</ph>``.
Plural entries and translations whose codes do not match their msgid are left
out.

Import (:func:`parse_tmx`): every ``<tu>`` with text in both languages becomes
a :class:`TmxPair`, inline codes written the catalog's way again (``x`` gives
the number, else ``i``); a ``<tu>`` with codes that cannot be read so
(``<it>``, ``<ut>``, a ``<bpt>`` without its ``<ept>``) is skipped.
:func:`memories` turns the pairs of one language pair into translation-memory
records.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import __version__
from ..catalog_model import Catalog, Entry
from ..errors import InputError
from ..model import CODE_RE, check_codes
from ..tm import Memory
from .interchange_xml import NOT_XML, append_text, code_markup, end_tag, indent

if TYPE_CHECKING:
    from lxml import etree

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_STRUCTURAL = frozenset({"tmx", "body", "tu", "tuv"})


@dataclass(frozen=True)
class TmxCatalog:
    """One catalog to export, with its languages."""

    src_lang: str
    tgt_lang: str
    catalog: Catalog


@dataclass(frozen=True)
class TmxPair:
    """One translation unit of a TMX file, for one language pair."""

    src_lang: str
    tgt_lang: str
    msgctxt: str | None
    source: str  # inline codes written <1>…</1>, <2/>
    target: str
    line: int


# --- export -------------------------------------------------------------------------------


def _text(parent: etree._Element, text: str) -> None:
    append_text(parent, NOT_XML.sub("\ufffd", text))  # TMX has no element for characters XML cannot hold


def _seg(tuv: etree._Element, coded: str, legend: dict[int, str]) -> None:
    from lxml import etree

    seg = etree.SubElement(tuv, "seg")
    pos = 0
    for m in CODE_RE.finditer(coded):
        _text(seg, coded[pos : m.start()])
        pos = m.end()
        closing, num, empty = m.group(1) == "/", int(m.group(2)), m.group(3) == "/"
        native = legend.get(num, "")
        if empty:
            el = etree.SubElement(seg, "ph", x=str(num))
        elif closing:
            native = end_tag(native)
            el = etree.SubElement(seg, "ept", i=str(num))
        else:
            el = etree.SubElement(seg, "bpt", i=str(num), x=str(num))
        _text(el, native)
    _text(seg, coded[pos:])


def exportable(entry: Entry) -> bool:
    """Approved singular entries whose translation's codes match the msgid."""
    return entry.approved and not entry.msgid_plural and bool(entry.msgid) and check_codes(entry.msgid, entry.msgstr).ok


def generate_tmx(catalogs: Sequence[TmxCatalog]) -> str:
    """A TMX 1.4b document with every approved pair of ``catalogs`` (each pair once)."""
    from lxml import etree

    src_langs = sorted({c.src_lang for c in catalogs})
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(
        root,
        "header",
        creationtool="newsl10n",
        creationtoolversion=__version__,
        segtype="sentence",
        datatype="html",
        adminlang="en",
        srclang=src_langs[0] if len(src_langs) == 1 else "*all*",
        **{"o-tmf": "PO"},
    )
    body = etree.SubElement(root, "body")
    seen: set[tuple[str, str, str | None, str, str]] = set()
    for item in catalogs:
        for entry in item.catalog.entries:
            key = (item.src_lang, item.tgt_lang, entry.msgctxt, entry.msgid, entry.msgstr)
            if not exportable(entry) or key in seen:
                continue
            seen.add(key)
            tu = etree.SubElement(body, "tu", srclang=item.src_lang)
            if entry.msgctxt is not None:
                _text(etree.SubElement(tu, "prop", type="x-context"), entry.msgctxt)
            legend = code_markup(entry)
            for lang, text in ((item.src_lang, entry.msgid), (item.tgt_lang, entry.msgstr)):
                tuv = etree.SubElement(tu, "tuv")
                tuv.set(_XML_LANG, lang)
                _seg(tuv, text, legend)
    indent(root, _STRUCTURAL)
    out: str = etree.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + out + "\n"


# --- import -------------------------------------------------------------------------------


class _Unreadable(Exception):
    pass


def _coded(seg: etree._Element) -> str:
    """A ``<seg>``'s text with codes written the catalog's way (native code inside them dropped)."""
    parts = [seg.text or ""]
    open_pairs: dict[str, str] = {}  # bpt i → code number
    for child in seg:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "bpt":
            num = _number(child)
            open_pairs[child.get("i", "")] = num
            parts.append(f"<{num}>")
        elif tag == "ept":
            num = open_pairs.pop(child.get("i", ""), "")
            if not num:
                raise _Unreadable("an <ept> without its <bpt>")
            parts.append(f"</{num}>")
        elif tag == "ph":
            parts.append(f"<{_number(child)}/>")
        elif tag == "hi":
            parts.append(_coded(child))
        elif tag:
            raise _Unreadable(f"<{tag}> is not supported")
        parts.append(child.tail or "")
    if open_pairs:
        raise _Unreadable("a <bpt> without its <ept>")
    return "".join(parts)


def _number(el: etree._Element) -> str:
    num = el.get("x") or el.get("i") or ""
    if not num.isdigit():
        raise _Unreadable(f"<{el.tag}> has no numeric x or i")
    return num


def parse_tmx(data: bytes, *, path: str) -> tuple[TmxPair, ...]:
    """Every (source, target) pair of the file, for every target language a ``<tu>`` has."""
    from lxml import etree

    from ..glossary.xmlguard import reject_entity_declarations

    reject_entity_declarations(data, path=path)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"not well-formed XML: {exc.msg}", path=path, line=exc.position[0] or None) from None
    if root.tag != "tmx":
        raise InputError(f"not a TMX document (root {root.tag!r})", path=path, line=root.sourceline)
    header = root.find("header")
    default_src = header.get("srclang", "") if header is not None else ""
    pairs: list[TmxPair] = []
    for tu in root.iterfind("body/tu"):
        src = tu.get("srclang") or default_src
        ctx = tu.find("prop[@type='x-context']")
        msgctxt = (ctx.text or "") if ctx is not None else None
        texts: dict[str, str] = {}
        try:
            for tuv in tu.iterfind("tuv"):
                seg = tuv.find("seg")
                lang = tuv.get(_XML_LANG) or tuv.get("lang") or ""
                if seg is not None and lang:
                    texts.setdefault(lang, _coded(seg))
        except _Unreadable:
            continue
        source = next((t for lang, t in texts.items() if _same_language(lang, src)), None)
        if not source:
            continue
        for lang, target in texts.items():
            if not _same_language(lang, src) and target:
                pairs.append(TmxPair(src, lang, msgctxt, source, target, tu.sourceline or 0))
    return tuple(pairs)


def _lang_key(tag: str) -> str:
    from ..errors import UsageError
    from ..localize import normalize_lang

    try:
        return normalize_lang(tag)
    except UsageError:
        return tag.replace("-", "_").lower()


def _same_language(a: str, b: str) -> bool:
    return _lang_key(a) == _lang_key(b)


def _base(tag: str) -> str:
    return _lang_key(tag).split("_", 1)[0]


def memories(pairs: Iterable[TmxPair], *, src_lang: str, tgt_lang: str, path: str) -> list[Memory]:
    """The pairs from ``src_lang`` into ``tgt_lang`` as memory records (``es-ES`` serves ``es``)."""
    out = []
    for p in pairs:
        if _base(p.src_lang) == _base(src_lang) and _base(p.tgt_lang) == _base(tgt_lang):
            out.append(Memory(p.source, p.msgctxt, p.target, f"{path}:{p.line}"))
    return out

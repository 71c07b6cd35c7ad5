"""XLIFF 2.0 (OASIS, core): catalogs out to CAT tools and their units back.

Export (:func:`generate_xliff2`, pure): one ``<file>`` per catalog (its
``original`` is the article's slug), one ``<unit>`` per live singular entry.
Inline codes become ``<pc>`` (a pair: ``<1>…</1>``) and ``<ph>`` (standalone:
``<2/>``), each pointing (``dataRefStart``/``dataRefEnd``, ``dataRef``) at
``<originalData>`` holding the original markup from the entry's code legend,
so a CAT tool can show ``<a href="/partners/upm/">``.  Entry → segment state:
untranslated → ``initial`` (no target), fuzzy → ``translated``, approved →
``final``.  ``<notes>`` carry the msgctxt (category ``msgctxt``, read back on
import), the references (``location``), the extracted comments (block kind,
glossary terms: ``extracted``), translator comments (``translator``), where
the text came from (``provenance``) and a stale entry's previous source.  A
translation whose codes do not match its msgid has no target; it is shown in
a note instead (a ``<pc>`` cannot hold half a pair).

Import (:func:`parse_xliff2`): every unit becomes a
:class:`~newsl10n.interchange.ReturnedUnit`; the rules of what lands are in
:mod:`newsl10n.interchange`.  A file that is not XLIFF 2.0 raises
:class:`~newsl10n.errors.InputError` naming the file and line; a unit whose
inline markup cannot be read is returned with its ``problem``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..catalog_model import Catalog, Entry, Origin, OriginKind
from ..errors import InputError
from ..interchange import ReturnedUnit
from ..model import CODE_RE, check_codes
from .interchange_xml import NOT_XML, append_text, code_markup, end_tag, indent

if TYPE_CHECKING:
    from lxml import etree

NS = "urn:oasis:names:tc:xliff:document:2.0"
_Q = "{" + NS + "}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_FINAL_STATES = frozenset({"final", "reviewed"})


@dataclass(frozen=True)
class ExportFile:
    """One catalog to export and the article it belongs to."""

    article: str  # the slug: written as the file's ``original``, used to find the catalog on import
    catalog: Catalog


@dataclass(frozen=True)
class ImportFile:
    article: str
    units: tuple[ReturnedUnit, ...]
    line: int = 0


@dataclass(frozen=True)
class XliffDocument:
    src_lang: str
    tgt_lang: str | None
    files: tuple[ImportFile, ...]


# --- export -------------------------------------------------------------------------------


def _add_text(parent: etree._Element, text: str) -> None:
    """Append ``text`` at the end of ``parent``'s content (characters XML cannot hold as ``<cp>``)."""
    from lxml import etree

    pos = 0
    for m in NOT_XML.finditer(text):
        append_text(parent, text[pos : m.start()])
        etree.SubElement(parent, _Q + "cp", hex=f"{ord(m.group(0)):04X}")
        pos = m.end()
    append_text(parent, text[pos:])


def _add_coded(parent: etree._Element, coded: str, data: dict[int, str]) -> None:
    """``coded`` (checked: pairs nest) as text, ``<pc>`` and ``<ph>`` under ``parent``."""
    from lxml import etree

    stack = [parent]
    pos = 0
    for m in CODE_RE.finditer(coded):
        _add_text(stack[-1], coded[pos : m.start()])
        pos = m.end()
        closing, num, empty = m.group(1) == "/", int(m.group(2)), m.group(3) == "/"
        if closing:
            stack.pop()
        elif empty:
            ph = etree.SubElement(stack[-1], _Q + "ph", id=str(num))
            if num in data:
                ph.set("dataRef", f"d{num}")
        else:
            pc = etree.SubElement(stack[-1], _Q + "pc", id=str(num))
            if num in data:
                pc.set("dataRefStart", f"d{num}")
                pc.set("dataRefEnd", f"d{num}e")
            stack.append(pc)
    _add_text(stack[-1], coded[pos:])


def _provenance(origin: Origin) -> str | None:
    if origin.kind is OriginKind.HUMAN and not origin.notes:
        return None
    head = {OriginKind.HUMAN: "", OriginKind.TM: "memory", OriginKind.INTERFACE: "interface string",
            OriginKind.MT: "machine translation"}[origin.kind]
    if origin.score is not None and origin.score < 100.0:
        head += f" {origin.score:.0f}%"
    if origin.source:
        head += f" {origin.source}"
    return "; ".join(p for p in (head.strip(), *origin.notes) if p)


def _notes(entry: Entry, target_shown: bool) -> list[tuple[str, str]]:
    notes: list[tuple[str, str]] = []
    if entry.msgctxt is not None:
        notes.append(("msgctxt", entry.msgctxt))
    notes.extend(("location", f"{r.path}:{r.line}" if r.line else r.path) for r in entry.references)
    legend = set(entry.legend)
    notes.extend(("extracted", line) for line in entry.extracted if line not in legend)
    notes.extend(("translator", line) for line in entry.comments)
    provenance = _provenance(entry.origin)
    if provenance and entry.translated_text:
        notes.append(("provenance", provenance))
    if entry.fuzzy and entry.previous_msgid is not None:
        notes.append(("previous source", entry.previous_msgid))
    if entry.translated_text and not target_shown:
        problems = "; ".join(check_codes(entry.msgid, entry.msgstr).problems)
        notes.append(("current translation", f"{entry.msgstr} (not given as the target: {problems})"))
    return notes


def _unit(file_el: etree._Element, number: int, entry: Entry) -> None:
    from lxml import etree

    unit = etree.SubElement(file_el, _Q + "unit", id=f"u{number}")
    target_shown = entry.translated_text and check_codes(entry.msgid, entry.msgstr).ok
    notes = _notes(entry, target_shown)
    if notes:
        notes_el = etree.SubElement(unit, _Q + "notes")
        for category, text in notes:
            _add_text(etree.SubElement(notes_el, _Q + "note", category=category), text)
    legend = code_markup(entry)
    used = {int(m.group(2)): m.group(3) != "/" for m in CODE_RE.finditer(entry.msgid) if m.group(1) != "/"}
    data = {num: legend[num] for num in used if num in legend}
    if data:
        original = etree.SubElement(unit, _Q + "originalData")
        for num in sorted(data):
            _add_text(etree.SubElement(original, _Q + "data", id=f"d{num}"), data[num])
            if not used[num]:
                continue
            _add_text(etree.SubElement(original, _Q + "data", id=f"d{num}e"), end_tag(data[num]))
    state = "initial"
    if target_shown:
        state = "translated" if entry.fuzzy else "final"
    segment = etree.SubElement(unit, _Q + "segment", state=state)
    _add_coded(etree.SubElement(segment, _Q + "source"), entry.msgid, data)
    if target_shown:
        _add_coded(etree.SubElement(segment, _Q + "target"), entry.msgstr, data)


_STRUCTURAL = frozenset(_Q + name for name in ("xliff", "file", "unit", "notes", "originalData", "segment"))


def exportable(entry: Entry) -> bool:
    """Live, singular entries with a msgid (plural entries stay in the PO files)."""
    return bool(entry.msgid) and not entry.msgid_plural and not entry.obsolete


def generate_xliff2(files: Sequence[ExportFile], *, src_lang: str, tgt_lang: str) -> str:
    """An XLIFF 2.0 document for ``files`` (catalogs without exportable entries are left out)."""
    from lxml import etree

    root = etree.Element(_Q + "xliff", nsmap={None: NS}, version="2.0", srcLang=src_lang, trgLang=tgt_lang)
    for number, item in enumerate(files, 1):
        entries = [e for e in item.catalog.entries if exportable(e)]
        if not entries:
            continue
        file_el = etree.SubElement(root, _Q + "file", id=f"f{number}", original=item.article)
        file_el.set(_XML_SPACE, "preserve")
        for unit_number, entry in enumerate(entries, 1):
            _unit(file_el, unit_number, entry)
    if not len(root):
        raise InputError("nothing to export: the catalogs have no entries")
    indent(root, _STRUCTURAL)
    body: str = etree.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


# --- import -------------------------------------------------------------------------------


class _Unreadable(Exception):
    pass


def _coded(el: etree._Element) -> str:
    """The text of a ``<source>``/``<target>`` with inline codes written the catalog's way."""
    parts = [el.text or ""]
    for child in el:
        if not isinstance(child.tag, str):  # a comment or processing instruction
            parts.append(child.tail or "")
            continue
        name = child.tag.removeprefix(_Q)
        code = child.get("id", "")
        if name in ("pc", "ph"):
            if not code.isdigit():
                raise _Unreadable(f"<{name} id={code!r}> at line {child.sourceline} is none of this unit's codes")
            parts.append(f"<{code}>{_coded(child)}</{code}>" if name == "pc" else f"<{code}/>")
        elif name == "cp":
            try:
                parts.append(chr(int(child.get("hex", ""), 16)))
            except ValueError as exc:
                raise _Unreadable(f"<cp> at line {child.sourceline} has no valid hex value") from exc
        elif name == "mrk":
            parts.append(_coded(child))
        else:
            raise _Unreadable(f"<{name}> at line {child.sourceline} is not supported here (use <pc> and <ph>)")
        parts.append(child.tail or "")
    return "".join(parts)


def _read_unit(unit: etree._Element) -> ReturnedUnit:
    unit_id = unit.get("id", "")
    line = unit.sourceline or 0
    msgctxt = None
    for note in unit.iterfind(f"{_Q}notes/{_Q}note"):
        if note.get("category") == "msgctxt":
            msgctxt = _coded(note)
    segments = unit.findall(_Q + "segment")
    if len(segments) != 1:
        return ReturnedUnit(unit_id, line, "", msgctxt, problem=f"has {len(segments)} segments; exactly 1 expected")
    segment = segments[0]
    source, target = segment.find(_Q + "source"), segment.find(_Q + "target")
    try:
        msgid = _coded(source) if source is not None else ""
    except _Unreadable as exc:
        return ReturnedUnit(unit_id, line, "", msgctxt, problem=f"source: {exc}")
    if target is None:
        return ReturnedUnit(unit_id, line, msgid, msgctxt)
    line = target.sourceline or line
    try:
        text = _coded(target)
    except _Unreadable as exc:
        return ReturnedUnit(unit_id, line, msgid, msgctxt, problem=f"target: {exc}")
    final = segment.get("state", "initial") in _FINAL_STATES
    return ReturnedUnit(unit_id, line, msgid, msgctxt, target=text, final=final)


def parse_xliff2(data: bytes, *, path: str) -> XliffDocument:
    """Read an XLIFF 2.0 document's files and units (no entity expansion, no DTD, no network)."""
    from lxml import etree

    from ..glossary.xmlguard import reject_entity_declarations

    reject_entity_declarations(data, path=path)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else None
        raise InputError(f"not well-formed XML: {exc.msg}", path=path, line=line) from None
    if root.tag != _Q + "xliff" or root.get("version") != "2.0":
        found = root.get("version") or "no version"
        raise InputError(f"not an XLIFF 2.0 document (root {root.tag!r}, {found})", path=path, line=root.sourceline)
    src_lang = root.get("srcLang")
    if not src_lang:
        raise InputError("the <xliff> element has no srcLang", path=path, line=root.sourceline)
    files = []
    for file_el in root.iterfind(_Q + "file"):
        article = file_el.get("original")
        if not article:
            raise InputError("a <file> has no original (the article it belongs to)", path=path, line=file_el.sourceline)
        units = tuple(_read_unit(u) for u in file_el.iter(_Q + "unit"))
        files.append(ImportFile(article, units, file_el.sourceline or 0))
    return XliffDocument(src_lang, root.get("trgLang"), tuple(files))


# --- one catalog, for the catalog-format registry -------------------------------------------


def generate_xliff(catalog: Catalog) -> str:
    """One catalog as an XLIFF 2.0 document (languages from its header, the article from Project-Id-Version)."""
    src, tgt = catalog.source_language, catalog.language
    if not src or not tgt:
        raise InputError("an XLIFF export needs the catalog's X-Source-Language and Language")
    article = catalog.header.get("Project-Id-Version") or "catalog"
    return generate_xliff2([ExportFile(article, catalog)], src_lang=src, tgt_lang=tgt)


def parse_xliff(data: bytes | str, *, path: str) -> Catalog:
    """The units of an XLIFF 2.0 document as one catalog: final/reviewed approved, other targets fuzzy."""
    doc = parse_xliff2(data.encode("utf-8") if isinstance(data, str) else data, path=path)
    header = {"Language": doc.tgt_lang or "", "X-Source-Language": doc.src_lang}
    entries: list[Entry] = []
    for item in doc.files:
        for unit in item.units:
            problem = unit.problem
            if problem is None and unit.target and not check_codes(unit.msgid, unit.target).ok:
                problem = "inline codes do not match the source: " + "; ".join(
                    check_codes(unit.msgid, unit.target).problems
                )
            if problem is not None:
                raise InputError(f"unit {unit.unit_id}: {problem}", path=path, line=unit.line)
            target = unit.target or ""
            entries.append(Entry(unit.msgid, target, unit.msgctxt, fuzzy=bool(target) and not unit.final))
    return Catalog(header=header, entries=tuple(entries))

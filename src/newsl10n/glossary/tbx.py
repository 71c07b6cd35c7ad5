"""TBX reader: the old ``martif`` form and TBX-Basic v3 / TBX 2019, one code path.

Both forms have the same shape under different names::

    martif/text/body/termEntry/langSet[@xml:lang]/(tig | ntig/termGrp)/term
    tbx/text/body/conceptEntry/langSec[@xml:lang]/termSec/term

so elements are matched by local name, whatever their namespace or prefix.
Data categories read (``type`` attribute):

* ``termNote``: ``administrativeStatus`` (or the older
  ``normativeAuthorization``) → status; ``termType`` → abbreviation flag;
  ``transferComment`` of "do not translate" → do-not-translate;
  ``usageNote`` → term note.
* ``descrip``: ``subjectField`` → subject; ``conceptKind`` → kind (project
  extension); ``definition`` → note when there is no ``note``;
  ``source`` → source; ``doNotTranslate`` → do-not-translate.
* ``admin type="source"`` → source; ``note`` → note.

Safety: entity declarations are refused before parsing (``xmlguard``), the
parser never loads a DTD or touches the network, and files above a size
limit are not read.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..fsio import read_bytes
from ..localize import tag_key
from .automaton import gc_paused
from .model import Concept, Glossary, Term, TermKind, TermStatus, parse_kind, parse_status
from .xmlguard import reject_entity_declarations, xml_syntax_error

DEFAULT_MAX_BYTES = 200 * 1024 * 1024

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_ENTRY = frozenset({"termEntry", "conceptEntry"})
_LANG = frozenset({"langSet", "langSec"})
_TERM_GROUP = frozenset({"tig", "ntig", "termSec"})
_GROUPS = frozenset({"descripGrp", "adminGrp", "termCompList"})
_ABBREVIATION_TYPES = frozenset({"abbreviation", "acronym", "initialism", "abbreviatedform"})
_YES = frozenset({"yes", "true", "1", "do not translate", "donottranslate", "do-not-translate", "notranslate"})

# lxml ships no type information; elements are typed as Any below.
_Element = Any


def read_tbx(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Glossary:
    """Read one TBX file (refusing files above ``max_bytes``)."""
    data = read_bytes(path, limit=max_bytes)
    return parse_tbx(data, path=str(path), max_bytes=max_bytes)


def parse_tbx(data: bytes, *, path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Glossary:
    """Parse TBX bytes; ``path`` is used for messages and term origins only.

    The file is read as a stream: each entry is turned into a ``Concept`` as
    soon as its end tag is parsed, then cleared from the tree, so memory holds
    the glossary and one entry's elements, not the whole document's tree
    (which cost about 13 bytes per byte of TBX; see docs/reliability.md).
    """
    if len(data) > max_bytes:
        raise InputError(f"file is {len(data):,} bytes; the limit is {max_bytes:,}", path=path)
    reject_entity_declarations(data, path=path)
    reader = _Reader(path)
    with gc_paused():
        return reader.read_stream(data)


#: The entry elements a stream stops at, in any namespace or none.
_ENTRY_TAGS = tuple(f"{{*}}{name}" for name in sorted(_ENTRY))


def _iterparse(data: bytes) -> Any:
    from lxml import etree

    return etree.iterparse(
        io.BytesIO(data),
        events=("end",),
        tag=_ENTRY_TAGS,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _local(el: _Element) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""  # an entity reference node (comments and PIs are removed)
    return tag.rsplit("}", 1)[-1]


@dataclass
class _Meta:
    """What the non-term children of an entry or a term group say (private, mutable)."""

    kind: TermKind | None = None
    notes: list[str] = field(default_factory=list)
    definitions: list[str] = field(default_factory=list)
    subject: str | None = None
    source: str | None = None
    status: TermStatus | None = None
    abbreviation: bool = False
    do_not_translate: bool = False

    def note(self) -> str | None:
        parts = self.notes or self.definitions
        return "\n".join(parts) if parts else None


class _Reader:
    """Walks a parsed TBX tree.  Tuned for large files: tag names are resolved once per
    distinct tag, and a term group holding nothing but its ``<term>`` (the common case)
    takes a short path with no metadata object."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.stem = Path(path).name.split(".", 1)[0]
        self._names: dict[Any, str] = {}
        self._langs: dict[str, str] = {}

    def local(self, el: _Element) -> str:
        """The element's local name ("" for an entity reference node); cached per tag."""
        tag = el.tag
        try:
            return self._names[tag]
        except KeyError:
            name = _local(el)
            self._names[tag] = name
            return name

    def children(self, el: _Element) -> list[tuple[str, _Element]]:
        """(local name, element) of the element children, entity references left out."""
        local = self.local
        return [(name, c) for c in el if (name := local(c))]

    def fail(self, message: str, el: _Element) -> InputError:
        return InputError(message, path=self.path, line=el.sourceline)

    def text(self, el: _Element) -> str:
        """The element's text with whitespace collapsed; unresolved entities are an error."""
        if not len(el):  # no children at all: no markup, no entity reference
            return " ".join((el.text or "").split())
        parts: list[str] = [el.text or ""]
        for child in el.iterdescendants():
            if not isinstance(child.tag, str):
                raise self.fail(
                    f"the entity reference {child.text} is not defined here (external DTDs are never read)",
                    child,
                )
            parts.append(child.text or "")
            parts.append(child.tail or "")
        return " ".join("".join(parts).split())

    def read_stream(self, data: bytes) -> Glossary:
        """The glossary of a TBX document, entry by entry (``root/text/body/entry``; others are skipped)."""
        from lxml import etree

        concepts: list[Concept] = []
        context = _iterparse(data)
        checked_root = False
        try:
            for _event, entry in context:
                parent = entry.getparent()
                if not checked_root:
                    self.check_root(entry.getroottree().getroot())
                    checked_root = True
                if self.in_body(entry):
                    concepts.append(self.entry(entry, len(concepts) + 1))
                entry.clear(keep_tail=False)  # the entry is read: free its elements and earlier siblings
                while entry.getprevious() is not None:
                    del parent[0]
            root = context.root
        except etree.XMLSyntaxError as exc:
            raise xml_syntax_error(exc, path=self.path) from None
        if not checked_root:
            self.check_root(root)
        if not concepts and not self.has_body(root):
            raise self.fail("no <text><body> in this TBX file", root)
        return Glossary.of(concepts)

    def has_body(self, root: _Element) -> bool:
        return any(n == "body" for name, text in self.children(root) if name == "text" for n, _ in self.children(text))

    def check_root(self, root: _Element) -> None:
        if _local(root) not in ("martif", "tbx"):
            raise self.fail(f"not a TBX file: the root element is <{_local(root) or '?'}>", root)

    def in_body(self, entry: _Element) -> bool:
        """Whether the entry sits at ``root/text/body/entry``."""
        body = entry.getparent()
        text = body.getparent() if body is not None else None
        return (
            text is not None
            and text.getparent() is not None
            and text.getparent().getparent() is None
            and self.local(body) == "body"
            and self.local(text) == "text"
        )

    def entry(self, entry: _Element, index: int) -> Concept:
        meta: _Meta | None = None
        terms: list[Term] = []
        names, local, langs, path = self._names, self.local, self._langs, self.path
        for child in entry:
            name = names.get(child.tag) or local(child)
            if name in _LANG:
                lang = langs.get(child.get(_XML_LANG)) or self.lang_of(child)
                for group in child:
                    if (names.get(group.tag) or local(group)) not in _TERM_GROUP:
                        continue
                    if len(group) == 1:  # the common <tig><term>plain text</term></tig>: no metadata
                        term_el = group[0]
                        if not len(term_el) and (names.get(term_el.tag) or local(term_el)) == "term":
                            text = " ".join((term_el.text or "").split())
                            if text:
                                terms.append(Term(text=text, lang=lang, source_file=path, line=term_el.sourceline))
                                continue
                    terms.append(self.term(group, lang))
            elif name:
                meta = meta or _Meta()
                self.meta(child, meta)
        if meta is not None:
            if meta.do_not_translate:
                terms = [replace(t, do_not_translate=True) for t in terms]
            if meta.kind is not None:
                terms = [t if t.kind is not None else replace(t, kind=meta.kind) for t in terms]
        return Concept(
            id=entry.get("id") or f"{self.stem}#{index}",
            terms=tuple(terms),
            kind=meta.kind if meta else None,
            note=meta.note() if meta else None,
            subject=meta.subject if meta else None,
            source=meta.source if meta else None,
            source_file=self.path,
            line=entry.sourceline,
        )

    def lang_of(self, section: _Element) -> str:
        raw = section.get(_XML_LANG) or section.get("lang")
        if not raw:
            raise self.fail(f"<{_local(section)}> without xml:lang", section)
        lang = self._langs.get(raw)
        if lang is None:
            lang = self._langs[raw] = tag_key(raw)
        return lang

    def term(self, group: _Element, lang: str) -> Term:
        meta: _Meta | None = None
        term_el = None
        if len(group) == 1 and self.local(group[0]) == "term":  # <tig><term>…</term></tig>
            term_el = group[0]
            if not len(term_el):
                text = " ".join((term_el.text or "").split())
                if text:
                    return Term(text=text, lang=lang, source_file=self.path, line=term_el.sourceline)
        else:
            local = self.local
            for el in group.iterdescendants():
                name = local(el)
                if name == "term":
                    term_el = term_el if term_el is not None else el
                elif name in ("termNote", "descrip", "admin", "note"):
                    meta = meta or _Meta()
                    self.meta(el, meta)
        if term_el is None:
            raise self.fail(f"<{_local(group)}> without <term>", group)
        text = self.text(term_el)
        if not text:
            raise self.fail("empty <term>", term_el)
        if meta is None:
            return Term(text=text, lang=lang, source_file=self.path, line=term_el.sourceline)
        return Term(
            text=text,
            lang=lang,
            status=meta.status or TermStatus.ADMITTED,
            kind=meta.kind,
            is_abbreviation=meta.abbreviation,
            note=meta.note(),
            do_not_translate=meta.do_not_translate,
            source_file=self.path,
            line=term_el.sourceline,
        )

    def meta(self, el: _Element, meta: _Meta) -> None:
        """Record what one data-category element says."""
        name = self.local(el)
        if name in _GROUPS:
            for _, child in self.children(el):
                self.meta(child, meta)
            return
        kind = (el.get("type") or "").strip()
        if name == "note":
            if value := self.text(el):
                meta.notes.append(value)
            return
        if name not in ("termNote", "descrip", "admin"):
            return
        value = self.text(el)
        if kind in ("administrativeStatus", "normativeAuthorization"):
            status = parse_status(value)
            if status is None:
                raise self.fail(f"unknown {kind} {value!r}", el)
            meta.status = status
        elif kind == "termType":
            meta.abbreviation = meta.abbreviation or value.lower() in _ABBREVIATION_TYPES
        elif kind in ("transferComment", "doNotTranslate"):
            meta.do_not_translate = meta.do_not_translate or value.lower() in _YES
        elif kind == "conceptKind":
            parsed = parse_kind(value)
            if parsed is None:
                raise self.fail(f"unknown conceptKind {value!r}", el)
            meta.kind = parsed
        elif kind == "subjectField":
            meta.subject = meta.subject or value
        elif kind == "source":
            meta.source = meta.source or value
        elif kind == "definition" and value:
            meta.definitions.append(value)
        elif kind == "usageNote" and value:
            meta.notes.append(value)

"""The glossary as data: terms grouped into concepts, concepts into a glossary.

Everything here is a frozen dataclass; a glossary never changes once read.
Readers (``tbx``, ``csvfile``) build these objects, ``merge`` combines them,
``lint`` inspects them and ``match`` finds their terms in text.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from ..localize import tag_key


class TermStatus(str, Enum):
    """How a term may be used (TBX ``administrativeStatus``, simplified)."""

    PREFERRED = "preferred"
    ADMITTED = "admitted"
    DEPRECATED = "deprecated"
    SUPERSEDED = "superseded"
    FORBIDDEN = "forbidden"

    @property
    def usable(self) -> bool:
        """May a translator write this term?"""
        return self in (TermStatus.PREFERRED, TermStatus.ADMITTED)


#: Statuses whose terms must not appear in a translation.
AVOIDED = frozenset({TermStatus.DEPRECATED, TermStatus.SUPERSEDED, TermStatus.FORBIDDEN})


class TermKind(str, Enum):
    """What a concept names; decides e.g. whether a name may be inflected or translated."""

    INSTITUTION = "institution"
    UNIT = "unit"
    TITLE = "title"
    PROGRAMME = "programme"
    ABBREVIATION = "abbreviation"
    PERSON = "person"
    PRODUCT = "product"
    TERM = "term"
    OTHER = "other"


_STATUS_WORDS: dict[str, TermStatus] = {
    # our own spelling
    **{s.value: s for s in TermStatus},
    # TBX administrativeStatus picklist
    "preferredterm-admn-sts": TermStatus.PREFERRED,
    "admittedterm-admn-sts": TermStatus.ADMITTED,
    "deprecatedterm-admn-sts": TermStatus.DEPRECATED,
    "supersededterm-admn-sts": TermStatus.SUPERSEDED,
    "standardizedterm-admn-sts": TermStatus.PREFERRED,
    "legalterm-admn-sts": TermStatus.ADMITTED,
    "regulatedterm-admn-sts": TermStatus.ADMITTED,
    # project extension (documented in glossary/README.md)
    "forbiddenterm-admn-sts": TermStatus.FORBIDDEN,
    # older TBX ``normativeAuthorization`` values
    "preferredterm": TermStatus.PREFERRED,
    "admittedterm": TermStatus.ADMITTED,
    "deprecatedterm": TermStatus.DEPRECATED,
    "supersededterm": TermStatus.SUPERSEDED,
    "standardizedterm": TermStatus.PREFERRED,
}

_KIND_WORDS: dict[str, TermKind] = {
    **{k.value: k for k in TermKind},
    "program": TermKind.PROGRAMME,
}


def parse_status(value: str) -> TermStatus | None:
    """``'preferredTerm-admn-sts'`` or ``'preferred'`` → the status; None if unknown."""
    return _STATUS_WORDS.get(value.strip().lower())


def parse_kind(value: str) -> TermKind | None:
    """``'institution'`` → the kind; None if unknown."""
    return _KIND_WORDS.get(value.strip().lower())


def lang_matches(term_lang: str, wanted: str) -> bool:
    """Does a term in ``term_lang`` count for ``wanted``?  ``en`` covers ``en-gb``."""
    wanted = tag_key(wanted)
    return term_lang == wanted or ("-" not in wanted and term_lang.split("-", 1)[0] == wanted)


@dataclass(frozen=True, slots=True)
class Term:
    """One designation of a concept in one language."""

    text: str
    lang: str
    status: TermStatus = TermStatus.ADMITTED
    kind: TermKind | None = None
    is_abbreviation: bool = False
    note: str | None = None
    do_not_translate: bool = False
    source_file: str | None = None
    line: int | None = None

    @property
    def usable(self) -> bool:
        return self.status.usable


@dataclass(frozen=True, slots=True)
class Concept:
    """One entry: the terms that name the same thing in every language."""

    id: str
    terms: tuple[Term, ...]
    kind: TermKind | None = None
    note: str | None = None
    subject: str | None = None
    source: str | None = None
    source_file: str | None = None
    line: int | None = None

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.lang for t in self.terms))

    def terms_for(self, lang: str) -> tuple[Term, ...]:
        """All terms in ``lang`` (any status), in file order."""
        return tuple(t for t in self.terms if lang_matches(t.lang, lang))

    def preferred(self, lang: str) -> Term | None:
        """The term to write in ``lang``: the preferred one, else the first admitted one."""
        terms = self.terms_for(lang)
        for status in (TermStatus.PREFERRED, TermStatus.ADMITTED):
            for term in terms:
                if term.status is status:
                    return term
        return None

    def usable(self, lang: str) -> tuple[Term, ...]:
        """Preferred and admitted terms in ``lang``."""
        return tuple(t for t in self.terms_for(lang) if t.usable)

    def forbidden(self, lang: str) -> tuple[Term, ...]:
        """Terms that must not be written in ``lang``: forbidden, deprecated, superseded."""
        return tuple(t for t in self.terms_for(lang) if t.status in AVOIDED)

    @property
    def do_not_translate(self) -> bool:
        """Is any term of this concept marked as not to be translated?"""
        return any(t.do_not_translate for t in self.terms)

    def label(self) -> str:
        """A short human name for messages: the id and its first term."""
        first = self.preferred("en") or (self.terms[0] if self.terms else None)
        return f"{self.id} ({first.text!r})" if first else self.id


@dataclass(frozen=True)
class Conflict:
    """Two glossaries disagree about a concept; reported by ``Glossary.merge``."""

    code: str  # "status", "kind", "preferred", "id-clash"
    concept_id: str
    message: str
    lang: str | None = None
    paths: tuple[str, ...] = ()


@dataclass(frozen=True)
class Glossary:
    """An immutable collection of concepts, in file order."""

    concepts: tuple[Concept, ...] = ()
    languages: tuple[str, ...] = ()

    @classmethod
    def of(cls, concepts: tuple[Concept, ...] | list[Concept]) -> Glossary:
        """A glossary whose ``languages`` are those its terms use, in order of appearance."""
        concepts = tuple(concepts)
        langs = dict.fromkeys(t.lang for c in concepts for t in c.terms)
        return cls(concepts=concepts, languages=tuple(langs))

    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def concept(self, concept_id: str) -> Concept | None:
        """The first concept with this id, or None."""
        return self._first_by_id.get(concept_id)

    @functools.cached_property
    def _first_by_id(self) -> dict[str, Concept]:
        """Each id's first concept, made on first use (the glossary is immutable; every matched term asks)."""
        index: dict[str, Concept] = {}
        for concept in self.concepts:
            index.setdefault(concept.id, concept)
        return index

    def terms(self, lang: str) -> Iterator[tuple[Concept, Term]]:
        """Every (concept, term) pair in ``lang``."""
        for concept in self.concepts:
            for term in concept.terms_for(lang):
                yield concept, term

    @staticmethod
    def merge(*glossaries: Glossary) -> tuple[Glossary, list[Conflict]]:
        """Combine glossaries; see :func:`newsl10n.glossary.merge.merge_glossaries`."""
        from .merge import merge_glossaries

        return merge_glossaries(glossaries)

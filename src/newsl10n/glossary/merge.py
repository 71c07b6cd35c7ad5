"""Combining glossaries: one concept per id or per identical set of terms.

Merging joins concepts that come from *different* inputs.  Two concepts of
the same input are never joined here, so a duplicate inside one file stays
visible to ``lint``.  A concept of a later input joins an earlier one when

* both have the same id and, in the languages they share, at least one term
  in common (or they share no language: a file adding Spanish to an
  English–Russian glossary), or
* both have exactly the same terms (language and text, ignoring case).

The earlier input wins every disagreement; each one is reported as a
:class:`Conflict`, never printed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from .model import Concept, Conflict, Glossary, Term, TermKind, TermStatus

TermKey = tuple[str, str]


def term_key(term: Term) -> TermKey:
    """What makes two terms the same term: language and text, ignoring case."""
    return (term.lang, term.text.casefold())


def term_set(concept: Concept) -> frozenset[TermKey]:
    return frozenset([(t.lang, t.text.casefold()) for t in concept.terms])


@dataclass
class _Builder:
    """A concept being assembled from several inputs (private, mutable)."""

    first: Concept
    inputs: set[int]
    terms: list[Term] = field(default_factory=list)
    kind: TermKind | None = None
    note: str | None = None
    subject: str | None = None
    source: str | None = None
    absorbed: bool = False  # did a concept of another input join this one?

    def term_keys(self) -> set[TermKey]:
        return {term_key(t) for t in self.terms}

    def langs(self) -> set[str]:
        return {t.lang for t in self.terms}

    def build(self) -> Concept:
        if not self.absorbed:
            return self.first  # nothing joined it: the concept as read (no copy for large glossaries)
        return replace(
            self.first,
            terms=tuple(self.terms),
            kind=self.kind,
            note=self.note,
            subject=self.subject,
            source=self.source,
        )


def _new_builder(concept: Concept, index: int) -> _Builder:
    return _Builder(
        first=concept,
        inputs={index},
        terms=list(concept.terms),
        kind=concept.kind,
        note=concept.note,
        subject=concept.subject,
        source=concept.source,
    )


def _paths(*items: Term | Concept | None) -> tuple[str, ...]:
    found = (i.source_file for i in items if i is not None)
    return tuple(dict.fromkeys(p for p in found if p is not None))


def _absorb(builder: _Builder, concept: Concept, conflicts: list[Conflict]) -> None:
    cid = builder.first.id
    if concept.kind is not None:
        if builder.kind is None:
            builder.kind = concept.kind
        elif builder.kind is not concept.kind:
            conflicts.append(
                Conflict(
                    "kind",
                    cid,
                    f"kind {concept.kind.value!r} ignored; kept {builder.kind.value!r}",
                    paths=_paths(builder.first, concept),
                )
            )
    builder.note = builder.note or concept.note
    builder.subject = builder.subject or concept.subject
    builder.source = builder.source or concept.source
    for term in concept.terms:
        _absorb_term(builder, term, conflicts)


def _preferred_in(builder: _Builder, lang: str) -> Term | None:
    return next((t for t in builder.terms if t.lang == lang and t.status is TermStatus.PREFERRED), None)


def _absorb_term(builder: _Builder, term: Term, conflicts: list[Conflict]) -> None:
    cid = builder.first.id
    key = term_key(term)
    index = next((i for i, t in enumerate(builder.terms) if term_key(t) == key), None)
    if index is not None:
        old = builder.terms[index]
        if old.usable and term.usable:
            # Preferred against admitted (often: a file that gives no status at all) is no
            # disagreement; take "preferred" when the language has no preferred term yet.
            if term.status is TermStatus.PREFERRED and _preferred_in(builder, term.lang) is None:
                builder.terms[index] = replace(old, status=TermStatus.PREFERRED)
        elif old.status is not term.status:
            conflicts.append(
                Conflict(
                    "status",
                    cid,
                    f"{term.text!r} is {term.status.value} in one file and {old.status.value} in another; "
                    f"kept {old.status.value}",
                    lang=term.lang,
                    paths=_paths(old, term),
                )
            )
        return
    rival = _preferred_in(builder, term.lang) if term.status is TermStatus.PREFERRED else None
    if rival is not None:
        conflicts.append(
            Conflict(
                "preferred",
                cid,
                f"two preferred terms: kept {rival.text!r}, {term.text!r} becomes admitted",
                lang=term.lang,
                paths=_paths(rival, term),
            )
        )
        term = replace(term, status=TermStatus.ADMITTED)
    builder.terms.append(term)


def _joins_by_id(builder: _Builder, concept: Concept) -> bool:
    """Same id: join unless the two share a language but no term in it."""
    shared = builder.langs() & {t.lang for t in concept.terms}
    if not shared:
        return True
    mine = {k for k in builder.term_keys() if k[0] in shared}
    return any(term_key(t) in mine for t in concept.terms)


def merge_glossaries(glossaries: Sequence[Glossary]) -> tuple[Glossary, list[Conflict]]:
    """Merge glossaries in order (earlier wins); return the result and the conflicts.

    A concept that nothing joins is kept as it was read: only the (few) concepts
    that another input joins get a builder, so merging a large glossary with a
    small one costs little more than indexing it.
    """
    slots: list[Concept | _Builder] = []
    origin: list[int] = []  # the input of each slot's first concept
    by_id: dict[str, list[int]] = {}
    by_terms: dict[frozenset[TermKey], list[int]] = {}
    conflicts: list[Conflict] = []

    def builder_of(slot: int) -> _Builder:
        current = slots[slot]
        if isinstance(current, _Builder):
            return current
        builder = slots[slot] = _new_builder(current, origin[slot])
        return builder

    def joined(slot: int, index: int) -> bool:
        current = slots[slot]
        return index in current.inputs if isinstance(current, _Builder) else origin[slot] == index

    for index, glossary in enumerate(glossaries):
        for concept in glossary.concepts:
            target: int | None = None
            terms = term_set(concept)
            if index:  # the first input has nothing earlier to join
                for candidate in by_id.get(concept.id, []):
                    if joined(candidate, index):
                        continue
                    builder = builder_of(candidate)
                    if _joins_by_id(builder, concept):
                        target = candidate
                        break
                    conflicts.append(
                        Conflict(
                            "id-clash",
                            concept.id,
                            f"two different concepts share the id {concept.id!r}; both kept",
                            paths=_paths(builder.first, concept),
                        )
                    )
                if target is None:
                    for candidate in by_terms.get(terms, []):
                        if not joined(candidate, index):
                            target = candidate
                            break
            if target is None:
                target = len(slots)
                slots.append(concept)
                origin.append(index)
            else:
                builder = builder_of(target)
                _absorb(builder, concept, conflicts)
                builder.inputs.add(index)
                builder.absorbed = True
            by_id.setdefault(concept.id, []).append(target)
            by_terms.setdefault(terms, []).append(target)
    merged = Glossary.of([s.build() if isinstance(s, _Builder) else s for s in slots])
    langs = dict.fromkeys([*(lang for g in glossaries for lang in g.languages), *merged.languages])
    return Glossary(concepts=merged.concepts, languages=tuple(langs)), conflicts

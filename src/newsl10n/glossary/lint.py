"""Glossary lint: problems in the terminology itself, before any text is checked.

Each check is a small function yielding findings; its docstring's first
line is its title.  Severities: ``error`` for what makes the glossary
contradict itself (the enforcer could not obey it), ``warning`` for gaps and
duplicates, ``info`` for overlaps that the matcher resolves by itself.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from ..localize import tag_key
from ..model import Finding, Severity
from .automaton import Automaton
from .match import at_boundary
from .merge import term_set
from .model import AVOIDED, Concept, Conflict, Glossary, Term, TermStatus

#: Where a finding about the glossary as a whole (no file known) is reported.
NO_FILE = "<glossary>"


def _at(code: str, severity: str, message: str, concept: Concept, term: Term | None = None) -> Finding:
    where = term if term is not None and term.source_file else concept
    return Finding(code, Severity(severity), message, where.source_file or NO_FILE, where.line, concept=concept.id)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def check_duplicates(glossary: Glossary, languages: Sequence[str]) -> Iterator[Finding]:
    """Duplicate concept ids, duplicate entries and terms listed twice."""
    seen_ids: dict[str, Concept] = {}
    seen_sets: dict[frozenset[tuple[str, str]], Concept] = {}
    for concept in glossary.concepts:
        first = seen_ids.setdefault(concept.id, concept)
        if first is not concept:
            yield _at(
                "duplicate-id", "error", f"the id {concept.id!r} is used twice (first at line {first.line})", concept
            )
        key = term_set(concept)
        twin = seen_sets.setdefault(key, concept)
        if twin is not concept and key:
            yield _at("duplicate-entry", "warning", f"same terms as concept {twin.label()}", concept)
        seen_terms: set[tuple[str, str]] = set()
        for term in concept.terms:
            tkey = (term.lang, _fold(term.text))
            if tkey in seen_terms:
                yield _at("duplicate-term", "warning", f"{term.text!r} ({term.lang}) is listed twice", concept, term)
            seen_terms.add(tkey)


def check_preferred(glossary: Glossary, languages: Sequence[str]) -> Iterator[Finding]:
    """Two preferred terms for one concept and language."""
    for concept in glossary.concepts:
        by_lang: dict[str, list[Term]] = defaultdict(list)
        for term in concept.terms:
            if term.status is TermStatus.PREFERRED:
                by_lang[term.lang].append(term)
        for lang, terms in by_lang.items():
            if len(terms) > 1:
                names = ", ".join(repr(t.text) for t in terms)
                yield _at(
                    "multiple-preferred", "error", f"{len(terms)} preferred {lang} terms: {names}", concept, terms[1]
                )


def check_ambiguous(glossary: Glossary, languages: Sequence[str]) -> Iterator[Finding]:
    """One source term under two concepts that want different translations."""
    for src in languages:
        owners: dict[str, list[tuple[Concept, Term]]] = defaultdict(list)
        for concept, term in glossary.terms(src):
            if term.usable:
                owners[_fold(term.text)].append((concept, term))
        for pairs in owners.values():
            concepts = list({c.id: c for c, _ in pairs}.values())
            if len(concepts) < 2:
                continue
            for tgt in languages:
                if tgt == src:
                    continue
                targets = {_fold(p.text): p.text for c in concepts if (p := c.preferred(tgt)) is not None}
                if len(targets) > 1:
                    concept, term = pairs[1]
                    ids = ", ".join(c.id for c in concepts)
                    wanted = ", ".join(repr(t) for t in sorted(targets.values()))
                    yield _at(
                        "ambiguous-term",
                        "error",
                        f"{term.text!r} ({src}) belongs to concepts {ids} whose {tgt} terms differ: {wanted}",
                        concept,
                        term,
                    )


def check_forbidden(glossary: Glossary, languages: Sequence[str]) -> Iterator[Finding]:
    """A forbidden, deprecated or superseded term that is also a term to use."""
    preferred: dict[tuple[str, str], Concept] = {}
    for concept in glossary.concepts:
        for term in concept.terms:
            if term.status is TermStatus.PREFERRED:
                preferred.setdefault((term.lang, _fold(term.text)), concept)
    for concept in glossary.concepts:
        usable_here = {(t.lang, _fold(t.text)) for t in concept.terms if t.usable}
        for term in concept.terms:
            if term.status not in AVOIDED:
                continue
            key = (term.lang, _fold(term.text))
            owner = preferred.get(key)
            if key in usable_here:
                yield _at(
                    "forbidden-is-preferred",
                    "error",
                    f"{term.text!r} is both {term.status.value} and usable here",
                    concept,
                    term,
                )
            elif owner is not None:
                yield _at(
                    "forbidden-is-preferred",
                    "error",
                    f"{term.text!r} is {term.status.value} here but preferred in concept {owner.label()}",
                    concept,
                    term,
                )


def check_missing(glossary: Glossary, languages: Sequence[str]) -> Iterator[Finding]:
    """A configured language without a usable term."""
    for concept in glossary.concepts:
        for lang in languages:
            if not concept.usable(lang):
                yield _at("missing-language", "warning", f"no usable {lang} term for {concept.label()}", concept)


def check_substrings(glossary: Glossary, languages: Sequence[str]) -> Iterator[Finding]:
    """A term that occurs inside another term (the matcher takes the longest)."""
    for lang in languages:
        pairs = [(c, t) for c, t in glossary.terms(lang) if t.usable]
        keys = list(dict.fromkeys(_fold(t.text) for _, t in pairs))
        if not keys:
            continue
        owner: dict[str, tuple[Concept, Term]] = {}
        for concept, term in pairs:
            owner.setdefault(_fold(term.text), (concept, term))
        automaton = Automaton(keys)
        reported: set[tuple[str, str]] = set()
        for concept, term in pairs:
            outer = _fold(term.text)
            for start, end, pid in automaton.iter_matches(outer):
                inner = keys[pid]
                if inner == outer or (inner, outer) in reported or not at_boundary(outer, start, end):
                    continue
                reported.add((inner, outer))
                inner_concept, inner_term = owner[inner]
                if inner_concept.id == concept.id:
                    continue
                yield _at(
                    "substring",
                    "info",
                    f"{inner_term.text!r} ({inner_concept.id}) occurs inside {term.text!r}; the longer match wins",
                    concept,
                    term,
                )


Check = Callable[[Glossary, Sequence[str]], Iterator[Finding]]
#: Every check, in the order they run.
CHECKS: tuple[Check, ...] = (
    check_duplicates,
    check_preferred,
    check_ambiguous,
    check_forbidden,
    check_missing,
    check_substrings,
)


def lint(glossary: Glossary, *, languages: Sequence[str]) -> list[Finding]:
    """Run every check; findings sorted by severity, then file and line."""
    langs = [tag_key(lang) for lang in languages]
    findings = [f for check in CHECKS for f in check(glossary, langs)]
    findings.sort(key=lambda f: (-f.severity.rank, f.path, f.line or 0, f.code))
    return findings


def conflict_findings(conflicts: Sequence[Conflict]) -> list[Finding]:
    """What merging glossary files reported, as error findings (``conflict-status``, ``conflict-preferred``…)."""
    return [
        Finding(f"conflict-{c.code}", Severity.ERROR, c.message, ", ".join(c.paths) or NO_FILE, concept=c.concept_id)
        for c in conflicts
    ]


@dataclass(frozen=True)
class LintReport:
    """``glossary lint`` over files: what was read and what was found (conflicts between files first)."""

    concepts: int
    files: int
    findings: tuple[Finding, ...]
    paths: tuple[str, ...] = ()  # the files read

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def summary(self) -> str:
        errors, warnings = self.count(Severity.ERROR), self.count(Severity.WARNING)
        return f"{self.concepts} concepts in {self.files} files: {errors} errors, {warnings} warnings"

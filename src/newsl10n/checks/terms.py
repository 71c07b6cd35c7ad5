"""Terminology checks: missing, forbidden and inconsistent glossary terms, in any grammatical form."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence

from ..glossary.model import Glossary, Term
from ..glossary.morph import Morphology
from ..model import Finding, Severity
from ..terms import Terminology, TermRule
from .base import CheckContext, EntryView, catalog_check, check


class TermOracle:
    """The glossary prepared for checks: rules per sentence, morphology per language (cached)."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._terms: dict[tuple[str, str], Terminology] = {}
        self._morph: dict[str, Morphology] = {}

    def terminology(self, src_lang: str, tgt_lang: str) -> Terminology:
        """The glossary prepared for one language pair (built once)."""
        key = (src_lang, tgt_lang)
        if key not in self._terms:
            self._terms[key] = Terminology(self.glossary, *key)
        return self._terms[key]

    def rules(self, view: EntryView) -> tuple[TermRule, ...]:
        if not view.src_lang or not view.tgt_lang:
            return ()
        return self.terminology(view.src_lang, view.tgt_lang).rules(view.msgid)

    def morph(self, lang: str) -> Morphology:
        if lang not in self._morph:
            self._morph[lang] = Morphology(lang)
        return self._morph[lang]

    def avoided_terms(self, lang: str) -> list[tuple[str, Term]]:
        """(concept id, term) for every deprecated, superseded or forbidden term of ``lang``."""
        return [(c.id, t) for c in self.glossary.concepts for t in c.forbidden(lang)]


def _oracle(ctx: CheckContext) -> TermOracle | None:
    return ctx.glossary if isinstance(ctx.glossary, TermOracle) else None


def _groups(rules: Sequence[TermRule]) -> dict[tuple[str, str], list[TermRule]]:
    """Rules by concept and target: an abbreviation and the full name of one concept are counted apart."""
    groups: dict[tuple[str, str], list[TermRule]] = defaultdict(list)
    for rule in rules:
        if rule.target is not None:
            groups[(rule.concept_id, rule.target)].append(rule)
    return groups


def required_terms(oracle: TermOracle, view: EntryView) -> int:
    """How many terms ``term-missing`` looks for in the translation of ``view`` (one per group it checks)."""
    return len(_groups(oracle.rules(view)))


def _found(oracle: TermOracle, view: EntryView, rule: TermRule) -> dict[str, int]:
    """How often each usable target term of the rule's concept occurs in the msgstr."""
    morph = oracle.morph(view.tgt_lang)
    assert rule.target is not None
    counts = {rule.target: morph.count(view.msgstr, rule.target, exact=rule.exact)}
    for variant in rule.variants:
        counts[variant] = morph.count(view.msgstr, variant, exact=rule.exact)
    return counts


@check("term-missing", severity=Severity.ERROR, needs=("source", "target", "glossary"))
def term_missing(ctx: CheckContext, view: EntryView) -> Iterator[Finding]:
    """Glossary term in the source without its approved translation (in any form)."""
    oracle = _oracle(ctx)
    if oracle is None or not view.translated:
        return
    for group in _groups(oracle.rules(view)).values():
        rule = group[0]
        have = sum(_found(oracle, view, rule).values())
        if have < len(group):
            times = f" ({have} of {len(group)} mentions)" if have else ""
            yield view.finding(f"term {rule.matched!r} should be translated as {rule.target!r}{times}")


@check("term-forbidden", severity=Severity.ERROR, needs=("target", "glossary"))
def term_forbidden(ctx: CheckContext, view: EntryView) -> Iterator[Finding]:
    """Forbidden or deprecated glossary term used in a translation."""
    oracle = _oracle(ctx)
    if oracle is None or not view.translated or not view.tgt_lang:
        return
    morph = oracle.morph(view.tgt_lang)
    for concept_id, term in oracle.avoided_terms(view.tgt_lang):
        concept = oracle.glossary.concept(concept_id)
        usable_terms = sorted(concept.usable(view.tgt_lang) if concept else (), key=lambda t: t.status.value != "preferred")
        # An abbreviation is replaced by an abbreviation, a full name by a full name; else the preferred term.
        preferred = next((t for t in usable_terms if t.is_abbreviation == term.is_abbreviation), None) or (
            concept.preferred(view.tgt_lang) if concept else None
        )
        usable = [t.text for t in usable_terms]
        if term.text.casefold() in {u.casefold() for u in usable}:
            continue  # the same words are also an approved term of the concept: nothing to report
        approved = [span for u in usable for span in morph.find(view.msgstr, u)]
        for span in morph.find(view.msgstr, term.text):
            if any(a.start <= span.start and span.end <= a.end for a in approved):
                continue  # inside an approved term (a short deprecated form within the full name)
            yield view.finding(forbidden_message(span.text, term.text, term.status.value, preferred.text if preferred else None))


def forbidden_message(found: str, term: str, status: str, preferred: str | None) -> str:
    """``'X' is a deprecated term; use 'Y'`` (``'Xs' (a form of the deprecated term 'X')`` when inflected)."""
    what = f"{found!r} is a {status} term" if found == term else f"{found!r} is a form of the {status} term {term!r}"
    return what + (f"; use {preferred!r}" if preferred else "; the glossary has no approved term for it")


@catalog_check("term-inconsistent", severity=Severity.WARNING, needs=("source", "target", "glossary"))
def term_inconsistent(ctx: CheckContext, views: Sequence[EntryView]) -> Iterator[Finding]:
    """Same source term rendered differently across entries and catalogs."""
    oracle = _oracle(ctx)
    if oracle is None:
        return
    used: dict[tuple[str, str, str], list[tuple[EntryView, str]]] = defaultdict(list)
    for view in views:
        if not view.translated:
            continue
        for (concept_id, target), group in _groups(oracle.rules(view)).items():
            found = [term for term, n in _found(oracle, view, group[0]).items() if n]
            if len(found) == 1:
                used[(view.tgt_lang, concept_id, target)].append((view, found[0]))
    for (_, concept_id, _), uses in sorted(used.items()):
        tally = Counter(term for _, term in uses)
        if len(tally) < 2:
            continue
        usual = tally.most_common(1)[0][0]
        for view, term in uses:
            if term != usual:
                yield view.finding(f"{term!r} here, {usual!r} in {tally[usual]} other entries ({concept_id})")

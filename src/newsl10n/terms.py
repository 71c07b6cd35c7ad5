"""What the glossary requires of one sentence's translation.

Shared by the catalog notes (``#. term: Institute of Energy → Институт
энергетики``), term enforcement after MT and the ``term-*`` checks: each
source-side hit becomes a :class:`TermRule` naming the approved target term,
whether it is matched exactly (abbreviations, do-not-translate names) and
the other target terms of the concept (what MT may have written instead).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .glossary.match import TermMatcher
from .glossary.model import Concept, Glossary, Term, TermStatus
from .glossary.morph import is_abbreviation
from .localize import primary_lang


@dataclass(frozen=True)
class TermRule:
    """One glossary term found in a msgid and what its translation must contain."""

    source: str  # the term as written in the glossary (source language)
    matched: str  # the text found in the msgid
    concept_id: str
    target: str | None  # the approved target term; None when the glossary has none
    exact: bool  # abbreviation or do-not-translate: exact, case-sensitive, never inflected
    do_not_translate: bool
    variants: tuple[str, ...] = ()  # other usable target terms of the concept
    avoided: tuple[str, ...] = ()  # deprecated, superseded and forbidden target terms
    plural: bool = False  # the source has the term in the plural ("universities")
    tgt_lang: str | None = None  # the language of ``target``; None for a template
    abbreviation: bool = False  # the source term is an abbreviation (its target must be one too)

    def note(self) -> str:
        """The catalog comment for translators."""
        if self.do_not_translate or (self.target is None and self.tgt_lang is None):
            return template_note(self.source, do_not_translate=self.do_not_translate)
        if self.target is None:
            kind = "abbreviation" if self.abbreviation else "term"
            return f"term: {self.source} (no approved {self.tgt_lang} {kind})"
        extra = f" (not: {', '.join(self.avoided)})" if self.avoided else ""
        return f"term: {self.source} → {self.target}{extra}"


def template_note(source: str, *, do_not_translate: bool) -> str:
    """The note of a term in a template (no target language) or of a term not to translate."""
    return f"term: {source} (do not translate)" if do_not_translate else f"term: {source}"


def _is_exact(term: Term) -> bool:
    return term.is_abbreviation or term.do_not_translate or is_abbreviation(term.text)


def _is_abbr(term: Term) -> bool:
    return term.is_abbreviation or is_abbreviation(term.text)


def choose_target(concept: Concept, lang: str, *, abbreviation: bool) -> tuple[Term | None, tuple[Term, ...]]:
    """(the approved target term, the other usable ones) of the same kind as the source term.

    An abbreviation (``SPbPU``) maps to an abbreviation of the concept
    (``СПбПУ``), a full name to a full name: the preferred term when it is of
    that kind, else the first usable one that is.  None when the language has
    no usable term of that kind.
    """
    usable = [t for t in concept.terms_for(lang) if t.status.usable and _is_abbr(t) == abbreviation]
    preferred = concept.preferred(lang)
    if preferred is not None and preferred in usable:
        target: Term | None = preferred
    else:
        target = next((t for t in usable if t.status is TermStatus.PREFERRED), usable[0] if usable else None)
    return target, tuple(t for t in usable if t is not target)


class Terminology:
    """A glossary prepared for one language pair: a source matcher and cached rules per msgid."""

    def __init__(
        self, glossary: Glossary, src_lang: str, tgt_lang: str | None, *, matcher: TermMatcher | None = None
    ) -> None:
        """``matcher``: one already built for ``src_lang`` (it depends on the source language only)."""
        self.glossary = glossary
        self.src_lang = primary_lang(src_lang)
        self.tgt_lang = primary_lang(tgt_lang) if tgt_lang else None
        self.matcher = matcher if matcher is not None else TermMatcher(glossary, self.src_lang)
        self.rules = lru_cache(maxsize=8192)(self._rules)  # bounded: about one batch of articles

    def _rules(self, msgid: str) -> tuple[TermRule, ...]:
        out: list[TermRule] = []
        for hit in self.matcher.find(msgid):
            concept = self.glossary.concept(hit.concept_id)
            if concept is None:
                continue
            dnt = hit.term.do_not_translate
            abbr = _is_abbr(hit.term)
            target: str | None
            variants: tuple[str, ...] = ()
            avoided: tuple[str, ...] = ()
            if dnt:
                target = hit.term.text
            elif self.tgt_lang is None:
                target = None
            else:
                chosen, others = choose_target(concept, self.tgt_lang, abbreviation=abbr)
                target = chosen.text if chosen else None
                variants = tuple(dict.fromkeys(t.text for t in others if t.text != target))
                avoided = tuple(t.text for t in concept.forbidden(self.tgt_lang) if _is_abbr(t) == abbr)
            exact = dnt or _is_exact(hit.term) and (target is None or is_abbreviation(target) or target == hit.term.text)
            out.append(
                TermRule(
                    source=hit.term.text,
                    matched=hit.matched,
                    concept_id=hit.concept_id,
                    target=target,
                    exact=exact,
                    do_not_translate=dnt,
                    variants=variants,
                    avoided=avoided,
                    plural=hit.form.startswith("plural"),
                    tgt_lang=self.tgt_lang,
                    abbreviation=abbr,
                )
            )
        return tuple(out)

    def notes(self, msgid: str) -> list[str]:
        """The catalog comments for ``msgid``'s terms, each once (:meth:`TermRule.note`)."""
        if self.tgt_lang is not None:
            return list(dict.fromkeys(rule.note() for rule in self.rules(msgid)))
        # A template's note needs only the term: no rule is made (most sentences have no term at all).
        hits = self.matcher.find(msgid)
        if not hits:
            return []
        notes = (template_note(h.term.text, do_not_translate=h.term.do_not_translate)
                 for h in hits if self.glossary.concept(h.concept_id) is not None)
        return list(dict.fromkeys(notes))

    def __getstate__(self) -> dict[str, object]:
        """Picklable (the cluster runner ships it to its workers once): the glossary and matcher, not the cache."""
        state = dict(self.__dict__)
        del state["rules"]
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self.rules = lru_cache(maxsize=8192)(self._rules)


__all__ = ["TermRule", "Terminology"]

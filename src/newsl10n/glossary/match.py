"""Source-side term matching: where do glossary terms occur in a sentence?

Built once per glossary and source language; each ``find`` is one pass over
the text's tokens with a hash index of the terms (``automaton.TokenIndex``),
so its cost depends on the length of the text, not on the size of the
glossary, and building costs one dict entry per term form (a 100,000-term
glossary is ready in under a second).

Rules
-----
* Text and terms are normalized the same way: whitespace runs (including
  no-break spaces) become one space, typographic apostrophes become ``'``,
  Russian ``ё`` is read as ``е``, soft hyphens and zero-width characters
  vanish, then everything is case-folded.
* Abbreviations (``is_abbreviation``, or one word with at least two
  capitals and no more lower-case than upper-case letters, such as ``IE``,
  ``SPbPU``) must match with their exact case; other terms ignore case.
* A hit never starts or ends inside a word: ``IE`` is not found in ``PIE``.
  Inline codes (``<1>``, ``</1>``, ``<2/>``) end in ``>`` and start with
  ``<``, so a code next to a term is a boundary; a term interrupted by a
  code is not found.
* English terms also match their possessive (``SPbPU's``, ``UPM’s``) and,
  unless they are abbreviations, names or do-not-translate, their plural
  (``universities``, ``Institutes of Energy``): the variants are added to
  the automaton when it is built.
* Russian terms are also found inflected (``Мадридского политехнического
  университета`` for ``Мадридский политехнический университет``,
  ``Гуманитарном институте``): with the target side's rules
  (:class:`~newsl10n.glossary.morph.Morphology`, pymorphy3 lemmas), for
  every term that does not need its exact case.  Candidates are looked up
  by the first three letters of each of their words (inflection changes
  endings), one dict lookup per text word and term length, and only those
  are compared word by word; a name whose stem changes in its first three
  letters (``отец``/``отца``) is not found inflected.  Such hits have the
  form ``"inflected"``.
* Among overlapping hits the leftmost wins, then the longest.  When two
  concepts share a term, a usable (preferred, then admitted) term wins,
  then the concept that comes first in the glossary.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from ..localize import primary_lang, tag_key
from .automaton import ScanStats, TokenIndex, gc_paused
from .model import Glossary, Term, TermKind, TermStatus, lang_matches
from .morph import Morphology, words_of

_TRANSLATE = {
    "\u2019": "'",  # right single quotation mark
    "\u02bc": "'",  # modifier letter apostrophe
    "\u2018": "'",
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u0451": "\u0435",  # ё → е: Russian writes both
    "\u0401": "\u0415",  # Ё → Е
}
_DROP = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_TABLE = str.maketrans({**_TRANSLATE, **{ch: None for ch in _DROP}})
_SPACES = re.compile(r"\s+")  # str patterns: \s is exactly str.isspace
#: Source languages whose terms are also found inflected, by lemma.
MORPHOLOGY_LANGS = frozenset({"ru"})
_PREFIX = 3  # letters of a first word that pick the candidate terms for an inflected match
_PREPOSITIONS = frozenset({"of", "for", "on", "in", "at", "with", "to", "from", "under"})
_STATUS_RANK = {
    TermStatus.PREFERRED: 0,
    TermStatus.ADMITTED: 1,
    TermStatus.DEPRECATED: 2,
    TermStatus.SUPERSEDED: 2,
    TermStatus.FORBIDDEN: 3,
}


@dataclass(frozen=True)
class TermHit:
    """One glossary term found in a text; ``text[start:end] == matched``."""

    start: int
    end: int
    matched: str
    concept_id: str
    term: Term
    form: str = "base"  # "base", "plural", "possessive" or "plural-possessive"


def is_word_char(ch: str) -> bool:
    """Letters, digits, underscore and combining marks continue a word."""
    return ch.isalnum() or ch == "_" or unicodedata.category(ch).startswith("M")


def at_boundary(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` neither start nor end in the middle of a word?"""
    if start > 0 and is_word_char(text[start - 1]) and is_word_char(text[start]):
        return False
    return not (end < len(text) and is_word_char(text[end]) and is_word_char(text[end - 1]))


@dataclass(frozen=True)
class Normalized:
    """A text in matching form, with the way back to the original positions."""

    exact: str  # spacing and punctuation unified, case kept
    folded: str  # ``exact`` case-folded character by character
    exact_pos: Sequence[int]  # original index of each ``exact`` character
    fold_pos: Sequence[int]  # ``exact`` index of each ``folded`` character

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """Folded span → exact span, or None if it splits a case-folding expansion (ß → ss)."""
        pos = self.fold_pos
        if start > 0 and pos[start - 1] == pos[start]:
            return None
        if end < len(pos) and pos[end] == pos[end - 1]:
            return None
        return pos[start], pos[end - 1] + 1

    def original(self, exact_start: int, exact_end: int) -> tuple[int, int]:
        return self.exact_pos[exact_start], self.exact_pos[exact_end - 1] + 1


def fold(text: str) -> tuple[str, str]:
    """(exact, folded) of :func:`normalize`, without the position maps."""
    if text.isascii() and text.isprintable() and "  " not in text:
        exact = text  # nothing to drop, translate or collapse
    else:
        exact = _SPACES.sub(" ", text.translate(_TABLE))
    return exact, exact.casefold()


def normalize(text: str) -> Normalized:
    exact, folded = fold(text)
    if len(exact) == len(text) and len(folded) == len(exact):
        # Nothing dropped, no space run collapsed, every character folds to one: positions are the same.
        same = range(len(text))
        return Normalized(exact, folded, same, same)
    return _normalize_mapped(text)


def _normalize_mapped(text: str) -> Normalized:
    exact: list[str] = []
    exact_pos: list[int] = []
    folded: list[str] = []
    fold_pos: list[int] = []
    in_space = False
    for index, ch in enumerate(text):
        if ch in _DROP:
            continue
        if ch.isspace():
            if in_space:
                continue
            in_space, ch = True, " "
        else:
            in_space = False
            ch = _TRANSLATE.get(ch, ch)
        exact_index = len(exact)
        exact.append(ch)
        exact_pos.append(index)
        for f in ch.casefold():
            folded.append(f)
            fold_pos.append(exact_index)
    return Normalized("".join(exact), "".join(folded), tuple(exact_pos), tuple(fold_pos))


def needs_exact_case(term: Term) -> bool:
    """Abbreviations match only with their own capitals (``IE`` but not ``ie``)."""
    if term.is_abbreviation:
        return True
    text = term.text
    if _SPACES.search(text):
        return False
    upper = sum(ch.isupper() for ch in text)
    lower = sum(ch.islower() for ch in text)
    return upper >= 2 and upper >= lower


def pluralize(word: str) -> str:
    """English plural of one word by the regular rules (``university`` → ``universities``)."""
    low = word.lower()
    shout = word.isupper()
    if len(low) > 1 and low.endswith("y") and low[-2] not in "aeiou":
        suffix = "ies"
        word = word[:-1]
    elif low.endswith(("s", "x", "z", "ch", "sh")):
        suffix = "es"
    else:
        suffix = "s"
    return word + (suffix.upper() if shout else suffix)


def english_variants(text: str, *, plural: bool) -> list[tuple[str, str]]:
    """(form, text) for a term and its possessive and, if asked, plural forms."""
    variants = [("base", text), ("possessive", text + "'s")]
    if text.endswith("s"):
        variants.append(("possessive", text + "'"))
    if not plural:
        return variants
    words = text.split(" ")
    head = len(words) - 1
    for index, word in enumerate(words[1:], start=1):
        if word.lower() in _PREPOSITIONS:
            head = index - 1
            break
    word = words[head]
    if not word[-1:].isalpha() or (word.lower().endswith("s") and not word.lower().endswith("ss")):
        return variants  # not a word, or already looks plural ("Affairs", "programs")
    plural_text = " ".join([*words[:head], pluralize(word), *words[head + 1 :]])
    variants.append(("plural", plural_text))
    if head == len(words) - 1:
        variants.append(("plural-possessive", plural_text + "'"))
    return variants


def _prefix(word: str) -> str:
    return word.casefold().replace("ё", "е")[:_PREFIX]


class _Inflectable(NamedTuple):
    concept_id: str
    term: Term
    rank: tuple[int, int, int]


class _Entry(NamedTuple):
    concept_id: str
    term: Term
    form: str
    exact: str | None  # the exact-case text to compare, for abbreviations
    rank: tuple[int, int, int]


class TermMatcher:
    """Finds the terms of one source language in texts; build once, use for many texts."""

    def __init__(self, glossary: Glossary, src_lang: str) -> None:
        self.src_lang = tag_key(src_lang)
        base = primary_lang(self.src_lang)
        english = base == "en"
        self._morph = Morphology(base) if base in MORPHOLOGY_LANGS else None
        inflectable: dict[tuple[str, ...], list[_Inflectable]] = {}
        keys: dict[str, int] = {}
        entries: list[list[_Entry]] = []
        wanted: dict[str, bool] = {}  # term language → does it count for src_lang
        with gc_paused():
            for concept_index, concept in enumerate(glossary.concepts):
                for term in concept.terms:
                    ok = wanted.get(term.lang)
                    if ok is None:
                        ok = wanted[term.lang] = lang_matches(term.lang, self.src_lang)
                    if not ok:
                        continue
                    exact = needs_exact_case(term)
                    kind = term.kind or concept.kind
                    plural = not (exact or term.do_not_translate or kind in (TermKind.PERSON, TermKind.PRODUCT))
                    forms = english_variants(term.text, plural=plural) if english else [("base", term.text)]
                    rank = _STATUS_RANK[term.status]
                    if self._morph is not None and not exact and (words := words_of(term.text)):
                        inflectable.setdefault(tuple(_prefix(w) for w in words), []).append(
                            _Inflectable(concept.id, term, (rank, concept_index, 0))
                        )
                    for form_index, (form, text) in enumerate(forms):
                        exact_text, folded = fold(text)
                        if not folded.strip():
                            continue
                        pid = keys.setdefault(folded, len(keys))
                        if pid == len(entries):
                            entries.append([])
                        entries[pid].append(_Entry(concept.id, term, form, exact_text if exact else None,
                                                   (rank, concept_index, form_index)))
            for bucket in entries:
                if len(bucket) > 1:
                    bucket.sort(key=lambda e: e.rank)
            self._entries = entries
            self._index = TokenIndex(keys)
            self._inflectable = inflectable
            self._lengths = sorted({len(key) for key in inflectable})

    @property
    def pattern_count(self) -> int:
        return self._index.pattern_count

    @property
    def node_count(self) -> int:
        """Entries in the index (grows with the glossary; scans do not)."""
        return self._index.size

    def find_all(self, text: str, *, stats: ScanStats | None = None) -> list[TermHit]:
        """Every valid hit, overlapping ones included, ordered by start then length (longest first)."""
        exact, folded = fold(text)
        norm: Normalized | None = None
        if len(exact) == len(text) and len(folded) == len(exact):
            found = self._index.matches(folded, stats)  # positions are the same in all three texts
        else:
            norm = _normalize_mapped(text)
            exact = norm.exact
            found = self._index.matches(norm.folded, stats)
        if not found and self._morph is None:
            return []
        hits: list[TermHit] = []
        # In ASCII text the index's token boundaries are exactly at_boundary's word boundaries: no need to ask again.
        ascii_text = norm is None and text.isascii()
        for fstart, fend, pid in found:
            if norm is None:
                start, end = estart, eend = fstart, fend
            else:
                span = norm.span(fstart, fend)
                if span is None:
                    continue
                estart, eend = span
                start, end = norm.original(estart, eend)
            if not ascii_text and not at_boundary(text, start, end):
                continue
            for entry in self._entries[pid]:
                if entry.exact is None or exact[estart:eend] == entry.exact:
                    hits.append(TermHit(start, end, text[start:end], entry.concept_id, entry.term, entry.form))
                    break
        if self._morph is not None:
            hits.extend(self._inflected(text, {(h.start, h.end) for h in hits}))
        if len(hits) > 1:
            hits.sort(key=lambda h: (h.start, -h.end))
        return hits

    def _inflected(self, text: str, taken: set[tuple[int, int]]) -> list[TermHit]:
        """Hits of inflected forms (spans the exact scan found are left to it), best-ranked term first."""
        assert self._morph is not None
        scan = self._morph.scan(text)
        prefixes = tuple(_prefix(w) for w in scan.words)
        found: list[tuple[tuple[int, int, int], TermHit]] = []
        for index in range(len(prefixes)):
            for length in self._lengths:
                for cand in self._inflectable.get(prefixes[index : index + length], ()):
                    span = self._morph.match_at(scan, index, cand.term.text)
                    if span is not None and (span.start, span.end) not in taken and at_boundary(text, span.start, span.end):
                        hit = TermHit(span.start, span.end, span.text, cand.concept_id, cand.term, "inflected")
                        found.append((cand.rank, hit))
        found.sort(key=lambda rh: rh[0])
        return [hit for _, hit in found]

    def find(self, text: str, *, stats: ScanStats | None = None) -> list[TermHit]:
        """Non-overlapping hits, leftmost first and longest at each position."""
        hits = self.find_all(text, stats=stats)
        if len(hits) < 2:
            return hits
        chosen: list[TermHit] = []
        last_end = 0
        for hit in hits:
            if hit.start >= last_end:
                chosen.append(hit)
                last_end = hit.end
        return chosen

"""Term matching as it was before the fast rewrite, kept as the reference for differential tests.

``OracleTokenIndex`` is the old ``automaton.TokenIndex`` (every token of the
text found with ``TOKEN_RE``, then each token that starts a pattern tries the
substrings ending on a token boundary up to the longest pattern) and
``OracleMatcher`` the old ``TermMatcher`` built on it, verbatim but for the
names.  Only the rules it shares with the package (normalization, variants,
boundaries, morphology) are imported.  Do not optimise this file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import accumulate
from typing import NamedTuple

from newsl10n.glossary.automaton import TOKEN_RE, ScanStats, gc_paused
from newsl10n.glossary.match import TermHit, at_boundary, english_variants, fold, needs_exact_case, normalize
from newsl10n.glossary.model import Glossary, Term, TermKind, TermStatus, lang_matches
from newsl10n.glossary.morph import Morphology, words_of
from newsl10n.localize import primary_lang, tag_key

MORPHOLOGY_LANGS = frozenset({"ru"})

_PREFIX = 3  # letters of a first word that pick the candidate terms for an inflected match
_STATUS_RANK = {
    TermStatus.PREFERRED: 0,
    TermStatus.ADMITTED: 1,
    TermStatus.DEPRECATED: 2,
    TermStatus.SUPERSEDED: 2,
    TermStatus.FORBIDDEN: 3,
}



class OracleTokenIndex:
    """Patterns found where they start and end on token boundaries, by hashing.

    Term hits may never start or end inside a word, so only substrings that
    begin at a token and end at a token can be hits.  The index keeps the
    patterns in a dict and, for each first token, the length of the longest
    pattern starting with it.  A scan looks each token up once; only a token
    that starts some pattern tries the substrings that begin there and end on
    a token boundary, up to that length.  Building costs one dict entry per pattern (no trie, no links),
    so a 100,000-term glossary is ready in well under a second, and a scan's
    cost depends on the text and the longest term that starts with one of its
    words, not on how many terms there are.

    Pattern ids are positions in the list given to the constructor.  A pattern
    equal to an earlier one is not stored again: its id is never reported
    (callers give distinct patterns).
    """

    def __init__(self, patterns: Iterable[str]) -> None:
        self._ids: dict[str, int] = {}
        self._reach: dict[str, int] = {}  # first token → length of the longest pattern starting with it
        self._lengths: list[int] = []
        ids, reach, lengths, first_token = self._ids, self._reach, self._lengths, TOKEN_RE.match
        for pid, pattern in enumerate(patterns):
            if not pattern:
                raise ValueError("empty pattern")
            size = len(pattern)
            lengths.append(size)
            ids.setdefault(pattern, pid)
            first = pattern[: first_token(pattern).end()]
            if reach.get(first, 0) < size:
                reach[first] = size

    @property
    def size(self) -> int:
        """Entries in the index: patterns plus first tokens."""
        return len(self._ids) + len(self._reach)

    @property
    def pattern_count(self) -> int:
        return len(self._lengths)

    def iter_matches(self, text: str, stats: ScanStats | None = None) -> Iterator[tuple[int, int, int]]:
        """Every occurrence on token boundaries, overlapping ones included, as (start, end, pattern id).

        Matches are produced in order of their start, then of their end.
        """
        ids, reach = self._ids, self._reach
        # TOKEN_RE tiles the text (a word run or any one character), so token ends are the running
        # sums of token lengths; they are computed only when some token can start a pattern.
        tokens = TOKEN_RE.findall(text)
        count = len(tokens)
        steps, found = count, 0
        starts = [index for index, token in enumerate(tokens) if token in reach]
        ends = list(accumulate(map(len, tokens))) if starts else []
        for index in starts:
            start = ends[index] - len(tokens[index])
            limit = start + reach[tokens[index]]
            for last in range(index, count):
                stop = ends[last]
                if stop > limit:
                    break
                if last > index:
                    steps += 1
                pid = ids.get(text[start:stop])
                if pid is not None:
                    found += 1
                    yield start, stop, pid
        if stats is not None:
            stats.chars += len(text)
            stats.steps += steps
            stats.matches += found



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


class OracleMatcher:
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
            self._index = OracleTokenIndex(keys)
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
        norm = normalize(text)
        hits: list[TermHit] = []
        for fstart, fend, pid in self._index.iter_matches(norm.folded, stats):
            span = norm.span(fstart, fend)
            if span is None:
                continue
            start, end = norm.original(*span)
            if not at_boundary(text, start, end):
                continue
            for entry in self._entries[pid]:
                if entry.exact is None or norm.exact[span[0] : span[1]] == entry.exact:
                    hits.append(TermHit(start, end, text[start:end], entry.concept_id, entry.term, entry.form))
                    break
        if self._morph is not None:
            hits.extend(self._inflected(text, {(h.start, h.end) for h in hits}))
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
        chosen: list[TermHit] = []
        last_end = 0
        for hit in self.find_all(text, stats=stats):
            if hit.start >= last_end:
                chosen.append(hit)
                last_end = hit.end
        return chosen

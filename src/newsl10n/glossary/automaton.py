"""Aho–Corasick: find every occurrence of many strings in one pass over a text.

The automaton is a trie of the patterns with two extra links per node:

* ``fail``: the node of the longest proper suffix of this node's string that
  is also a prefix of some pattern (where to continue after a mismatch);
* ``dict_link``: the nearest node along the fail chain that ends a pattern
  (so reporting matches never walks nodes that report nothing).

Scanning takes one goto transition per character plus failure transitions;
each failure transition shortens the current match, and each character
lengthens it by at most one, so a scan costs at most ``2 * len(text)``
transitions however many patterns there are.  :class:`ScanStats` counts
them so tests can check that bound instead of timing.

:class:`TokenIndex` answers the narrower question term matching asks (whole
tokens only) with a hash index that is much cheaper to build for large
glossaries; see its docstring.
"""

from __future__ import annotations

import gc
import re
import string
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import accumulate

import regex  # type: ignore[import-untyped, unused-ignore]

ROOT = 0


@dataclass
class ScanStats:
    """Counters filled in by a scan (mutable on purpose: the caller owns it)."""

    chars: int = 0
    steps: int = 0  # goto transitions + failure transitions + stays at the root
    matches: int = 0

    @property
    def steps_per_char(self) -> float:
        return self.steps / self.chars if self.chars else 0.0


class Automaton:
    """An Aho–Corasick automaton over a fixed list of non-empty patterns.

    Pattern ids are positions in the list given to the constructor; equal
    patterns are stored once and each of their ids is reported.
    """

    def __init__(self, patterns: Iterable[str]) -> None:
        self._goto: list[dict[str, int]] = [{}]
        self._out: list[list[int]] = [[]]
        self._lengths: list[int] = []
        for pid, pattern in enumerate(patterns):
            if not pattern:
                raise ValueError("empty pattern")
            self._lengths.append(len(pattern))
            node = ROOT
            for ch in pattern:
                nxt = self._goto[node].get(ch)
                if nxt is None:
                    nxt = len(self._goto)
                    self._goto[node][ch] = nxt
                    self._goto.append({})
                    self._out.append([])
                node = nxt
            self._out[node].append(pid)
        self._fail = [ROOT] * len(self._goto)
        self._dict_link = [ROOT] * len(self._goto)
        self._link()

    def _link(self) -> None:
        goto, fail, out, dict_link = self._goto, self._fail, self._out, self._dict_link
        queue: deque[int] = deque(goto[ROOT].values())
        while queue:
            node = queue.popleft()
            for ch, child in goto[node].items():
                queue.append(child)
                f = fail[node]
                while f != ROOT and ch not in goto[f]:
                    f = fail[f]
                suffix = goto[f].get(ch, ROOT)
                fail[child] = suffix
                dict_link[child] = suffix if out[suffix] else dict_link[suffix]

    @property
    def node_count(self) -> int:
        return len(self._goto)

    @property
    def pattern_count(self) -> int:
        return len(self._lengths)

    def iter_matches(self, text: str, stats: ScanStats | None = None) -> Iterator[tuple[int, int, int]]:
        """Every occurrence, overlapping ones included, as (start, end, pattern id).

        Matches are produced in order of their end position.
        """
        goto, fail, out, dict_link, lengths = self._goto, self._fail, self._out, self._dict_link, self._lengths
        node = ROOT
        steps = 0
        found = 0
        for index, ch in enumerate(text):
            while True:
                steps += 1
                nxt = goto[node].get(ch)
                if nxt is not None:
                    node = nxt
                    break
                if node == ROOT:
                    break
                node = fail[node]
            hit = node if out[node] else dict_link[node]
            while hit != ROOT:
                for pid in out[hit]:
                    found += 1
                    yield index + 1 - lengths[pid], index + 1, pid
                hit = dict_link[hit]
        if stats is not None:
            stats.chars += len(text)
            stats.steps += steps
            stats.matches += found


# -- matching whole tokens ---------------------------------------------------------------------

#: A token: a run of word characters (letters, digits, combining marks, ``_``) or any other single character.
TOKEN_RE = regex.compile(r"[\p{L}\p{N}\p{M}_]+|.", regex.DOTALL)


#: A word: the runs of word characters among :data:`TOKEN_RE`'s tokens.
WORD_RE = regex.compile(r"[\p{L}\p{N}\p{M}_]+")
_WORD_CHAR = regex.compile(r"[\p{L}\p{N}\p{M}_]")
#: In ASCII text the word characters are exactly these, which the standard ``re`` finds faster.
_ASCII_WORD_RE = re.compile(r"[A-Za-z0-9_]+")
_ASCII_WORD_CHARS = frozenset(string.ascii_letters + string.digits + "_")


def is_token_word_char(ch: str) -> bool:
    """Is ``ch`` a word character of :data:`TOKEN_RE` (a letter, digit, combining mark or ``_``)?"""
    return _WORD_CHAR.match(ch) is not None


class TokenIndex:
    """Patterns found where they start and end on token boundaries, by hashing.

    Term hits may never start or end inside a word, so only substrings that
    begin at a token and end at a token can be hits.  The index keeps the
    patterns in a dict and the sets of their lengths (as the bits of an int):
    for each first token, those of the patterns at most :data:`HEAD` characters
    longer than it; for each *head* (a first token and the :data:`HEAD`
    characters after it), those of the longer patterns that start with it.
    A scan finds the text's words (one C-level ``findall``) and intersects
    them with the first tokens: most sentences hold none and are done.  At each
    place a first token occurs as a whole word, it tries one substring per
    length of the short patterns, and of the long ones only when the text goes
    on with one of their heads (``international`` is followed by `` of`` far
    more often than by ``office``).  Each substring tried ends on a token
    boundary.  Building costs about one dict entry per pattern (no trie, no
    links), so a 100,000-term glossary is ready in well under a second, and a
    scan's cost depends on the text and on the terms that start with its
    words, not on how many terms there are.

    A pattern whose first token is not a word (``.NET``, ``«Name»``) is found
    by the token-by-token scan (:meth:`scan_tokens`), used for the texts that
    hold such a character.

    Pattern ids are positions in the list given to the constructor.  A pattern
    equal to an earlier one is not stored again: its id is never reported
    (callers give distinct patterns).
    """

    #: Characters after the first token that pick the longer patterns worth trying.
    HEAD = 3

    def __init__(self, patterns: Iterable[str]) -> None:
        self._ids: dict[str, int] = {}
        self._sizes: dict[str, int] = {}  # first token → bit n set when a short pattern of length n starts with it
        self._heads: dict[str, int] = {}  # head → bit n set when a longer pattern of length n starts with it
        self._heads_of: dict[str, list[str]] = {}  # first token → the heads that start with it
        sizes, heads, heads_of, first_token = self._sizes, self._heads, self._heads_of, TOKEN_RE.match
        keep, heads_get, extra = self._ids.setdefault, heads.get, self.HEAD
        pid = -1
        for pid, pattern in enumerate(patterns):  # (pid: the count, after the loop)
            if not pattern:
                raise ValueError("empty pattern")
            keep(pattern, pid)
            size = len(pattern)
            cut = first_token(pattern).end()
            if size <= cut + extra:
                first = pattern[:cut]
                sizes[first] = sizes.get(first, 0) | 1 << size
                continue
            head = pattern[: cut + extra]
            bits = heads_get(head)
            if bits is None:  # a new head (its first token may be new too)
                first = pattern[:cut]
                sizes.setdefault(first, 0)
                heads_of.setdefault(first, []).append(head)
                bits = 0
            heads[head] = bits | 1 << size
        self._count = pid + 1
        #: First tokens that are not words (one character each): a text holding one is scanned token by token.
        self._marks = frozenset(first for first in sizes if not is_token_word_char(first[0]))
        self._longest: int | None = None  # the longest pattern's length, found when first needed
        self._decoded: dict[int, tuple[int, ...]] = {}  # a set of lengths → its lengths, ascending (as asked)

    @property
    def size(self) -> int:
        """Entries in the index: patterns plus first tokens and heads."""
        return len(self._ids) + len(self._sizes) + len(self._heads)

    @property
    def pattern_count(self) -> int:
        return self._count

    def iter_matches(self, text: str, stats: ScanStats | None = None) -> Iterator[tuple[int, int, int]]:
        """Every occurrence on token boundaries, overlapping ones included, as (start, end, pattern id).

        Matches are produced in order of their start, then of their end.
        """
        yield from self.matches(text, stats)

    def matches(self, text: str, stats: ScanStats | None = None) -> list[tuple[int, int, int]]:
        """:meth:`iter_matches` as a list (the common answer, none, costs no generator)."""
        if self._marks and not self._marks.isdisjoint(text):
            return list(self.scan_tokens(text, stats))
        if text.isascii():
            words = _ASCII_WORD_RE.findall(text)
            is_word: Callable[[str], bool] = _ASCII_WORD_CHARS.__contains__
        else:
            words = WORD_RE.findall(text)
            is_word = is_token_word_char
        sizes = self._sizes
        present = sizes.keys() & words
        found: list[tuple[int, int, int]] = []
        steps = len(words)
        if present:
            count = len(text)
            starts: list[tuple[int, str]] = []
            for word in present:
                if sizes[word]:  # each place the word occurs whole
                    at = text.find(word)
                    while at >= 0:
                        after = at + len(word)
                        if (at == 0 or not is_word(text[at - 1])) and (after == count or not is_word(text[after])):
                            starts.append((at, word))
                        at = text.find(word, at + 1)
                    continue
                for head in self._heads_of[word]:  # only long patterns: each place one of their heads starts a word
                    at = text.find(head)  # (a head goes on with a character that ends the word)
                    while at >= 0:
                        if at == 0 or not is_word(text[at - 1]):
                            starts.append((at, word))
                        at = text.find(head, at + 1)
            if len(starts) > 1:
                starts.sort()
            ids, heads, decoded, extra = self._ids, self._heads, self._decoded, self.HEAD
            for start, word in starts:
                short = sizes[word]
                longer = heads.get(text[start : start + len(word) + extra], 0)
                for bits in (short, longer):
                    if not bits:
                        continue
                    for size in decoded.get(bits) or self._decode(bits):
                        stop = start + size
                        if stop >= count:
                            if stop == count and (pid := ids.get(text[start:])) is not None:
                                found.append((start, stop, pid))
                            break
                        if is_word(text[stop]) and is_word(text[stop - 1]):
                            continue  # not a token boundary
                        steps += 1
                        pid = ids.get(text[start:stop])
                        if pid is not None:
                            found.append((start, stop, pid))
        if stats is not None:
            stats.chars += len(text)
            stats.steps += steps
            stats.matches += len(found)
        return found

    def _decode(self, bits: int) -> tuple[int, ...]:
        sizes = self._decoded[bits] = tuple(n for n in range(bits.bit_length()) if bits >> n & 1)
        return sizes

    def scan_tokens(self, text: str, stats: ScanStats | None = None) -> Iterator[tuple[int, int, int]]:
        """:meth:`iter_matches` by visiting every token of the text (for patterns that start with no word)."""
        ids, sizes = self._ids, self._sizes
        if self._longest is None:  # as far as any pattern reaches (this scan is for rare texts: no finer bound kept)
            self._longest = max(map(len, ids), default=0)
        longest = self._longest
        # TOKEN_RE tiles the text (a word run or any one character), so token ends are the running
        # sums of token lengths; they are computed only when some token can start a pattern.
        tokens = TOKEN_RE.findall(text)
        count = len(tokens)
        steps, found = count, 0
        starts = [index for index, token in enumerate(tokens) if token in sizes]
        ends = list(accumulate(map(len, tokens))) if starts else []
        for index in starts:
            start = ends[index] - len(tokens[index])
            limit = start + longest
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


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small acyclic objects.

    Reading a large glossary creates hundreds of thousands of terms and
    tuples; each allocation burst would otherwise trigger collections that
    walk every object already built, for nothing to collect.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

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
from collections import deque
from collections.abc import Iterable, Iterator
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


class TokenIndex:
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

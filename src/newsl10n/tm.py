"""Translation memory: approved translations from earlier catalogs, exact and fuzzy.

Only approved work counts: translated, not fuzzy, not obsolete.  A sentence
approved in one article is reused in every other one, so it is never sent to
machine translation again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import chain

from .catalog_model import Catalog

DEFAULT_THRESHOLD = 75.0


@dataclass(frozen=True)
class Memory:
    """One approved translation and where it is."""

    msgid: str
    msgctxt: str | None
    msgstr: str
    path: str
    markup: tuple[str, ...] = ()  # what its inline codes stood for (Entry.markup); () when unknown


@dataclass(frozen=True)
class Match:
    memory: Memory
    score: float  # 100.0 for an exact match

    @property
    def exact(self) -> bool:
        return self.score >= 100.0


class TranslationMemory:
    """Exact lookup by (msgctxt, msgid), fuzzy lookup by similarity of msgids."""

    def __init__(self, memories: Iterable[Memory]) -> None:
        self._exact: dict[tuple[str | None, str], Memory] = {}
        self._by_msgid: dict[str, Memory] = {}
        self._every: dict[str, list[Memory]] = {}  # every memory of a msgid, in order
        for m in memories:
            self._exact.setdefault((m.msgctxt, m.msgid), m)
            self._by_msgid.setdefault(m.msgid, m)
            self._every.setdefault(m.msgid, []).append(m)
        self._msgids = list(self._by_msgid)

    @classmethod
    def from_catalogs(cls, catalogs: Iterable[tuple[str, Catalog]], *, extra: Iterable[Memory] = ()) -> TranslationMemory:
        """The approved entries of these catalogs, each with the path it is shown by, then ``extra`` (a TMX file's).

        For the same (msgctxt, msgid) the catalogs' own approved work wins.
        """
        own = (
            Memory(e.msgid, e.msgctxt, e.msgstr, path, e.markup)
            for path, catalog in catalogs
            for e in catalog.entries
            if e.msgstr and not e.fuzzy and e.msgid
        )
        return cls(chain(own, extra))

    def __len__(self) -> int:
        return len(self._exact)

    def lookup(
        self,
        msgid: str,
        msgctxt: str | None = None,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        markup: tuple[str, ...] = (),
    ) -> Match | None:
        """The exact match if there is one, else the most similar msgid scoring at least ``threshold``.

        Exact means the same msgctxt and msgid and, when both sides know it, the
        same markup: a context follows document order (the first markup of a
        sentence has none), so the same key may stand for other markup elsewhere.
        """
        exact = self._exact.get((msgctxt, msgid))
        if exact is not None and (not markup or not exact.markup or exact.markup == markup):
            return Match(exact, 100.0)
        same_text = self._by_msgid.get(msgid)
        if same_text is not None:  # same sentence, other markup context: offer it, for review
            return Match(same_text, 99.0)
        if not self._msgids:
            return None
        from rapidfuzz import fuzz, process

        best = process.extractOne(msgid, self._msgids, scorer=fuzz.ratio, score_cutoff=threshold)
        if best is None:
            return None
        return Match(self._by_msgid[best[0]], float(best[1]))

    def matches(
        self,
        msgid: str,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        limit: int = 3,
        skip: Callable[[Memory], bool] | None = None,
    ) -> list[Match]:
        """Up to ``limit`` memories whose msgid scores at least ``threshold`` against ``msgid``, best first.

        Every approved translation of a close msgid counts (from each catalog
        holding one), except those ``skip`` leaves out (the entry itself).
        """
        if not self._msgids or limit < 1:
            return []
        from rapidfuzz import fuzz, process

        out: list[Match] = []
        close = process.extract(msgid, self._msgids, scorer=fuzz.ratio, score_cutoff=threshold, limit=None)
        for text, score, _index in sorted(close, key=lambda hit: -hit[1]):
            for memory in self._every[text]:
                if skip is None or not skip(memory):
                    out.append(Match(memory, 100.0 if text == msgid else float(score)))
                    if len(out) == limit:
                        return out
        return out

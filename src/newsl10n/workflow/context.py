"""What one run prepares once and shares: term rules per language pair, engines per pair, memories per language pair."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, cast

from ..errors import UsageError

if TYPE_CHECKING:
    from ..engines.base import Engine
    from ..exchange import TmxFile
    from ..glossary import Glossary
    from ..glossary.automaton import ScanStats
    from ..glossary.match import TermHit, TermMatcher
    from ..terms import Terminology
    from ..tm import TranslationMemory
    from .inputs import CatalogStore


class MatchOnce:
    """A source-language term matcher that is asked once per text per run, whatever the number of targets.

    The answers kept are bounded (the oldest go first): enough for a batch of articles and its targets,
    so that memory does not grow with the run.
    """

    #: Texts whose answers are kept (about one batch of articles, as the term rules' cache).
    KEPT = 8192

    def __init__(self, matcher: TermMatcher) -> None:
        self.matcher = matcher
        self.asked = 0  # texts actually matched (for tests and stats)
        self._hits: dict[str, list[TermHit]] = {}

    def find(self, text: str, *, stats: ScanStats | None = None) -> list[TermHit]:
        if stats is not None:
            return self.matcher.find(text, stats=stats)
        found = self._hits.get(text)
        if found is None:
            self.asked += 1
            if len(self._hits) >= self.KEPT:
                del self._hits[next(iter(self._hits))]
            found = self._hits[text] = self.matcher.find(text)
        return list(found)


class RunTerms:
    """The glossary prepared once per language pair for the run; one matcher per source language."""

    def __init__(self, glossary: Glossary | None) -> None:
        self.glossary = glossary
        self.matchers: dict[str, MatchOnce] = {}
        self._cache: dict[tuple[str, str | None], Terminology | None] = {}

    def get(self, src: str, tgt: str | None) -> Terminology | None:
        if self.glossary is None:
            return None
        key = (src, tgt)
        if key not in self._cache:
            from ..glossary.match import TermMatcher
            from ..terms import Terminology

            if src not in self.matchers:
                self.matchers[src] = MatchOnce(Terminology(self.glossary, src, None).matcher)
            matcher = cast(TermMatcher, self.matchers[src])  # duck-typed: Terminology only calls find()
            self._cache[key] = Terminology(self.glossary, src, tgt, matcher=matcher)
        return self._cache[key]

    def prepare(self, sources: Iterable[str]) -> None:
        """Build the matchers for these source languages now (before workers are forked, so they share them)."""
        for src in sources:
            self.get(src, None)


@dataclass(frozen=True)
class EngineSettings:
    """Which engine a run uses and how: ``name`` is ``auto``, ``none`` or a registered engine."""

    name: str = "auto"
    models_dir: Path | None = None  # None: $NEWSL10N_MODELS_DIR, else the XDG data folder
    beam_size: int = 4
    threads: int = 2

    def __post_init__(self) -> None:
        if self.beam_size < 1 or self.threads < 1:
            raise UsageError("--beam and --threads must be at least 1")


@dataclass
class RunEngines:
    """One engine per language pair for the whole run, so each model loads once; failures kept with their reason."""

    settings: EngineSettings
    engines: dict[tuple[str, str], Engine | None] = field(default_factory=dict)
    failed: dict[tuple[str, str], str] = field(default_factory=dict)

    def reason(self, src: str, tgt: str) -> str | None:
        """Why no engine can translate ``src``→``tgt`` (None: one can, or the run uses none)."""
        if self.settings.name == "none":
            return None
        if (src, tgt) not in self.engines and (src, tgt) not in self.failed:
            import os

            from ..engines.models import resolve_models_dir
            from ..engines.registry import choose_engine

            models_dir = resolve_models_dir(str(self.settings.models_dir) if self.settings.models_dir else None, os.environ)
            try:
                self.engines[(src, tgt)] = choose_engine(
                    self.settings.name, src, tgt, models_dir=models_dir,
                    beam_size=self.settings.beam_size, threads=self.settings.threads,
                )
            except UsageError as exc:
                self.failed[(src, tgt)] = str(exc)
        return self.failed.get((src, tgt))

    def __call__(self, src: str, tgt: str) -> Engine | None:
        if self.settings.name == "none" or self.reason(src, tgt) is not None:
            return None
        return self.engines[(src, tgt)]

    def close(self) -> None:
        for engine in self.engines.values():
            if engine is not None:
                engine.close()


class Memories:
    """Approved work per language pair, built once: every catalog of the target language (each read once, via
    the store), then the ``tmx`` files' pairs (``exchange.tmx_memories``)."""

    def __init__(self, locales: Path, store: CatalogStore, tmx: Sequence[TmxFile] = ()) -> None:
        self.locales = locales
        self.store = store
        self.tmx = tmx
        self._by_pair: dict[tuple[str, str], TranslationMemory] = {}

    def get(self, src_lang: str, lang: str) -> TranslationMemory:
        if (src_lang, lang) not in self._by_pair:
            from ..exchange import tmx_memories
            from ..fsio import display_path
            from ..tm import TranslationMemory

            folder = self.locales / lang
            paths = sorted(folder.rglob("*.po")) if folder.is_dir() else []
            catalogs = [(display_path(p), po) for p in paths if (po := self.store.get(p)) is not None]
            extra = tmx_memories(self.tmx, src_lang=src_lang, tgt_lang=lang)
            self._by_pair[(src_lang, lang)] = TranslationMemory.from_catalogs(catalogs, extra=extra)
        return self._by_pair[(src_lang, lang)]


#: ``(src, tgt) -> Terminology | None``, what the fill stages ask.
TermsFor = Callable[[str, str], "Terminology | None"]

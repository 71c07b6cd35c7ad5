"""The engine protocol: what every machine translation engine offers.

An engine translates batches of segments (coded text, inline codes included)
from one language to another.  It is constructed cheaply; models load on the
first ``translate_batch`` call and stay loaded for the run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class Pair:
    src: str
    tgt: str
    via: str | None = None  # pivot language, e.g. "en" for ru→en→es

    def __str__(self) -> str:
        return f"{self.src}→{self.via}→{self.tgt}" if self.via else f"{self.src}→{self.tgt}"


@dataclass(frozen=True)
class Signature:
    """Exactly what produced a translation: written into the PO header and entry comments."""

    engine: str  # "argos", "apertium", "none"
    model: str  # package name / mode, e.g. "translate-en_ru-1_9"
    version: str  # package or program version
    settings: str = ""  # "beam=4 int8"

    def __str__(self) -> str:
        extra = f" {self.settings}" if self.settings else ""
        return f"{self.engine}:{self.model}@{self.version}{extra}"


@runtime_checkable
class Engine(Protocol):
    name: str

    def pairs(self) -> Sequence[Pair]:
        """The language pairs this engine can translate now (installed models, pivots included)."""
        ...

    def signature(self, src: str, tgt: str) -> Signature:
        ...

    def translate_batch(self, segments: Sequence[str], src: str, tgt: str) -> list[str]:
        """One translation per segment, in order.  Inline codes (<1>…</1>, <2/>) come back as codes."""
        ...

    def close(self) -> None:
        """Release what the engine holds (loaded models, child processes); called once at the end of a run."""
        ...

"""Which engine translates a pair: ``auto``, ``argos``, ``apertium`` or ``none``.

``auto`` prefers Argos (neural, pivots through English) when an installed
package covers the pair, else Apertium (rule-based) when a mode covers it,
else it says what to install.  Engines are constructed cheaply; nothing here
loads a model.  Apertium is imported lazily and treated as absent if its
module cannot be imported.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ..errors import UsageError
from .argos import ArgosEngine, lang_base
from .base import Engine

log = logging.getLogger(__name__)

ENGINE_NAMES = ("auto", "argos", "apertium", "none")

#: Two-letter codes → the ISO 639-3 codes of Debian's apertium-xxx-yyy packages (a fallback for the hint).
_ISO639_3 = {"en": "eng", "es": "spa", "ru": "rus", "ca": "cat", "fr": "fra", "pt": "por", "uk": "ukr"}


def available_engines(models_dir: Path) -> dict[str, Engine]:
    """The engines that can translate at least one pair now, by name (``argos``, ``apertium``)."""
    engines: dict[str, Engine] = {}
    argos = ArgosEngine(models_dir)
    if argos.pairs():
        engines["argos"] = argos
    apertium = _apertium()
    if apertium is not None and apertium.pairs():
        engines["apertium"] = apertium
    return engines


def choose_engine(
    name: str, src: str, tgt: str, *, models_dir: Path, beam_size: int = 4, threads: int = 2
) -> Engine | None:
    """The engine for ``src``→``tgt``; None for ``none``.  UsageError says what to install if none can."""
    if name not in ENGINE_NAMES:
        raise UsageError(f"unknown engine {name!r}; choose one of: {', '.join(ENGINE_NAMES)}")
    if name == "none":
        return None
    if name in ("auto", "argos"):
        argos = ArgosEngine(models_dir, beam_size=beam_size, threads=threads)
        if _covers(argos, src, tgt):
            return argos
        if name == "argos":
            raise UsageError(
                f"no Argos package for {src}→{tgt} in {models_dir}; run `newsl10n models install {src} {tgt}`"
            )
    apertium = _apertium()
    if apertium is not None and _covers(apertium, src, tgt):
        return apertium
    apt = f"`apt-get install {apertium_package(src, tgt)}`"
    if name == "apertium":
        why = "is not installed" if apertium is None else f"has no {src}→{tgt} mode"
        raise UsageError(f"Apertium {why}; install the pair with {apt}")
    raise UsageError(
        f"no machine translation engine for {src}→{tgt}: install an Argos package with "
        f"`newsl10n models install {src} {tgt}` (into {models_dir}) or Apertium with {apt}, "
        "or use --engine none"
    )


def apertium_package(src: str, tgt: str) -> str:
    """Debian's package for a pair, e.g. ``apertium-eng-spa`` for en→es and es→en."""
    codes = dict(_ISO639_3)
    try:
        from .apertium import ISO639_3

        codes.update({two: three for three, two in ISO639_3.items()})
    except ImportError:
        pass
    a, b = (codes.get(lang_base(c), lang_base(c)) for c in (src, tgt))
    return f"apertium-{min(a, b)}-{max(a, b)}"


def _covers(engine: Engine, src: str, tgt: str) -> bool:
    want = (lang_base(src), lang_base(tgt))
    return any((lang_base(p.src), lang_base(p.tgt)) == want for p in engine.pairs())


def _apertium() -> Engine | None:
    try:
        from .apertium import ApertiumEngine
    except ImportError as exc:
        log.debug("Apertium engine unavailable: %s", exc)
        return None
    engine: Engine = ApertiumEngine()
    return engine

"""The engines by name, and which one translates a pair.

:data:`ENGINES` maps a name to a factory.  The package registers ``argos``
and ``apertium`` here (nowhere else); another engine is one module with a
class following :class:`~newsl10n.engines.base.Engine` and one call::

    from newsl10n.engines.registry import ENGINES
    ENGINES.register("echo", lambda options: EchoEngine(), help="copies the source")

The command line's ``--engine`` choices and help come from this registry,
with two names of its own: ``auto`` (the first registered engine that covers
the pair: Argos, which pivots through English, then Apertium, then engines
registered later) and ``none`` (memory and glossary only).

Engines are constructed cheaply; nothing here loads a model, and the engine
modules themselves are imported only when a factory runs (``newsl10n --help``
stays instant).  Apertium is treated as absent if its module cannot be
imported.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError
from .base import Engine

log = logging.getLogger(__name__)

AUTO = "auto"
NONE = "none"


@dataclass(frozen=True)
class EngineOptions:
    """What a run asks of its engines; a factory uses what applies to it."""

    models_dir: Path
    beam_size: int = 4
    threads: int = 2


#: Makes an engine from the run's options; None when the engine cannot run here at all (not installed).
EngineFactory = Callable[[EngineOptions], Engine | None]
#: What to tell the user to install for a pair this engine lacks (src, tgt, options) → one sentence.
InstallHint = Callable[[str, str, EngineOptions], str]


@dataclass(frozen=True)
class EngineSpec:
    """A registered engine: its name, how to make it, one line of help, what to install when it lacks a pair."""

    name: str
    factory: EngineFactory
    help: str
    hint: InstallHint | None = None

    def missing(self, src: str, tgt: str, options: EngineOptions) -> str:
        if self.hint is not None:
            return self.hint(src, tgt, options)
        return f"the {self.name} engine has no {src}→{tgt} pair"


class EngineRegistry:
    """Engines by name, in registration order (the order ``auto`` tries them)."""

    def __init__(self) -> None:
        self._specs: dict[str, EngineSpec] = {}

    def register(self, name: str, factory: EngineFactory, *, help: str, hint: InstallHint | None = None) -> EngineSpec:
        if name in (AUTO, NONE) or not name.isidentifier() or name != name.lower():
            raise ValueError(f"engine name {name!r} is reserved or not a lower-case identifier")
        if name in self._specs:
            raise ValueError(f"an engine named {name!r} is already registered")
        spec = self._specs[name] = EngineSpec(name, factory, help, hint)
        return spec

    def unregister(self, name: str) -> None:
        del self._specs[name]

    def get(self, name: str) -> EngineSpec:
        return self._specs[name]

    def specs(self) -> list[EngineSpec]:
        return list(self._specs.values())

    def names(self) -> tuple[str, ...]:
        """What ``--engine`` accepts: ``auto``, the registered engines, ``none``."""
        return (AUTO, *self._specs, NONE)

    def help(self) -> str:
        """The ``--engine`` help text."""
        first = ", ".join(f"{s.name}" for s in self._specs.values())
        parts = [f"{AUTO} (the first of {first} that has the pair)"]
        parts += [f"{s.name} ({s.help})" for s in self._specs.values()]
        parts.append(f"{NONE} (memory and glossary only)")
        return "machine translation: " + ", ".join(parts)


# -- the package's engines ------------------------------------------------------------------------------------


def _argos(options: EngineOptions) -> Engine:
    from .argos import ArgosEngine

    return ArgosEngine(options.models_dir, beam_size=options.beam_size, threads=options.threads)


def _argos_hint(src: str, tgt: str, options: EngineOptions) -> str:
    return f"no Argos package for {src}→{tgt} in {options.models_dir}; run `newsl10n models install {src} {tgt}`"


def _apertium_factory(options: EngineOptions) -> Engine | None:
    return _apertium()


def _apertium_hint(src: str, tgt: str, options: EngineOptions) -> str:
    package = apertium_package(src, tgt)
    engine = _apertium()
    why = "is not installed" if engine is None else f"has no {src}→{tgt} mode"
    if package is None:
        return f"Apertium {why}, and Debian has no Apertium package for {src}→{tgt}"
    return f"Apertium {why}; install the pair with `apt-get install {package}`"


#: The package's registry.  Engines are tried by ``auto`` in this order.
ENGINES = EngineRegistry()
ENGINES.register("argos", _argos, help="neural, CTranslate2; pivots through English", hint=_argos_hint)
ENGINES.register("apertium", _apertium_factory, help="rule-based, Debian packages", hint=_apertium_hint)


def engine_names() -> tuple[str, ...]:
    return ENGINES.names()


def available_engines(models_dir: Path) -> dict[str, Engine]:
    """The engines that can translate at least one pair now, by name."""
    engines: dict[str, Engine] = {}
    for spec in ENGINES.specs():
        engine = spec.factory(EngineOptions(models_dir))
        if engine is not None and engine.pairs():
            engines[spec.name] = engine
    return engines


def choose_engine(
    name: str, src: str, tgt: str, *, models_dir: Path, beam_size: int = 4, threads: int = 2
) -> Engine | None:
    """The engine for ``src``→``tgt``; None for ``none``.  UsageError says what to install if none can."""
    if name not in ENGINES.names():
        raise UsageError(f"unknown engine {name!r}; choose one of: {', '.join(ENGINES.names())}")
    if name == NONE:
        return None
    options = EngineOptions(models_dir, beam_size=beam_size, threads=threads)
    specs = ENGINES.specs() if name == AUTO else [ENGINES.get(name)]
    for spec in specs:
        engine = spec.factory(options)
        if engine is not None and covers(engine, src, tgt):
            return engine
    if name != AUTO:
        raise UsageError(specs[0].missing(src, tgt, options))
    hints = [_hint_clause(spec, src, tgt, options) for spec in specs]
    return _no_engine(src, tgt, [h for h in hints if h])


def _hint_clause(spec: EngineSpec, src: str, tgt: str, options: EngineOptions) -> str | None:
    if spec.name == "argos":
        return f"an Argos package with `newsl10n models install {src} {tgt}` (into {options.models_dir})"
    if spec.name == "apertium":
        package = apertium_package(src, tgt)
        return f"Apertium with `apt-get install {package}`" if package else None
    return None


def _no_engine(src: str, tgt: str, hints: list[str]) -> Engine | None:
    install = f"install {' or '.join(hints)}, or " if hints else ""
    raise UsageError(f"no machine translation engine for {src}→{tgt}: {install}use --engine none")


#: Two-letter codes → the ISO 639-3 codes of Debian's package names (when the Apertium module is absent).
_ISO639_3 = {"en": "eng", "es": "spa", "ru": "rus", "ca": "cat", "fr": "fra", "pt": "por", "uk": "ukr"}

#: Debian 12's Apertium language-pair packages (``apt-cache search apertium``), without the prefix.
DEBIAN_APERTIUM_PAIRS = frozenset(
    """afr-nld arg-cat bel-rus cat-ita cat-srd dan-nor eng-cat eng-spa fra-cat fra-frp hbs-eng hbs-mkd hbs-slv
    ind-zlm isl-eng isl-swe mkd-bul mkd-eng nno-nob oci-fra pol-szl por-cat rus-ukr spa-arg spa-ast spa-cat
    spa-ita srd-ita swe-dan swe-nor urd-hin af-nl br-fr ca-it en-gl en-ca en-es eo-ca eo-en eo-es eo-fr es-gl
    es-pt es-ro eu-en eu-es fr-es id-ms is-sv mk-bg mk-en oc-ca oc-es pt-ca pt-gl es-ast es-ca es-it""".split()
)


def apertium_package(src: str, tgt: str) -> str | None:
    """Debian's package for a pair (``apertium-eng-spa`` for en→es and es→en), None if Debian has none."""
    from ..localize import primary_lang

    try:
        from .apertium import ISO639_3
    except ImportError:  # the engine cannot run here; the package names are still known
        ISO639_3 = {}
    three = {**_ISO639_3, **{two: three for three, two in ISO639_3.items()}}
    a, b = primary_lang(src), primary_lang(tgt)
    for x, y in ((three.get(a, a), three.get(b, b)), (a, b)):
        for name in (f"{x}-{y}", f"{y}-{x}"):
            if name in DEBIAN_APERTIUM_PAIRS:
                return f"apertium-{name}"
    return None


def covers(engine: Engine, src: str, tgt: str) -> bool:
    """Whether ``engine`` has the pair (compared on primary language subtags)."""
    from ..localize import primary_lang

    want = (primary_lang(src), primary_lang(tgt))
    return any((primary_lang(p.src), primary_lang(p.tgt)) == want for p in engine.pairs())


def _apertium() -> Engine | None:
    try:
        from .apertium import ApertiumEngine
    except ImportError as exc:
        log.debug("Apertium engine unavailable: %s", exc)
        return None
    engine: Engine = ApertiumEngine()
    return engine

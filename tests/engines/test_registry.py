"""Choosing an engine: auto prefers Argos (pivots included), then Apertium, else says what to install."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from newsl10n.engines import registry
from newsl10n.engines.argos import ArgosEngine
from newsl10n.engines.base import Engine, Pair, Signature
from newsl10n.engines.registry import apertium_package, available_engines, choose_engine
from newsl10n.errors import UsageError


class FakeApertium:
    name = "apertium"

    def __init__(self, pairs: Sequence[Pair]) -> None:
        self._pairs = list(pairs)

    def pairs(self) -> list[Pair]:
        return self._pairs

    def signature(self, src: str, tgt: str) -> Signature:
        return Signature("apertium", f"{src}-{tgt}", "0")

    def translate_batch(self, segments: Sequence[str], src: str, tgt: str) -> list[str]:
        return list(segments)

    def close(self) -> None:
        pass


@pytest.fixture
def setup(install: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """setup(argos=[("en", "ru"), ...], apertium=[("en", "es")] or None for 'not importable')."""

    def run(argos: Sequence[tuple[str, str]] = (), apertium: Sequence[tuple[str, str]] | None = ()) -> None:
        for src, tgt in argos:
            install(src, tgt)
        if apertium is None:
            monkeypatch.setitem(sys.modules, "newsl10n.engines.apertium", None)  # import raises ImportError
        else:
            fake = FakeApertium([Pair(s, t) for s, t in apertium])
            monkeypatch.setattr(registry, "_apertium", lambda: fake)

    return run


CHOICES = [
    # id, argos packages, apertium pairs (None: not importable), engine name, src, tgt, expected engine or error text
    ("auto-argos", [("en", "ru")], [("en", "ru")], "auto", "en", "ru", "argos"),
    ("auto-argos-pivot", [("ru", "en"), ("en", "es")], [("ru", "es")], "auto", "ru", "es", "argos"),
    ("auto-argos-region", [("en", "es")], [], "auto", "en-GB", "es", "argos"),
    ("auto-apertium", [("en", "ru")], [("en", "es")], "auto", "en", "es", "apertium"),
    ("auto-nothing", [("en", "ru")], [], "auto", "en", "es",
     "`newsl10n models install en es`.*`apt-get install apertium-eng-spa`"),
    ("auto-no-apertium-module", [], None, "auto", "en", "ru", "`newsl10n models install en ru`"),
    # Debian has no Apertium pair for en→ru: no package is suggested that does not exist
    ("auto-no-debian-package", [], [], "auto", "en", "ru", r"^[^`]*`newsl10n models install en ru`[^`]*$"),
    ("apertium-no-debian-package", [], [], "apertium", "es", "ru", "Debian has no Apertium package for es→ru$"),
    ("argos-explicit", [("en", "ru")], [("en", "ru")], "argos", "en", "ru", "argos"),
    ("argos-missing", [], [("en", "es")], "argos", "en", "es", "no Argos package for en→es"),
    ("apertium-explicit", [("en", "es")], [("en", "es")], "apertium", "en", "es", "apertium"),
    ("apertium-missing-pair", [("en", "es")], [], "apertium", "en", "es", "Apertium has no en→es mode"),
    ("apertium-not-importable", [], None, "apertium", "es", "en", "Apertium is not installed.*apertium-eng-spa"),
    ("none", [("en", "ru")], [], "none", "en", "ru", None),
    ("unknown-name", [], [], "google", "en", "ru", "unknown engine 'google'"),
]


@pytest.mark.parametrize(("argos", "apertium", "name", "src", "tgt", "expected"), [c[1:] for c in CHOICES],
                         ids=[c[0] for c in CHOICES])
def test_choose_engine(
    setup: Callable[..., None], models_dir: Path, argos: list[tuple[str, str]], apertium: list[tuple[str, str]] | None,
    name: str, src: str, tgt: str, expected: str | None,
) -> None:
    setup(argos, apertium)
    if expected in ("argos", "apertium", None):
        engine = choose_engine(name, src, tgt, models_dir=models_dir)
        assert (engine.name if engine is not None else None) == expected
        if isinstance(engine, ArgosEngine):
            assert engine.models_dir == models_dir
    else:
        with pytest.raises(UsageError, match=expected):
            choose_engine(name, src, tgt, models_dir=models_dir)


def test_available_engines(setup: Callable[..., None], models_dir: Path) -> None:
    setup([("en", "ru")], [("en", "es")])
    engines = available_engines(models_dir)
    assert sorted(engines) == ["apertium", "argos"]
    assert all(isinstance(e, Engine) for e in engines.values())


def test_available_engines_empty(setup: Callable[..., None], models_dir: Path) -> None:
    setup([], None)
    assert available_engines(models_dir) == {}


@pytest.mark.parametrize(("src", "tgt", "package"), [("en", "es", "apertium-eng-spa"), ("es", "en", "apertium-eng-spa"),
                                                     ("ru", "uk", "apertium-rus-ukr"), ("ca", "en", "apertium-eng-cat"), ("pt", "gl", "apertium-pt-gl"),
    ("en", "ru", None), ("ru", "es", None)])
def test_apertium_package(src: str, tgt: str, package: str | None) -> None:
    assert apertium_package(src, tgt) == package


class EchoEngine:
    name = "echo"

    def __init__(self) -> None:
        self.closed = False

    def pairs(self) -> list[Pair]:
        return [Pair("en", "xx")]

    def signature(self, src: str, tgt: str) -> Signature:
        return Signature("echo", "copy", "1")

    def translate_batch(self, segments: Sequence[str], src: str, tgt: str) -> list[str]:
        return list(segments)

    def close(self) -> None:
        self.closed = True


def test_a_registered_engine_is_chosen_by_name_and_by_auto(
    setup: Callable[..., None], models_dir: Path
) -> None:
    setup([], [])
    registry.ENGINES.register("echo", lambda options: EchoEngine(), help="copies the source")
    try:
        run_with_echo(models_dir)
    finally:
        registry.ENGINES.unregister("echo")
    assert "echo" not in registry.engine_names()


def run_with_echo(models_dir: Path) -> None:
    assert registry.engine_names() == ("auto", "argos", "apertium", "echo", "none")
    assert "echo (copies the source)" in registry.ENGINES.help()
    engine = choose_engine("echo", "en", "xx", models_dir=models_dir)
    assert isinstance(engine, EchoEngine) and isinstance(engine, Engine)
    assert isinstance(choose_engine("auto", "en-GB", "xx", models_dir=models_dir), EchoEngine)
    with pytest.raises(UsageError, match="the echo engine has no en→ru pair"):
        choose_engine("echo", "en", "ru", models_dir=models_dir)


@pytest.mark.parametrize("name", ["auto", "none", "Echo", "two words"])
def test_reserved_or_odd_engine_names_are_refused(name: str) -> None:
    with pytest.raises(ValueError, match="reserved or not"):
        registry.EngineRegistry().register(name, lambda options: None, help="")

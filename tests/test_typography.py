"""Spacing around quotes and punctuation by the target language, on real Apertium output and on tricky cases."""

from __future__ import annotations

import re

import pytest

from newsl10n.engines.base import Pair
from newsl10n.model import CODE_RE
from newsl10n.typography import normalize_spacing


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        pytest.param('" Apreciamos el interés', "es", '"Apreciamos el interés', id="straight-opening"),
        pytest.param("“ Notamos el interés, nosotros todos pierden que,” dichos HERRERO.", "es",
                     "“Notamos el interés, nosotros todos pierden que,” dichos HERRERO.", id="curly-opening"),
        pytest.param("Los resultados son visibles .", "es", "Los resultados son visibles.", id="space-before-full-stop"),
        pytest.param("acaeciendo visibles;  veremos", "es", "acaeciendo visibles; veremos", id="double-space"),
        pytest.param("Ver los resultados ( son <1>visibles</1>).", "es", "Ver los resultados (son <1>visibles</1>).", id="bracket"),
        pytest.param('dijo " hola " y " adiós " .', "es", 'dijo "hola" y "adiós".', id="straight-pairs"),
        pytest.param("¿ Qué pasa ?", "es", "¿Qué pasa?", id="spanish-question"),
        pytest.param("El <1>enlace </1>.", "es", "El <1>enlace</1>.", id="space-before-closing-code"),
        pytest.param("“ <1>Notamos</1>", "es", "“<1>Notamos</1>", id="space-before-opening-code"),
        pytest.param("escriba a <2/> .", "es", "escriba a <2/>.", id="empty-code-kept"),
        pytest.param("escriba a <2/> y <3/>", "es", "escriba a <2/> y <3/>", id="spaces-around-empty-codes-stay"),
        pytest.param("« Привет » , сказал он. „ Цитата “ ( да )", "ru", "«Привет», сказал он. „Цитата “ (да)", id="russian-quotes"),
        pytest.param("Er sagte: „ Ja “ .", "de", "Er sagte: „Ja“.", id="german-quotes"),
        pytest.param("Il a dit : « oui » !", "fr", "Il a dit : « oui » !", id="french-keeps-its-spaces"),
        pytest.param("  y ... más  ", "es", "  y... más  ", id="edges-kept-ellipsis-joined"),
        pytest.param("the students ’ work, rock ' n ' roll", "en", "the students ’ work, rock ' n ' roll", id="apostrophes-untouched"),
        pytest.param("Hecho: <12> 3,5 días</12>", "es", "Hecho: <12> 3,5 días</12>", id="codes-untouched"),
    ],
)
def test_normalize_spacing(text: str, lang: str, expected: str) -> None:
    out = normalize_spacing(text, lang)
    assert out == expected
    assert CODE_RE.findall(out) == CODE_RE.findall(text)  # codes never change, nor their order


def _apertium() -> object:
    from newsl10n.engines.apertium import ApertiumEngine

    engine = ApertiumEngine()
    if Pair("en", "es") not in engine.pairs():
        pytest.skip("Apertium's eng-spa mode is not installed (apt-get install apertium apertium-eng-spa)")
    return engine


#: Sentences of the seed and the corpus on which Apertium leaves spaces the source does not have.
SOURCES = [
    '"We appreciate the interest of the Technical University of Madrid in developing',
    "“We noted the high interest of the research teams at both universities in developing collaboration.",
    "See the results (they are <1>visible</1>).",
]
ARTIFACT = re.compile(r'^" |“ |\( |\S  +\S| [.,;:!?]')


def test_beats_raw_apertium() -> None:
    engine = _apertium()
    try:
        raw = engine.translate_batch(SOURCES, "en", "es")  # type: ignore[attr-defined]
    finally:
        engine.close()  # type: ignore[attr-defined]
    assert all(ARTIFACT.search(r) for r in raw), raw  # the engine's own output has the artifacts
    for source, text in zip(SOURCES, raw):
        fixed = normalize_spacing(text, "es")
        assert not ARTIFACT.search(fixed), fixed
        assert fixed.replace(" ", "") == text.replace(" ", "")  # only spaces went
        assert CODE_RE.findall(fixed) == CODE_RE.findall(source)

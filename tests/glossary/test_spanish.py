"""Spanish determiners agree with the term after them (Apertium's own slips, from the corpus run)."""

from __future__ import annotations

import pytest

from newsl10n.glossary.spanish import agree_determiner, gender


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("Pedro el Grande y los Universidad Politécnica de Madrid", "Pedro el Grande y la Universidad Politécnica de Madrid", id="number-too"),
        pytest.param("UPM ve el Universidad Politécnica", "UPM ve la Universidad Politécnica", id="el-la"),
        pytest.param("Maratón del Universidad Politécnica", "Maratón de la Universidad Politécnica", id="del-de-la"),
        pytest.param("fue al Universidad Politécnica", "fue a la Universidad Politécnica", id="al-a-la"),
        pytest.param("junto con la Instituto Politécnico de Porto", "junto con el Instituto Politécnico de Porto", id="la-el"),
        pytest.param("De la <1>Instituto Politécnico de Porto", "Del <1>Instituto Politécnico de Porto", id="capital-and-code"),
        pytest.param("visitó a la Centro de Información SPbPU en Madrid", "visitó al Centro de Información SPbPU en Madrid", id="a-la-al"),
        pytest.param("una programas educativos conjuntos", "unos programas educativos conjuntos", id="masculine-in-a"),
        pytest.param("con las Universidades", "con las Universidades", id="already-agrees"),
        pytest.param("con el Aula Magna", "con el Aula Magna", id="stressed-a"),
        pytest.param("la SPbPU", "la SPbPU", id="abbreviation-unknown-gender"),
        pytest.param("Bella Universidad", "Bella Universidad", id="no-determiner"),
    ],
)
def test_agree_determiner(text: str, expected: str) -> None:
    name_start = _name_start(text)
    agreed = agree_determiner(text, name_start, text[name_start:])
    assert agreed.text == expected
    assert (agreed.note is None) == (text == expected)


def _name_start(text: str) -> int:
    for word in ("Universidad", "Instituto", "Centro", "programas", "Aula", "SPbPU"):
        if word in text:
            return text.index(word)
    return text.index("Universidad")


@pytest.mark.parametrize(
    "name, expected",
    [("Universidad Politécnica", "f"), ("Instituto de Energía", "m"), ("Escuela de Minas y Energía", "f"), ("programas educativos", "m"),
     ("Maratón", "m"), ("Oficina Internacional", "f"), ("Comité de ciencia", None), ("SPbPU", None)],
)
def test_gender(name: str, expected: str | None) -> None:
    assert gender(name) == expected

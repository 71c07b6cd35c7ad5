"""Inline codes through machine translation: repair what needs no guessing, flag the rest."""

from __future__ import annotations

import pytest

from newsl10n.enforce import repair_codes
from newsl10n.model import check_codes


@pytest.mark.parametrize(
    "msgid, mt, expected",
    [
        pytest.param("Our <1>partner</1> came.", "Наш <1>партнёр</1> приехал.", "Наш <1>партнёр</1> приехал.", id="intact"),
        pytest.param("Our <1>partner</1> came.", "Наш <1>партнёр</1> <7/>приехал.", "Наш <1>партнёр</1> приехал.", id="invented"),
        pytest.param("A <1/> b.", "А <1/> <1/> б.", "А <1/>  б.", id="duplicate"),
        pytest.param("<1/> Photo of the day.", "Фото дня.", "<1/>Фото дня.", id="leading-standalone"),
        pytest.param("Line one.<2/>", "Строка один.", "Строка один.<2/>", id="trailing-standalone"),
        pytest.param("<1>Whole sentence in bold.</1>", "Всё предложение жирным.", "<1>Всё предложение жирным.</1>", id="wrapping-pair"),
        pytest.param("<1><2>Nested wrap.</2></1>", "Вложенная обёртка.", "<1><2>Вложенная обёртка.</2></1>", id="nested-wrap"),
    ],
)
def test_repairable(msgid: str, mt: str, expected: str) -> None:
    result = repair_codes(msgid, mt)
    assert result.ok and result.text == expected
    assert check_codes(msgid, result.text).ok


@pytest.mark.parametrize(
    "msgid, mt",
    [
        pytest.param("Our <1>strategic partner</1> came.", "Наш стратегический партнёр приехал.", id="dropped-inner-pair"),
        pytest.param("A <1>b</1> c <2>d</2>.", "А <2>г</1> в <1>б</2>.", id="crossed"),
        pytest.param("Text <1/> middle.", "Текст середина.", id="dropped-middle-standalone"),
    ],
)
def test_not_repairable_is_reported_and_left_alone(msgid: str, mt: str) -> None:
    result = repair_codes(msgid, mt)
    assert not result.ok and result.text == mt and result.notes

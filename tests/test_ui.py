"""Interface strings that leak into articles are translated from the team's table."""

from __future__ import annotations

import pytest

from newsl10n.ui import translate_ui


@pytest.mark.parametrize(
    "msgid, lang, expected",
    [
        pytest.param(">>Перейти к новости", "en", ">>Go to the news", id="ru-nav-to-en"),
        pytest.param(">>Перейти ко всем новостям", "es", ">>Ir a todas las noticias", id="ru-nav-to-es"),
        pytest.param("Дата публикации: <1/>", "es", "Fecha de publicación: <1/>", id="date-label"),
        pytest.param("Publication date: <2/>", "ru", "Дата публикации: <2/>", id="date-label-en"),
        pytest.param("news", "ru", "Новости", id="case-insensitive"),
        pytest.param("Go to the news about <1>UPM</1>", "ru", None, id="not-a-ui-string"),
        pytest.param("Publication date: <1/> <2/>", "ru", None, id="two-codes"),
        pytest.param("Go to the news", "de", None, id="language-not-in-table"),
    ],
)
def test_translate_ui(msgid: str, lang: str, expected: str | None) -> None:
    assert translate_ui(msgid, lang) == expected

"""Interface strings that leak into articles are translated from the team's table."""

from __future__ import annotations

import pytest

from newsl10n.ui import fix_ui_links, translate_ui


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
        # The seed page's own links: the string is split from its ">>" by markup.
        pytest.param(">><1>Перейти ко всем новостям</1>", "es", ">><1>Ir a todas las noticias</1>", id="link-after-arrows"),
        pytest.param("<1>>>Перейти к новости</1>", "en", "<1>>>Go to the news</1>", id="arrows-inside-link"),
        pytest.param("<1><2>Home</2></1>", "es", "<1><2>Inicio</2></1>", id="nested-pairs"),
        pytest.param("<1>Дата публикации:</1> <2/>", "es", "<1>Fecha de publicación:</1> <2/>", id="label-in-bold"),
        pytest.param("<1>Home</1> / <2>News</2>", "es", "<1>Inicio</1> / <2>Noticias</2>", id="breadcrumb-all-ui"),
        pytest.param("<1>Home</1> / <2>News</2> / <3>UPM delegation visit</3>", "es", None, id="breadcrumb-with-title"),
        pytest.param("Go to <1>all news</1>", "es", None, id="pair-inside-the-string"),
        pytest.param("Home <1>sweet</1> home", "es", None, id="words-outside-links"),
    ],
)
def test_translate_ui(msgid: str, lang: str, expected: str | None) -> None:
    assert translate_ui(msgid, lang) == expected


@pytest.mark.parametrize(
    "msgid, mt, expected",
    [
        pytest.param(
            "<1>Home</1> / <2>News</2> / <3>UPM delegation visit</3>",
            "<1>En casa</1> / <2>Noticioso</2> / <3>UPM visita de delegación</3>",
            "<1>Inicio</1> / <2>Noticias</2> / <3>UPM visita de delegación</3>",
            id="breadcrumb",
        ),
        pytest.param("Welcome <1>Home</1>.", "Bienvenido <1>En casa</1>.", "Bienvenido <1>En casa</1>.", id="not-navigation"),
        pytest.param("<1>Home</1> | <2>Share</2>", "<2>Compartir</2> | <1>Casa</1>", "<2>Compartir</2> | <1>Inicio</1>", id="reordered"),
    ],
)
def test_fix_ui_links(msgid: str, mt: str, expected: str) -> None:
    fixed = fix_ui_links(msgid, mt, "es")
    assert fixed.text == expected
    assert bool(fixed.notes) == (expected != mt)

"""Glossary enforcement after MT, with the project glossary and real morphology."""

from __future__ import annotations

import pytest

from newsl10n.enforce import enforce_terms
from newsl10n.glossary import load_glossary
from newsl10n.terms import Terminology

from .conftest import REPO


@pytest.fixture(scope="module")
def glossary():  # type: ignore[no-untyped-def]
    return load_glossary([REPO / "glossary"])


@pytest.mark.parametrize(
    "msgid, mt, tgt, renderings, expected",
    [
        pytest.param(
            "The delegation visited the Institute of Energy.",
            "Делегация посетила Институт энергии.",
            "ru", {"Institute of Energy": "Институт энергии"},
            "Делегация посетила Институт энергетики.",
            id="ru-nominative-accusative",
        ),
        pytest.param(
            "Talks were held at the Institute of Energy.",
            "Переговоры прошли в Институте энергии.",
            "ru", {"Institute of Energy": "Институт энергии"},
            "Переговоры прошли в Институте энергетики.",
            id="ru-prepositional",
        ),
        pytest.param(
            "SPbPU signed an agreement with the Technical University of Madrid.",
            "СПбПУ подписал соглашение с Техническим университетом Мадрида.",
            "ru", {"Technical University of Madrid": "Технический университет Мадрида"},
            "СПбПУ подписал соглашение с Мадридским политехническим университетом.",
            id="ru-instrumental",
        ),
        pytest.param(
            "The Technical University of Madrid is a partner.",
            "La Universidad Técnica de Madrid es socia.",
            "es", {"Technical University of Madrid": "Universidad Técnica de Madrid"},
            "La Universidad Politécnica de Madrid es socia.",
            id="es-rendering",
        ),
        pytest.param(
            "Talks at the Institute of Energy went well.",
            "Переговоры в Институте энергетики прошли хорошо.",
            "ru", {},
            "Переговоры в Институте энергетики прошли хорошо.",
            id="ru-already-right",
        ),
    ],
)
def test_enforced(glossary, msgid: str, mt: str, tgt: str, renderings: dict[str, str], expected: str) -> None:  # type: ignore[no-untyped-def]
    rules = Terminology(glossary, "en", tgt).rules(msgid)
    result = enforce_terms(msgid, mt, rules, tgt_lang=tgt, renderings=renderings)
    assert result.text == expected
    assert not result.review, result.notes


def test_forbidden_variant_replaced(glossary) -> None:  # type: ignore[no-untyped-def]
    msgid = "Students of the Technical University of Madrid arrived."
    mt = "Прибыли студенты Политехнического университета Мадрида."
    rules = Terminology(glossary, "en", "ru").rules(msgid)
    result = enforce_terms(msgid, mt, rules, tgt_lang="ru", renderings={})
    assert result.text == "Прибыли студенты Мадридского политехнического университета."


def test_unplaceable_term_is_flagged(glossary) -> None:  # type: ignore[no-untyped-def]
    msgid = "The Institute of Energy hosted the meeting."
    rules = Terminology(glossary, "en", "ru").rules(msgid)
    result = enforce_terms(msgid, "Встреча прошла успешно.", rules, tgt_lang="ru", renderings={"Institute of Energy": "ИЭ"})
    assert [r.source for r in result.missing] == ["Institute of Energy"]


def test_notes_for_catalog(glossary) -> None:  # type: ignore[no-untyped-def]
    terms = Terminology(glossary, "en", "ru")
    notes = terms.notes("Lana KALIKINA met the Vice-Rector for International Affairs of SPbPU.")
    assert "term: Lana Kalikina (do not translate)" in notes
    assert "term: Vice-Rector for International Affairs → проректор по международной деятельности" in notes
    assert "term: SPbPU → СПбПУ" in notes


@pytest.mark.parametrize(
    "msgid, engine_output, tgt, expected",
    [
        pytest.param(
            "Our cooperation with the Polytechnic University has grown.",
            "Nuestra cooperación con el {0} ha crecido.",
            "es",
            "Nuestra cooperación con la Universidad Politécnica ha crecido.",
            id="es-article-agrees",
        ),
        pytest.param(
            "Guests stayed near the Institute of Energy.",
            "Гости жили у {0}.",
            "ru",
            "Гости жили у Института энергетики.",
            id="ru-case-from-preposition",
        ),
        pytest.param(
            "The Institute of Energy hosted it.",
            "{0} принял это.",
            "ru",
            "Институт энергетики принял это.",
            id="ru-sentence-start",
        ),
    ],
)
def test_placeholders(glossary, msgid: str, engine_output: str, tgt: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    from newsl10n.enforce import fill_placeholders, protect_terms

    protected, placed = protect_terms(msgid, Terminology(glossary, "en", tgt).rules(msgid))
    assert "{0}" in protected
    filled = fill_placeholders(engine_output, placed, tgt_lang=tgt)
    assert filled is not None and filled.text == expected


def test_lost_placeholder_gives_none(glossary) -> None:  # type: ignore[no-untyped-def]
    from newsl10n.enforce import fill_placeholders, protect_terms

    _, placed = protect_terms("At the Institute of Energy.", Terminology(glossary, "en", "ru").rules("At the Institute of Energy."))
    assert fill_placeholders("В институте.", placed, tgt_lang="ru") is None


def test_ambiguous_position_gets_nominative_and_review(glossary) -> None:  # type: ignore[no-untyped-def]
    from newsl10n.enforce import fill_placeholders, protect_terms

    msgid = "Talks were held at the Institute of Energy."
    _, placed = protect_terms(msgid, Terminology(glossary, "en", "ru").rules(msgid))
    filled = fill_placeholders("Переговоры прошли в {0}.", placed, tgt_lang="ru")
    assert filled is not None and filled.text == "Переговоры прошли в Институт энергетики."
    assert filled.review and "check the form" in filled.notes[0]

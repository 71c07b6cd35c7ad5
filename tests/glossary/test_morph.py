"""Inflection-aware matching of target-side terms, and Russian inflection of glossary terms."""

from __future__ import annotations

import pytest

from newsl10n.glossary.morph import Morphology, Span, inflect_ru, phrase_case_ru

SPBPU_RU = "Санкт-Петербургский политехнический университет Петра Великого"
GSIEP = "Высшая школа международных образовательных программ"
VICE_RECTOR = "проректор по международной деятельности"
UPM_RU = "Мадридский политехнический университет"
UPM_ES = "Universidad Politécnica de Madrid"

RU = Morphology("ru")
ES = Morphology("es")
EN = Morphology("en")


def found(morph: Morphology, text: str, term: str, *, exact: bool = False) -> list[str]:
    spans = morph.find(text, term, exact=exact)
    for span in spans:
        assert text[span.start : span.end] == span.text
    return [s.text for s in spans]


# --- Russian: accepted ------------------------------------------------------------------------------

RU_ACCEPTS = [
    pytest.param("в Институте энергетики", "Институт энергетики", "Институте энергетики", id="loct"),
    pytest.param(
        "Соглашение с Мадридским политехническим университетом подписано.",
        UPM_RU,
        "Мадридским политехническим университетом",
        id="ablt-adjectives",
    ),
    pytest.param(
        "Встреча у проректора по международной деятельности.",
        VICE_RECTOR,
        "проректора по международной деятельности",
        id="title-gent",
    ),
    pytest.param(
        "Проректор по международной деятельности открыл встречу.",
        VICE_RECTOR,
        "Проректор по международной деятельности",
        id="title-sentence-start",
    ),
    pytest.param(
        "Итоги. «Проректор по международной деятельности» выступил.",
        VICE_RECTOR,
        "Проректор по международной деятельности",
        id="title-after-period-and-quote",
    ),
    pytest.param(
        "Прибыла делегация Санкт-Петербургского политехнического университета Петра Великого.",
        SPBPU_RU,
        "Санкт-Петербургского политехнического университета Петра Великого",
        id="spbpu-hyphenated-gent",
    ),
    pytest.param(
        "Занятия в Высшей школе международных образовательных программ.",
        GSIEP,
        "Высшей школе международных образовательных программ",
        id="superlative-adjective",
    ),
    pytest.param("в <1>Институте энергетики</1>", "Институт энергетики", "Институте энергетики", id="inside-codes"),
    pytest.param("в Институте<2/> энергетики", "Институт энергетики", "Институте<2/> энергетики", id="code-between"),
    pytest.param(
        "Институт энергетики провёл конференцию.", "Институт энергетики", "Институт энергетики", id="sentence-initial"
    ),
    pytest.param(
        "Центр работает в Информационном центре СПбПУ в Мадриде.",
        "Информационный центр СПбПУ в Мадриде",
        "Информационном центре СПбПУ в Мадриде",
        id="with-abbreviation",
    ),
    pytest.param("Учёные СПбПУ приехали.", "СПбПУ", "СПбПУ", id="abbreviation"),
]


@pytest.mark.parametrize(("text", "term", "expected"), RU_ACCEPTS)
def test_russian_finds_inflected_term(text: str, term: str, expected: str) -> None:
    assert found(RU, text, term) == [expected]


def test_russian_spans_and_count() -> None:
    text = "Институт энергетики и <1>Институтом энергетики</1> руководит директор Института энергетики."
    spans = RU.find(text, "Институт энергетики")
    assert [s.text for s in spans] == ["Институт энергетики", "Институтом энергетики", "Института энергетики"]
    assert spans[1] == Span(25, 46, "Институтом энергетики")
    assert (
        RU.count(
            "Сотрудничество с Мадридским политехническим университетом и визит в Мадридский "
            "политехнический университет.",
            UPM_RU,
        )
        == 2
    )


@pytest.mark.parametrize(
    ("text", "term", "expected"),
    [
        pytest.param("заседание Ученого совета", "Учёный совет", "Ученого совета", id="yo-as-e"),
        pytest.param(
            "делегация Санкт\u2011Петербургского\u00a0политехнического университета Петра Великого",
            SPBPU_RU,
            "Санкт\u2011Петербургского\u00a0политехнического университета Петра Великого",
            id="non-breaking-hyphen-and-space",
        ),
    ],
)
def test_russian_typography_variants(text: str, term: str, expected: str) -> None:
    assert found(RU, text, term) == [expected]


def test_inflect_ru_keeps_hyphen_and_yo_as_written() -> None:
    assert inflect_ru("Санкт\u2011Петербургский университет", "ablt") == "Санкт\u2011Петербургским университетом"
    assert inflect_ru("Ученый совет", "gent") == "Ученого совета"
    assert inflect_ru("Учёный совет", "gent") == "Учёного совета"


# --- Russian: rejected ------------------------------------------------------------------------------

RU_REJECTS = [
    pytest.param("в Институте энергии", "Институт энергетики", False, id="wrong-word"),
    pytest.param("Политехнический университет Мадрида", UPM_RU, False, id="other-construction"),
    pytest.param("Сотрудники СПБПУ", "СПбПУ", False, id="abbreviation-case"),
    pytest.param("Сотрудники СПБПУ", "СПбПУ", True, id="abbreviation-case-exact"),
    pytest.param("Новый Институт открыт.", "Институт энергетики", False, id="partial"),
    pytest.param("Институт, энергетики", "Институт энергетики", False, id="punctuation-between"),
    pytest.param("в Высочайшей школе международных образовательных программ", GSIEP, False, id="other-superlative"),
    pytest.param("в институте энергетики", "Институт энергетики", False, id="name-lower-case"),
    pytest.param(
        "Вчера Проректор по международной деятельности выступил.", VICE_RECTOR, False, id="title-capital-mid-sentence"
    ),
    pytest.param("Управляемый совет", "Управляющий совет", False, id="other-participle"),
    pytest.param("в НИИ", "ни", False, id="abbreviation-not-lemmatized"),
]


@pytest.mark.parametrize(("text", "term", "exact"), RU_REJECTS)
def test_russian_rejects(text: str, term: str, exact: bool) -> None:
    assert RU.find(text, term, exact=exact) == []
    assert RU.count(text, term, exact=exact) == 0


# --- inflect_ru -------------------------------------------------------------------------------------

INFLECTIONS = [
    (UPM_RU, "ablt", "Мадридским политехническим университетом"),
    (UPM_RU, "gent", "Мадридского политехнического университета"),
    (UPM_RU, "loct", "Мадридском политехническом университете"),
    ("Институт энергетики", "ablt", "Институтом энергетики"),
    ("Институт энергетики", "gent", "Института энергетики"),
    ("Институт энергетики", "loct", "Институте энергетики"),
    (VICE_RECTOR, "ablt", "проректором по международной деятельности"),
    (VICE_RECTOR, "gent", "проректора по международной деятельности"),
    (VICE_RECTOR, "loct", "проректоре по международной деятельности"),
    (
        "заместитель директора по международной деятельности",
        "ablt",
        "заместителем директора по международной деятельности",
    ),
    (
        "заместитель директора по международной деятельности",
        "gent",
        "заместителя директора по международной деятельности",
    ),
    (
        "заместитель директора по международной деятельности",
        "loct",
        "заместителе директора по международной деятельности",
    ),
    (GSIEP, "ablt", "Высшей школой международных образовательных программ"),
    (GSIEP, "accs", "Высшую школу международных образовательных программ"),
    (SPBPU_RU, "gent", "Санкт-Петербургского политехнического университета Петра Великого"),
    (SPBPU_RU, "ablt", "Санкт-Петербургским политехническим университетом Петра Великого"),
    ("Информационный центр СПбПУ в Мадриде", "ablt", "Информационным центром СПбПУ в Мадриде"),
    (VICE_RECTOR, "accs", "проректора по международной деятельности"),
    (UPM_RU, "accs", UPM_RU),
    (UPM_RU, "datv", "Мадридскому политехническому университету"),
    (UPM_RU, "nomn", UPM_RU),
    ("Пётр Великий", "ablt", "Петром Великим"),
    ("Учёный совет", "loct", "Учёном совете"),
    ("Заведующий кафедрой", "ablt", "Заведующим кафедрой"),
    ("исполняющий обязанности ректора", "datv", "исполняющему обязанности ректора"),
    ("СПбПУ", "ablt", "СПбПУ"),
    ("РАН", "gent", "РАН"),
]


@pytest.mark.parametrize(
    ("term", "case", "expected"), [pytest.param(*row, id=f"{row[0]}-{row[1]}") for row in INFLECTIONS]
)
def test_inflect_ru(term: str, case: str, expected: str) -> None:
    assert inflect_ru(term, case) == expected


@pytest.mark.parametrize(
    ("term", "case", "expected"),
    [
        pytest.param("Институт энергетики", "gent", "Институтов энергетики", id="gent"),
        pytest.param(UPM_RU, "ablt", "Мадридскими политехническими университетами", id="ablt"),
        pytest.param(VICE_RECTOR, "accs", "проректоров по международной деятельности", id="accs-animate"),
    ],
)
def test_inflect_ru_plural(term: str, case: str, expected: str) -> None:
    assert inflect_ru(term, case, plural=True) == expected


@pytest.mark.parametrize(
    "term",
    [
        pytest.param("по международной деятельности", id="no-head-noun"),
        pytest.param("очень быстро", id="adverbs"),
        pytest.param("", id="empty"),
    ],
)
def test_inflect_ru_refuses(term: str) -> None:
    assert inflect_ru(term, "ablt") is None


def test_inflect_ru_unknown_case() -> None:
    with pytest.raises(ValueError):
        inflect_ru("Институт энергетики", "instrumental")


def test_inflected_form_is_found_again() -> None:
    for case in ("nomn", "gent", "datv", "accs", "ablt", "loct"):
        form = inflect_ru(SPBPU_RU, case)
        assert form is not None
        assert found(RU, f"Делегация и {form}.", SPBPU_RU) == [form]
        assert phrase_case_ru(form) in (case, None)


# --- phrase_case_ru ---------------------------------------------------------------------------------

PHRASE_CASES = [
    pytest.param("Мадридским политехническим университетом", "ablt", id="ablt"),
    pytest.param("с Мадридским политехническим университетом", "ablt", id="ablt-prep"),
    pytest.param("Мадридского политехнического университета", "gent", id="gent"),
    pytest.param("у проректора по международной деятельности", "gent", id="gent-prep-animate"),
    pytest.param("в Институте энергетики", "loct", id="loct-prep"),
    pytest.param("в <1>Институте энергетики</1>", "loct", id="loct-codes"),
    pytest.param("Мадридскому политехническому университету", "datv", id="datv"),
    pytest.param("к проректору по международной деятельности", "datv", id="datv-prep"),
    pytest.param(GSIEP, "nomn", id="nomn"),
    pytest.param("Проректор по международной деятельности", "nomn", id="nomn-animate"),
    pytest.param("Высшую школу", "accs", id="accs"),
    pytest.param("Институт энергетики", None, id="nomn-or-accs"),
    pytest.param("проректора", None, id="gent-or-accs"),
    pytest.param("СПбПУ", None, id="abbreviation"),
    pytest.param("", None, id="empty"),
]


@pytest.mark.parametrize(("phrase", "expected"), PHRASE_CASES)
def test_phrase_case_ru(phrase: str, expected: str | None) -> None:
    assert phrase_case_ru(phrase) == expected


# --- Spanish, English, other languages --------------------------------------------------------------

OTHER_ACCEPTS = [
    pytest.param(
        ES,
        "Acuerdo de la Universidad Politécnica de Madrid.",
        UPM_ES,
        "Universidad Politécnica de Madrid",
        id="es-name",
    ),
    pytest.param(
        ES,
        "Visitamos las universidades politécnicas.",
        "universidad politécnica",
        "universidades politécnicas",
        id="es-plural",
    ),
    pytest.param(
        ES, "la Universidad Politecnica de Madrid", UPM_ES, "Universidad Politecnica de Madrid", id="es-accents-folded"
    ),
    pytest.param(
        ES,
        "en la <1>Universidad Politécnica</1> de Madrid",
        UPM_ES,
        "Universidad Politécnica</1> de Madrid",
        id="es-codes",
    ),
    pytest.param(EN, "Two universities signed.", "university", "universities", id="en-plural"),
    pytest.param(EN, "SPbPU's delegation arrived.", "SPbPU", "SPbPU's", id="en-possessive-abbreviation"),
    pytest.param(EN, "the university's campus", "university", "university's", id="en-possessive"),
    pytest.param(EN, "Both Institutes of Energy", "Institute of Energy", "Institutes of Energy", id="en-plural-head"),
    pytest.param(
        EN,
        "Vice-Rector for International Affairs Ivanov",
        "vice-rector for international affairs",
        "Vice-Rector for International Affairs",
        id="en-title-capitalized",
    ),
    pytest.param(Morphology("de"), "an der TU München", "tu münchen", "TU München", id="other-casefold"),
]


@pytest.mark.parametrize(("morph", "text", "term", "expected"), OTHER_ACCEPTS)
def test_other_languages_find(morph: Morphology, text: str, term: str, expected: str) -> None:
    assert found(morph, text, term) == [expected]


OTHER_REJECTS = [
    pytest.param(ES, "la Universidad Técnica de Madrid", UPM_ES, id="es-other-name"),
    pytest.param(ES, "Universidad Politécnica", UPM_ES, id="es-partial"),
    pytest.param(ES, "una universidad politécnica de madrid", UPM_ES, id="es-name-lower-case"),
    pytest.param(EN, "the UPMs", "UPM", id="en-abbreviation-plural"),
    pytest.param(EN, "the upm", "UPM", id="en-abbreviation-case"),
    pytest.param(Morphology("de"), "Universitäten", "Universität", id="other-no-inflection"),
]


@pytest.mark.parametrize(("morph", "text", "term"), OTHER_REJECTS)
def test_other_languages_reject(morph: Morphology, text: str, term: str) -> None:
    assert morph.find(text, term) == []


EXACT = [
    pytest.param("UPM", "La UPM y la <1>UPM</1> firmaron; UPMs no.", ["UPM", "UPM"], id="upm"),
    pytest.param("IE", "IE Business School, PIE, ie, IE.", ["IE", "IE"], id="ie-word-bounded"),
    pytest.param("IE", "the PIE and pie", [], id="ie-inside-word"),
    pytest.param("SPbPU", "SPbPU's and SPBPU", ["SPbPU"], id="case-sensitive"),
    pytest.param("Peter the Great", "Peter  the <1>Great</1>", ["Peter  the <1>Great"], id="whitespace-and-codes"),
]


@pytest.mark.parametrize(("term", "text", "expected"), EXACT)
def test_exact(term: str, text: str, expected: list[str]) -> None:
    assert found(EN, text, term, exact=True) == expected
    assert EN.count(text, term, exact=True) == len(expected)


# --- lemma_key --------------------------------------------------------------------------------------

SAME_KEY = [
    pytest.param(RU, "Институте энергетики", "Институт энергетики", id="ru-loct"),
    pytest.param(RU, "<1>Высшей школой</1> международных образовательных программ", GSIEP, id="ru-superlative"),
    pytest.param(RU, "Санкт-Петербургского политехнического университета Петра Великого", SPBPU_RU, id="ru-hyphen"),
    pytest.param(RU, "проректором по международной деятельности", VICE_RECTOR, id="ru-title"),
    pytest.param(ES, "Universidades Politécnicas", "universidad politecnica", id="es"),
    pytest.param(EN, "the University's", "the universities", id="en"),
]


@pytest.mark.parametrize(("morph", "a", "b"), SAME_KEY)
def test_lemma_key_same(morph: Morphology, a: str, b: str) -> None:
    assert morph.lemma_key(a) == morph.lemma_key(b)


def test_lemma_key_values() -> None:
    assert RU.lemma_key("Институте энергетики") == ("институт", "энергетика")
    assert RU.lemma_key("в СПбПУ") == ("в", "СПбПУ")
    assert RU.lemma_key("в Институте энергии") != RU.lemma_key("Институт энергетики")
    assert RU.lemma_key("Высочайшей школой") != RU.lemma_key("Высшая школа")
    assert ES.lemma_key("Universidad Técnica") != ES.lemma_key("Universidad Politécnica")


def test_language_tags_are_normalized() -> None:
    assert Morphology("ru-RU").lang == "ru"
    assert Morphology("es_ES").lang == "es"
    assert found(Morphology("ru_RU"), "в Институте энергетики", "Институт энергетики") == ["Институте энергетики"]


def test_empty_inputs() -> None:
    assert RU.find("", "Институт энергетики") == []
    assert RU.find("в Институте", "") == []
    assert RU.find("в Институте", "", exact=True) == []
    assert RU.lemma_key("") == ()

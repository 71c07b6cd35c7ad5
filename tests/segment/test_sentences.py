"""Sentence splitting with the packaged rules.srx, as a table of examples."""

from __future__ import annotations

import itertools

import pytest

from newsl10n.segment import sentence_breaks

OBJ = "\ufffc"  # an inline object (image, code span) in the caller's text


def split(text: str, lang: str) -> list[str]:
    """Cut ``text`` at the break offsets and strip each piece."""
    cuts = [0, *sentence_breaks(text, lang), len(text)]
    return [text[start:end].strip() for start, end in itertools.pairwise(cuts)]


case = pytest.param  # every case is (lang, text, expected sentences)

CASES = [
    # ---- the four that must stay one sentence
    case(
        "en",
        "Peter the Great St. Petersburg Polytechnic University held talks.",
        ["Peter the Great St. Petersburg Polytechnic University held talks."],
        id="en-st-petersburg",
    ),
    case("en", "Prof. Elena Ivanova opened the school.", ["Prof. Elena Ivanova opened the school."], id="en-prof"),
    case("en", "Dr. J. M. García signed it.", ["Dr. J. M. García signed it."], id="en-dr-initials"),
    case(
        "en",
        "The course lasts 3.5 days, i.e. longer than before.",
        ["The course lasts 3.5 days, i.e. longer than before."],
        id="en-decimal-ie",
    ),
    # ---- English
    case(
        "en",
        "It rained. Then it stopped. Finally the sun came out.",
        ["It rained.", "Then it stopped.", "Finally the sun came out."],
        id="en-three",
    ),
    case("en", "Mr. Smith arrived. He sat down.", ["Mr. Smith arrived.", "He sat down."], id="en-mr"),
    case(
        "en",
        "Mrs. Brown met Ms. Green and Sr. Lopez Jr. at noon. They talked.",
        ["Mrs. Brown met Ms. Green and Sr. Lopez Jr. at noon.", "They talked."],
        id="en-titles",
    ),
    case(
        "en",
        "Gen. Smith and Lt. Col. Jones arrived. Rev. Adams prayed.",
        ["Gen. Smith and Lt. Col. Jones arrived.", "Rev. Adams prayed."],
        id="en-ranks",
    ),
    case("en", "Is it true? Yes! It is.", ["Is it true?", "Yes!", "It is."], id="en-question-exclaim"),
    case("en", "Really?! Yes!! Fine.", ["Really?!", "Yes!!", "Fine."], id="en-repeated-marks"),
    case("en", "Where? nobody knows.", ["Where? nobody knows."], id="en-question-lowercase"),
    case("en", 'He said "Hello." Then he left.', ['He said "Hello."', "Then he left."], id="en-quote"),
    case(
        "en",
        "He said \u201cHello.\u201d Then he left.",
        ["He said \u201cHello.\u201d", "Then he left."],
        id="en-curly-quote",
    ),
    case("en", "(He left early.) Then we ate.", ["(He left early.)", "Then we ate."], id="en-bracket"),
    case("en", 'He left. "Why?" she asked.', ["He left.", '"Why?" she asked.'], id="en-opening-quote"),
    case("en", "It ended. (Nobody cared.)", ["It ended.", "(Nobody cared.)"], id="en-opening-bracket"),
    case(
        "en",
        "Version 1.2.3 shipped at 10.30 on 2021.03.04. Nobody noticed.",
        ["Version 1.2.3 shipped at 10.30 on 2021.03.04.", "Nobody noticed."],
        id="en-numbers",
    ),
    case("en", "Pay 3,5 or 04.03.2021 prices.", ["Pay 3,5 or 04.03.2021 prices."], id="en-comma-date"),
    case(
        "en",
        "Visit www.spbstu.ru or write to info@upm.es for details.",
        ["Visit www.spbstu.ru or write to info@upm.es for details."],
        id="en-url-email",
    ),
    case("en", "See www.spbstu.ru. The site is new.", ["See www.spbstu.ru.", "The site is new."], id="en-url-at-end"),
    case(
        "en",
        "We use .NET and open report.pdf files. Both work.",
        ["We use .NET and open report.pdf files.", "Both work."],
        id="en-dotnet-filename",
    ),
    case(
        "en",
        "See e.g. Smith and cf. Jones, or Tom vs. Jerry.",
        ["See e.g. Smith and cf. Jones, or Tom vs. Jerry."],
        id="en-latin",
    ),
    case(
        "en",
        "He waited... and waited. Then he left.",
        ["He waited... and waited.", "Then he left."],
        id="en-ellipsis-lowercase",
    ),
    case("en", "He waited... Then he left.", ["He waited...", "Then he left."], id="en-ellipsis-upper"),
    case("en", "He waited\u2026 Then he left.", ["He waited\u2026", "Then he left."], id="en-ellipsis-char"),
    case("en", 'He waited... "Then" he left.', ["He waited...", '"Then" he left.'], id="en-ellipsis-quote"),
    case("en", "He waited... 5 minutes passed.", ["He waited... 5 minutes passed."], id="en-ellipsis-digit"),
    case(
        "en",
        "It happened in 2021. 15 people were hurt.",
        ["It happened in 2021.", "15 people were hurt."],
        id="en-digit-start",
    ),
    case(
        "en",
        "He lives at No. 10 Downing Street. It is old.",
        ["He lives at No. 10 Downing Street.", "It is old."],
        id="en-no-digit",
    ),
    case("en", "Is it over? No. He stays.", ["Is it over?", "No.", "He stays."], id="en-no-word"),
    case("en", "See p. 5 and pp. 7 for the Fig. 3 data.", ["See p. 5 and pp. 7 for the Fig. 3 data."], id="en-page"),
    case(
        "en",
        "The meeting is on Jan. 15 or Feb. 2 at the Univ. Library.",
        ["The meeting is on Jan. 15 or Feb. 2 at the Univ. Library."],
        id="en-months",
    ),
    case("en", "Apples, pears, etc. are sold here.", ["Apples, pears, etc. are sold here."], id="en-etc-lowercase"),
    case(
        "en",
        "Apples, pears, etc. The market closed.",
        ["Apples, pears, etc.", "The market closed."],
        id="en-etc-uppercase",
    ),
    case("en", "The U.S. Dept. of Energy agreed.", ["The U.S. Dept. of Energy agreed."], id="en-us-dept"),
    case("en", "Apple Inc. The company grew.", ["Apple Inc.", "The company grew."], id="en-inc"),
    case(
        "en", "He visited Москва. Москва was cold.", ["He visited Москва.", "Москва was cold."], id="en-cyrillic-upper"
    ),
    case("en", "It ended.\nnext line is lowercase", ["It ended.", "next line is lowercase"], id="en-hard-break"),
    case("en", "Dr.\nSmith", ["Dr.", "Smith"], id="en-hard-break-beats-abbrev"),
    case("en", f"Look at {OBJ}. Then continue.", [f"Look at {OBJ}.", "Then continue."], id="en-object-ends"),
    case("en", f"It ended. {OBJ} shows a chart.", [f"It ended. {OBJ} shows a chart."], id="en-object-not-upper"),
    case("en-GB", "Mr. Brown left. He was tired.", ["Mr. Brown left.", "He was tired."], id="en-GB"),
    # ---- Russian
    case(
        "ru", "В.Д. Хижняк выступил. Его слушали.", ["В.Д. Хижняк выступил.", "Его слушали."], id="ru-initials-compact"
    ),
    case(
        "ru",
        "Д. Г. Арсеньев и Е. А. Соколова пришли.",
        ["Д. Г. Арсеньев и Е. А. Соколова пришли."],
        id="ru-initials-spaced",
    ),
    case(
        "ru",
        "Он ушёл, т. к. Иван опоздал, т. е. Пётр остался.",
        ["Он ушёл, т. к. Иван опоздал, т. е. Пётр остался."],
        id="ru-tk-te",
    ),
    case(
        "ru",
        "Мы купили хлеб, молоко и т. д. Потом пошли домой.",
        ["Мы купили хлеб, молоко и т. д.", "Потом пошли домой."],
        id="ru-td-ends",
    ),
    case("ru", "Овощи, фрукты и пр. Все свежее.", ["Овощи, фрукты и пр.", "Все свежее."], id="ru-ipr-ends"),
    case("ru", "Магазин на пр. Мира закрыт.", ["Магазин на пр. Мира закрыт."], id="ru-prospekt"),
    case(
        "ru",
        "Он живёт в г. Москве на ул. Ленина, д. 5.",
        ["Он живёт в г. Москве на ул. Ленина, д. 5."],
        id="ru-address",
    ),
    case(
        "ru",
        "Университет им. Петра Великого открыт. Приходите.",
        ["Университет им. Петра Великого открыт.", "Приходите."],
        id="ru-imeni",
    ),
    case(
        "ru",
        "Лекцию читал проф. Иванов. Было интересно.",
        ["Лекцию читал проф. Иванов.", "Было интересно."],
        id="ru-prof",
    ),
    case(
        "ru",
        "Проект акад. Сахарова и доц. Петрова принят.",
        ["Проект акад. Сахарова и доц. Петрова принят."],
        id="ru-akad-dots",
    ),
    case("ru", "В 2020 г. Президент подписал указ.", ["В 2020 г. Президент подписал указ."], id="ru-god"),
    case(
        "ru",
        "Доход 3 тыс. руб. в месяц, а бюджет 5 млрд. Рублей не хватит.",
        ["Доход 3 тыс. руб. в месяц, а бюджет 5 млрд. Рублей не хватит."],
        id="ru-money",
    ),
    case("ru", "См. рис. 5 и стр. 10, т. 2, с. 45.", ["См. рис. 5 и стр. 10, т. 2, с. 45."], id="ru-refs"),
    case("ru", "Длина 5 см. Ширина 3 см.", ["Длина 5 см.", "Ширина 3 см."], id="ru-cm-unit"),
    case(
        "ru",
        "Температура 3,5 градуса. Завтра теплее.",
        ["Температура 3,5 градуса.", "Завтра теплее."],
        id="ru-decimal-comma",
    ),
    case(
        "ru",
        "Встреча в 10.30 04.03.2021 прошла. Все ушли.",
        ["Встреча в 10.30 04.03.2021 прошла.", "Все ушли."],
        id="ru-time-date",
    ),
    case(
        "ru",
        "Пишите на info@spbstu.ru. Ответим быстро.",
        ["Пишите на info@spbstu.ru.", "Ответим быстро."],
        id="ru-email",
    ),
    case("ru", "Он сказал: «Привет.» Затем ушёл.", ["Он сказал: «Привет.»", "Затем ушёл."], id="ru-guillemets"),
    case("ru", "Он ушёл. «Куда?» — спросила она.", ["Он ушёл.", "«Куда?» — спросила она."], id="ru-opening-guillemet"),
    case("ru", "Правда? Да! Конечно.", ["Правда?", "Да!", "Конечно."], id="ru-marks"),
    case("ru", "Зачем? спросил он.", ["Зачем? спросил он."], id="ru-question-lowercase"),
    case(
        "ru", "Он ждал... И ушёл. Он ждал... и ждал.", ["Он ждал...", "И ушёл.", "Он ждал... и ждал."], id="ru-ellipsis"
    ),
    case("ru", "Он ушёл. — Куда? — спросила она.", ["Он ушёл.", "— Куда? — спросила она."], id="ru-dash-dialog"),
    case(
        "ru-RU", "Сайт www.spbstu.ru работает. Заходите.", ["Сайт www.spbstu.ru работает.", "Заходите."], id="ru-RU-url"
    ),
    # ---- Spanish
    case("es", "¿Qué? ¡Hola!", ["¿Qué?", "¡Hola!"], id="es-inverted"),
    case("es", "¿Qué? ¡hola! dijo.", ["¿Qué?", "¡hola! dijo."], id="es-inverted-lowercase"),
    case("es", "¿Cómo estás? me preguntó.", ["¿Cómo estás? me preguntó."], id="es-question-lowercase"),
    case("es", "Llegó tarde. ¿Por qué? Nadie lo sabe.", ["Llegó tarde.", "¿Por qué?", "Nadie lo sabe."], id="es-three"),
    case(
        "es",
        "El Sr. García y la Sra. López llegaron. Luego hablaron.",
        ["El Sr. García y la Sra. López llegaron.", "Luego hablaron."],
        id="es-sr-sra",
    ),
    case(
        "es",
        "La Dra. Pérez, la Srta. Ruiz y el Prof. Gil vinieron.",
        ["La Dra. Pérez, la Srta. Ruiz y el Prof. Gil vinieron."],
        id="es-titles",
    ),
    case(
        "es",
        "Como Ud. Sabe y Uds. Saben, vive en la Av. Diagonal o la Avda. Meridiana.",
        ["Como Ud. Sabe y Uds. Saben, vive en la Av. Diagonal o la Avda. Meridiana."],
        id="es-ud-av",
    ),
    case(
        "es",
        "Hay frutas, p. ej. Manzanas, en el núm. 5 de la pág. 10.",
        ["Hay frutas, p. ej. Manzanas, en el núm. 5 de la pág. 10."],
        id="es-pej-num-pag",
    ),
    case("es", "Los EE. UU. firmaron. La UE también.", ["Los EE. UU. firmaron.", "La UE también."], id="es-eeuu"),
    case("es", "Cuesta 3,5 euros. Es barato.", ["Cuesta 3,5 euros.", "Es barato."], id="es-decimal"),
    case(
        "es",
        "Escriba a info@upm.es o visite www.upm.es. Gracias.",
        ["Escriba a info@upm.es o visite www.upm.es.", "Gracias."],
        id="es-email-url",
    ),
    case("es", "Dijo: «Ya voy.» Después salió.", ["Dijo: «Ya voy.»", "Después salió."], id="es-guillemets"),
    case(
        "es",
        "J. M. García ganó el premio. Fue justo.",
        ["J. M. García ganó el premio.", "Fue justo."],
        id="es-initials",
    ),
    case("es", "¡Increíble!! ¿En serio?", ["¡Increíble!!", "¿En serio?"], id="es-double-exclaim"),
    case("es", "Llegó el 5 ene. 2021 a Madrid.", ["Llegó el 5 ene. 2021 a Madrid."], id="es-month"),
    case(
        "es",
        "Esperó... Luego se fue. Esperó... y esperó.",
        ["Esperó...", "Luego se fue.", "Esperó... y esperó."],
        id="es-ellipsis",
    ),
    case(
        "es",
        "Compró pan, leche, etc. Luego volvió.",
        ["Compró pan, leche, etc.", "Luego volvió."],
        id="es-etc-uppercase",
    ),
    case("es_ES", "Sr. López llegó. Bien.", ["Sr. López llegó.", "Bien."], id="es_ES-underscore"),
    # ---- Default (any other language)
    case("de", "Das ist gut. Wir gehen.", ["Das ist gut.", "Wir gehen."], id="de-generic"),
    case("fr", "C'est fini! 3 personnes sont parties.", ["C'est fini!", "3 personnes sont parties."], id="fr-digit"),
    case("de", "J. S. Bach war hier. Er spielte.", ["J. S. Bach war hier.", "Er spielte."], id="de-initials"),
    case("de", "Es ist gut. aber nicht sehr.", ["Es ist gut. aber nicht sehr."], id="de-lowercase-no-break"),
    case("xx", "Line one\nLine two\n\nLine four", ["Line one", "Line two", "", "Line four"], id="default-hard-breaks"),
    case("", "One. Two.", ["One.", "Two."], id="empty-lang-code"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_split(lang: str, text: str, expected: list[str]) -> None:
    assert split(text, lang) == expected


def test_case_table_is_large_enough() -> None:
    assert len(CASES) >= 60
    assert {str(case.values[0])[:2] for case in CASES} >= {"en", "ru", "es"}


@pytest.mark.parametrize("text", ["", "A", ".", "Hello.", "Hello. ", "\n", "a\n"])
def test_edges_never_reported(text: str) -> None:
    assert sentence_breaks(text, "en") == []


def test_offsets_point_at_next_sentence() -> None:
    text = "One.   Two.  Three."
    assert sentence_breaks(text, "en") == [7, 13]


def test_every_newline_breaks_and_offsets_are_valid() -> None:
    text = "A b. C d\nE. f? G! \n h\u2026 I " * 50
    offsets = sentence_breaks(text, "en")
    assert offsets == sorted(set(offsets))
    assert all(0 < k < len(text) for k in offsets)
    newline_breaks = {i + 1 for i, ch in enumerate(text) if ch == "\n" and i + 1 < len(text)}
    assert newline_breaks <= set(offsets)

"""Tests for newsl10n.localize: Babel-backed locale data and date lines."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable

import pytest

from newsl10n.errors import UsageError
from newsl10n.localize import (
    DATE_LABELS,
    MONTHS,
    DateMention,
    bcp47,
    find_date_line,
    format_date,
    language_name,
    localize_datetime_attr,
    normalize_lang,
    plural_forms,
    primary_lang,
    tag_key,
    text_direction,
)

NNBSP = "\u202f"  # NARROW NO-BREAK SPACE, used by CLDR in "г." and "AM"
MARCH_4 = datetime.date(2021, 3, 4)
RU_PLURAL = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 "
    "&& (n%100<10 || n%100>=20) ? 1 : 2);"
)


# --- normalize_lang -----------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "en"),
        ("EN", "en"),
        ("ru", "ru"),
        ("en_US", "en_US"),
        ("en-us", "en_US"),
        ("en-US", "en_US"),
        ("pt_BR", "pt_BR"),
        ("pt-br", "pt_BR"),
        (" es ", "es"),
        ("es-419", "es_419"),
        ("zh-Hant-TW", "zh_Hant_TW"),
        ("zh-TW", "zh_Hant_TW"),
        ("sr-Latn", "sr_Latn"),
        ("iw", "he"),
        ("tl", "fil"),
    ],
    ids=lambda v: repr(v),
)
def test_normalize_lang(code: str, expected: str) -> None:
    assert normalize_lang(code) == expected


@pytest.mark.parametrize(
    "code",
    ["xx", "zz", "", "   ", "123", "en__US", "en_QQ", "ru-ru-ru", "und", "root", "C", "c", "POSIX", "en_US_POSIX"],
    ids=lambda v: repr(v),
)
def test_normalize_lang_unknown(code: str) -> None:
    with pytest.raises(UsageError) as info:
        normalize_lang(code)
    assert str(info.value) == f"unknown language code '{code}'"
    assert info.value.exit_code == 2


def test_normalize_lang_is_idempotent() -> None:
    for code in ["en-us", "zh-TW", "iw", "pt-br", "es-419"]:
        once = normalize_lang(code)
        assert normalize_lang(once) == once


@pytest.mark.parametrize(
    "call",
    [
        lambda: text_direction("xx"),
        lambda: language_name("xx"),
        lambda: language_name("en", "xx"),
        lambda: plural_forms("xx"),
        lambda: format_date(MARCH_4, "xx"),
        lambda: localize_datetime_attr("2021-03-04", "xx"),
    ],
    ids=[
        "text_direction",
        "language_name",
        "language_name-in_lang",
        "plural_forms",
        "format_date",
        "localize_datetime_attr",
    ],
)
def test_every_function_rejects_unknown_language(call: Callable[[], object]) -> None:
    with pytest.raises(UsageError, match="unknown language code 'xx'"):
        call()


# --- text_direction -----------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "ltr"),
        ("ru", "ltr"),
        ("es", "ltr"),
        ("zh", "ltr"),
        ("ar", "rtl"),
        ("he", "rtl"),
        ("iw", "rtl"),
        ("fa-IR", "rtl"),
        ("ur", "rtl"),
    ],
    ids=lambda v: str(v),
)
def test_text_direction(lang: str, expected: str) -> None:
    assert text_direction(lang) == expected


# --- language_name ------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "in_lang", "expected"),
    [
        ("en", "en", "English"),
        ("ru", "en", "Russian"),
        ("es", "en", "Spanish"),
        ("ru", "ru", "русский"),
        ("en", "ru", "английский"),
        ("es", "es", "español"),
        ("ru", "es", "ruso"),
        ("pt-BR", "en", "Portuguese (Brazil)"),
        ("iw", "en", "Hebrew"),
    ],
    ids=lambda v: str(v),
)
def test_language_name(lang: str, in_lang: str, expected: str) -> None:
    assert language_name(lang, in_lang) == expected


def test_language_name_defaults_to_english() -> None:
    assert language_name("de") == "German"


# --- plural_forms -------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", (2, "nplurals=2; plural=(n != 1);")),
        ("es", (2, "nplurals=2; plural=(n != 1);")),
        ("ru", (3, RU_PLURAL)),
        ("ru-RU", (3, RU_PLURAL)),
        ("fr", (2, "nplurals=2; plural=(n > 1);")),
        ("ja", (1, "nplurals=1; plural=0;")),
    ],
    ids=["en", "es", "ru", "ru-RU", "fr", "ja"],
)
def test_plural_forms(lang: str, expected: tuple[int, str]) -> None:
    assert plural_forms(lang) == expected


def test_plural_forms_do_not_follow_babels_cldr_release(monkeypatch: pytest.MonkeyPatch) -> None:
    """A newer Babel derives other rules from CLDR (es gained a 'millions' form): headers must not move."""
    from babel.messages import plurals

    from newsl10n import localize

    weird = plurals._PluralTuple((3, "(n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2)"))
    monkeypatch.setattr(localize, "get_plural", lambda locale: weird)
    assert plural_forms("es") == (2, "nplurals=2; plural=(n != 1);")
    assert plural_forms("es-419") == (2, "nplurals=2; plural=(n != 1);")
    assert plural_forms("pt-BR") == (2, "nplurals=2; plural=(n > 1);")
    assert plural_forms("ru") == (3, RU_PLURAL)
    # A language without a conventional rule here is Babel's to answer.
    assert plural_forms("cy") == (3, "nplurals=3; plural=(n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2);")


def test_plural_forms_count_matches_header() -> None:
    for lang in ["en", "ru", "es", "ar", "pl", "ja"]:
        n, header = plural_forms(lang)
        assert header.startswith(f"nplurals={n}; plural=")
        assert header.endswith(";")


# --- format_date --------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "lang", "expected"),
    [
        (MARCH_4, "en", "March 4, 2021"),
        (MARCH_4, "ru", f"4 марта 2021{NNBSP}г."),
        (MARCH_4, "es", "4 de marzo de 2021"),
        (MARCH_4, "en_GB", "4 March 2021"),
        (MARCH_4, "de", "4. März 2021"),
        (datetime.date(2024, 12, 31), "ru", f"31 декабря 2024{NNBSP}г."),
        (datetime.datetime(2021, 3, 4, 23, 59), "en", "March 4, 2021"),
    ],
    ids=["en", "ru", "es", "en_GB", "de", "ru-december", "datetime-input"],
)
def test_format_date(d: datetime.date, lang: str, expected: str) -> None:
    assert format_date(d, lang) == expected


# --- localize_datetime_attr ---------------------------------------------------


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        ("2021-03-04", "en", "March 4, 2021"),
        ("2021-03-04", "ru", f"4 марта 2021{NNBSP}г."),
        ("2021-03-04", "es", "4 de marzo de 2021"),
        (" 2021-03-04\n", "en", "March 4, 2021"),
        ("2021-03-04T10:30", "en", f"March 4, 2021, 10:30{NNBSP}AM"),
        ("2021-03-04T10:30", "ru", f"4 марта 2021{NNBSP}г., 10:30"),
        ("2021-03-04T10:30", "es", "4 de marzo de 2021, 10:30"),
        ("2021-03-04 18:05:59", "en", f"March 4, 2021, 6:05{NNBSP}PM"),
        ("2021-03-04T10:30:15.250", "ru", f"4 марта 2021{NNBSP}г., 10:30"),
        ("2021-03-04T10:30Z", "en", f"March 4, 2021, 10:30{NNBSP}AM"),
        ("2021-03-04T10:30+03:00", "ru", f"4 марта 2021{NNBSP}г., 10:30"),
        ("2021-03-04T10:30-0500", "es", "4 de marzo de 2021, 10:30"),
        ("10:30", "ru", "10:30"),
        ("22:15", "en", f"10:15{NNBSP}PM"),
    ],
    ids=[
        "date-en",
        "date-ru",
        "date-es",
        "date-whitespace",
        "local-en",
        "local-ru",
        "local-es",
        "space-separator-seconds",
        "fraction",
        "utc-z",
        "offset-colon",
        "offset-no-colon",
        "time-only-ru",
        "time-only-en",
    ],
)
def test_localize_datetime_attr(value: str, lang: str, expected: str) -> None:
    assert localize_datetime_attr(value, lang) == expected


@pytest.mark.parametrize(
    "value",
    [
        "",
        "garbage",
        "4 March 2021",
        "2021",
        "2021-03",
        "2021-W09",
        "PT4H30M",
        "2021-02-30",
        "2021-13-01",
        "20210304",
        "2021-3-4",
        "2021-03-04T24:00",
        "2021-03-04T10:61",
        "2021-03-04T10:30+24:00",
        "2021-03-04T10:30+03:60",
        "25:00",
    ],
    ids=lambda v: repr(v),
)
def test_localize_datetime_attr_unparseable(value: str) -> None:
    assert localize_datetime_attr(value, "en") is None


# --- find_date_line -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date_text", "expected"),
    [
        ("Дата публикации: 2021.03.04", "2021.03.04", MARCH_4),
        ("Дата публикации: 04.03.2021", "04.03.2021", MARCH_4),
        ("Дата публикации: 4.3.2021", "4.3.2021", MARCH_4),
        ("Publication date: 4 March 2021", "4 March 2021", MARCH_4),
        ("Published: March 4, 2021", "March 4, 2021", MARCH_4),
        ("Published on 4 March 2021", "4 March 2021", MARCH_4),
        ("Fecha de publicación: 4 de marzo de 2021", "4 de marzo de 2021", MARCH_4),
        ("Опубликовано: 4 марта 2021 г.", "4 марта 2021 г.", MARCH_4),
        (f"Опубликовано: 4 марта 2021{NNBSP}г.", f"4 марта 2021{NNBSP}г.", MARCH_4),
        ("Дата публикации: 04.03.2021 г.", "04.03.2021 г.", MARCH_4),
        ("Publication date: 2021-03-04", "2021-03-04", MARCH_4),
        ("Date of publication: 2021/03/04", "2021/03/04", MARCH_4),
        ("PUBLICATION DATE: 4 MARCH 2021", "4 MARCH 2021", MARCH_4),
        ("Published: Sept. 14th, 2023", "Sept. 14th, 2023", datetime.date(2023, 9, 14)),
        (
            "Publicado el 1 de enero del 2020",
            "1 de enero del 2020",
            datetime.date(2020, 1, 1),
        ),
        (
            "Дата: 31 декабря 2020 года",
            "31 декабря 2020 года",
            datetime.date(2020, 12, 31),
        ),
        (
            "Publication date:\u00a04\u00a0March\u00a02024",
            "4\u00a0March\u00a02024",
            datetime.date(2024, 3, 4),
        ),
        ("Дата публикации: 2020.02.29", "2020.02.29", datetime.date(2020, 2, 29)),
    ],
    ids=[
        "ru-ymd-dots",
        "ru-dmy-dots",
        "ru-dmy-short",
        "en-d-month-y",
        "en-month-d-y",
        "en-published-on",
        "es",
        "ru-month-genitive",
        "ru-babel-nnbsp",
        "ru-dmy-year-word",
        "iso",
        "ymd-slashes",
        "upper-case",
        "en-abbrev-ordinal",
        "es-del",
        "ru-goda",
        "nbsp",
        "leap-day",
    ],
)
def test_find_date_line(text: str, date_text: str, expected: datetime.date) -> None:
    mention = find_date_line(text)
    assert mention is not None
    assert mention.date == expected
    assert text[mention.start : mention.end] == date_text


def test_find_date_line_offsets_index_the_unstripped_text() -> None:
    text = "\n   Publication date: 4 March 2021  \n"
    mention = find_date_line(text)
    assert mention == DateMention(start=22, end=34, date=MARCH_4)
    assert text[mention.start : mention.end] == "4 March 2021"
    replaced = (
        text[: mention.start] + format_date(mention.date, "es") + text[mention.end :]
    )
    assert replaced == "\n   Publication date: 4 de marzo de 2021  \n"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Publication date:",
        "4 March 2021",
        "Дата публикации: 2021.02.30",
        "Дата публикации: 31.04.2021",
        "Published: February 29, 2021",
        "Publication date: 4 Marchember 2021",
        "Publication date: 2021.3",
        "Published on 4 March 2021, updated on 5 March 2021",
        "The delegation arrived on 4 March 2021.",
        "Date of the next meeting: soon",
        "Publication date 4 March 2021 by the press office",
        "Publication date4 March 2021",
        "Updated: 4 March 2021",
    ],
    ids=lambda v: repr(v),
)
def test_find_date_line_rejects(text: str) -> None:
    assert find_date_line(text) is None


@pytest.mark.parametrize("lang", ["en", "ru", "es"])
@pytest.mark.parametrize("month", range(1, 13), ids=lambda m: f"m{m:02d}")
def test_find_date_line_reads_babel_output(lang: str, month: int) -> None:
    """What format_date writes, find_date_line reads back, for every label."""
    d = datetime.date(2023, month, 28)
    for label in DATE_LABELS[lang]:
        text = f"{label}: {format_date(d, lang)}"
        mention = find_date_line(text)
        assert mention is not None, text
        assert mention.date == d
        assert text[mention.start :] == format_date(d, lang)


def test_month_table_covers_three_languages() -> None:
    assert sorted(set(MONTHS.values())) == list(range(1, 13))
    assert MONTHS["march"] == MONTHS["марта"] == MONTHS["marzo"] == 3
    assert set(DATE_LABELS) == {"en", "ru", "es"}


def test_date_mention_is_frozen() -> None:
    mention = DateMention(0, 1, MARCH_4)
    with pytest.raises(dataclasses.FrozenInstanceError):
        mention.start = 5  # type: ignore[misc]


# --- the other spellings of a language tag, all from localize ------------------------------------------------


@pytest.mark.parametrize(
    ("code", "primary"),
    [("ru_RU", "ru"), ("es-ES", "es"), ("EN", "en"), (" pt_BR.UTF-8", "pt"), ("sr@latin", "sr"), ("", ""), (None, "")],
    ids=["babel", "bcp47", "upper", "posix-charset", "posix-modifier", "empty", "none"],
)
def test_primary_lang(code: str | None, primary: str) -> None:
    assert primary_lang(code) == primary


def test_bcp47_and_tag_key() -> None:
    assert bcp47(normalize_lang("zh-TW")) == "zh-Hant-TW"
    assert bcp47("pt_BR") == "pt-BR"
    assert tag_key(" pt_BR ") == "pt-br"
    assert tag_key("en-GB") != tag_key("en-US")

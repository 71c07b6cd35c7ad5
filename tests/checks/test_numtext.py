"""Reading numbers with each language's conventions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsl10n.checks.numtext import conventions, numbers_in

NBSP, NNBSP, THIN = "\u00a0", "\u202f", "\u2009"


@pytest.mark.parametrize(
    ("text", "lang", "values"),
    [
        ("1,250 students, 3.5 days", "en", ["1250", "3.5"]),
        ("1 250 студентов, 3,5 дня", "ru", ["1250", "3.5"]),
        (f"1{NBSP}250 и 1{NNBSP}250 и 1{THIN}250", "ru", ["1250", "1250", "1250"]),
        ("1.250 estudiantes, 3,5 días", "es", ["1250", "3.5"]),
        ("1250 estudiantes", "es", ["1250"]),
        ("1,25", "ru", ["1.25"]),
        ("1,250", "ru", ["1.25"]),  # a Russian reader sees one and a quarter
        ("1,250", "es", ["1.25"]),
        ("1.250", "en", ["1.25"]),
        ("1,5", "en", ["1.5"]),  # not a grouping: the other decimal mark
        ("3.5", "ru", ["3.5"]),
        ("3.5", "es", ["3.5"]),
        ("1,250.5 and 10,000,000", "en", ["1250.5", "10000000"]),
        ("1.250.000,75", "es", ["1250000.75"]),
        ("12 345 678", "ru", ["12345678"]),
        ("45% and 45 %", "en", ["45", "45"]),
        ("aged 16–19, 16-19", "en", ["16", "19", "16", "19"]),
        ("In 2021 100 students", "en", ["2021", "100"]),  # a year never opens a grouping
        ("On February 16, 18 and 19", "en", ["16", "18", "19"]),
        ("16 18", "ru", ["16", "18"]),
        ("Дата публикации: 2021.03.04", "ru", ["2021", "3", "4"]),
        ("04.03.2021", "es", ["4", "3", "2021"]),
        ("v1.2,3", "en", ["1", "2", "3"]),
        ("<12>Read</12><3/> <1>2021</1>", "en", ["2021"]),  # code numbers are not numbers
        ("0.5", "xx", ["0.5"]),  # unknown language: English conventions
        ("no digits here", "en", []),
    ],
    ids=[
        "en-group-decimal",
        "ru-space-comma",
        "ru-nbsp-nnbsp-thin",
        "es-dot-comma",
        "es-no-grouping",
        "ru-decimal",
        "ru-comma-three-digits",
        "es-comma-three-digits",
        "en-dot-three-digits",
        "en-comma-not-group",
        "ru-dot-decimal",
        "es-dot-decimal",
        "en-big",
        "es-big",
        "ru-millions",
        "percent",
        "ranges",
        "year-then-number",
        "list-with-spaces",
        "ru-two-numbers",
        "dotted-date",
        "dotted-date-es",
        "dotted-mixed",
        "inline-codes",
        "unknown-lang",
        "none",
    ],
)
def test_numbers_are_read_with_the_language_conventions(text: str, lang: str, values: list[str]) -> None:
    assert [n.value for n in numbers_in(text, lang)] == [Decimal(v) for v in values]


@pytest.mark.parametrize(
    ("lang", "decimal", "group"),
    [("en", ".", ","), ("ru", ",", " "), ("es", ",", "."), ("fr", ",", " "), ("xx-unknown", ".", ",")],
    ids=["en", "ru", "es", "fr", "unknown"],
)
def test_conventions_come_from_babel(lang: str, decimal: str, group: str) -> None:
    conv = conventions(lang)
    assert (conv.decimal, conv.group) == (decimal, group)


def test_a_mention_describes_its_value_when_written_differently() -> None:
    [a, b] = numbers_in("1 250 и 45", "ru")
    assert (a.describe(), b.describe()) == ("1 250 (= 1250)", "45")


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_babel_formatted_numbers_read_back_equal_in_every_language(whole: int, cents: int) -> None:
    from babel.numbers import format_decimal

    value = Decimal(whole) + Decimal(cents) / 100
    for lang in ("en", "ru", "es", "de", "fr"):
        text = format_decimal(value, format="#,##0.##", locale=lang)
        assert [n.value for n in numbers_in(text, lang)] == [value], (lang, text)

"""Glossary lint: one table row per check, and a clean glossary stays clean."""

from __future__ import annotations

import pytest

from newsl10n.checks.report import text_lines
from newsl10n.glossary import Glossary, TermStatus, lint
from newsl10n.model import Finding, Severity

from .helpers import concept, glossary, term

A, D, F = TermStatus.ADMITTED, TermStatus.DEPRECATED, TermStatus.FORBIDDEN

CLEAN = glossary(
    concept("rector", term("en", "Rector"), term("ru", "ректор")),
    concept("ie", term("en", "Institute of Energy"), term("ru", "Институт энергетики")),
)


def _codes(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.code, f.severity) for f in findings]


def test_a_clean_glossary_has_no_findings() -> None:
    assert lint(CLEAN, languages=["en", "ru"]) == []


@pytest.mark.parametrize(
    ("g", "expected"),
    [
        (
            glossary(
                concept("x", term("en", "Rector"), term("ru", "ректор")),
                concept("x", term("en", "Dean"), term("ru", "декан")),
            ),
            [("duplicate-id", "error")],
        ),
        (
            glossary(
                concept("a", term("en", "Rector"), term("ru", "ректор")),
                concept("b", term("en", "rector"), term("ru", "Ректор")),
            ),
            [("duplicate-entry", "warning")],
        ),
        (
            glossary(concept("a", term("en", "Rector"), term("en", "Rector  ", A), term("ru", "ректор"))),
            [("duplicate-term", "warning")],
        ),
        (
            glossary(concept("a", term("en", "Rector"), term("en", "Principal"), term("ru", "ректор"))),
            [("multiple-preferred", "error")],
        ),
        (
            glossary(
                concept("dir", term("en", "Director"), term("ru", "директор")),
                concept("head", term("en", "director", A), term("ru", "руководитель")),
            ),
            [("ambiguous-term", "error")],
        ),
        (
            glossary(concept("upm", term("en", "UPM"), term("ru", "УПМ", F), term("ru", "УПМ ", A))),
            [("duplicate-term", "warning"), ("forbidden-is-preferred", "error")],
        ),
        (
            glossary(
                concept(
                    "upm",
                    term("en", "Technical University of Madrid"),
                    term("ru", "Мадридский политехнический университет"),
                ),
                concept(
                    "x",
                    term("en", "Madrid Polytechnic University"),
                    term("ru", "мадридский политехнический университет", D),
                ),
            ),
            [("forbidden-is-preferred", "error"), ("missing-language", "warning")],
        ),
        (
            glossary(concept("marathon", term("en", "International Student Project Marathon"))),
            [("missing-language", "warning")],
        ),
        (
            glossary(
                concept("spbpu", term("en", "SPbPU", abbr=True), term("ru", "СПбПУ")),
                concept(
                    "center",
                    term("en", "Information Center of SPbPU in Madrid"),
                    term("ru", "Информационный центр СПбПУ в Мадриде"),
                ),
            ),
            [("substring", "info"), ("substring", "info")],
        ),
    ],
    ids=[
        "duplicate-id",
        "duplicate-entry",
        "duplicate-term",
        "two-preferred",
        "same-source-two-targets",
        "forbidden-and-admitted-here",
        "forbidden-here-preferred-there",
        "missing-language",
        "substring",
    ],
)
def test_each_check(g: Glossary, expected: list[tuple[str, str]]) -> None:
    assert sorted(_codes(lint(g, languages=["en", "ru"]))) == sorted(expected)


def test_substring_needs_word_boundaries() -> None:
    g = glossary(
        concept("ie", term("en", "IE"), term("ru", "ИЭ")),
        concept("pie", term("en", "PIE chart"), term("ru", "диаграмма")),
    )
    assert lint(g, languages=["en", "ru"]) == []


def test_same_source_with_same_target_is_fine() -> None:
    g = glossary(
        concept("a", term("en", "Rector"), term("ru", "ректор")),
        concept("b", term("en", "Rector", A), term("ru", "ректор"), term("es", "rector")),
    )
    assert "ambiguous-term" not in {f.code for f in lint(g, languages=["en", "ru", "es"])}


def test_findings_carry_place_and_concept_and_sort_errors_first() -> None:
    g = glossary(
        concept("marathon", term("en", "International Student Project Marathon")),
        concept("a", term("en", "Rector"), term("en", "Principal"), term("ru", "ректор")),
    )
    findings = lint(g, languages=["en", "ru"])
    assert [f.severity for f in findings] == ["error", "warning"]
    first = findings[0]
    assert (first.concept, first.path, first.line, first.severity) == ("a", "test.tbx", 1, Severity.ERROR)
    assert text_lines(first)[0].startswith("test.tbx:1: error[multiple-preferred] 2 preferred en terms")


def test_languages_outside_the_configuration_are_not_required() -> None:
    assert lint(CLEAN, languages=["en"]) == []
    assert {f.code for f in lint(CLEAN, languages=["en", "ru", "es"])} == {"missing-language"}

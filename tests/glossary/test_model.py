"""The glossary model: concept helpers and merging."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, replace

import pytest

from newsl10n.glossary import Concept, Glossary, TermKind, TermStatus
from newsl10n.glossary.model import lang_matches, parse_kind, parse_status
from newsl10n.localize import tag_key

from .helpers import concept, glossary, term

A, D, F, S = TermStatus.ADMITTED, TermStatus.DEPRECATED, TermStatus.FORBIDDEN, TermStatus.SUPERSEDED


def test_preferred_falls_back_to_the_first_admitted_term() -> None:
    c = concept("c", term("en", "Polytech", A), term("en", "Polytechnic University", A), term("en", "Politekh", F))
    assert c.preferred("en") == c.terms[0]
    c2 = concept("c", term("en", "Polytech", A), term("en", "Polytechnic University"))
    assert c2.preferred("en") == c2.terms[1]
    assert concept("c", term("en", "x", D)).preferred("en") is None
    assert c.preferred("ru") is None


def test_forbidden_collects_deprecated_superseded_and_forbidden() -> None:
    c = concept("c", term("en", "a"), term("en", "b", D), term("en", "c", S), term("en", "d", F), term("ru", "e", F))
    assert [t.text for t in c.forbidden("en")] == ["b", "c", "d"]
    assert [t.text for t in c.usable("en")] == ["a"]


def test_terms_for_matches_regional_tags_under_a_bare_language() -> None:
    c = concept("c", term("en-gb", "programme"), term("en-us", "program"), term("es", "programa"))
    assert [t.text for t in c.terms_for("en")] == ["programme", "program"]
    assert [t.text for t in c.terms_for("en-US")] == ["program"]
    assert lang_matches("en", "en") and not lang_matches("en", "en-gb")


def test_values_are_frozen() -> None:
    t = term("en", "Rector")
    with pytest.raises(FrozenInstanceError):
        t.text = "Dean"  # type: ignore[misc]
    g = glossary(concept("c", t))
    assert isinstance(g.concepts, tuple) and g.languages == ("en",) and g.concept("c") is g.concepts[0]
    assert g.concept("absent") is None and list(g) == list(g.concepts) and len(g) == 1


def test_a_repeated_concept_id_finds_the_first_concept_and_the_index_does_not_count_in_equality() -> None:
    first, second = concept("c", term("en", "Rector")), concept("c", term("en", "Dean"))
    g = glossary(first, second, concept("d", term("en", "Chair")))
    assert g.concept("c") is first and g.concept("d") is g.concepts[2]
    assert g == glossary(first, second, concept("d", term("en", "Chair")))  # one asked, the other not yet


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        ("preferredTerm-admn-sts", TermStatus.PREFERRED),
        ("admittedTerm-admn-sts", TermStatus.ADMITTED),
        ("deprecatedTerm-admn-sts", TermStatus.DEPRECATED),
        ("supersededTerm-admn-sts", TermStatus.SUPERSEDED),
        ("forbiddenTerm-admn-sts", TermStatus.FORBIDDEN),
        ("Forbidden", TermStatus.FORBIDDEN),
        ("standardizedTerm", TermStatus.PREFERRED),
        ("nice", None),
    ],
)
def test_parse_status(raw: str, status: TermStatus | None) -> None:
    assert parse_status(raw) is status


def test_parse_kind_and_languages() -> None:
    assert parse_kind("Program") is TermKind.PROGRAMME and parse_kind("planet") is None
    assert tag_key(" pt_BR ") == "pt-br"


def _file(name: str, *concepts: Concept) -> Glossary:
    return Glossary.of([replace(c, terms=tuple(replace(t, source_file=name) for t in c.terms)) for c in concepts])


def test_merge_joins_by_id_and_adds_languages() -> None:
    a = _file("a.tbx", concept("ie", term("en", "Institute of Energy"), term("ru", "Институт энергетики")))
    b = _file("b.csv", concept("ie", term("en", "Institute of Energy"), term("es", "Instituto de Energía")))
    merged, conflicts = Glossary.merge(a, b)
    assert conflicts == []
    assert [t.text for t in merged.concepts[0].terms] == [
        "Institute of Energy",
        "Институт энергетики",
        "Instituto de Energía",
    ]
    assert merged.languages == ("en", "ru", "es")


def test_merge_joins_identical_term_sets_under_other_ids() -> None:
    a = _file("a.tbx", concept("c1", term("en", "Rector"), term("ru", "ректор")))
    b = _file("b.tbx", concept("rector", term("en", "rector"), term("ru", "Ректор")))
    merged, conflicts = Glossary.merge(a, b)
    assert len(merged) == 1 and merged.concepts[0].id == "c1" and conflicts == []


def test_merge_reports_conflicts_and_keeps_the_first_answer() -> None:
    a = _file(
        "a.tbx",
        concept("upm", term("en", "Technical University of Madrid"), term("en", "MPU", A), kind=TermKind.INSTITUTION),
    )
    b = _file(
        "b.tbx",
        concept(
            "upm",
            term("en", "Technical University of Madrid"),
            term("en", "MPU", F),
            term("en", "Madrid Polytechnic University"),
            kind=TermKind.UNIT,
        ),
    )
    merged, conflicts = Glossary.merge(a, b)
    assert [c.code for c in conflicts] == ["kind", "status", "preferred"]
    assert all(c.concept_id == "upm" for c in conflicts)
    assert conflicts[1].paths == ("a.tbx", "b.tbx") and conflicts[1].lang == "en"
    upm = merged.concepts[0]
    assert upm.kind is TermKind.INSTITUTION
    assert [(t.text, t.status) for t in upm.terms] == [
        ("Technical University of Madrid", TermStatus.PREFERRED),
        ("MPU", A),
        ("Madrid Polytechnic University", A),
    ]


def test_merge_keeps_unrelated_concepts_that_share_an_id() -> None:
    a = _file("astro.tbx", concept("c1", term("en", "open cluster")))
    b = _file("news.tbx", concept("c1", term("en", "Rector")))
    merged, conflicts = Glossary.merge(a, b)
    assert len(merged) == 2 and [c.code for c in conflicts] == ["id-clash"]


def test_merge_never_joins_concepts_of_the_same_input() -> None:
    g = _file("a.tbx", concept("x", term("en", "Rector")), concept("x", term("en", "Rector")))
    merged, conflicts = Glossary.merge(g)
    assert len(merged) == 2 and conflicts == []


def test_merge_takes_preferred_over_an_unstated_status_without_conflict() -> None:
    a = _file("a.csv", concept("r", term("en", "Rector", A), term("ru", "ректор", A)))
    b = _file("b.tbx", concept("r", term("en", "Rector"), term("ru", "проректор")))
    merged, conflicts = Glossary.merge(a, b)
    assert conflicts == []
    assert [(t.text, t.status) for t in merged.concepts[0].terms] == [
        ("Rector", TermStatus.PREFERRED),
        ("ректор", A),
        ("проректор", TermStatus.PREFERRED),
    ]

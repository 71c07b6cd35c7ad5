"""Russian source text: terms found inflected, with the same cases the target side is tested on (test_morph)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsl10n.glossary import TermMatcher, load_glossary
from newsl10n.terms import Terminology

from .helpers import PROJECT_GLOSSARY, REPO, concept, glossary, term
from .test_morph import RU_ACCEPTS, RU_REJECTS


def matched(text: str, term_text: str) -> list[str]:
    g = glossary(concept("c", term("ru", term_text)))
    hits = TermMatcher(g, "ru").find(text)
    for hit in hits:
        assert text[hit.start : hit.end] == hit.matched
    return [h.matched for h in hits]


@pytest.mark.parametrize(("text", "term_text", "expected"), RU_ACCEPTS)
def test_source_side_finds_inflected_term(text: str, term_text: str, expected: str) -> None:
    assert matched(text, term_text) == [expected]


# Source-side matching ignores case for names (as for English sources); the target side does not.
_CASE_ONLY = {"title-capital-mid-sentence", "abbreviation-case-exact"}


@pytest.mark.parametrize(("text", "term_text", "exact"), [p for p in RU_REJECTS if p.id not in _CASE_ONLY])
def test_source_side_rejects(text: str, term_text: str, exact: bool) -> None:
    assert matched(text, term_text) == []


@pytest.fixture(scope="module")
def project_terms() -> Terminology:
    return Terminology(load_glossary([PROJECT_GLOSSARY]), "ru", "en")


@pytest.mark.parametrize(
    ("text", "note"),
    [
        pytest.param(
            "Делегация Мадридского политехнического университета посетила СПбПУ.",
            "term: Мадридский политехнический университет → Technical University of Madrid",
            id="gent",
        ),
        pytest.param(
            "Гостей принял директор Института энергетики.",
            "term: Институт энергетики → Institute of Energy",
            id="gent-2",
        ),
        pytest.param(
            "Лекция прошла в Гуманитарном институте.",
            "term: Гуманитарный институт → Institute of Humanities",
            id="loct",
        ),
        pytest.param(
            "Встреча с Мадридским политехническим университетом.",
            "term: Мадридский политехнический университет → Technical University of Madrid",
            id="ablt",
        ),
    ],
)
def test_notes_catch_inflected_names(project_terms: Terminology, text: str, note: str) -> None:
    assert note in project_terms.notes(text)


def test_russian_article_template_notes(tmp_path: Path) -> None:
    from newsl10n.cli import main

    article = REPO / "corpus" / "ru" / "vizit-delegatsii-upm.html"
    assert main(["extract", str(article), "--glossary", str(PROJECT_GLOSSARY), "--locales", str(tmp_path)]) == 0
    pot = (tmp_path / "templates" / "vizit-delegatsii-upm.pot").read_text(encoding="utf-8")
    assert "#. term: Мадридский политехнический университет\n" in pot
    assert "#. term: Институт энергетики\n" in pot

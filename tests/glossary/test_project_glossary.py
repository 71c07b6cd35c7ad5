"""The project's own glossary (glossary/*.tbx): content, statuses, lint, and the seed article."""

from __future__ import annotations

from collections import Counter

import pytest

from newsl10n.glossary import Concept, Glossary, TermKind, TermMatcher, TermStatus, lint, load_glossary

from .helpers import PROJECT_GLOSSARY

LANGS = ["en", "ru", "es"]


@pytest.fixture(scope="module")
def project() -> Glossary:
    return load_glossary([PROJECT_GLOSSARY])


def _concept(g: Glossary, cid: str) -> Concept:
    c = g.concept(cid)
    assert c is not None, cid
    return c


def _status(c: Concept, lang: str, text: str) -> TermStatus:
    (t,) = [t for t in c.terms_for(lang) if t.text == text]
    return t.status


def test_size_languages_and_kinds(project: Glossary) -> None:
    assert len(project) >= 40
    assert project.languages == ("en", "ru", "es")
    kinds = Counter(c.kind for c in project)
    assert None not in kinds
    for kind in (
        TermKind.INSTITUTION,
        TermKind.UNIT,
        TermKind.TITLE,
        TermKind.PROGRAMME,
        TermKind.ABBREVIATION,
        TermKind.PERSON,
    ):
        assert kinds[kind] >= 1, kind
    assert all(c.source for c in project), "every concept cites its sources"


def test_lints_without_errors(project: Glossary) -> None:
    findings = lint(project, languages=LANGS)
    assert [str(f) for f in findings if f.severity == "error"] == []
    assert {f.code for f in findings if f.severity == "warning"} <= {"missing-language"}


@pytest.mark.parametrize(
    ("cid", "lang", "text"),
    [
        ("spbpu", "en", "Peter the Great St. Petersburg Polytechnic University"),
        ("spbpu", "ru", "Санкт-Петербургский политехнический университет Петра Великого"),
        ("spbpu", "es", "Universidad Estatal Politécnica de San Petersburgo Pedro el Grande"),
        ("spbpu-abbr", "ru", "СПбПУ"),
        ("upm", "en", "Technical University of Madrid"),
        ("upm", "ru", "Мадридский политехнический университет"),
        ("upm", "es", "Universidad Politécnica de Madrid"),
        ("ie", "ru", "Институт энергетики"),
        ("immt", "en", "Institute of Mechanical Engineering, Materials and Transport"),
        ("rector", "es", "rector"),
        ("vice-rector-intl", "en", "Vice-Rector for International Affairs"),
        ("vice-rector-intl", "ru", "проректор по международной деятельности"),
        ("vice-rector-intl", "es", "vicerrector de Relaciones Internacionales"),
        ("deputy-director-intl", "ru", "заместитель директора по международной деятельности"),
        ("deputy-director-intl", "en", "Deputy Director for International Affairs"),
        ("strategic-partnership-agreement", "ru", "соглашение о стратегическом партнерстве"),
    ],
)
def test_preferred_terms(project: Glossary, cid: str, lang: str, text: str) -> None:
    preferred = _concept(project, cid).preferred(lang)
    assert preferred is not None and preferred.text == text


@pytest.mark.parametrize(
    ("cid", "lang", "text", "status"),
    [
        ("upm", "en", "Madrid Polytechnic University", TermStatus.ADMITTED),
        ("upm", "ru", "Политехнический университет Мадрида", TermStatus.FORBIDDEN),
        ("immt", "en", "Institute of Engineering, Materials and Transport", TermStatus.DEPRECATED),
        ("spbpu", "es", "Universidad Politécnica de San Petersburgo", TermStatus.ADMITTED),
        ("etsime", "es", "Escuela de Minas y Energía", TermStatus.ADMITTED),
    ],
)
def test_variant_statuses(project: Glossary, cid: str, lang: str, text: str, status: TermStatus) -> None:
    assert _status(_concept(project, cid), lang, text) is status


def test_names_are_not_invented(project: Glossary) -> None:
    """Where names.tsv has no fact the language stays empty."""
    for cid, lang in [
        ("marathon", "ru"),
        ("marathon", "es"),
        ("ie", "es"),
        ("porto", "ru"),
        ("etsii", "ru"),
        ("lana-kalikina", "ru"),
    ]:
        assert _concept(project, cid).terms_for(lang) == (), (cid, lang)


def test_people_are_not_translated_and_abbreviations_are_flagged(project: Glossary) -> None:
    people = [c for c in project if c.kind is TermKind.PERSON]
    assert "Lana Kalikina" in {t.text for c in people for t in c.terms}
    assert all(t.do_not_translate for c in people for t in c.terms)
    assert not any(t.do_not_translate for c in project if c.kind is not TermKind.PERSON for t in c.terms)
    abbreviations = {t.text for c in project if c.kind is TermKind.ABBREVIATION for t in c.terms}
    assert {"SPbPU", "СПбПУ", "UPM", "IE", "HSIEP", "IMM&T", "IMMT", "РАН"} <= abbreviations
    assert all(t.is_abbreviation for c in project if c.kind is TermKind.ABBREVIATION for t in c.terms)


def test_seed_article_terms_are_found(project: Glossary, seed_text: str) -> None:
    hits = TermMatcher(project, "en").find(seed_text)
    found = {h.concept_id for h in hits}
    assert {
        "spbpu", "spbpu-abbr", "upm", "upm-abbr", "ie", "ie-abbr", "hsiep", "hsiep-abbr", "immt", "immt-abbr",
        "marathon", "summer-school", "joint-programmes", "deputy-director-intl", "director", "intl-office",
        "lana-kalikina", "etsime",
    } <= found  # fmt: skip
    wrong_name = [h for h in hits if h.concept_id == "immt" and h.term.status is TermStatus.DEPRECATED]
    assert [h.matched for h in wrong_name] == ["Institute of Engineering, Materials and Transport"]
    assert ("international offices", "plural") in {(h.matched, h.form) for h in hits}

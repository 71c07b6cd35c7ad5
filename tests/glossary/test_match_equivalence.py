"""The term matcher finds exactly what the old one (``_oracle_match.py``) finds: same hits, spans, forms, order.

Real articles with the project's glossary, generated articles with generated
glossaries, and odd inputs (combining marks, case-folding expansions, soft
hyphens, terms that start with punctuation, inline codes, terms at the edges).
"""

from __future__ import annotations

import itertools
from pathlib import Path, PurePath

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsl10n.glossary import Glossary, TermKind, TermMatcher, TermStatus, load_glossary
from newsl10n.glossary.automaton import TokenIndex
from newsl10n.glossary.match import english_variants, fold, normalize
from newsl10n.stages import extract, load_source

from ..conftest import REPO, corpus_articles
from ._oracle_match import OracleMatcher, OracleTokenIndex
from .helpers import concept, glossary, term

SETTINGS = settings(max_examples=400, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def msgids_of(path: Path) -> list[str]:
    source = load_source(path.read_bytes(), path=PurePath(path.name), display=path.name)
    return [seg.msgid for seg in extract(source).segments]


#: Matchers by (glossary, language), built once (the glossary is kept so that its id is not reused).
_BUILT: dict[tuple[int, str], tuple[Glossary, TermMatcher, OracleMatcher]] = {}
_INDEXES: dict[int, tuple[Glossary, TokenIndex, OracleTokenIndex]] = {}


def assert_same_index(glossary: Glossary, texts: list[str]) -> None:
    """The index alone (whose boundary checks the matcher's own could hide): every term of every language."""
    if id(glossary) not in _INDEXES:
        forms = (text for c in glossary.concepts for t in c.terms for _, text in english_variants(t.text, plural=True))
        patterns = list(dict.fromkeys(folded for text in forms if (folded := fold(text)[1]).strip()))
        _INDEXES[id(glossary)] = (glossary, TokenIndex(patterns), OracleTokenIndex(patterns))
    _, new, old = _INDEXES[id(glossary)]
    for text in texts:
        for folded in {text, fold(text)[1], normalize(text).folded}:
            assert new.matches(folded) == list(old.iter_matches(folded)), folded


def assert_same(glossary: Glossary, lang: str, texts: list[str]) -> int:
    """Every text matched by both; returns how many hits there were (so a test can tell it had work to do)."""
    key = (id(glossary), lang)
    if key not in _BUILT:
        _BUILT[key] = (glossary, TermMatcher(glossary, lang), OracleMatcher(glossary, lang))
    _, new, old = _BUILT[key]
    assert_same_index(glossary, texts)
    found = 0
    for text in texts:
        expected = old.find_all(text)
        assert new.find_all(text) == expected, (lang, text)
        assert new.find(text) == old.find(text), (lang, text)
        found += len(expected)
    return found


@pytest.fixture(scope="module")
def project_glossary() -> Glossary:
    return load_glossary([REPO / "glossary"])


# --- real articles, the project's glossary ---------------------------------------------------------------------


@pytest.mark.parametrize("path", corpus_articles(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_repository_corpus(path: Path, project_glossary: Glossary) -> None:
    texts = msgids_of(path)
    assert texts
    for lang in ("en", "ru", "es"):  # each article against every source language the glossary has
        assert_same(project_glossary, lang, texts)


def test_repository_corpus_has_hits(project_glossary: Glossary) -> None:
    texts = [t for p in corpus_articles() for t in msgids_of(p)]
    assert assert_same(project_glossary, "en", texts) > 50
    assert assert_same(project_glossary, "ru", texts) > 10


# --- generated articles and glossaries -------------------------------------------------------------------------


def test_generated_articles_and_glossaries(tmp_path: Path) -> None:
    from bench import corpus

    texts = [t for p in corpus.write_corpus(tmp_path / "corpus", 40) for t in msgids_of(p)]
    tbx = corpus.write_glossaries(tmp_path / "glossaries", [2_000])[2_000]
    big = load_glossary([tbx, REPO / "glossary"])
    assert assert_same(big, "en", texts) > 500
    assert assert_same(big, "ru", texts[:300]) >= 0


# --- odd inputs ------------------------------------------------------------------------------------------------

ODD = glossary(
    concept("ie", term("en", "IE", abbr=True)),
    concept("spbpu", term("en", "SPbPU", abbr=True)),
    concept("upm", term("en", "UPM")),
    concept("ie-full", term("en", "Institute of Energy")),
    concept("school", term("en", "school")),
    concept("summer-school", term("en", "summer school")),
    concept("net", term("en", ".NET", dnt=True)),
    concept("quote", term("en", "«Polytech»")),
    concept("space", term("en", "e-mail")),
    concept("e", term("en", "e")),
    concept("strasse", term("en", "Straße")),
    concept("cafe", term("en", "café")),
    concept("cafe-nfd", term("en", "cafe\u0301 society")),
    concept("digits", term("en", "3D printing")),
    concept("ru", term("ru", "Институт энергетики"), term("en", "Institute of Energy")),
    concept("ru-abbr", term("ru", "СПбПУ", abbr=True)),
    concept("ye", term("ru", "Ёлка")),
    concept("lana", term("en", "Lana Kalikina", kind=TermKind.PERSON, dnt=True)),
    concept("under", term("en", "snake_case")),
    concept("shared-a", term("en", "Joint School", TermStatus.ADMITTED)),
    concept("shared-b", term("en", "Joint School")),
)

ODD_TEXTS = [
    "", " ", "IE", "PIE", "IE.", "(IE)", "XIE", "IEs", "IE's", "ie", "SPbPU's", "spbpu",
    "The Institute of Energy and the institutes of energy.", "Institute\u00a0of  Energy", "Institute\u00adof Energy",
    "Insti\u00adtute of Energy", "Institute <1>of</1> Energy", "<1>Institute of Energy</1>", "<2/>SPbPU<3/>",
    "We use .NET and ASP.NET.", "x.NET", ".NETx", "«Polytech» and «Polytech»s", "e-mail e-mails e mail e",
    "STRASSE Straße strasse straße ßtraße", "café CAFÉ cafe\u0301 cafe\u0301 society Cafe\u0301 Society",
    "3D printing 3d printings 33D printing", "Институт энергетики, Института энергетики", "СПбПУ и спбпу",
    "Ёлка ёлка елка Елки", "Lana Kalikina's talk", "snake_case snake_cases xsnake_case", "Joint School",
    "summer school's summer schools summer-school summer schoolyard summer schools\u0301 summer school_", "ﬁnal ﬀ ǅ İstanbul ΣΑΣ", "school\u200bschool", "a\u0301school",
    "school\u0301", "\u0301school", "school a\u0301school school\u0301 \u0301school xschool", "e x\u0301e e\u0301 e", "schoolʼs School’s SCHOOL's", "UPM\nUPM\tUPM  UPM", "e" * 50, "e-" * 30,
]


@pytest.mark.parametrize("lang", ["en", "ru", "es", "en-GB"])
def test_odd_texts(lang: str) -> None:
    assert_same(ODD, lang, ODD_TEXTS)


_PIECES = ["IE", "SPbPU", "UPM", "Institute", "of", "Energy", "school", "summer", ".NET", "NET", "«", "»", "Polytech",
           "e", "-", "mail", "Straße", "SS", "ß", "café", "cafe\u0301", "\u0301", "3D", "printing", "Институт",
           "энергетики", "СПбПУ", "Ёлка", "snake_case", "'s", "’", "s", "<1>", "</1>", "<2/>", "x", "é", "İ"]
_SEPARATORS = ["", " ", "  ", "\u00a0", "\u00ad", "\u200b", ", ", ".", "\n", "-", "_"]


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(_SEPARATORS)), max_size=12))
def test_generated_texts(parts: list[tuple[str, str]]) -> None:
    text = "".join(itertools.chain.from_iterable(parts))
    for lang in ("en", "ru"):
        assert_same(ODD, lang, [text, text.upper(), text.casefold()])

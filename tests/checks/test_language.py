"""Which languages a catalog is in: header, ``--from``, detection; an unknown one is a finding, never a silent skip."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsl10n.checks import CheckContext, run_checks
from newsl10n.checks.base import catalog_languages
from newsl10n.checks.terms import TermOracle
from newsl10n.glossary import load_glossary

from .helpers import E, write_catalog

REPO = Path(__file__).resolve().parents[2]
WRONG_TITLE = E("A letter from the Vice-Rector for International Affairs arrived.", "Пришло письмо проректора по науке.")


@pytest.fixture(scope="module")
def oracle() -> TermOracle:
    return TermOracle(load_glossary([REPO / "glossary"]))


def _codes(findings: list) -> list[str]:  # type: ignore[type-arg]
    return sorted(f.code for f in findings)


def test_catalog_of_another_tool_without_source_header_is_term_checked(tmp_path: Path, oracle: TermOracle) -> None:
    """No X-Source-Language (Poedit, Weblate, msginit): the source language is detected from the msgids."""
    cat = write_catalog(tmp_path, [WRONG_TITLE, E("The delegation visited the Institute of Energy.", "")], lang="ru", src=None)
    found = run_checks([cat], CheckContext(glossary=oracle), only={"term-missing"})
    assert [(f.code, f.msgid) for f in found] == [("term-missing", WRONG_TITLE.msgid)]
    assert "проректор по международной деятельности" in found[0].message


def test_from_gives_the_source_language(tmp_path: Path, oracle: TermOracle) -> None:
    cat = write_catalog(tmp_path, [E("SPbPU, UPM", "СПбПУ, UPM")], lang="ru", src=None)
    assert catalog_languages(cat.path, cat.catalog.header, ["SPbPU, UPM"]).source == ""
    assert catalog_languages(cat.path, cat.catalog.header, ["SPbPU, UPM"], given_source="en").source_from == "--from"
    found = run_checks([cat], CheckContext(glossary=oracle, source_lang="en"), only={"term-missing"})
    assert _codes(found) == ["term-missing"]  # SPbPU → СПбПУ is there, UPM → МПУ is not


def test_header_wins_over_from_and_detection(tmp_path: Path) -> None:
    cat = write_catalog(tmp_path, [E("The delegation came.", "Делегация приехала.")], lang="ru", src="en")
    langs = catalog_languages(cat.path, cat.catalog.header, ["La delegación llegó."], given_source="es")
    assert (langs.source, langs.source_from, langs.target, langs.target_from) == ("en", "X-Source-Language", "ru", "Language")


def test_unknown_source_language_is_a_finding_naming_what_was_not_checked(tmp_path: Path, oracle: TermOracle) -> None:
    cat = write_catalog(tmp_path, [E("SPbPU, UPM: 2021", "СПбПУ, UPM: 2020")], lang="ru", src=None)
    found = run_checks([cat], CheckContext(glossary=oracle), only={"term-missing", "numbers"})
    assert [(f.code, f.severity.value, f.line) for f in found] == [("language", "error", None)]
    message = found[0].message
    assert message.startswith("source language unknown (no X-Source-Language header")
    assert "--from LANG" in message and message.endswith("not checked: numbers, term-missing")


def test_unknown_target_language_is_a_finding(tmp_path: Path) -> None:
    """Neither a Language header nor the locales/<lang>/LC_MESSAGES layout: leftover cannot run."""
    cat = write_catalog(tmp_path, [E("The delegation came.", "The delegation came.")], lang=None, layout=False)
    found = run_checks([cat], CheckContext(), only={"leftover"})
    assert [(f.code, f.message.split(" (")[0]) for f in found] == [("language", "target language unknown")]
    assert found[0].message.endswith("not checked: leftover")


def test_target_language_from_the_path(tmp_path: Path) -> None:
    cat = write_catalog(tmp_path, [E("The delegation came.", "Делегация приехала with pleasure.")], lang=None, folder="ru")
    assert catalog_languages(cat.path, {}, []).target_from == "the path"
    assert _codes(run_checks([cat], CheckContext(), only={"leftover"})) == ["leftover"]


def test_no_language_finding_when_no_check_needs_one(tmp_path: Path) -> None:
    cat = write_catalog(tmp_path, [E("SPbPU", "")], lang=None, src=None, layout=False)
    assert _codes(run_checks([cat], CheckContext(), only={"untranslated", "codes"})) == ["untranslated"]


def test_no_language_finding_when_nothing_is_translated_yet(tmp_path: Path) -> None:
    """A new catalog (msginit) with no translation: nothing was compared, so nothing was skipped."""
    cat = write_catalog(tmp_path, [E("SPbPU, UPM"), E("2021")], lang=None, src=None, layout=False)
    assert _codes(run_checks([cat], CheckContext())) == ["untranslated", "untranslated"]

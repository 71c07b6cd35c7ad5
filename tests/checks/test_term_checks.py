"""Terminology checks with the project glossary: inflected forms accepted, wrong and forbidden names caught."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsl10n.catalog_model import Catalog, Entry
from newsl10n.checks import CatalogInput, CheckContext, run_checks
from newsl10n.checks.terms import TermOracle
from newsl10n.glossary import load_glossary

REPO = Path(__file__).resolve().parents[2]
TERM_CHECKS = {"term-missing", "term-forbidden", "term-inconsistent"}


@pytest.fixture(scope="module")
def oracle() -> TermOracle:
    return TermOracle(load_glossary([REPO / "glossary"]))


def catalog(lang: str, *pairs: tuple[str, str]) -> Catalog:
    header = {"Language": lang, "X-Source-Language": "en", "Content-Type": "text/plain; charset=UTF-8"}
    return Catalog(header=header, entries=tuple(Entry(msgid=msgid, msgstr=msgstr) for msgid, msgstr in pairs))


def codes(oracle: TermOracle, lang: str, msgid: str, msgstr: str) -> list[str]:
    ctx = CheckContext(glossary=oracle)
    found = run_checks([CatalogInput(f"{lang}.po", catalog(lang, (msgid, msgstr)))], ctx, only=TERM_CHECKS)
    return [f.code for f in found]


@pytest.mark.parametrize(
    "msgid, msgstr",
    [
        pytest.param("Talks were held at the Institute of Energy.", "Переговоры прошли в Институте энергетики.", id="loct"),
        pytest.param(
            "SPbPU signed an agreement with the Technical University of Madrid.",
            "СПбПУ подписал соглашение с Мадридским политехническим университетом.",
            id="ablt",
        ),
        pytest.param(
            "A letter from the Vice-Rector for International Affairs arrived.",
            "Пришло письмо проректора по международной деятельности.",
            id="gent-title",
        ),
        pytest.param(
            "Students of the Higher School of International Educational Programs came.",
            "Приехали студенты Высшей школы международных образовательных программ.",
            id="vysshaya-shkola",
        ),
        pytest.param(
            "Peter the Great St. Petersburg Polytechnic University hosted the guests.",
            "Гостей принимал Санкт-Петербургский политехнический университет Петра Великого.",
            id="nomn-full-name",
        ),
        pytest.param("The <1>Institute of Energy</1> opened.", "<1>Институт энергетики</1> открылся.", id="inside-codes"),
    ],
)
def test_russian_inflected_forms_accepted(oracle: TermOracle, msgid: str, msgstr: str) -> None:
    assert codes(oracle, "ru", msgid, msgstr) == []


@pytest.mark.parametrize(
    "msgid, msgstr, expected",
    [
        pytest.param(
            "Talks were held at the Institute of Energy.", "Переговоры прошли в Институте энергии.", ["term-missing"], id="wrong-name"
        ),
        pytest.param(
            "SPbPU signed an agreement with the Technical University of Madrid.",
            "СПбПУ подписал соглашение с Политехническим университетом Мадрида.",
            ["term-forbidden", "term-missing"],
            id="forbidden-inflected",
        ),
        pytest.param(
            "SPbPU and the Institute of Energy met SPbPU again.",
            "СПбПУ и Институт энергетики снова встретились.",
            ["term-missing"],
            id="two-mentions-one-found",
        ),
        pytest.param("SPbPU hosted them.", "СПБПУ принял их.", ["term-missing"], id="abbreviation-exact-case"),
    ],
)
def test_russian_wrong_names_rejected(oracle: TermOracle, msgid: str, msgstr: str, expected: list[str]) -> None:
    assert sorted(codes(oracle, "ru", msgid, msgstr)) == expected


@pytest.mark.parametrize(
    "msgid, msgstr, expected",
    [
        pytest.param(
            "The Technical University of Madrid is a partner.",
            "La Universidad Politécnica de Madrid es socia.",
            [],
            id="es-exact",
        ),
        pytest.param(
            "Students of the Technical University of Madrid arrived.",
            "Llegaron estudiantes de la Universidad Politecnica de Madrid.",
            [],
            id="es-accent-folded",
        ),
        pytest.param(
            "The Technical University of Madrid is a partner.",
            "La Universidad Técnica de Madrid es socia.",
            ["term-missing"],
            id="es-wrong-name",
        ),
        pytest.param(
            "The Vice-Rector for International Affairs spoke.",
            "Habló el vicerrector de Relaciones Internacionales.",
            [],
            id="es-title",
        ),
    ],
)
def test_spanish(oracle: TermOracle, msgid: str, msgstr: str, expected: list[str]) -> None:
    assert codes(oracle, "es", msgid, msgstr) == expected


def test_inconsistent_renderings_across_catalogs(oracle: TermOracle) -> None:
    a = catalog("es", ("Peter the Great St. Petersburg Polytechnic University signed.", "Firmó la Universidad Estatal Politécnica de San Petersburgo Pedro el Grande."))
    b = catalog(
        "es",
        ("Peter the Great St. Petersburg Polytechnic University agreed.", "Aceptó la Universidad Estatal Politécnica de San Petersburgo Pedro el Grande."),
        ("Peter the Great St. Petersburg Polytechnic University wrote.", "Escribió la Universidad Politécnica de San Petersburgo."),
    )
    found = run_checks([CatalogInput("a.po", a), CatalogInput("b.po", b)], CheckContext(glossary=oracle), only={"term-inconsistent"})
    assert [(f.path, f.code, f.msgid) for f in found] == [
        ("b.po", "term-inconsistent", "Peter the Great St. Petersburg Polytechnic University wrote.")
    ]


def test_abbreviation_in_the_full_names_concept(tmp_path: Path) -> None:
    """A glossary listing the abbreviation as a synonym of the full name: each is checked against its own kind."""
    path = tmp_path / "names.csv"
    path.write_text(
        "id,en,en_status,ru,ru_status\n"
        "spbpu,Peter the Great St. Petersburg Polytechnic University,preferred,"
        "Санкт-Петербургский политехнический университет Петра Великого,preferred\n"
        "spbpu,SPbPU,admitted,СПбПУ,admitted\n",
        encoding="utf-8",
    )
    merged = TermOracle(load_glossary([path]))
    msgid = "Peter the Great St. Petersburg Polytechnic University (SPbPU) hosted the guests."
    right = "Санкт-Петербургский политехнический университет Петра Великого (СПбПУ) принимал гостей."
    assert codes(merged, "ru", msgid, right) == []
    assert codes(merged, "ru", msgid, "Санкт-Петербургский политехнический университет Петра Великого принимал гостей.") == [
        "term-missing"
    ]


def _messages(oracle: TermOracle, lang: str, src: str, msgid: str, msgstr: str) -> list[str]:
    cat = catalog(lang, (msgid, msgstr)).with_header(X_Source_Language=src)
    found = run_checks([CatalogInput(f"{lang}.po", cat)], CheckContext(glossary=oracle), only={"term-forbidden"})
    return [f.message for f in found]


@pytest.mark.parametrize(
    "lang, src, msgid, msgstr, message",
    [
        pytest.param(
            "ru",
            "en",
            "SPbPU signed an agreement with the Technical University of Madrid.",
            "СПбПУ подписал соглашение: Политехнический университет Мадрида.",
            "'Политехнический университет Мадрида' is a forbidden term; use 'Мадридский политехнический университет'",
            id="as-written",
        ),
        pytest.param(
            "ru",
            "en",
            "SPbPU signed an agreement with the Technical University of Madrid.",
            "СПбПУ подписал соглашение с Политехническим университетом Мадрида.",
            "'Политехническим университетом Мадрида' is a form of the forbidden term 'Политехнический университет Мадрида';"
            " use 'Мадридский политехнический университет'",
            id="inflected",
        ),
        pytest.param(
            "en",
            "ru",
            "Делегация Института машиностроения, материалов и транспорта приехала.",
            "A delegation of the Institute of Engineering, Materials and Transport came.",
            "'Institute of Engineering, Materials and Transport' is a deprecated term;"
            " use 'Institute of Mechanical Engineering, Materials and Transport'",
            id="deprecated",
        ),
    ],
)
def test_forbidden_term_message_says_its_status_and_names_the_approved_term_once(
    oracle: TermOracle, lang: str, src: str, msgid: str, msgstr: str, message: str
) -> None:
    assert _messages(oracle, lang, src, msgid, msgstr) == [message]


def test_forbidden_term_inside_an_approved_term_is_not_reported(tmp_path: Path) -> None:
    """A short deprecated form within the approved full name is the approved name, not a finding."""
    from newsl10n.checks.terms import forbidden_message

    glossary = tmp_path / "terms.csv"
    glossary.write_text(
        "id,en,es,es_status\n"
        "upm,Technical University of Madrid,Universidad Politécnica de Madrid,preferred\n"
        "upm,,Politécnica de Madrid,deprecated\n",
        encoding="utf-8",
    )
    oracle = TermOracle(load_glossary([glossary]))
    msgid = "The Technical University of Madrid hosted the guests."
    assert _messages(oracle, "es", "en", msgid, "La Universidad Politécnica de Madrid recibió a los invitados.") == []
    assert _messages(oracle, "es", "en", msgid, "La Politécnica de Madrid recibió a los invitados.") == [
        "'Politécnica de Madrid' is a deprecated term; use 'Universidad Politécnica de Madrid'"
    ]
    assert forbidden_message("X", "X", "superseded", None) == "'X' is a superseded term; the glossary has no approved term for it"


def test_forbidden_abbreviation_points_to_the_approved_abbreviation(tmp_path: Path) -> None:
    """Full name and abbreviation in one concept: an avoided abbreviation is replaced by the abbreviation."""
    glossary = tmp_path / "terms.tbx"
    tig = "<tig><term>{}</term><termNote type=\"administrativeStatus\">{}Term-admn-sts</termNote>{}</tig>"
    abbr = "<termNote type=\"termType\">abbreviation</termNote>"
    glossary.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX" xml:lang="en"><text><body>'
        '<termEntry id="upm"><langSet xml:lang="en">'
        + tig.format("Technical University of Madrid", "preferred", "")
        + tig.format("UPM", "admitted", abbr)
        + '</langSet><langSet xml:lang="ru">'
        + tig.format("Мадридский политехнический университет", "preferred", "")
        + tig.format("МПУ", "admitted", abbr)
        + tig.format("ТУМ", "deprecated", abbr)
        + "</langSet></termEntry></body></text></martif>\n",
        encoding="utf-8",
    )
    oracle = TermOracle(load_glossary([glossary]))
    assert _messages(oracle, "ru", "en", "UPM came.", "ТУМ приехал.") == ["'ТУМ' is a deprecated term; use 'МПУ'"]

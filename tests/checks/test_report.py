"""The report formats (text, json, junit, github) and the exit code."""

from __future__ import annotations

import json

import lxml.etree
import pytest

from newsl10n.checks import FORMATS, Finding, Severity, exit_code, render, summary_line
from newsl10n.errors import UsageError

RU = "locales/ru/LC_MESSAGES/a.po"
ES = "locales/es/LC_MESSAGES/b,c:d.po"
PAGE = "build/en/a.html"
LONG = "Peter the Great St. Petersburg Polytechnic University and\nTechnical University of Madrid held a series of online talks"

FINDINGS = [  # deliberately out of order: every format sorts
    Finding("fuzzy", Severity.INFO, "marked fuzzy", RU, 30, LONG, None, "ru"),
    Finding(
        "codes",
        Severity.ERROR,
        "inline codes do not match the msgid: code 2 is missing",
        RU,
        12,
        "Read <1>more</1><2/>",
        None,
        "ru",
    ),
    Finding(
        "consistency",
        Severity.WARNING,
        'translated differently in x.po:3: "Abrir, 100%"',
        ES,
        7,
        "Open",
        "button",
        "es",
    ),
    Finding("leftover", Severity.ERROR, 'Cyrillic text in the en page: "Дата публикации"', PAGE, 14, None, None, "en"),
]


def _render(fmt: str, findings: list[Finding] = FINDINGS, **kw: object) -> str:
    return render(findings, fmt, files_checked=3, **kw)  # type: ignore[arg-type]


def test_formats() -> None:
    assert FORMATS == ("text", "json", "junit", "github")


def test_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown report format 'yaml'"):
        _render("yaml")


# -- text -------------------------------------------------------------------------------------------------


def test_text_is_compiler_like() -> None:
    assert _render("text").splitlines() == [
        'build/en/a.html:14: error[leftover] Cyrillic text in the en page: "Дата публикации"',
        'locales/es/LC_MESSAGES/b,c:d.po:7: warning[consistency] translated differently in x.po:3: "Abrir, 100%"',
        "  msgid: Open",
        "locales/ru/LC_MESSAGES/a.po:12: error[codes] inline codes do not match the msgid: code 2 is missing",
        "  msgid: Read <1>more</1><2/>",
        "locales/ru/LC_MESSAGES/a.po:30: info[fuzzy] marked fuzzy",
        "  msgid: Peter the Great St. Petersburg Polytechnic University and\\nTechnical University of Madrid held a…",
        "2 errors, 1 warning, 1 info (1 fuzzy) in 3 catalogs",
    ]
    assert _render("text").endswith("catalogs\n")
    assert len(_render("text").splitlines()[6]) <= len("  msgid: ") + 100  # cut to 100 characters, at a space


def test_text_without_a_line() -> None:
    finding = Finding("numbers", Severity.WARNING, "odd", "x.po")
    assert (
        render([finding], "text", files_checked=1)
        == "x.po: warning[numbers] odd\n0 errors, 1 warning, 0 infos in 1 catalog\n"
    )


def test_text_when_nothing_is_found() -> None:
    assert render([], "text", files_checked=4) == "no problems found in 4 catalogs\n"


@pytest.mark.parametrize(
    ("severities", "files", "line"),
    [
        ([], 1, "no problems found in 1 catalog"),
        ([], 0, "no problems found in 0 catalogs"),
        ([Severity.ERROR], 1, "1 error, 0 warnings, 0 infos in 1 catalog"),
        (
            [Severity.ERROR] * 3 + [Severity.WARNING] + [Severity.INFO] * 2,
            4,
            "3 errors, 1 warning, 2 infos (2 codes) in 4 catalogs",
        ),
        ([Severity.WARNING] * 2 + [Severity.INFO], 2, "0 errors, 2 warnings, 1 info (1 codes) in 2 catalogs"),
    ],
    ids=["none-one", "none-zero", "one-error", "mixed", "plural-warnings"],
)
def test_summary_grammar(severities: list[Severity], files: int, line: str) -> None:
    findings = [Finding("codes", s, "m", "a.po", i) for i, s in enumerate(severities)]
    assert summary_line(findings, files_checked=files) == line


# -- json -------------------------------------------------------------------------------------------------


def test_json_schema_and_order() -> None:
    text = _render("json")
    doc = json.loads(text)
    assert list(doc) == ["codes", "files_checked", "findings", "summary", "version"]  # keys sorted
    assert doc["version"] == 1
    assert doc["files_checked"] == 3
    assert doc["summary"] == {"error": 2, "warning": 1, "info": 1}
    assert doc["codes"] == {"codes": 1, "consistency": 1, "fuzzy": 1, "leftover": 1}
    assert [(f["path"], f["line"], f["code"]) for f in doc["findings"]] == [
        (PAGE, 14, "leftover"),
        (ES, 7, "consistency"),
        (RU, 12, "codes"),
        (RU, 30, "fuzzy"),
    ]
    keys = ["code", "lang", "line", "message", "msgctxt", "msgid", "path", "severity"]
    assert all(list(f) == keys for f in doc["findings"])
    assert doc["findings"][0] == {
        "code": "leftover",
        "lang": "en",
        "line": 14,
        "message": 'Cyrillic text in the en page: "Дата публикации"',
        "msgctxt": None,
        "msgid": None,
        "path": PAGE,
        "severity": "error",
    }
    assert doc["findings"][1]["msgctxt"] == "button"
    assert "Дата" in text  # non-ASCII kept as it is
    assert text.endswith("}\n")


def test_json_when_nothing_is_found() -> None:
    assert json.loads(render([], "json", files_checked=0)) == {
        "codes": {},
        "files_checked": 0,
        "findings": [],
        "summary": {"error": 0, "info": 0, "warning": 0},
        "version": 1,
    }


# -- junit ------------------------------------------------------------------------------------------------


def _junit(findings: list[Finding], **kw: object) -> lxml.etree._Element:
    text = _render("junit", findings, **kw)
    assert text.startswith("<?xml version='1.0' encoding='UTF-8'?>")
    return lxml.etree.fromstring(text.encode("utf-8"))


def test_junit_has_a_case_per_file_and_check() -> None:
    root = _junit(FINDINGS, files=[RU, ES, "locales/ru/LC_MESSAGES/clean.po"], checks=["codes", "consistency", "fuzzy"])
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [PAGE, ES, RU, "locales/ru/LC_MESSAGES/clean.po"]
    # leftover comes from a finding, not from the checks asked for: it gets a case too
    assert [c.get("name") for c in suites[0].findall("testcase")] == ["codes", "consistency", "fuzzy", "leftover"]
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("16", "3", "0")
    assert [(s.get("tests"), s.get("failures")) for s in suites] == [("4", "1"), ("4", "1"), ("4", "1"), ("4", "0")]
    ru_cases = {c.get("name"): c for c in suites[2].findall("testcase")}
    assert ru_cases["codes"].get("classname") == RU
    failure = ru_cases["codes"].find("failure")
    assert failure is not None
    assert (failure.get("type"), failure.get("message")) == ("error", "1 error")
    assert failure.text == (
        "locales/ru/LC_MESSAGES/a.po:12: error[codes] inline codes do not match the msgid: code 2 is missing\n"
        "  msgid: Read <1>more</1><2/>"
    )
    # an info finding does not fail its case (fail_on defaults to warning): it is shown as output
    assert ru_cases["fuzzy"].find("failure") is None
    assert "info[fuzzy] marked fuzzy" in (ru_cases["fuzzy"].findtext("system-out") or "")
    assert len(root.findall(".//failure")) == 3


@pytest.mark.parametrize(
    ("fail_on", "failures"),
    [(Severity.ERROR, 2), (Severity.WARNING, 3), (Severity.INFO, 4)],
    ids=["error", "warning", "info"],
)
def test_junit_fail_on(fail_on: Severity, failures: int) -> None:
    root = _junit(FINDINGS, fail_on=fail_on)
    assert len(root.findall(".//failure")) == failures == int(root.get("failures") or -1)


def test_junit_lists_every_registered_check_by_default() -> None:
    root = _junit([], files=[RU])
    names = [c.get("name") for c in root.iter("testcase")]
    assert {"codes", "numbers", "leftover", "untranslated", "fuzzy", "consistency"} <= set(names)
    assert root.get("failures") == "0"


def test_junit_strips_control_characters_and_escapes_markup() -> None:
    bad = Finding("codes", Severity.ERROR, 'bell\x07 nul\x00 <1> & "q"', "a\x1b.po", 1, "x\x0c<2/>", None, "ru")
    root = _junit([bad])
    failure = root.find(".//failure")
    assert failure is not None
    # the failure text is the text format's lines: controls shown escaped (errors.one_line), none left raw
    assert failure.text == 'a\\x1b.po:1: error[codes] bell\\x07 nul\\x00 <1> & "q"\n  msgid: x\\x0c<2/>'
    assert root.find("testsuite").get("name") == "a.po"


# -- github -----------------------------------------------------------------------------------------------


def test_github_workflow_commands() -> None:
    assert _render("github").splitlines() == [
        '::error file=build/en/a.html,line=14,title=leftover::Cyrillic text in the en page: "Дата публикации"',
        (
            "::warning file=locales/es/LC_MESSAGES/b%2Cc%3Ad.po,line=7,title=consistency::"
            'translated differently in x.po:3: "Abrir, 100%25"'
        ),
        (
            "::error file=locales/ru/LC_MESSAGES/a.po,line=12,title=codes::"
            "inline codes do not match the msgid: code 2 is missing"
        ),
        "::notice file=locales/ru/LC_MESSAGES/a.po,title=fuzzy::1 fuzzy (newsl10n check lists each one)",
    ]


def test_github_sums_up_infos_per_file_after_the_errors() -> None:
    """66 notices on the demo buried its errors: infos become one notice per file, errors stay one each."""
    infos = [
        Finding(code, Severity.INFO, "m", path, line, "x", None, "ru")
        for path in (RU, ES)
        for line, code in enumerate(["fuzzy"] * 20 + ["stale"] * 2 + ["untranslated"] * 5, start=10)
    ]
    errors = [Finding("codes", Severity.ERROR, f"bad {n}", RU, 100 + n, "x", None, "ru") for n in range(3)]
    lines = render(infos + errors, "github", files_checked=2).splitlines()
    assert lines[:3] == [f"::error file={RU},line={100 + n},title=codes::bad {n}" for n in range(3)]
    assert lines[3:] == [
        f"::notice file={path},title=fuzzy%2Cstale%2Cuntranslated::"
        "20 fuzzy, 2 stale, 5 untranslated (newsl10n check lists each one)"
        for path in ("locales/es/LC_MESSAGES/b%2Cc%3Ad.po", RU)
    ]


@pytest.mark.parametrize(
    ("finding", "line"),
    [
        (
            Finding("codes", Severity.ERROR, "a\nb\r\nc 50%", "x.po", 3),
            "::error file=x.po,line=3,title=codes::a%0Ab%0D%0Ac 50%25",
        ),
        (
            Finding("codes", Severity.INFO, "m", "dir%/x\n.po"),
            "::notice file=dir%25/x%0A.po,title=codes::1 codes (newsl10n check lists each one)",
        ),
        (
            Finding("term-missing", Severity.WARNING, "a: b, c", "x.po", 1),
            "::warning file=x.po,line=1,title=term-missing::a: b, c",
        ),
    ],
    ids=["message-escapes", "property-escapes-no-line", "colon-comma-kept-in-message"],
)
def test_github_escaping(finding: Finding, line: str) -> None:
    assert render([finding], "github", files_checked=1) == line + "\n"


def test_github_nothing_found_is_empty() -> None:
    assert render([], "github", files_checked=2) == ""


# -- exit code --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("severities", "fail_on", "code"),
    [
        ([], Severity.INFO, 0),
        ([Severity.INFO], Severity.INFO, 1),
        ([Severity.INFO], Severity.WARNING, 0),
        ([Severity.WARNING], Severity.WARNING, 1),
        ([Severity.WARNING, Severity.INFO], Severity.ERROR, 0),
        ([Severity.ERROR], Severity.ERROR, 1),
        ([Severity.ERROR], Severity.INFO, 1),
    ],
    ids=[
        "none",
        "info-on-info",
        "info-on-warning",
        "warning-on-warning",
        "below-error",
        "error-on-error",
        "error-on-info",
    ],
)
def test_exit_code(severities: list[Severity], fail_on: Severity, code: int) -> None:
    assert exit_code([Finding("codes", s, "m", "a.po") for s in severities], fail_on) == code


@pytest.mark.parametrize(
    ("text", "width", "cut"),
    [
        ("Short enough", 20, "Short enough"),
        ("Peter the Great St. Petersburg Polytechnic University hosted", 40, "Peter the Great St. Petersburg…"),
        ("Vice-Rector for International Affairs, SPbPU", 40, "Vice-Rector for International Affairs…"),
        ("Supercalifragilisticexpialidocious", 10, "Supercali…"),
    ],
    ids=["fits", "at-a-space", "comma-dropped", "one-long-word"],
)
def test_shorten_cuts_at_a_space(text: str, width: int, cut: str) -> None:
    from newsl10n.checks.report import shorten

    assert shorten(text, width) == cut
    assert len(shorten(text, width)) <= width

"""`newsl10n check` end to end: planted errors found exactly, in every format, with the right exit code."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import lxml.etree
import polib
import pytest

from .conftest import REPO, Result

Cli = Callable[..., Result]

PLANTED = [
    # (msgid, msgstr, flags, expected finding code or None)
    ("The Institute of Energy opened a laboratory.", "Институт энергетики открыл лабораторию.", [], None),
    ("Talks were held at the Institute of Energy.", "Переговоры прошли в Институте энергии.", [], "term-missing"),
    (
        "SPbPU signed an agreement with the Technical University of Madrid.",
        "СПбПУ подписал соглашение с Политехническим университетом Мадрида.",
        [],
        "term-forbidden+term-missing",
    ),
    ("Our <1>strategic partner</1> came.", "Наш стратегический партнёр приехал.", [], "codes"),
    ("In 2021, 1,250 students came for 3.5 days.", "В 2021 году 1 250 студентов приехали на 3,5 дня.", [], None),
    ("In 2021, 1,250 students came.", "В 2020 году приехали 1 250 студентов.", [], "numbers"),
    ("The delegation was welcomed.", "Делегацию встретили with great pleasure.", [], "leftover"),
    ("A draft sentence.", "Черновое предложение.", ["fuzzy"], "fuzzy"),
    ("Not translated yet.", "", [], "untranslated"),
]


def write_catalog(folder: Path) -> tuple[Path, dict[int, str]]:
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": "planted",
        "Language": "ru",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
        "X-Source-Language": "en",
    }
    for msgid, msgstr, flags, _ in PLANTED:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr, flags=list(flags)))
    path = folder / "locales" / "ru" / "LC_MESSAGES" / "planted.po"
    path.parent.mkdir(parents=True)
    po.save(str(path))
    lines = {e.linenum: want for e, (_, _, _, want) in zip(polib.pofile(str(path)), PLANTED) if want}
    return path, lines


def expected(lines: dict[int, str]) -> list[tuple[int, str]]:
    return sorted((line, code) for line, codes in lines.items() for code in codes.split("+"))


def test_text_report_lists_exactly_the_planted_errors(cli: Cli, tmp_path: Path, msgfmt: Callable[[Path], None]) -> None:
    path, lines = write_catalog(tmp_path)
    msgfmt(path)
    result = cli("check", "--glossary", REPO / "glossary", "--include-fuzzy")
    assert result.code == 1, result.err
    found = []
    for row in result.out.splitlines():
        if row.startswith("locales/"):
            where, rest = row.split(": ", 1)
            code = rest.split("[", 1)[1].split("]", 1)[0]
            found.append((int(where.rsplit(":", 1)[1]), code))
    assert sorted(found) == expected(lines)
    assert result.out.rstrip().splitlines()[-1] == "6 errors, 0 warnings, 2 infos (1 fuzzy, 1 untranslated) in 1 catalog"


def test_json_junit_github_agree(cli: Cli, tmp_path: Path) -> None:
    _, lines = write_catalog(tmp_path)
    want = expected(lines)
    out = cli("check", "--glossary", REPO / "glossary", "--include-fuzzy", "--format", "json")
    assert out.code == 1
    data = json.loads(out.out)
    assert sorted((f["line"], f["code"]) for f in data["findings"]) == want
    assert data["summary"] == {"error": 6, "warning": 0, "info": 2}

    junit = cli("check", "--glossary", REPO / "glossary", "--include-fuzzy", "--format", "junit")
    root = lxml.etree.fromstring(junit.out.encode())
    failures = root.xpath("//failure")
    assert sum(int(s.get("failures")) for s in root.iter("testsuite")) == len(failures) > 0
    assert junit.code == 1

    github = cli("check", "--glossary", REPO / "glossary", "--include-fuzzy", "--format", "github")
    rows = [r for r in github.out.splitlines() if r.startswith("::error ")]
    parsed = sorted((int(r.split("line=")[1].split(",")[0]), r.split("title=")[1].split("::")[0]) for r in rows)
    assert parsed == [(line, code) for line, code in want if code not in ("fuzzy", "untranslated")]
    notices = [r for r in github.out.splitlines() if r.startswith("::notice ")]
    notice = "::notice file=locales/ru/LC_MESSAGES/planted.po,title=fuzzy%2Cuntranslated::"
    assert notices == [notice + "1 fuzzy, 1 untranslated (newsl10n check lists each one)"]
    assert len(rows) + len(notices) == len(github.out.splitlines())


def test_exit_codes(cli: Cli, tmp_path: Path) -> None:
    write_catalog(tmp_path)
    assert cli("check", "--glossary", REPO / "glossary", "--only", "fuzzy,untranslated").code == 0
    assert cli("check", "--glossary", REPO / "glossary", "--only", "fuzzy,untranslated", "--fail-on", "info").code == 1
    assert cli("check", "--only", "no-such-check").code == 2
    bad = tmp_path / "locales" / "es" / "LC_MESSAGES" / "broken.po"
    bad.parent.mkdir(parents=True)
    bad.write_text('msgid "a"\nmsgstr "b"\nmsgid\n', encoding="utf-8")
    result = cli("check")
    assert result.code == 2 and "broken.po:3: broken catalog" in result.err


def test_report_to_file(cli: Cli, tmp_path: Path) -> None:
    write_catalog(tmp_path)
    result = cli("check", "--glossary", REPO / "glossary", "--format", "json", "--output", "report.json")
    assert result.code == 1 and result.out == ""
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["version"] == 1


def test_leftover_in_built_page(cli: Cli, tmp_path: Path) -> None:
    page = tmp_path / "build" / "en" / "news.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        '<!DOCTYPE html>\n<html lang="en"><body>\n<p>Talks went well.</p>\n<p>Дата публикации: 2021.03.04</p>\n'
        '<p><a href="/">&gt;&gt;Перейти к новости</a></p>\n</body></html>\n',
        encoding="utf-8",
    )
    result = cli("check", "build")
    assert result.code == 1
    rows = [r for r in result.out.splitlines() if r.startswith("build/")]
    assert [r.split(": ")[0] for r in rows] == ["build/en/news.html:4", "build/en/news.html:5"]


@pytest.mark.parametrize("command", [["glossary", "lint"], ["glossary", "lint", "glossary"]], ids=["default", "path"])
def test_glossary_lint_on_project_glossary(cli: Cli, tmp_path: Path, command: list[str]) -> None:
    import shutil

    shutil.copytree(REPO / "glossary", tmp_path / "glossary")
    result = cli(*command)
    assert result.code == 0, result.out
    assert result.out.rstrip().splitlines()[-1].startswith("71 concepts in 1 files: 0 errors")


def test_glossary_lint_finds_conflicts(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("en,ru\nRector,ректор\nRector,председатель\n", encoding="utf-8")
    result = cli("glossary", "lint", bad, "--languages", "en,ru")
    assert result.code == 1
    assert "error" in result.out


def test_page_language_from_its_folder_or_a_finding(cli: Cli, tmp_path: Path) -> None:
    """A page without <html lang> is read in the language of its build/<lang>/ folder, never assumed English."""
    body = "<!DOCTYPE html>\n<html><body>\n<p>The delegation was welcomed in Madrid.</p>\n</body></html>\n"
    russian = tmp_path / "build" / "ru" / "news.html"
    russian.parent.mkdir(parents=True)
    russian.write_text(body, encoding="utf-8")
    result = cli("check", "build")
    assert result.code == 1
    assert result.out.startswith("build/ru/news.html:3: error[leftover] Latin-script text in the ru page")
    elsewhere = tmp_path / "site" / "news.html"
    elsewhere.parent.mkdir()
    elsewhere.write_text(body, encoding="utf-8")
    result = cli("check", "site")
    assert result.code == 1
    assert result.out.splitlines()[0] == (
        "site/news.html: error[language] page language unknown (no lang attribute on <html> and the folder"
        " is not <lang>/): not checked: leftover"
    )


def test_glossary_lint_has_the_check_reports(cli: Cli, tmp_path: Path) -> None:
    """One Finding type: glossary lint gets the JSON, JUnit and GitHub reports of `check`."""
    import json

    bad = tmp_path / "bad.csv"
    bad.write_text("en,ru\nRector,ректор\nRector,председатель\nDean,\n", encoding="utf-8")
    result = cli("glossary", "lint", bad, "--languages", "en,ru", "--format", "json")
    assert result.code == 1, result.err
    doc = json.loads(result.out)
    assert doc["files_checked"] == 1 and doc["summary"]["error"] >= 1 and doc["summary"]["warning"] >= 1
    assert {f["path"] for f in doc["findings"]} == {str(bad)}
    github = cli("glossary", "lint", bad, "--languages", "en,ru", "--format", "github")
    assert github.out.startswith("::error file=") and "::warning file=" in github.out
    junit = cli("glossary", "lint", bad, "--languages", "en,ru", "--format", "junit", "--output", "lint.xml")
    assert junit.code == 1 and "<failure" in (tmp_path / "lint.xml").read_text(encoding="utf-8")
    text = cli("glossary", "lint", bad, "--languages", "en,ru")
    assert f"{bad}:" in text.out and "warning[missing-language]" in text.out

"""Hostile glossaries through the command line: translate --glossary, check --glossary, glossary lint.

The readers refuse these (tests/glossary has the unit tests); here the
whole command must refuse them with one line naming the file and line, and
write nothing.  External DTDs and XIncludes are never fetched: a loopback
HTTP server records any request, and the network is blocked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..conftest import Result
from ..glossary.helpers import entry, langset, martif, tig
from .conftest import Cli, Project

RECTOR = entry("c1", langset("en", tig("Rector", "preferred")), langset("ru", tig("Ректор", "preferred")))
LAUGHS = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, 10))


@dataclass(frozen=True)
class Case:
    id: str
    name: str
    data: bytes
    line: int | None
    fragment: str


def _tbx(term: str, prolog: str) -> bytes:
    return martif(entry("c1", langset("en", tig(term)), langset("ru", tig("Ректор"))), prolog=prolog).encode("utf-8")


CASES = [
    Case(
        "external-entity",
        "xxe.tbx",
        _tbx("&xxe;", '<!DOCTYPE martif [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n'),
        3,
        "the DOCTYPE declares an ENTITY",
    ),
    Case(
        "billion-laughs",
        "laughs.tbx",
        _tbx("&lol9;", '<!DOCTYPE martif [\n<!ENTITY lol0 "lol">\n' + LAUGHS + "]>\n"),
        3,
        "the DOCTYPE declares an ENTITY",
    ),
    Case(
        "parameter-entity-by-url",
        "param.tbx",
        _tbx("x", '<!DOCTYPE martif [\n<!ENTITY % p SYSTEM "http://198.51.100.7/p.dtd">\n%p;\n]>\n'),
        3,
        "the DOCTYPE declares an ENTITY",
    ),
    Case(
        "dtd-by-url-with-its-entity",
        "remote.tbx",
        _tbx("x &secret; y", '<!DOCTYPE martif SYSTEM "http://198.51.100.7/evil.dtd">\n'),
        6,
        "the entity reference &secret; is not defined here (external DTDs are never read)",
    ),
    Case("invalid-xml", "broken.tbx", _tbx("Rector", "").replace(b"</langSet>", b"</langset>", 1), 5, "not well-formed XML"),
    Case("truncated-xml", "cut.tbx", _tbx("Rector", "")[:-40], 5, "not well-formed XML"),
    Case("not-xml", "binary.tbx", bytes(range(256)) * 8, 1, "not well-formed XML: Start tag expected"),
    Case("csv-wrong-columns", "cols.csv", "en,ru\nRector,Ректор\nDean,Декан,extra,more\n".encode(), 3, "expected 2 columns"),
    Case(
        "csv-mixed-encodings",
        "mixed.csv",
        "en,ru\nRector,Ректор\n".encode() + "Dean,Декан\n".encode("cp1251"),
        3,
        "is not valid utf-8",
    ),
    Case("csv-nul", "nul.csv", b"en,ru\nRector,\x00\n", 2, "NUL character"),
    Case("not-a-glossary", "terms.docx", b"PK\x03\x04", None, "not a glossary file"),
]

COMMANDS = {
    "translate": lambda name: ["translate", "good.html", "--to", "ru", "--engine", "none", "--glossary", name],
    "check": lambda name: ["check", "locales", "--glossary", name],
    "lint": lambda name: ["glossary", "lint", name],
}


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_glossary_is_refused(case: Case, command: str, project: Project, refused: Callable[..., Result]) -> None:
    (project.root / case.name).write_bytes(case.data)
    where = case.name if case.line is None else f"{case.name}:{case.line}"
    result = refused(*COMMANDS[command](case.name), where=where, fragment=case.fragment)
    assert "root:" not in result.err and "lollol" not in result.err


@pytest.fixture
def recorder(http_recorder: tuple[str, list[str]]) -> tuple[str, list[str]]:
    """A loopback HTTP server that records every request (none may arrive)."""
    return http_recorder


def test_dtd_url_and_xinclude_are_never_fetched(cli: Cli, project: Project, recorder: tuple[str, list[str]]) -> None:
    url, requests = recorder
    doc = martif(
        entry(
            "c1",
            langset("en", tig('Rector<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd" parse="text"/>')),
            langset("ru", tig(f'Ректор<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{url}/x" parse="text"/>')),
        ),
        prolog=f'<!DOCTYPE martif SYSTEM "{url}/TBXcoreStructV02.dtd">\n',
    )
    (project.root / "remote.tbx").write_text(doc, encoding="utf-8")
    lint = cli("glossary", "lint", "remote.tbx", "--languages", "en,ru")
    assert lint.code == 0, lint.out + lint.err
    translate = cli("translate", "good.html", "--to", "ru", "--engine", "none", "--glossary", "remote.tbx")
    assert translate.code == 0, translate.err
    assert cli("check", "locales", "--glossary", "remote.tbx").code in (0, 1)
    assert requests == []
    assert "root:" not in (project.root / "locales/ru/LC_MESSAGES/good.po").read_text(encoding="utf-8")


@pytest.mark.parametrize("languages", ["en,qq", "en,,ru-XX-bogus-tag"], ids=["unknown", "malformed"])
def test_lint_refuses_unknown_language_codes(languages: str, project: Project, refused: Callable[..., Result]) -> None:
    (project.root / "ok.tbx").write_text(martif(RECTOR), encoding="utf-8")
    result = refused("glossary", "lint", "ok.tbx", "--languages", languages, where=None, fragment="unknown language code")
    assert result.err.startswith("newsl10n: error: unknown language code")


def test_missing_glossary(project: Project, refused: Callable[..., Result], tmp_path: Path) -> None:
    refused("translate", "good.html", "--to", "ru", "--glossary", "nowhere.tbx", where="nowhere.tbx", fragment="no such glossary")

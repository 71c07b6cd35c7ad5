"""Hostile articles: each is refused by extract, translate and build, and nothing is written.

``translate`` gets the good article first and the hostile one second: a bad
article stops the whole run before anything is written, earlier articles
included.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest

from newsl10n.formats.html5_parse import parse_document

from ..conftest import Result
from .conftest import Cli, Project

TEXT_RU = "<p>Делегация UPM посетила СПбПУ. Обсуждали совместные исследования.</p>\n"
NESTING = 10_000


@dataclass(frozen=True)
class Case:
    id: str
    name: str
    make: Callable[[Path], None]  # writes the hostile file
    fragment: str
    line: int | None = None


def _bytes(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def _random_bytes(seed: int, size: int, low: int = 0) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(low, 256) for _ in range(size))


def _truncated_utf8() -> bytes:
    page = ("<html><body>\n" + TEXT_RU * 3 + "<p>Конец").encode("utf-8")
    return page[:-1]  # cut inside the last character


def _fifty_megabytes(path: Path) -> None:
    paragraph = b"<p>The university signed a new agreement with its partners in Madrid. Students will go abroad.</p>\n"
    with open(path, "wb") as fh:
        fh.write(b"<html lang='en'><body>\n")
        fh.writelines(paragraph for _ in range(50 * 1024 * 1024 // len(paragraph)))
        fh.write(b"x" * (50 * 1024 * 1024 - fh.tell()))


def _deep(path: Path) -> None:
    path.write_text(
        "<html lang='en'><body>\n" + "<div>\n" * NESTING + "<p>Deep text.</p>\n" + "</div>\n" * NESTING + "</body></html>\n",
        encoding="utf-8",
    )


def _fifo(path: Path) -> None:
    os.mkfifo(path)


CASES = [
    Case("empty", "empty.html", _bytes(b""), "the article is empty"),
    Case("blank", "blank.html", _bytes(b" \n\t\n"), "the article is empty"),
    Case("binary", "image.html", _bytes(_random_bytes(1, 4096)), "binary data, not a text file"),
    Case("binary-no-nul", "noise.html", _bytes(_random_bytes(2, 4096, low=1)), "binary data, not a text file"),
    Case("truncated-utf8", "cut.html", _bytes(_truncated_utf8()), "is not valid utf-8 (the text is UTF-8 but damaged or cut short", 5),
    Case(
        "declared-utf8-is-cp1251",
        "cp1251.html",
        _bytes(("<html><head><meta charset='utf-8'></head><body>\n" + TEXT_RU + "</body></html>").encode("cp1251")),
        "is not valid utf-8 (the declared charset is wrong?",
        2,
    ),
    Case(
        "declared-koi8-is-utf8",
        "koi8.html",
        _bytes(("<html><head><meta charset='koi8-r'></head><body>\n" + TEXT_RU + "</body></html>").encode("utf-8")),
        "declares charset koi8-r but the text is UTF-8",
        2,
    ),
    Case(
        "declared-unknown-charset",
        "bogus.html",
        _bytes(b"<html><head><meta charset='x-bogus-42'></head><body><p>Hello.</p></body></html>"),
        "declares unknown charset 'x-bogus-42'",
    ),
    Case("fifty-megabytes", "huge.html", _fifty_megabytes, "the article is 52,428,800 bytes; the limit is 10,485,760"),
    Case("deep-nesting", "deep.html", _deep, "elements are nested more than 255 deep", 256),
    Case("nul-bytes", "nul.html", _bytes(b"<html><body>\n<p>Hello</p>\n<p>wor\x00ld.</p></body></html>"), "NUL byte", 3),
    Case("fifo", "pipe.html", _fifo, "not a regular file"),
]

COMMANDS = {
    "extract": lambda name: ["extract", "good.html", name],
    "translate": lambda name: ["translate", "good.html", name, "--to", "ru,es", "--engine", "none"],
    "build": lambda name: ["build", "good.html", name, "--to", "ru"],
}


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_article_is_refused(
    case: Case, command: str, project: Project, refused: Callable[..., Result]
) -> None:
    case.make(project.root / case.name)
    where = case.name if case.line is None else f"{case.name}:{case.line}"
    refused(*COMMANDS[command](case.name), where=where, fragment=case.fragment)


def test_the_given_encoding_reads_what_the_declaration_got_wrong(cli: Cli, project: Project) -> None:
    page = project.root / "cp1251.html"
    page.write_bytes(("<html><head><meta charset='utf-8'></head><body>\n" + TEXT_RU + "</body></html>").encode("cp1251"))
    result = cli("translate", page.name, "--to", "en", "--engine", "none", "--encoding", "cp1251")
    assert result.code == 0, result.err
    assert "Делегация UPM посетила СПбПУ." in [e.msgid for e in polib.pofile(str(project.root / "locales/en/LC_MESSAGES/cp1251.po"))]


def test_nesting_within_the_limit_is_processed(cli: Cli, project: Project) -> None:
    page = project.root / "nested.html"
    page.write_text("<html lang='en'><body>" + "<div>" * 200 + "<p>Deep text.</p>" + "</div>" * 200 + "</body></html>", encoding="utf-8")
    result = cli("translate", page.name, "--to", "ru", "--engine", "none")
    assert result.code == 0, result.err
    assert "Deep text." in (project.root / "build/ru/nested.html").read_text(encoding="utf-8")


def _unclosed(groups: int) -> str:
    body = "".join(
        f"<div><p>Paragraph number {i} talks about the partnership. <b>Bold <i>italic <a href='/n/{i}'>link <span>more"
        for i in range(groups)
    )
    return "<html lang='en'><head><title>Unclosed</title><body>" + body


def test_unclosed_tags_everywhere_are_recovered_not_refused(cli: Cli, project: Project) -> None:
    """HTML lets end tags be left out and browsers recover the rest; so does newsl10n (HTML5), and no text is lost."""
    page = project.root / "unclosed.html"
    page.write_text(_unclosed(30), encoding="utf-8")
    result = cli("translate", page.name, "--to", "ru", "--engine", "none")
    assert result.code == 0 and "Traceback" not in result.err, result.err
    msgids = " ".join(e.msgid for e in polib.pofile(str(project.root / "locales/ru/LC_MESSAGES/unclosed.po")))
    assert all(f"Paragraph number {i} talks" in msgids for i in range(30))
    built = (project.root / "build/ru/unclosed.html").read_text(encoding="utf-8")
    source = parse_document((project.root / "unclosed.html").read_text(encoding="utf-8"))
    root = parse_document(built)
    assert [a.get("href") for a in root.iter("a")] == [a.get("href") for a in source.iter("a")]
    assert {a.get("href") for a in root.iter("a")} == {f"/n/{i}" for i in range(30)}
    text = "".join(root.itertext())
    assert all(f"Paragraph number {i} talks about the partnership." in text for i in range(30))


def test_unclosed_tags_past_the_depth_limit_are_refused(project: Project, refused: Callable[..., Result]) -> None:
    """Unclosed inline elements that nest ever deeper (a browser keeps them all open): past 255 levels, refused."""
    (project.root / "unclosed.html").write_text("<p>Deep " + "<span>text " * 300 + "end.</p>", encoding="utf-8")
    refused("translate", "unclosed.html", "--to", "ru", "--engine", "none", where="unclosed.html:1", fragment="nested more than 255 deep")


def test_control_characters_in_text_and_attributes(cli: Cli, project: Project) -> None:
    """lxml parses some characters it then refuses to set (ValueError: All strings must be XML compatible):
    in text that is rebuilt, in a translated attribute, in the attributes of a Content-Type meta and in
    the doctype (the last two found by atheris)."""
    page = project.root / "controls.html"
    page.write_bytes(
        b'<!DOCTYPE html\x05>\n'
        b'<html lang="en"><head><meta http-equiv="Content-Type" content="text/html;\x04 charset=utf-8" c\x04x="1">'
        b"<title>Control\x1c characters</title></head><body>"
        b'<p>First\x01 sentence. Second\x0b one. <img src="a.png" alt="A\x02 photo."></p></body></html>'
    )
    result = cli("translate", page.name, "--to", "ru", "--engine", "none")
    assert result.code == 0 and "Traceback" not in result.err, result.err
    catalog = project.root / "locales/ru/LC_MESSAGES/controls.po"
    po = polib.pofile(str(catalog), wrapwidth=0)
    assert [e.msgid for e in po] == ["Control\ufffd characters", "First\ufffd sentence.", "Second\ufffd one. <1/>", "A\ufffd photo."]
    for entry in po:
        entry.msgstr = "Перевод." + (" <1/>" if "<1/>" in entry.msgid else "")
    po.save(str(catalog))
    built = cli("build", page.name, "--to", "ru")
    assert built.code == 0 and built.err == "", built.err
    html = (project.root / "build/ru/controls.html").read_text(encoding="utf-8")
    assert "charset=utf-8" in html and html.count("Перевод.") == 4
    assert not any(c in html for c in "\x01\x02\x04\x05\x0b\x1c")
    root = parse_document(html)
    assert root.find(".//img").get("alt") == "Перевод."


@pytest.mark.parametrize("page", [b"<!doctypex><title>Odd doctype.</title>", b"<!DOCTYPEx><meta>"], ids=["title", "empty"])
def test_page_that_only_looks_like_a_document(page: bytes, cli: Cli, project: Project) -> None:
    """lxml's fragment parser takes "<!doctypex…" for a whole page, finds no body and fails an assert (atheris)."""
    (project.root / "odd.html").write_bytes(page)
    result = cli("translate", "odd.html", "--to", "ru", "--engine", "none")
    assert result.code == 0 and "Traceback" not in result.err, result.err
    if b"title" in page:
        assert "Odd doctype." in (project.root / "build/ru/odd.html").read_text(encoding="utf-8")

"""Hostile catalogs.

A catalog that cannot be read safely (syntax errors, duplicates, wrong plural
counts, an unknown or lying charset, NUL, binary data) stops translate, build
and check with exit 2 and one line naming the file and line; nothing is
written.  A catalog that reads fine but holds a bad translation (inline codes
missing or invented, HTML markup such as ``<script>``) is not bad input: the
builder keeps the source sentence for that entry and warns (``--strict``:
exit 1), ``check`` reports it under ``codes`` (exit 1), and ``translate``
keeps the translator's text as it is.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import polib
import pytest

from ..conftest import Result
from .conftest import Cli, Project, assert_refused

HEADER_END = '"X-Source-Language: en\\n"\n'
LINKED = "UPM has been a <2>strategic partner</2> of Peter the Great"
HEADING = "Energy research at the centre of the talks"


def _line_of(text: str, needle: str, nth: int = 1) -> int:
    pos = -1
    for _ in range(nth):
        pos = text.index(needle, pos + 1)
    return text.count("\n", 0, pos) + 1


def _append(extra: str, needle: str, nth: int = 1) -> Callable[[bytes], tuple[bytes, int | None]]:
    def edit(data: bytes) -> tuple[bytes, int | None]:
        text = data.decode("utf-8") + extra
        return text.encode("utf-8"), _line_of(text, needle, nth)

    return edit


def _replace(old: str, new: str, *, encoding: str = "utf-8", needle: str | None = None) -> Callable[[bytes], tuple[bytes, int | None]]:
    def edit(data: bytes) -> tuple[bytes, int | None]:
        text = data.decode("utf-8")
        assert old in text
        text = text.replace(old, new, 1)
        return text.encode(encoding), _line_of(text, needle) if needle else None

    return edit


def _cp1251_inside() -> Callable[[bytes], tuple[bytes, int | None]]:
    """The approved Russian msgstr re-encoded as cp1251 in a file that declares UTF-8."""

    def edit(data: bytes) -> tuple[bytes, int | None]:
        word = "Больше мест".encode()
        assert word in data
        return data.replace(word, "Больше мест".encode("cp1251"), 1), _line_of(data.decode("utf-8"), "Больше мест")

    return edit


def _whole(data: bytes) -> Callable[[bytes], tuple[bytes, int | None]]:
    return lambda _old: (data, None)


@dataclass(frozen=True)
class Case:
    id: str
    edit: Callable[[bytes], tuple[bytes, int | None]]
    fragment: str


CASES = [
    Case("syntax-keyword", _append('\nmsgid "Orphan"\nmsg "x"\n', 'msg "x"'), "broken catalog"),
    Case("syntax-unterminated", _append('\nmsgid "Orphan\nmsgstr ""\n', 'msgid "Orphan'), "broken catalog"),
    Case("syntax-msgstr-first", _append('\nmsgstr "x"\n', 'msgstr "x"'), "broken catalog"),
    Case(
        "duplicate",
        _append('\nmsgid "Repeated sentence."\nmsgstr "Один."\n\nmsgid "Repeated sentence."\nmsgstr "Два."\n', 'msgid "Repeated', 2),
        "duplicate message definition; the first is at line",
    ),
    Case(
        "duplicate-of-live-entry",
        _append(f'\nmsgid "{HEADING}"\nmsgstr "Энергетика"\n', f'msgid "{HEADING}"', 2),
        "duplicate message definition",
    ),
    Case(
        "duplicate-obsolete",
        _append('\n#~ msgid "Gone."\n#~ msgstr "Ушло."\n\n#~ msgid "Gone."\n#~ msgstr "Ушло!"\n', '#~ msgid "Gone."', 2),
        "duplicate message definition",
    ),
    Case("msgid-at-end", _append('\nmsgid "Orphan"\n# a comment\n', 'msgid "Orphan"'), "missing 'msgstr' section"),
    Case("obsolete-msgid-at-end", _append('\n#~ msgid "Gone."\n', '#~ msgid "Gone."'), "missing 'msgstr' section"),
    Case("second-header", _append('\nmsgid ""\nmsgstr "Language: es\\n"\n', 'msgid ""', 2), "a second header entry"),
    Case(
        "plural-count",
        _append('\nmsgid "One file"\nmsgid_plural "%d files"\nmsgstr[0] "файл"\nmsgstr[1] "файла"\n', 'msgid "One file"'),
        "2 plural forms, but the header says nplurals=3",
    ),
    Case(
        "plural-order",
        _append('\nmsgid "One file"\nmsgid_plural "%d files"\nmsgstr[0] "файл"\nmsgstr[2] "файлов"\nmsgstr[1] "файла"\n',
                'msgstr[2]'),
        "plural form has wrong index: msgstr[2] after msgstr[0]",
    ),
    Case(
        "plural-gap-obsolete",  # no nplurals check for obsolete entries: the forms were written back as 0, 1
        _append('\n#~ msgid "One file"\n#~ msgid_plural "%d files"\n#~ msgstr[0] "файл"\n#~ msgstr[2] "файлов"\n',
                '#~ msgstr[2]'),
        "plural form has wrong index: msgstr[2] after msgstr[0]",
    ),
    Case(
        "unknown-charset",
        _replace("charset=UTF-8", "charset=X-BOGUS-42", needle="charset=X-BOGUS-42"),
        "the header declares unknown charset 'X-BOGUS-42'",
    ),
    Case(
        "charset-lies-latin1",
        _replace("charset=UTF-8", "charset=ISO-8859-1", needle="charset=ISO-8859-1"),
        "the header declares charset 'ISO-8859-1' but the text is UTF-8",
    ),
    Case(
        "charset-lies-utf8",
        _cp1251_inside(),
        "is not valid utf-8",
    ),
    Case("nul", _replace('msgstr "Больше', 'msgstr "\x00Больше', needle="\x00"), "contains a NUL character"),
    Case("binary", _whole(random.Random(3).randbytes(4096)), "binary data, not a text file"),
]

COMMANDS = {
    "translate": ["translate", "good.html", "--to", "ru", "--engine", "none"],
    "build": ["build", "good.html", "--to", "ru,es"],
    "check": ["check", "locales"],
}


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_unreadable_catalog_is_refused(
    case: Case, command: str, project: Project, refused: Callable[..., Result]
) -> None:
    data, line = case.edit(project.catalog.read_bytes())
    project.catalog.write_bytes(data)
    where = "locales/ru/LC_MESSAGES/good.po" + (f":{line}" if line else "")
    refused(*COMMANDS[command], where=where, fragment=case.fragment)


def test_catalog_that_is_a_directory(project: Project, refused: Callable[..., Result]) -> None:
    project.catalog.unlink()
    project.catalog.mkdir()
    refused("build", "good.html", "--to", "ru", where="locales/ru/LC_MESSAGES/good.po", fragment="is a directory")


def test_msgfmt_agrees_on_the_refusals(project: Project, tmp_path: Path) -> None:
    """Every refusal above that msgfmt can judge, msgfmt -c judges fatal too."""
    import shutil
    import subprocess

    exe = shutil.which("msgfmt")
    assert exe is not None
    original = project.catalog.read_bytes()
    for case in CASES:
        if case.id.startswith(("charset", "unknown-charset", "binary", "nul")):
            continue  # msgfmt only warns about charsets, and takes a raw NUL byte; newsl10n is stricter
        bad = tmp_path / f"{case.id}.po"
        bad.write_bytes(case.edit(original)[0])
        proc = subprocess.run([exe, "-c", "-o", "/dev/null", str(bad)], capture_output=True, check=False)
        assert proc.returncode != 0, case.id


# --- translations that read fine but must not be used -------------------------------------------------------

BAD_TRANSLATIONS = [
    ("code-missing", LINKED, "UPM – стратегический партнёр, <3>одиннадцать гостей</3>.", "code 2 is missing"),
    ("code-invented", LINKED, "UPM – <2>партнёр</2>, <3>гости</3> <9>лишнее</9>.", "unknown code <9>"),
    ("code-unclosed", LINKED, "UPM – <2>партнёр, <3>гости</3>.", "<2> is never closed"),
    ("script", HEADING, "<script>alert(1)</script>Энергетика", "HTML markup is not allowed in a translation, only inline codes: <script>"),
    ("control-char", HEADING, "Энергетика\x01", "control characters: U+0001"),
    ("close-reopen", HEADING, "Энергетика</h2><p>новый абзац", "HTML markup is not allowed in a translation, only inline codes: </h2>, <p>"),
    ("img-onerror", HEADING, "<img src=x onerror=alert(1)>Энергетика", "only inline codes: <img src=x onerror=alert(1)>"),
    ("comment", HEADING, "Энергетика<!-- x -->", "only inline codes: <!--"),
    ("svg-slash-onload", HEADING, "<svg/onload=alert(1)>Энергетика", "only inline codes: <svg/onload=alert(1)>"),
    ("script-slash-src", HEADING, "Энергетика<script/src=//evil.example/x.js>", "only inline codes: <script/src=//evil.example/x.js>"),
    ("rtl-override", HEADING, "Энерг\u202eетика", "control characters: U+202E"),
    ("rtl-isolate", HEADING, "\u2067Энергетика\u2069", "control characters: U+2067, U+2069"),
    ("bidi-marks", HEADING, "Энергетика\u200f\u200e\u061c", "control characters: U+200F, U+200E, U+061C"),
    ("embedding", HEADING, "\u202aЭнергетика\u202c", "control characters: U+202A, U+202C"),
]


def _set_msgstr(catalog: Path, msgid_start: str, msgstr: str) -> int:
    po = polib.pofile(str(catalog), wrapwidth=0)
    entry = next(e for e in po if e.msgid.startswith(msgid_start))
    entry.msgstr = msgstr
    entry.flags = []
    po.save(str(catalog))
    return int(entry.occurrences[0][1])


@pytest.mark.parametrize("case", BAD_TRANSLATIONS, ids=[c[0] for c in BAD_TRANSLATIONS])
def test_bad_translation_is_a_finding_not_a_refusal(case: tuple[str, str, str, str], cli: Cli, project: Project) -> None:
    _id, msgid_start, msgstr, reason = case
    line = _set_msgstr(project.catalog, msgid_start, msgstr)
    catalog_before = project.catalog.read_bytes()

    built = cli("build", "good.html", "--to", "ru")
    assert built.code == 0 and "Traceback" not in built.err
    lines = built.err.splitlines()
    # Named where a translator fixes it: the catalog and the entry's line; then the article's line.
    entry_line = next(e.linenum for e in polib.pofile(str(project.catalog)) if e.msgid.startswith(msgid_start))
    catalog = project.catalog.relative_to(project.root).as_posix()
    assert len(lines) == 1 and lines[0].startswith(f"{catalog}:{entry_line}: warning: translation not used (")
    assert reason in lines[0] and f"; good.html:{line} keeps the source sentence: " in lines[0]
    page = (project.root / "build/ru/good.html").read_text(encoding="utf-8")
    assert "alert(1)" not in page and "новый абзац" not in page and "лишнее" not in page
    source_root = lxml.html.document_fromstring((project.root / "good.html").read_bytes())
    page_root = lxml.html.document_fromstring(page)
    assert [el.tag for el in page_root.iter()] == [el.tag for el in source_root.iter()]  # not one element more or less
    assert cli("build", "good.html", "--to", "ru", "--strict").code == 1

    checked = cli("check", "locales/ru", "--only", "codes")
    assert checked.code == 1 and re.search(r"good\.po:\d+: error\[codes\] ", checked.out), checked.out

    again = cli("translate", "good.html", "--to", "ru", "--engine", "none")
    assert again.code == 0 and reason in again.err
    assert msgstr in project.catalog.read_text(encoding="utf-8")  # the translator's text, kept as it is
    assert project.catalog.read_bytes() == catalog_before


def test_markup_the_source_shows_as_text_is_allowed(cli: Cli, project: Project) -> None:
    page = project.root / "about-html.html"
    page.write_text("<html lang='en'><body><p>Wrap the text in a &lt;div&gt; element.</p></body></html>", encoding="utf-8")
    assert cli("translate", page.name, "--to", "ru", "--engine", "none").code == 0
    catalog = project.root / "locales/ru/LC_MESSAGES/about-html.po"
    _set_msgstr(catalog, "Wrap the text", "Оберните текст в элемент <div>.")
    result = cli("build", page.name, "--to", "ru")
    assert result.code == 0 and result.err == ""
    assert "Оберните текст в элемент &lt;div&gt;." in (project.root / "build/ru/about-html.html").read_text(encoding="utf-8")
    assert cli("check", str(catalog), "--only", "codes").code == 0


def test_plural_entries_a_translator_added_are_kept(cli: Cli, project: Project, msgfmt: Callable[[Path], None]) -> None:
    text = project.catalog.read_text(encoding="utf-8")
    project.catalog.write_text(
        text + '\nmsgid "One file"\nmsgid_plural "%d files"\nmsgstr[0] "%d файл"\nmsgstr[1] "%d файла"\nmsgstr[2] "%d файлов"\n',
        encoding="utf-8",
    )
    assert cli("translate", "good.html", "--to", "ru", "--engine", "none").code == 0
    msgfmt(project.catalog)
    entry = next(e for e in polib.pofile(str(project.catalog)) if e.msgid == "One file")
    assert entry.obsolete and entry.msgstr_plural == {0: "%d файл", 1: "%d файла", 2: "%d файлов"}


def test_header_fields_a_translator_added_are_kept(cli: Cli, project: Project) -> None:
    text = project.catalog.read_text(encoding="utf-8")
    project.catalog.write_text(text.replace(HEADER_END, HEADER_END + '"X-Poedit-Bookmarks: 3,-1\\n"\n', 1), encoding="utf-8")
    (project.root / "good.html").write_text(
        (project.root / "good.html").read_text(encoding="utf-8").replace("Energy research", "Energy studies"), encoding="utf-8"
    )
    assert cli("translate", "good.html", "--to", "ru", "--engine", "none").code == 0
    assert polib.pofile(str(project.catalog)).metadata["X-Poedit-Bookmarks"] == "3,-1"


def test_line_separators_survive_the_round_trip(cli: Cli, project: Project) -> None:
    """U+2028, U+0085 and \\x1c in a sentence: polib's string parser broke lines there and dropped characters."""
    page = project.root / "separators.html"
    page.write_text("<html lang='en'><body><p>One\u2028line. Next\x85here. Odd\x1cone.</p></body></html>", encoding="utf-8")
    assert cli("translate", page.name, "--to", "ru", "--engine", "none").code == 0
    catalog = project.root / "locales/ru/LC_MESSAGES/separators.po"
    _set_msgstr(catalog, "One\u2028line.", "Одна\u2028строка.")
    again = cli("translate", page.name, "--to", "ru", "--engine", "none")
    assert again.code == 0 and "0 new, 0 fuzzy, 0 obsolete, 3 unchanged" in again.out, again.out
    assert "Одна\u2028строка." in (project.root / "build/ru/separators.html").read_text(encoding="utf-8")


def test_assert_refused_rejects_a_traceback() -> None:
    with pytest.raises(AssertionError):
        assert_refused(Result(2, "", "Traceback (most recent call last):\n"), "x", "")

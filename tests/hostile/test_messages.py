"""User text quoted in messages stays on one escaped line (#16.4).

A msgstr with a newline made ``build --strict`` print a second line starting
``::error::INJECTED``, which GitHub Actions runs as a workflow command.  Every
message that quotes user text (msgids, msgstrs, file names, engine output)
goes through ``errors.one_line``.
"""

from __future__ import annotations

import polib
from hypothesis import given
from hypothesis import strategies as st

from .conftest import Cli, Project

INJECTED = "\n::error::INJECTED"


def _poison(project: Project, texts: dict[str, str]) -> None:
    """Give the Russian catalog's entries (found by msgid) these msgstrs."""
    po = polib.pofile(str(project.catalog), wrapwidth=0)
    for msgid, msgstr in texts.items():
        entry = po.find(msgid)
        assert entry is not None, msgid
        entry.msgstr = msgstr
        entry.flags = []
    po.save(str(project.catalog))


def _no_injected_line(text: str) -> None:
    for line in text.splitlines():
        assert not line.lstrip().startswith("::"), line
        assert "\x1b" not in line and "\u202e" not in line, line


def test_build_strict_warnings_stay_on_one_line(cli: Cli, project: Project) -> None:
    _poison(project, {
        "Energy research at the centre of the talks": f"Энергия <img{INJECTED} src=x>",
        "More places for students in both directions": f"Больше <1>{INJECTED}",
        "Higher School of International Educational Programs": "Двойные\x1b[2J \u202e дипломы <b>\r\n::warning::X</b>",
    })
    result = cli("build", "good.html", "--to", "ru", "--strict")
    assert result.code == 1, result.err
    lines = result.err.splitlines()
    assert len(lines) == 3, result.err  # one warning per unusable translation, nothing more
    assert all(line.startswith("locales/ru/LC_MESSAGES/good.po:") and ": warning: translation not used (" in line
               for line in lines), lines
    _no_injected_line(result.err)
    assert "<img\\n::error::INJECTED src=x>" in result.err


def test_check_text_report_stays_one_line_per_field(cli: Cli, project: Project) -> None:
    """A guard: the text report escaped newlines in messages and msgids before; now through the same helper."""
    _poison(project, {"Energy research at the centre of the talks": f"Энергия{INJECTED} <b>x</b>"})
    result = cli("check", "locales", "--format", "text")
    _no_injected_line(result.out)


def test_error_naming_a_file_with_an_escape_sequence(cli: Cli, project: Project) -> None:
    name = "evil\x1b]0;pwned\x07.html"
    (project.root / name).write_text("<p>Hello.</p>", encoding="utf-8")
    result = cli("translate", name, "--to", "ru", "--engine", "none")
    assert result.code == 2
    assert result.err == "newsl10n: error: evil\\x1b]0;pwned\\x07.html: control characters in the file name " \
        "(a newline?) would break the catalog; rename it\n"


def test_glossary_lint_quotes_terms_on_one_line(cli: Cli, project: Project) -> None:
    """A guard: the CSV reader folds whitespace in terms; every printed line also passes ``one_line``."""
    (project.root / "g.csv").write_text('en,ru\n"term\n::error::INJECTED",термин\nterm,\n', encoding="utf-8")
    result = cli("glossary", "lint", "g.csv", "--languages", "en,ru")
    _no_injected_line(result.out + result.err)


@given(st.text())
def test_one_line_is_one_line_utf8_and_stable(text: str) -> None:
    from newsl10n.errors import one_line

    shown = one_line(text)
    assert len(shown.splitlines()) <= 1
    assert "\x1b" not in shown
    shown.encode("utf-8")  # lone surrogates (a file name's bytes) are escaped too
    assert one_line(shown) == shown


def test_errors_escape_path_and_message() -> None:
    from newsl10n.errors import InputError

    error = InputError(f"bad msgstr {INJECTED!s}", path="caf\udce9.po", line=3)
    assert str(error) == "caf\\xe9.po:3: bad msgstr \\n::error::INJECTED"

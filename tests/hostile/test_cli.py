"""Hostile command lines: unknown languages, missing files, outputs that cannot be written (as root too).

Root ignores permission bits, so unwritable outputs are made the ways that
stop root as well: a path whose parent is a regular file, a path under
/proc (the kernel refuses new files there) or under /dev/null, and a page
whose place is taken by a directory.  In each case the article changed
since the earlier run, so there *is* new catalog content to write: the run
must still leave every file as it was (an article's files are staged
together and renamed only when all could be written).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import Result
from .conftest import Cli, Project

TRANSLATE = ["translate", "good.html", "--to", "ru", "--engine", "none"]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["translate", "good.html", "--to", "xx-nope"], "unknown language code 'xx-nope'"),
        (["translate", "good.html", "--to", "ru,qq"], "unknown language code 'qq'"),
        (["translate", "good.html", "--to", ","], "--to needs at least one language"),
        (["translate", "good.html", "--to", "ru", "--from", "zz"], "unknown language code 'zz'"),
        (["translate", "good.html", "--to", "root"], "unknown language code 'root'"),
        (["build", "good.html", "--to", "en-Klingon-QQ"], "unknown language code"),
        (["extract", "good.html", "--from", "../etc/passwd"], "unknown language code"),
        (["translate", "good.html", "--to", "ru", "--beam", "0"], "--beam and --threads must be at least 1"),
        (["translate", "good.html", "--to", "ru", "--engine", "babelfish"], "invalid choice: 'babelfish'"),
        (["check", "locales", "--format", "pdf"], "invalid choice: 'pdf'"),
        (["translate", "good.html"], "the following arguments are required: --to"),
        (["frobnicate"], "invalid choice"),
    ],
    ids=[
        "to-unknown", "to-one-unknown", "to-empty", "from-unknown", "to-root", "build-unknown", "from-path",
        "beam-zero", "engine", "format", "missing-option", "command",
    ],
)
def test_usage_errors(args: list[str], fragment: str, refused: Callable[..., Result]) -> None:
    refused(*args, where=None, fragment=fragment)


@pytest.mark.parametrize(
    ("args", "where", "fragment"),
    [
        (["translate", "missing.html", "--to", "ru"], "missing.html", "no such file"),
        (["translate", "good.html", "nowhere/missing.md", "--to", "ru"], "nowhere/missing.md", "no such file"),
        (["build", "good.html", "--to", "de"], "locales/de/LC_MESSAGES/good.po", "no catalog for de"),
        (["check", "missing.po"], None, "missing.po: no such file or directory"),
        (["translate", "/dev/zero", "--to", "ru"], "/dev/zero", "not a regular file"),
        (["extract", "/proc/self/mem"], "/proc/self/mem", "cannot read"),
    ],
    ids=["article", "article-in-missing-dir", "catalog", "check-path", "dev-zero", "proc-mem"],
)
def test_missing_or_unreadable_input(
    args: list[str], where: str | None, fragment: str, refused: Callable[..., Result]
) -> None:
    refused(*args, where=where, fragment=fragment)


def test_file_name_with_a_newline(project: Project, refused: Callable[..., Result]) -> None:
    """A newline in a name would end the ``#:`` reference line and break the catalog (msgfmt: syntax error)."""
    name = "news\nmsgid x.html"
    (project.root / name).write_text("<p>Hello there.</p>", encoding="utf-8")
    refused("translate", name, "--to", "ru", where="news\\nmsgid x.html", fragment="control characters in the file name")


def test_empty_article_directory(project: Project, refused: Callable[..., Result]) -> None:
    (project.root / "drafts").mkdir()
    refused("translate", "drafts", "--to", "ru", where="drafts", fragment="no articles")


def _change_article(project: Project) -> None:
    page = project.root / "good.html"
    page.write_text(page.read_text(encoding="utf-8").replace("Energy research", "Energy studies"), encoding="utf-8")


@pytest.mark.parametrize(
    ("options", "where", "fragment"),
    [
        (["--out", "good.html/build"], "good.html/build/ru", "cannot create directory"),
        (["--out", "/proc/newsl10n-build"], "/proc/newsl10n-build/ru", "cannot create directory"),
        (["--out", "/dev/null/build"], "/dev/null/build/ru", "cannot create directory"),
        (["--locales", "good.html"], "good.html", "cannot create directory"),
        (["--locales", "/proc/newsl10n-locales"], "/proc/newsl10n-locales", "cannot create directory"),
    ],
    ids=["out-under-a-file", "out-in-proc", "out-under-dev-null", "locales-is-a-file", "locales-in-proc"],
)
def test_unwritable_output_changes_nothing(
    options: list[str], where: str, fragment: str, project: Project, refused: Callable[..., Result]
) -> None:
    _change_article(project)
    refused(*TRANSLATE, *options, where=where, fragment=fragment)


def test_page_whose_place_is_taken_by_a_directory(project: Project, refused: Callable[..., Result]) -> None:
    _change_article(project)
    page = project.root / "build" / "ru" / "good.html"
    page.unlink()
    page.mkdir()
    (page / "keep.txt").write_text("mine", encoding="utf-8")
    refused(*TRANSLATE, where="build/ru/good.html", fragment="is a directory")
    refused("build", "good.html", "--to", "ru", where="build/ru/good.html", fragment="is a directory")


def test_check_report_that_cannot_be_written(project: Project, refused: Callable[..., Result]) -> None:
    refused("check", "locales", "--output", "good.html/report.txt", where="good.html", fragment="cannot create directory")


def test_stale_temporary_files_are_ignored(cli: Cli, project: Project) -> None:
    """A run killed between writing and renaming leaves a hidden temporary file; nothing reads it."""
    stale = project.catalog.parent / ".newsl10n-good.po.x1y2z3.tmp"
    stale.write_text("msgid broken", encoding="utf-8")
    assert cli("check", "locales").code in (0, 1)
    assert cli(*TRANSLATE).code == 0
    assert stale.read_text(encoding="utf-8") == "msgid broken"


def test_output_under_proc_is_refused_even_for_root(tmp_path: Path) -> None:
    """Sanity check of the premise above: creating a folder in /proc fails, whoever we are."""
    with pytest.raises(OSError):
        Path("/proc/newsl10n-build").mkdir()

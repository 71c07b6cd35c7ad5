"""File names: bytes that are not UTF-8 (#16.5), and one article named twice (#16.6).

A latin-1 ``café.html`` crashed ``translate`` and ``extract`` with a
``UnicodeEncodeError`` traceback after earlier articles of the folder were
written.  It is refused now, before anything is read or written: one line
naming the file (its byte escaped), exit 2.  A run is all or nothing, as for
every other bad article; the user renames the file and runs again.

The same article given twice (``a.html a.html``, a folder and a file in it, a
path through a symlinked folder) was processed twice: everything was written,
then the run blamed a translator edit that never happened (exit 2).  Names are
de-duplicated by real path before anything is read.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import Result
from .conftest import Cli, Project

LATIN1 = os.fsdecode(b"caf\xe9.html")  # what Python makes of the name: 'caf\udce9.html'
SHOWN = "caf\\xe9.html"


def _folder_with_a_latin1_name(project: Project) -> Path:
    folder = project.root / "news"
    folder.mkdir()
    shutil.copyfile(project.root / "good.html", folder / "a-good.html")  # sorted first: read before the bad one
    shutil.copyfile(project.root / "good.html", folder / LATIN1)
    return folder


@pytest.mark.parametrize(
    "command",
    [["extract"], ["translate", "--to", "ru", "--engine", "none"], ["build", "--to", "ru"]],
    ids=["extract", "translate", "build"],
)
def test_latin1_file_name_in_a_folder(command: list[str], project: Project, refused: Callable[..., Result]) -> None:
    _folder_with_a_latin1_name(project)
    refused(command[0], "news", *command[1:], where=f"news/{SHOWN}", fragment="the file name is not UTF-8 (byte 0xe9)")


def test_latin1_catalog_name_in_a_checked_folder(project: Project, refused: Callable[..., Result]) -> None:
    shutil.copyfile(project.catalog, project.catalog.parent / os.fsdecode(b"caf\xe9.po"))
    refused("check", "locales", where="locales/ru/LC_MESSAGES/caf\\xe9.po", fragment="the file name is not UTF-8")
    refused("check", "locales", "--format", "json", where="locales/ru/LC_MESSAGES/caf\\xe9.po",
            fragment="the file name is not UTF-8")
    # translate reads every catalog of the language as translation memory
    refused("translate", "good.html", "--to", "ru", "--engine", "none", where="locales/ru/LC_MESSAGES/caf\\xe9.po",
            fragment="the file name is not UTF-8")


@pytest.mark.parametrize(
    "names",
    [
        ["news/a.html", "news/a.html"],
        ["news", "news/a.html"],
        ["news/a.html", "./news/a.html", "linked/a.html"],
        ["linked", "news"],
    ],
    ids=["twice", "folder-and-file", "through-a-symlinked-folder", "symlinked-folder-and-folder"],
)
def test_same_article_twice_is_read_once(names: list[str], cli: Cli, project: Project) -> None:
    (project.root / "news").mkdir()
    shutil.copyfile(project.root / "good.html", project.root / "news" / "a.html")
    (project.root / "linked").symlink_to("news", target_is_directory=True)
    for args in (
        ["extract", *names],
        ["translate", *names, "--to", "ru", "--engine", "none"],
        ["build", *names, "--to", "ru"],
    ):
        result = cli(*args)
        assert result.code == 0, (args, result.err)
        assert result.err == "", result.err
        assert result.out.count("news/a.html: ") == (0 if args[0] == "build" else 1), result.out
    assert (project.root / "locales" / "ru" / "LC_MESSAGES" / "a.po").is_file()
    assert (project.root / "build" / "ru" / "a.html").is_file()


def test_check_reads_a_catalog_once(cli: Cli, project: Project) -> None:
    once = cli("check", "locales", "--format", "json")
    twice = cli("check", "locales", "locales/ru/LC_MESSAGES/good.po", "--format", "json")
    assert twice.out == once.out


def test_glossary_named_twice_is_read_once(cli: Cli, project: Project) -> None:
    from ..conftest import REPO

    shutil.copytree(REPO / "glossary", project.root / "glossary")
    result = cli("glossary", "lint", "glossary", "glossary/spbpu-upm.tbx", "--languages", "en,ru,es")
    assert result.out.splitlines()[-1].split(":")[0].endswith("concepts in 1 files"), result.out

"""Symbolic links (#16.12): a linked catalog or page is written through to its target, the link stays;
a link to nothing is refused; ``--out`` that would put a page on a source article is refused."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import polib

from ..conftest import Result
from .conftest import Cli, Project


def _link_catalog_to_shared(project: Project) -> Path:
    shared = project.root / "shared-catalogs" / "good.po"
    shared.parent.mkdir()
    shutil.move(project.catalog, shared)
    os.symlink(os.path.relpath(shared, project.catalog.parent), project.catalog)
    return shared


def test_a_symlinked_catalog_is_updated_through_the_link(cli: Cli, project: Project) -> None:
    shared = _link_catalog_to_shared(project)
    link_text = os.readlink(project.catalog)
    (project.root / "good.html").write_text(
        (project.root / "good.html").read_text(encoding="utf-8").replace("</body>", "<p>A brand new sentence.</p></body>"),
        encoding="utf-8",
    )
    result = cli("translate", "good.html", "--to", "ru", "--engine", "none")
    assert result.code == 0, result.err
    assert project.catalog.is_symlink() and os.readlink(project.catalog) == link_text  # not detached
    msgids = [e.msgid for e in polib.pofile(str(shared), wrapwidth=0)]
    assert "A brand new sentence." in msgids  # the shared file itself was updated
    entry = polib.pofile(str(shared), wrapwidth=0).find("More places for students in both directions")
    assert entry is not None and entry.msgstr == "Больше мест для студентов в обе стороны"  # translator work kept
    assert not [p for p in shared.parent.iterdir() if p.name != "good.po"]  # no temporary file left


def test_a_symlinked_page_is_written_through_the_link(cli: Cli, project: Project) -> None:
    page = project.root / "build" / "ru" / "good.html"
    published = project.root / "site" / "good.html"
    published.parent.mkdir()
    shutil.move(page, published)
    published.write_text("old", encoding="utf-8")
    os.symlink(published, page)
    assert cli("build", "good.html", "--to", "ru").code == 0
    assert page.is_symlink() and "Больше мест для студентов" in published.read_text(encoding="utf-8")


def test_a_link_to_nothing_is_refused(project: Project, refused: Callable[..., Result]) -> None:
    project.catalog.unlink()
    os.symlink("../../../nowhere/good.po", project.catalog)
    refused(
        "translate", "good.html", "--to", "ru", "--engine", "none",
        where="locales/ru/LC_MESSAGES/good.po", fragment="is a symbolic link to",
    )


def test_out_over_the_source_article_is_refused(project: Project, refused: Callable[..., Result]) -> None:
    article = project.root / "corpus" / "en" / "good.html"
    article.parent.mkdir(parents=True)
    shutil.copyfile(project.root / "good.html", article)
    for command in (["build", "corpus/en/good.html", "--to", "en"], ["translate", "corpus/en/good.html", "--to", "en", "--engine", "none"]):
        refused(*command, "--out", "corpus", where=None, fragment="would replace the source article corpus/en/good.html")

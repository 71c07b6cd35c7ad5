"""Output paths that would land on inputs or on files newsl10n did not write (#16.3).

``check --output`` used to replace the catalog it checked with a report (exit 0);
``--out`` could write pages over the source articles.  Each case now stops
before anything is written, with the refusal contract of this suite.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable

import pytest

from newsl10n.checks.report import FORMATS

from ..conftest import Result
from .conftest import Cli, Project


@pytest.mark.parametrize(
    ("output", "fragment"),
    [
        ("locales/ru/LC_MESSAGES/good.po", "is a file this check reads"),
        ("build/ru/good.html", "is a file this check reads"),
        ("locales/es/LC_MESSAGES/new.po", "would pass for a catalog, article or glossary"),
        ("locales/templates/good.pot", "would pass for a catalog, article or glossary"),
        ("good.html", "would pass for a catalog, article or glossary"),
        ("notes.md", "would pass for a catalog, article or glossary"),
        ("glossary.tbx", "would pass for a catalog, article or glossary"),
        ("locales/ru/report", "a folder of catalogs"),
    ],
    ids=["checked-catalog", "checked-page", "new-catalog-name", "template", "article", "markdown", "glossary",
         "in-locales-without-a-report-name"],
)
def test_check_output_never_takes_an_input_or_a_catalog_place(
    output: str, fragment: str, refused: Callable[..., Result]
) -> None:
    refused("check", "locales", "build", "--output", output, where=output, fragment=fragment)


def test_check_output_over_a_file_it_did_not_write(project: Project, refused: Callable[..., Result]) -> None:
    (project.root / "notes.txt").write_text("my notes, not a report\n", encoding="utf-8")
    (project.root / "package.json").write_text('{"name": "site"}\n', encoding="utf-8")
    refused("check", "locales", "--output", "notes.txt", where="notes.txt", fragment="is not a newsl10n report")
    refused("check", "locales", "--output", "package.json", where="package.json", fragment="is not a newsl10n report")


@pytest.mark.parametrize("fmt", FORMATS)
def test_check_output_replaces_its_own_report_in_every_format(fmt: str, cli: Cli, project: Project) -> None:
    """A report the tool wrote (any format) is replaced by the next run, also inside locales with a report's name."""
    for output in (f"report-{fmt}.txt", "locales/report.json"):
        for again in FORMATS:  # each format's report is recognized, whatever format replaces it
            first = cli("check", "locales", "--format", fmt, "--output", output)
            assert first.code in (0, 1), first.err
            second = cli("check", "locales", "--format", again, "--output", output)
            assert second.code in (0, 1), second.err
            written = (project.root / output).read_text(encoding="utf-8")
            if again == "json":
                assert json.loads(written)["files_checked"] == 2


def test_out_among_the_source_articles(cli: Cli, project: Project, refused: Callable[..., Result]) -> None:
    """corpus/<lang>/<slug>.html: ``--out corpus`` would write the Spanish page over the Spanish source."""
    corpus = project.root / "corpus"
    (corpus / "en").mkdir(parents=True)
    (corpus / "es").mkdir()
    shutil.copyfile(project.root / "good.html", corpus / "en" / "good.html")
    (corpus / "es" / "good.html").write_text("<p>Un artículo escrito en español.</p>", encoding="utf-8")
    for command in (["translate", "corpus/en", "--engine", "none"], ["build", "corpus/en"]):
        refused(*command, "--to", "es", "--out", "corpus", where="corpus", fragment="--out holds corpus/en/good.html")
    refused("translate", "good.html", "--to", "ru", "--engine", "none", "--out", ".", where=".",
            fragment="--out holds good.html")


@pytest.mark.parametrize("out", ["locales", "locales/ru"])
def test_out_inside_the_locales_folder(out: str, refused: Callable[..., Result]) -> None:
    refused("translate", "good.html", "--to", "ru", "--engine", "none", "--out", out, where=out,
            fragment="--out is inside the catalogs folder locales")
    refused("build", "good.html", "--to", "ru", "--out", out, where=out, fragment="--out is inside the catalogs folder")


def test_page_through_a_symlink_to_the_article(project: Project, refused: Callable[..., Result]) -> None:
    """``--out`` names a folder that is, through a link, the one holding the article."""
    (project.root / "pages").symlink_to(project.root, target_is_directory=True)
    refused("build", "good.html", "--to", "ru", "--out", "pages", where="pages", fragment="--out holds good.html")


def test_catalog_linked_to_the_article(project: Project, refused: Callable[..., Result]) -> None:
    """A template that is a link to the article: writing through the link would replace the article."""
    template = project.root / "locales" / "templates" / "good.pot"
    template.unlink()
    template.symlink_to("../../good.html")
    for command in (["extract", "good.html"], ["translate", "good.html", "--to", "ru", "--engine", "none"]):
        refused(*command, where="good.html", fragment="is an article of this run")

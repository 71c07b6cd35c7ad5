"""No silent defaults: -q everywhere, a catalog is not an article, counts that agree, --from for check."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from .conftest import CORPUS, REPO, Result

Cli = Callable[..., Result]
GOLDEN_ES = REPO / "tests" / "golden" / "data" / "locales" / "es" / "LC_MESSAGES" / "summer-school-2024.po"
ARTICLE = CORPUS / "en" / "summer-school-2024.html"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A work folder with a real article and the Spanish catalog newsl10n made for it."""
    shutil.copy(ARTICLE, tmp_path / ARTICLE.name)
    catalog = tmp_path / "locales" / "es" / "LC_MESSAGES" / GOLDEN_ES.name
    catalog.parent.mkdir(parents=True)
    shutil.copy(GOLDEN_ES, catalog)
    return tmp_path


@pytest.mark.parametrize(
    "args",
    [
        ["check", "-q"],
        ["-q", "check"],
        ["check", "--quiet", "locales"],
        ["extract", "-q", ARTICLE.name],
        ["build", ARTICLE.name, "--to", "es", "-q"],
        ["translate", ARTICLE.name, "--to", "es", "--engine", "none", "-q"],
        ["glossary", "lint", "-q", str(REPO / "glossary")],
        ["models", "list", "-q"],
        ["-q", "models", "list"],
    ],
    ids=lambda a: " ".join(a[:3]),
)
def test_quiet_is_accepted_by_every_command(cli: Cli, project: Path, args: list[str]) -> None:
    result = cli(*args)
    assert result.code in (0, 1), result.err
    if "check" in args or "lint" in args:
        assert not re.search(r"(catalogs?|files): \d+ errors|in \d+ catalogs?$|no problems found", result.out)


def test_check_quiet_prints_only_the_findings(cli: Cli, project: Path) -> None:
    loud = cli("check", "--only", "untranslated,fuzzy")
    quiet = cli("check", "--only", "untranslated,fuzzy", "-q")
    assert loud.out.splitlines()[:-1] == quiet.out.splitlines()
    assert loud.out.splitlines()[-1].endswith("in 1 catalog")


@pytest.mark.parametrize("name", ["article.po", "template.pot", "terms.tbx"])
def test_extract_refuses_a_catalog_given_as_an_article(cli: Cli, project: Path, name: str) -> None:
    shutil.copy(GOLDEN_ES, project / name)
    result = cli("extract", name)
    assert result.code == 2
    assert len(result.err.splitlines()) == 1 and result.err.startswith(f"newsl10n: error: {name}: a ")
    assert "not an article (articles are .html" in result.err
    assert not (project / "locales" / "templates").exists()


def test_counts_agree_between_extract_and_build(cli: Cli, project: Path) -> None:
    """The title and the h1 are one entry and two sentences: every command names what it counts."""
    extracted = cli("extract", ARTICLE.name)
    m = re.search(r": (\d+) sentences, (\d+) entries \(en\)", extracted.out)
    assert m is not None, extracted.out
    sentences, entries = int(m.group(1)), int(m.group(2))
    assert entries == len(polib.pofile(str(project / "locales" / "templates" / "summer-school-2024.pot"))) < sentences
    built = cli("build", ARTICLE.name, "--to", "es")
    total = re.search(r": \d+/(\d+) sentences translated", built.out)
    assert total is not None and int(total.group(1)) == sentences
    translated = cli("translate", ARTICLE.name, "--to", "es", "--engine", "none")
    assert f": {sentences} sentences, {entries} entries (en)" in translated.out


def test_check_from_for_a_catalog_without_source_header(cli: Cli, tmp_path: Path) -> None:
    po = polib.POFile(wrapwidth=0)
    po.metadata = {"Language": "ru", "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit"}
    po.append(polib.POEntry(msgid="SPbPU, UPM", msgstr="СПбПУ, UPM"))
    path = tmp_path / "locales" / "ru" / "LC_MESSAGES" / "other-tool.po"
    path.parent.mkdir(parents=True)
    po.save(str(path))
    unknown = cli("check", "--glossary", REPO / "glossary")
    assert unknown.code == 1
    assert "locales/ru/LC_MESSAGES/other-tool.po: error[language] source language unknown" in unknown.out
    given = cli("check", "--glossary", REPO / "glossary", "--from", "en")
    assert "error[term-missing] term 'UPM'" in given.out and "[language]" not in given.out
    bad = cli("check", "--from", "xx-nonsense")
    assert bad.code == 2 and "xx-nonsense" in bad.err


def test_check_scope_flags_that_contradict_each_other_are_refused(cli: Cli, project: Path) -> None:
    result = cli("check", "--approved-only", "--include-stale")
    assert result.code == 2 and "--approved-only and --include-stale" in result.err
    assert cli("check", "--approved-only", "--include-fuzzy").code == 2  # argparse: not allowed with

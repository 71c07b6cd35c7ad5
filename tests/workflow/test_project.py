"""The workflow through the public API: results before writing, one parse and one catalog read per run,
one run with several outcomes, and what it says when it chooses by default."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from newsl10n import Project
from newsl10n.errors import BusyError

from ..conftest import REPO, Result

ARTICLE = REPO / "corpus" / "en" / "upm-delegation-visit.html"
RUSSIAN = REPO / "corpus" / "ru" / "vizit-delegatsii-upm.html"
apertium = pytest.mark.skipif(shutil.which("apertium") is None, reason="needs Debian's apertium and apertium-eng-spa")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    shutil.copytree(REPO / "glossary", tmp_path / "glossary")
    (tmp_path / "corpus").mkdir()
    shutil.copy(ARTICLE, tmp_path / "corpus")
    shutil.copy(RUSSIAN, tmp_path / "corpus")
    yield tmp_path


def files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_nothing_is_written_until_asked(project: Path) -> None:
    before = files(project)
    result = Project(engine="none").translate(["corpus/upm-delegation-visit.html"], to=["ru", "es"])
    assert files(project) == before  # a preview
    assert [(c.lang, c.path.as_posix()) for a in result.articles for c in a.catalogs] == [
        ("ru", "locales/ru/LC_MESSAGES/upm-delegation-visit.po"), ("es", "locales/es/LC_MESSAGES/upm-delegation-visit.po")
    ]
    assert all(len(c.catalog) == result.articles[0].entries for c in result.articles[0].catalogs)
    assert [p.path.as_posix() for p in result.pages] == ["build/ru/upm-delegation-visit.html",
                                                          "build/es/upm-delegation-visit.html"]
    assert result.problems == [] and result.notes == []
    written = result.write()
    assert sorted(p.as_posix() for p in written) == sorted(o.path.as_posix() for o in result.outputs.files)
    assert set(files(project)) - set(before) == {p.as_posix() for p in written}
    assert result.write() == []  # unchanged: nothing rewritten


def test_each_article_is_parsed_once_per_run(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: 2 + N parses per article (validate, extract, one build per language)."""
    from newsl10n.formats import html

    parsed: list[str] = []
    real = html.parse_html

    def counting(text: str, *, path: str, line_map: list[int] | None = None) -> html.ParsedHtml:
        parsed.append(path)
        return real(text, path=path, line_map=line_map)

    monkeypatch.setattr(html, "parse_html", counting)
    Project(engine="none").translate(["corpus"], to=["ru", "es", "fr"]).write()
    assert sorted(parsed) == ["corpus/upm-delegation-visit.html", "corpus/vizit-delegatsii-upm.html"]
    parsed.clear()
    Project().build(["corpus"], to=["es", "fr"]).write()
    assert sorted(parsed) == ["corpus/upm-delegation-visit.html", "corpus/vizit-delegatsii-upm.html"]


def test_each_catalog_is_read_once_per_run(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: a target catalog was read for merging and again for the translation memory."""
    from newsl10n import fsio

    Project(engine="none").translate(["corpus"], to=["es"]).write()
    read: list[str] = []
    real = fsio.read_bytes

    def counting(path: Path, **kwargs: object) -> bytes:
        if path.suffix == ".po":
            read.append(path.as_posix())
        return real(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(fsio, "read_bytes", counting)
    Project(engine="none").translate(["corpus"], to=["es"]).write()
    assert sorted(read) == ["locales/es/LC_MESSAGES/upm-delegation-visit.po",
                            "locales/es/LC_MESSAGES/vizit-delegatsii-upm.po"]


def test_the_term_matcher_is_asked_once_per_msgid(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: once for the template and once more for every target language."""
    from newsl10n.glossary.match import TermMatcher

    asked: list[str] = []
    real = TermMatcher.find

    def counting(self: TermMatcher, text: str, **kwargs: object) -> object:
        asked.append(text)
        return real(self, text, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(TermMatcher, "find", counting)
    result = Project(engine="none").translate(["corpus/upm-delegation-visit.html"], to=["ru", "es", "fr"])
    assert len(asked) == len(set(asked)) == result.articles[0].entries


@apertium
def test_one_run_several_outcomes(project: Path, cli: Callable[..., Result]) -> None:
    """--to es,ru --engine apertium: Spanish is translated, Russian (no Apertium pair in Debian) is one line."""
    result = cli("translate", "corpus", "--to", "es,ru", "--engine", "apertium")
    assert result.code == 2
    problems = [line for line in result.err.splitlines() if line.startswith("newsl10n: not translated:")]
    assert problems == [
        ("newsl10n: not translated: corpus/upm-delegation-visit.html → ru: Apertium has no en→ru mode, "
        "and Debian has no Apertium package for en→ru"),
        ("newsl10n: not translated: corpus/vizit-delegatsii-upm.html → es: Apertium has no ru→es mode, "
        "and Debian has no Apertium package for ru→es"),
    ]
    assert files(project / "locales") == ["es/LC_MESSAGES/upm-delegation-visit.po",
                                            "templates/upm-delegation-visit.pot",
                                            "templates/vizit-delegatsii-upm.pot"]
    assert "machine-translated" in result.out and "already in ru" in result.out
    assert "apertium-eng-rus" not in result.err and "apertium-rus-spa" not in result.err


def test_an_article_that_cannot_be_translated_at_all_writes_nothing(project: Path) -> None:
    result = Project(engine="argos", models_dir=project / "no-models").translate(
        ["corpus/upm-delegation-visit.html"], to="ru"
    )
    assert [str(p) for p in result.problems] == [
        (f"corpus/upm-delegation-visit.html → ru: no Argos package for en→ru in {project / 'no-models'}; "
        "run `newsl10n models install en ru`")
    ]
    assert result.write() == [] and not (project / "locales").exists()


def test_no_glossary_is_said(project: Path, cli: Callable[..., Result]) -> None:
    shutil.rmtree(project / "glossary")
    said = "no glossary (./glossary not found; --glossary PATH)"
    assert said in cli("translate", "corpus", "--to", "es", "--engine", "none").out
    assert Project().translate(["corpus"], to="es").notes == [said]
    assert said not in cli("translate", "corpus", "--to", "es", "--engine", "none", "--no-glossary").out
    assert Project(glossary=[]).translate(["corpus"], to="es").notes == []


def test_a_session_holds_the_lock_between_reading_and_writing(project: Path) -> None:
    from newsl10n.fsio import locked_dir

    with Project(engine="none").session() as proj:
        result = proj.translate(["corpus"], to="es")
        with pytest.raises(BusyError), locked_dir(project / "locales"):
            pass  # another process would be refused
        result.write()
    with locked_dir(project / "locales"):
        pass  # released


def test_check_and_lint_through_the_api(project: Path) -> None:
    Project(engine="none").translate(["corpus"], to="es").write()
    checked = Project().check(include_fuzzy=True)
    assert checked.files == ["locales/es/LC_MESSAGES/upm-delegation-visit.po",
                             "locales/es/LC_MESSAGES/vizit-delegatsii-upm.po"]
    assert {f.code for f in checked.findings} >= {"untranslated"}
    lint = Project().lint_glossary(languages=["en", "ru", "es"])
    assert lint.summary().startswith("71 concepts in 1 files: 0 errors")


def test_markdown_beside_its_source_through_the_api(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader registry reads a Markdown document; the workflow writes Markdown where the layout says."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "post-a").mkdir()
    (tmp_path / "post-a" / "index.md").write_text("---\ntitle: A visit\n---\n\n# Title\n\nFirst post.\n", encoding="utf-8")
    result = Project(engine="none", glossary=[], layout="hugo-name").translate(["post-a/index.md"], to="es")
    [page] = result.pages
    assert page.path == Path("post-a/index.es.md")
    assert not page.path.exists()  # nothing written until asked
    result.write()
    text = page.path.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: A visit\n---\n") and "First post." in text and "<p>" not in text
    assert (tmp_path / "locales" / "es" / "LC_MESSAGES" / "post-a.po").is_file()
    # The page written beside the source is not an article of the next run, and is not replaced by it if edited.
    assert [a.shown for a in Project().articles(["post-a"], to="es")] == ["post-a/index.md"]
    page.path.write_text("hand-made\n", encoding="utf-8")
    with pytest.raises(Exception, match="was not written by newsl10n"):
        Project(engine="none", glossary=[], layout="hugo-name").translate(["post-a"], to="es")
    assert Project(engine="none", glossary=[], markdown_html=True).build(["post-a/index.md"], to="es").pages[
        0
    ].path == Path("build/es/index.html")


def test_tmx_memory_through_the_api(project: Path) -> None:
    """``Project(tm=[...])``: a TMX pair fills an exact match, its origin naming the file."""
    from newsl10n.formats.po import parse_po

    Project(engine="none").translate(["corpus/upm-delegation-visit.html"], to="es").write()
    catalog_path = project / "locales" / "es" / "LC_MESSAGES" / "upm-delegation-visit.po"
    first = next(e for e in parse_po(catalog_path.read_bytes(), path="x.po").entries if e.msgid and not e.msgctxt)
    (project / "memory.tmx").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1" '
        'segtype="sentence" o-tmf="po" adminlang="en" srclang="en" datatype="plaintext"/><body>'
        f'<tu><tuv xml:lang="en"><seg>{first.msgid}</seg></tuv><tuv xml:lang="es"><seg>Hecho.</seg></tuv></tu>'
        "</body></tmx>\n",
        encoding="utf-8",
    )
    catalog_path.unlink()
    result = Project(engine="none", tm=["memory.tmx"]).translate(["corpus/upm-delegation-visit.html"], to="es")
    [update] = result.articles[0].catalogs
    entry = next(e for e in update.catalog.entries if e.msgid == first.msgid and e.msgctxt == first.msgctxt)
    assert entry.msgstr == "Hecho." and entry.origin.source.startswith("memory.tmx:")

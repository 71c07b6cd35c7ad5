"""translate(..., write=True), what the command line runs: files written batch by batch as the run goes,
so that what the run holds does not grow with the number of articles, and still nothing written when an
article is bad."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsl10n import Project
from newsl10n.engines.registry import ENGINES
from newsl10n.errors import InputError
from newsl10n.formats.po import parse_po
from newsl10n.workflow import translation
from newsl10n.workflow.results import Outputs

from ..conftest import REPO
from .test_plugins import ShoutEngine, shout_factory

ARTICLES = sorted((REPO / "corpus" / "en").glob("*.html"))[:5]
BATCH = 2


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setattr(translation, "ARTICLES_PER_BATCH", BATCH)
    (tmp_path / "corpus").mkdir()
    for article in ARTICLES:
        shutil.copy(article, tmp_path / "corpus")
    yield tmp_path


def files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The files of each call to Outputs.write, and (checked there) how many articles' files the run held."""
    calls: list[list[str]] = []
    real = Outputs.write

    def spy(self: Outputs) -> list[Path]:
        calls.append([out.path.as_posix() for out in self.files])
        return real(self)

    monkeypatch.setattr(Outputs, "write", spy)
    return calls


@pytest.fixture
def shout(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The "shout" engine registered; yields the number of segments of each call to it."""
    calls: list[int] = []
    real = ShoutEngine.translate_batch

    def counted(self: ShoutEngine, segments: list[str], src: str, tgt: str) -> list[str]:
        calls.append(len(segments))
        return real(self, segments, src, tgt)

    monkeypatch.setattr(ShoutEngine, "translate_batch", counted)
    ENGINES.register("shout", shout_factory, help="upper case, for tests")
    try:
        yield calls
    finally:
        ENGINES.unregister("shout")


def test_with_an_engine_a_batch_goes_to_it_at_once_then_its_articles_are_written(
    project: Path, writes: list[list[str]], shout: list[int]
) -> None:
    result = Project(engine="shout", glossary=[], source_lang="en").translate(["corpus"], to=["ru"], write=True)
    assert len(shout) == 3  # batches of 2, 2 and 1 articles: one engine call each
    assert len(writes) == 5 and all(len(call) == 3 for call in writes), writes  # template, catalog, page
    assert len(result.written) == 15 and result.outputs.files == []
    catalog = parse_po((project / "locales/ru/LC_MESSAGES" / f"{ARTICLES[-1].stem}.po").read_bytes(), path="ru.po")
    shouted = [e for e in catalog.entries if e.msgstr and e.msgstr != e.msgid and e.msgstr == e.msgstr.upper()]
    assert len(shouted) > len(catalog.entries) // 2


def test_with_an_engine_a_bad_article_in_a_later_batch_stops_the_run_before_anything_is_written(
    project: Path, writes: list[list[str]], shout: list[int]
) -> None:
    (project / "corpus" / "zz-last.html").write_text("<html><body>" + "<div>" * 300 + "Deep.</body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="zz-last.html"):
        Project(engine="shout", glossary=[], source_lang="en").translate(["corpus"], to=["ru"], write=True)
    assert writes == [] and shout == [] and not (project / "locales").exists()


def test_files_are_written_article_by_article_and_not_kept(project: Path, writes: list[list[str]]) -> None:
    assert len(ARTICLES) == 5
    result = Project(engine="none", glossary=[]).translate(["corpus"], to=["ru", "es"], write=True)
    # with no engine each article is finished at once: one write per article, each with its template, its
    # two catalogs and its two pages, and never more than one article's files held
    assert len(writes) == 5 and all(len(call) == 5 for call in writes), writes
    assert result.outputs.files == []
    assert sorted(p.as_posix() for p in result.written) == [f for f in files(project) if not f.startswith("corpus/")]
    assert len(result.written) == 25
    # the summary the command line prints is kept; the texts and catalogs are on disk, not in memory
    assert [len(a.catalogs) for a in result.articles] == [2] * 5 and [len(a.pages) for a in result.articles] == [2] * 5
    assert all(c.catalog is None for a in result.articles for c in a.catalogs)
    assert all(p.built.html == "" and p.built.total > 0 for p in result.pages)


def test_the_same_files_as_a_run_that_writes_at_the_end(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    Project(engine="none", glossary=[]).translate(["corpus"], to=["ru"], write=True)
    streamed = {f: (project / f).read_bytes() for f in files(project)}
    for folder in ("locales", "build"):
        shutil.rmtree(project / folder)
    Project(engine="none", glossary=[]).translate(["corpus"], to=["ru"]).write()
    assert {f: (project / f).read_bytes() for f in files(project)} == streamed


def test_without_write_everything_is_kept_for_the_caller(project: Path, writes: list[list[str]]) -> None:
    result = Project(engine="none", glossary=[]).translate(["corpus"], to=["ru"])
    assert writes == [] and len(result.outputs.files) == 15 and result.written == []
    assert all(p.built.html for p in result.pages) and all(c.catalog for a in result.articles for c in a.catalogs)


@pytest.mark.parametrize(
    "bad",
    [
        "<html><body>" + "<div>" * 300 + "Deep.</body></html>",  # unreadable: too deep
        # readable, but the writer refuses it (nested forms in MathML): found before anything is written
        "<p>News.</p><form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
    ],
    ids=["unreadable", "refused-by-the-writer"],
)
def test_a_bad_article_in_the_last_batch_stops_the_run_before_anything_is_written(
    project: Path, writes: list[list[str]], bad: str
) -> None:
    (project / "corpus" / "zz-last.html").write_text(bad, encoding="utf-8")
    before = files(project)
    with pytest.raises(InputError, match="zz-last.html"):
        Project(engine="none", glossary=[], source_lang="en").translate(["corpus"], to=["ru"], write=True)
    assert writes == [] and files(project) == before


def test_a_refused_page_in_the_first_batch_stops_it_before_it_writes(project: Path, writes: list[list[str]]) -> None:
    (project / "corpus" / "aa-first.html").write_text(
        "<p>News.</p><form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>", encoding="utf-8"
    )
    with pytest.raises(InputError, match="aa-first.html"):
        Project(engine="none", glossary=[], source_lang="en").translate(["corpus"], to=["ru"], write=True)
    assert writes == []

"""``translate -j 2``: articles planned and built on forked workers, MT and writing in the parent; the same bytes
and the same lines as one process, the same all-or-nothing on a bad article, and a translator's edit kept."""

from __future__ import annotations

import dataclasses
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from bench import corpus

from newsl10n.catalog_model import HUMAN
from newsl10n.formats.po import generate_po, parse_po
from newsl10n.workflow import forked, parallel, steps, translation
from newsl10n.workflow.inputs import Article
from newsl10n.workflow.steps import Planned

from ..conftest import REPO, Result
from ..golden.corpus_run import prepare, runs

COUNT = parallel.MIN_ITEMS_FOR_WORKERS + 4


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def planned_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[], set[int]]]:
    """The processes that planned articles (each appends its pid to a file: a worker's memory is its own)."""
    log = tmp_path / "planned-in.txt"
    real = steps.plan_article

    def logged(*args: object, **kwargs: object) -> object:
        with log.open("a", encoding="ascii") as f:
            f.write(f"{os.getpid()}\n")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(forked, "plan_article", logged)
    yield lambda: {int(line) for line in log.read_text(encoding="ascii").split()} if log.exists() else set()


def test_the_corpus_gives_the_same_bytes_and_lines_on_one_or_two_processes(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, planned_in: Callable[[], set[int]],
    msgfmt: Callable[[Path], None],
) -> None:
    """Apertium and no engine, as the golden copy runs them (workers even for 5 articles; the Argos run is left
    out for time: its engine runs in the parent, as Apertium's does)."""
    monkeypatch.setattr(parallel, "MIN_ITEMS_FOR_WORKERS", 2)
    got: dict[str, tuple[dict[str, bytes], list[tuple[int, str, str]]]] = {}
    for jobs in ("1", "2"):
        work = tmp_path / f"j{jobs}"
        work.mkdir()
        prepare(work, lambda models: None)
        monkeypatch.chdir(work)
        printed = []
        # Markdown pages beside their sources too (written at the end, all together, by the guarded writer).
        markdown = [["translate", "corpus/md/hugo", "--to", "es,ru", "--engine", "none", "--layout", "hugo-dir"]]
        for args in [*runs(), *markdown]:
            if args[0] == "translate" and "argos" not in args:
                r = cli(*args, "-j", jobs)
                printed.append((r.code, r.out, r.err))
            elif args[0] == "extract":
                assert cli(*args).code == 0
        got[jobs] = (_tree(work), printed)
        workers = planned_in()  # -j 1 plans in this process, without the forked steps
        assert (workers and os.getpid() not in workers) if jobs == "2" else not workers, workers
    assert got["1"] == got["2"]
    files, printed = got["2"]
    assert [code for code, _, _ in printed] == [0, 0, 0] and all(out for _, out, _ in printed)
    catalogs = [name for name in files if name.startswith("locales/") and name.endswith(".po")]
    assert len(catalogs) == 7 + 5, catalogs  # en→es 5, ru→en,es 2; Markdown: 2 en→es,ru, 1 ru→es
    assert "corpus/md/hugo/content/es/posts/erasmus-open-day/index.md" in files
    for po in sorted((tmp_path / "j2" / "locales").rglob("*.po")):
        msgfmt(po)


@pytest.fixture
def articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(translation, "ARTICLES_PER_BATCH", 4)  # several batches, each written before the next
    folder = tmp_path / "news"
    corpus.write_corpus(folder, COUNT)
    return folder


def test_several_batches_with_an_engine_give_the_same_bytes_on_one_or_two_processes(
    articles: Path, tmp_path: Path, cli: Callable[..., Result], planned_in: Callable[[], set[int]]
) -> None:
    """Batches of 4: the workers, forked once, plan and build every batch; Apertium runs between, in the parent."""
    printed = []
    for jobs in ("1", "2"):
        r = cli("translate", articles, "--to", "es", "--engine", "apertium", "--locales", f"loc{jobs}", "--out",
                f"out{jobs}", "-j", jobs)
        assert r.code == 0, r.err
        printed.append(r.out.replace(f"loc{jobs}/", "LOC/").replace(f"out{jobs}/", "OUT/"))
    assert printed[0] == printed[1] and printed[0].count("sentences translated") == COUNT
    assert _tree(tmp_path / "loc1") == _tree(tmp_path / "loc2") and _tree(tmp_path / "out1") == _tree(tmp_path / "out2")
    assert len(_tree(tmp_path / "out2")) == COUNT and planned_in() and os.getpid() not in planned_in()


def _break(path: Path) -> None:
    path.write_text("<html><body>" + "<div>" * 300 + "Deep.</body></html>", encoding="utf-8")


def test_a_broken_article_stops_a_two_process_run_before_anything_is_written(
    articles: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    pages = sorted(articles.glob("*.html"))
    _break(pages[0])  # in the first batch (of one article, without an engine)
    _break(pages[COUNT - 3])  # in a later one: one process checks the later batches first, and says this one
    errors = []
    for jobs in ("1", "2"):
        r = cli("translate", articles, "--to", "ru,es", "--engine", "none", "--no-glossary", "-j", jobs)
        assert r.code == 2 and len(r.err.splitlines()) == 1 and "nested more than 255 deep" in r.err, r.err
        assert not (tmp_path / "locales").exists() and not (tmp_path / "build").exists()
        errors.append(r.err)
    assert errors[0] == errors[1]
    assert errors[1].startswith(f"newsl10n: error: {pages[COUNT - 3].relative_to(tmp_path)}:1: "), errors[1]


def test_a_translators_edit_survives_a_two_process_run(
    tmp_path: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch,
    planned_in: Callable[[], set[int]], msgfmt: Callable[[Path], None],
) -> None:
    monkeypatch.setattr(parallel, "MIN_ITEMS_FOR_WORKERS", 2)  # workers for the corpus's 5 articles
    articles = tmp_path / "news"
    shutil.copytree(REPO / "corpus" / "en", articles)
    run = ("translate", articles, "--to", "es", "--engine", "apertium", "--no-glossary", "-q", "-j", "2")
    assert cli(*run).code == 0
    path = tmp_path / "locales" / "es" / "LC_MESSAGES" / "summer-school-2024.po"
    catalog = parse_po(path.read_bytes(), path=str(path))
    entry = next(e for e in catalog.entries if e.msgstr and e.fuzzy and "<" not in e.msgid)
    edited = dataclasses.replace(entry, msgstr="Corrección del traductor", fuzzy=False, origin=HUMAN)
    entries = tuple(edited if e is entry else e for e in catalog.entries)
    path.write_text(generate_po(dataclasses.replace(catalog, entries=entries)), encoding="utf-8")
    page = articles / "summer-school-2024.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", "<p>A new line.</p></body>"), encoding="utf-8")
    r = cli(*run)
    assert r.code == 0, r.err
    assert planned_in() and os.getpid() not in planned_in()
    again = parse_po(path.read_bytes(), path=str(path))
    kept = next(e for e in again.entries if e.msgid == entry.msgid)
    assert kept.msgstr == "Corrección del traductor" and not kept.fuzzy
    assert any(e.msgid == "A new line." and e.msgstr for e in again.entries)  # the run did translate
    assert "Corrección del traductor" in (tmp_path / "build" / "es" / "summer-school-2024.html").read_text(encoding="utf-8")
    msgfmt(path)


def test_jobs_and_cluster_exclude_each_other(cli: Callable[..., Result]) -> None:
    r = cli("translate", REPO / "corpus" / "en", "--to", "es", "--cluster", "local:2", "-j", "2")
    assert r.code == 2 and r.err == "newsl10n: error: --jobs and --cluster exclude each other (--cluster local:N runs N worker processes)\n"


def test_a_dead_worker_stops_the_run_with_the_batches_before_it_written_whole(
    articles: Path, tmp_path: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = steps.plan_article

    def dies_on_the_tenth(article: Article, *args: Any, **kwargs: Any) -> Planned:
        if article.path.name == "news-00010.html":
            os._exit(3)  # as if killed or out of memory, in the third batch of 4
        return real(article, *args, **kwargs)

    monkeypatch.setattr(forked, "plan_article", dies_on_the_tenth)
    r = cli("translate", articles, "--to", "es", "--engine", "none", "--no-glossary", "-j", "2")
    assert r.code == 2 and r.err == f"newsl10n: error: {forked.DIED}\n", r.err
    pages = sorted(p.name for p in (tmp_path / "build" / "es").iterdir())
    assert pages == [f"news-{n:05d}.html" for n in range(1, 9)]  # two batches of 4, whole; nothing after
    assert len(list((tmp_path / "locales" / "es" / "LC_MESSAGES").iterdir())) == 8

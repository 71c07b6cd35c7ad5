"""extract and build on several processes: same bytes as one process, same all-or-nothing on errors."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from bench import corpus

from newsl10n.errors import InputError
from newsl10n.workflow.parallel import MIN_ITEMS_FOR_WORKERS, run_stage

from .conftest import Result

REPO = Path(__file__).resolve().parent.parent
COUNT = MIN_ITEMS_FOR_WORKERS + 4


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _pid(_item: int) -> int:
    return os.getpid()


def _fail_on_seven(item: int) -> int:
    if item == 7:
        raise InputError("seven is broken", path=f"article-{item}.html", line=3)
    return item * 2


def test_run_stage_uses_workers_and_keeps_order() -> None:
    assert run_stage(lambda i: i * i, list(range(COUNT)), jobs=2) == [i * i for i in range(COUNT)]
    pids = set(run_stage(_pid, list(range(COUNT)), jobs=2))
    assert pids and os.getpid() not in pids
    assert set(run_stage(_pid, list(range(COUNT)), jobs=1)) == {os.getpid()}
    assert set(run_stage(_pid, list(range(3)), jobs=2)) == {os.getpid()}  # too few to be worth a worker


def test_run_stage_raises_the_workers_error_with_its_place() -> None:
    with pytest.raises(InputError) as info:
        run_stage(_fail_on_seven, list(range(COUNT)), jobs=2)
    assert str(info.value) == "article-7.html:3: seven is broken"


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    corpus.write_corpus(folder, COUNT)
    return folder


def test_extract_and_build_give_the_same_bytes_on_one_or_two_processes(
    articles: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    glossary = REPO / "glossary"
    for jobs in ("1", "2"):
        r = cli("extract", articles, "--from", "en", "--glossary", glossary, "--locales", f"loc{jobs}", "-q", "-j", jobs)
        assert r.code == 0, r.err
    one, two = _tree(tmp_path / "loc1"), _tree(tmp_path / "loc2")
    assert len(one) == COUNT and one == two
    for jobs in ("1", "2"):
        templates = tmp_path / f"loc{jobs}" / "templates"
        target = tmp_path / f"loc{jobs}" / "ru" / "LC_MESSAGES"
        target.mkdir(parents=True)
        for pot in templates.glob("*.pot"):
            (target / (pot.stem + ".po")).write_bytes(pot.read_bytes())
        r = cli("build", articles, "--to", "ru", "--locales", f"loc{jobs}", "--out", f"out{jobs}", "-q", "-j", jobs)
        assert r.code == 0, r.err
    pages1, pages2 = _tree(tmp_path / "out1"), _tree(tmp_path / "out2")
    assert len(pages1) == COUNT and pages1 == pages2


def test_a_broken_article_stops_a_parallel_extract_before_anything_is_written(
    articles: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    broken = sorted(articles.glob("*.html"))[COUNT - 3]
    broken.write_text("<html><body>" + "<div>" * 300 + "Deep.</body></html>", encoding="utf-8")  # found by a worker
    r = cli("extract", articles, "--from", "en", "--no-glossary", "--locales", "loc", "-j", "2")
    assert r.code == 2 and len(r.err.splitlines()) == 1 and "nested more than 255 deep" in r.err, r.err
    assert r.err.startswith(f"newsl10n: error: {broken.relative_to(tmp_path)}:1: "), r.err
    assert not (tmp_path / "loc").exists()


def test_a_missing_catalog_stops_a_parallel_build_before_any_page_is_written(
    articles: Path, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    assert cli("extract", articles, "--from", "en", "--no-glossary", "--locales", "loc", "-q").code == 0
    target = tmp_path / "loc" / "ru" / "LC_MESSAGES"
    target.mkdir(parents=True)
    pots = sorted((tmp_path / "loc" / "templates").glob("*.pot"))
    for pot in pots[:-1]:
        (target / (pot.stem + ".po")).write_bytes(pot.read_bytes())
    r = cli("build", articles, "--to", "ru", "--locales", "loc", "--out", "out", "-j", "2")
    assert r.code == 2 and f"{pots[-1].stem}.po: no catalog for ru" in r.err, r.err
    assert not (tmp_path / "out").exists()


def test_jobs_must_be_positive(articles: Path, cli: Callable[..., Result]) -> None:
    r = cli("extract", articles, "--no-glossary", "-j", "0")
    assert r.code == 2 and "--jobs must be at least 1" in r.err


_SLOW_STAGE = """
import os, sys, time
from newsl10n.workflow.parallel import run_stage

def stage(item):
    sys.stdout.write(f"{os.getpid()}\\n")  # one write: two workers' lines never interleave
    sys.stdout.flush()
    time.sleep(60)

run_stage(stage, list(range(20)), jobs=2)
"""


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\\nState:\\tZ" not in status  # a zombie waiting for a reaper is dead


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_workers_die_with_a_killed_parent() -> None:
    parent = subprocess.Popen([sys.executable, "-c", _SLOW_STAGE], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        worker = int(parent.stdout.readline())
        assert worker != parent.pid and _alive(worker)
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        if parent.stdout is not None:
            parent.stdout.close()
    deadline = time.monotonic() + 10
    while _alive(worker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(worker), "a worker outlived its killed parent"


def _die_on_five(item: int) -> int:
    if item == 5:
        os._exit(3)  # as if killed or out of memory
    return item


def test_a_dead_worker_is_a_one_line_error() -> None:
    from newsl10n.errors import WorkerError

    with pytest.raises(WorkerError, match="a worker process died"):
        run_stage(_die_on_five, list(range(COUNT)), jobs=2)


_INTERRUPTED = """
import time
from newsl10n.workflow import parallel

def stage(item):
    if item == 16:
        print("started", flush=True)  # the other worker has run out of work and waits for more
        time.sleep(2)
    return item

try:
    parallel.run_stage(stage, list(range(17)), jobs=2)
except KeyboardInterrupt:
    print("interrupted", flush=True)
"""


def test_ctrl_c_is_reported_by_the_parent_alone() -> None:
    """Ctrl-C goes to the whole process group: an idle worker must not print a traceback of its own."""
    run = subprocess.Popen([sys.executable, "-c", _INTERRUPTED], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True, start_new_session=True)
    assert run.stdout is not None
    assert run.stdout.readline().strip() == "started"
    time.sleep(0.3)
    os.killpg(run.pid, signal.SIGINT)
    out, err = run.communicate(timeout=60)
    assert out.strip() == "interrupted", (out, err)
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err


def test_the_term_matcher_is_built_once_before_the_workers_start(
    articles: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Built in the parent from the languages the pages declare, the workers share it (none builds its own)."""
    from newsl10n import terms

    built: list[str] = []  # only this process's list: a worker that built a matcher would not show here
    real = terms.TermMatcher

    class Counting(real):  # type: ignore[misc, valid-type]
        def __init__(self, glossary, src_lang):  # type: ignore[no-untyped-def]
            built.append(src_lang)
            super().__init__(glossary, src_lang)

    monkeypatch.setattr(terms, "TermMatcher", Counting)
    r = cli("extract", articles, "--glossary", REPO / "glossary", "--locales", "loc", "-q", "-j", "2")
    assert r.code == 0, r.err
    assert built == ["en"]

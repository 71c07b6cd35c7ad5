"""translate --cluster on a real LocalCluster (worker processes on 127.0.0.1): the same bytes as a local run.

One cluster of two worker processes serves the module (starting one takes seconds).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

distributed = pytest.importorskip("distributed")

from newsl10n import Project
from newsl10n.engines.models import install_file

from ..conftest import REPO, Result
from ..golden.corpus_run import EPOCH, SWAPS, outputs, prepare

#: Beam 1: the tiny model is ten times faster than with the default beam of 4, and the outputs compare the same.
BEAM = ["--beam", "1"]
RUNS = [  # en→ru: the tiny Argos package; en→es: Apertium when installed (else a problem, the same both ways)
    ["translate", "corpus/en", "--to", "ru,es", "--models-dir", "models", *BEAM],
    ["translate", "corpus/ru", "--to", "en,es", "--engine", "none"],
]


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=":0", silence_logs=50,
    ) as local:
        yield local


@pytest.fixture
def client(cluster: Any) -> Iterator[Any]:
    with distributed.Client(cluster) as c:
        c.wait_for_workers(2, timeout=60)
        yield c


def _project(root: Path, tiny_package: Callable[..., Path]) -> Path:
    root.mkdir()

    def install(models: Path) -> None:
        install_file(tiny_package("en", "ru", swaps=SWAPS), models)

    prepare(root, install)
    return root


def _run(cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, where: Path, *extra: str) -> list[Result]:
    monkeypatch.chdir(where)
    return [cli(*args, *extra) for args in RUNS]


def _count_model_loads(dask_worker: Any) -> None:
    """On a worker: count every CTranslate2 model it loads (in the worker's own ``ctranslate2`` module)."""
    import ctranslate2

    real = getattr(ctranslate2.Translator, "counted", None) or ctranslate2.Translator

    def counting(*args: Any, **kwargs: Any) -> Any:
        counting.loads += 1  # type: ignore[attr-defined]
        return real(*args, **kwargs)

    counting.loads = 0  # type: ignore[attr-defined]
    counting.counted = real  # type: ignore[attr-defined]
    ctranslate2.Translator = counting


def _model_loads(dask_worker: Any) -> int:
    import ctranslate2

    return int(getattr(ctranslate2.Translator, "loads", 0))


def _engines_built(dask_worker: Any) -> dict[str, int]:
    return dict(dask_worker.plugins["newsl10n-engines"].built)


def test_a_cluster_run_writes_what_a_local_run_writes_and_loads_each_model_once_per_worker(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, tiny_package: Callable[..., Path],
    cluster: Any, client: Any,
) -> None:
    local = _project(tmp_path / "local", tiny_package)
    remote = _project(tmp_path / "remote", tiny_package)
    said_local = _run(cli, monkeypatch, local)
    client.run(_count_model_loads)
    said_remote = _run(cli, monkeypatch, remote, "--cluster", cluster.scheduler_address)
    got, want = outputs(remote), outputs(local)
    assert sorted(got) == sorted(want) and len(want) > 10
    assert [name for name in want if got[name] != want[name]] == []
    # What the run says is the same too, after the cluster's own line (with the dashboard's address).
    for remote_said, local_said in zip(said_remote, said_local, strict=True):
        assert remote_said.code == local_said.code, remote_said.err
        first, rest = remote_said.out.split("\n", 1)
        assert first.startswith("cluster: 2 workers; dashboard: http://127.0.0.1:"), first
        assert rest == local_said.out and remote_said.err == local_said.err
    loads = client.run(_model_loads)
    assert sorted(loads.values()) in ([0, 1], [1, 1]), loads  # the one ru model: at most once per worker
    built = client.run(_engines_built)
    assert all(count == 1 for counts in built.values() for count in counts.values()), built
    assert sum(counts.get("en→ru", 0) for counts in built.values()) >= 1, built


def test_markdown_articles_beside_their_sources_are_written_as_a_local_run_writes_them(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cluster: Any
) -> None:
    import shutil

    runs = {}
    for name, extra in (("local", []), ("remote", ["--cluster", cluster.scheduler_address])):
        root = tmp_path / name
        shutil.copytree(REPO / "corpus" / "md" / "hugo", root)
        monkeypatch.chdir(root)
        said = cli("translate", "content/en", "--to", "es,ru", "--engine", "none", "--no-glossary",
                   "--layout", "hugo-dir", *extra)
        assert said.code == 0, said.err
        runs[name] = {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
    assert "locales/pages-beside-sources.sha256" in runs["local"]
    assert any(name.startswith("content/ru/") for name in runs["local"])
    assert runs["remote"] == runs["local"]


def test_a_translators_edit_made_before_the_run_survives(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, tiny_package: Callable[..., Path],
    cluster: Any,
) -> None:
    root = _project(tmp_path / "p", tiny_package)
    monkeypatch.chdir(root)
    run = ["translate", "corpus/en", "--to", "ru", "--models-dir", "models", *BEAM, "--cluster", cluster.scheduler_address]
    assert cli(*run).code == 0
    po = root / "locales" / "ru" / "LC_MESSAGES" / "upm-delegation-visit.po"
    text = po.read_text(encoding="utf-8")
    block = next(b for b in text.split("\n\n")[1:] if "#, fuzzy" in b and "msgid \"\"\n" not in b)
    msgid = block.split('msgid "', 1)[1].split('"\n', 1)[0]
    edited = "\n".join(line for line in block.splitlines() if not line.startswith("#, fuzzy"))
    edited = edited.split("msgstr ", 1)[0] + 'msgstr "Правка переводчика."'
    po.write_text(text.replace(block, edited), encoding="utf-8")
    assert cli(*run).code == 0
    after = po.read_text(encoding="utf-8")
    assert f'msgid "{msgid}"\nmsgstr "Правка переводчика."' in after
    page = (root / "build" / "ru" / "upm-delegation-visit.html").read_text(encoding="utf-8")
    assert "Правка переводчика." in page


def _project_api(root: Path, progress: Callable[[str], None] = lambda line: None) -> Project:
    return Project(
        locales=root / "locales", glossary=[root / "glossary"], engine="argos", models_dir=root / "models",
        out=root / "build", beam_size=1, progress=progress,
    )


def test_a_worker_killed_mid_run_has_its_work_done_elsewhere(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, tiny_package: Callable[..., Path], client: Any
) -> None:
    from newsl10n import cluster as door

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    local = _project(tmp_path / "local", tiny_package)
    remote = _project(tmp_path / "remote", tiny_package)
    monkeypatch.chdir(local)
    _project_api(local).translate(["corpus/en"], to="ru,es").write()
    pids: dict[str, int] = client.run(os.getpid)
    killed: list[int] = []

    def kill_a_worker(line: str) -> None:
        """At the first article done: kill the worker that holds the most results (its tasks are run again)."""
        if killed or not line.startswith("["):
            return
        held = client.has_what()
        worker = max(pids, key=lambda w: len(held.get(w, ())))
        os.kill(pids[worker], signal.SIGKILL)
        killed.append(pids[worker])

    monkeypatch.chdir(remote)
    for part in door.translate(_project_api(remote, kill_a_worker), ["corpus/en"], to="ru,es", client=client):
        part.write()
    assert killed, "no worker was killed"
    got, want = outputs(remote), outputs(local)
    assert sorted(got) == sorted(want) and [name for name in want if got[name] != want[name]] == []
    client.wait_for_workers(2, timeout=60)  # the nanny started a new worker process
    assert killed[0] not in client.run(os.getpid).values()


def test_a_client_killed_mid_run_resumes_without_translating_again(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, tiny_package: Callable[..., Path], client: Any
) -> None:
    from newsl10n import cluster as door

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root = _project(tmp_path / "p", tiny_package)
    monkeypatch.chdir(root)

    class Killed(Exception):
        pass

    run = door.translate(_project_api(root), ["corpus/en"], to="ru", client=client, batch_size=2)
    first = next(run)
    first.write()
    with pytest.raises(Killed):
        run.throw(Killed())  # the client dies after writing its first batch
    done = {article.article for article in first.articles}
    assert len(done) == 2 and first.stats.mt > 0
    before = {path: path.read_bytes() for path in (root / "locales" / "ru").rglob("*.po")}
    again = list(door.translate(_project_api(root), ["corpus/en"], to="ru", client=client, batch_size=2))
    for part in again:
        part.write()
    redone = {a.article: sum(c.merged.new for c in a.catalogs) for part in again for a in part.articles}
    assert len(redone) == 5 and all(redone[article] == 0 for article in done), redone
    assert all(path.read_bytes() == data for path, data in before.items())
    # Only the articles not written before went to the engine: what a fresh run translates, less the first batch.
    fresh = _project(tmp_path / "fresh", tiny_package)
    monkeypatch.chdir(fresh)
    whole = list(door.translate(_project_api(fresh), ["corpus/en"], to="ru", client=client, batch_size=2))
    assert 0 < sum(part.stats.mt for part in again) == sum(part.stats.mt for part in whole) - first.stats.mt


def test_a_broken_article_stops_a_cluster_run_before_anything_is_written(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cluster: Any
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for name in ("a", "b", "c"):
        (folder / f"{name}.html").write_text(f"<html lang=en><body><p>Article {name}.</p></body></html>", "utf-8")
    (folder / "b.html").write_text("<html><body>" + "<div>" * 300 + "Deep.</body></html>", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = cli("translate", "news", "--to", "ru", "--engine", "none", "--no-glossary", "--cluster", cluster.scheduler_address)
    assert r.code == 2 and len(r.err.splitlines()) == 1 and "nested more than 255 deep" in r.err, r.err
    assert r.err.startswith("newsl10n: error: news/b.html:1: "), r.err
    assert not (tmp_path / "locales").exists() and not (tmp_path / "build").exists()


def test_a_broken_catalog_stops_a_cluster_run_before_anything_is_written(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, client: Any
) -> None:
    from newsl10n import cluster as door
    from newsl10n.errors import InputError

    folder = tmp_path / "news"
    folder.mkdir()
    for name in ("a", "b", "c"):
        (folder / f"{name}.html").write_text(f"<html lang=en><body><p>Article {name}.</p></body></html>", "utf-8")
    # A catalog made from another article (which the memory, reading every catalog, does not mind).
    (tmp_path / "elsewhere.html").write_text("<html lang=en><body><p>Elsewhere.</p></body></html>", "utf-8")
    broken = tmp_path / "locales" / "ru" / "LC_MESSAGES" / "c.po"
    broken.parent.mkdir(parents=True)
    broken.write_text('msgid ""\nmsgstr "X-Source-File: elsewhere.html\\n"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    project = Project(glossary=[], engine="none")
    with pytest.raises(InputError) as caught:  # one batch per article: a and b would be written before c is planned
        for part in door.translate(project, ["news"], to="ru", client=client, batch_size=1):
            part.write()
    assert str(caught.value).startswith("locales/ru/LC_MESSAGES/c.po: this catalog belongs to"), caught.value
    assert sorted(p.name for p in (tmp_path / "locales").rglob("*") if p.is_file()) == ["c.po"]
    assert not (tmp_path / "build").exists()


def test_a_cluster_spec_that_is_neither_local_nor_an_address_is_a_usage_error(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    (tmp_path / "a.html").write_text("<html lang=en><body><p>One.</p></body></html>", encoding="utf-8")
    for spec in ("local:0", "local:two", "somewhere", "tcp://"):
        r = cli("translate", "a.html", "--to", "ru", "--engine", "none", "--cluster", spec)
        assert r.code == 2 and f"--cluster {spec}:" in r.err and len(r.err.splitlines()) == 1, r.err
    assert not (tmp_path / "locales").exists()


def test_a_run_without_cluster_never_imports_dask(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<html lang=en><body><p>One.</p></body></html>", encoding="utf-8")
    script = (
        "import sys; from newsl10n.cli import main\n"
        "assert main(['translate', 'a.html', '--to', 'ru', '--engine', 'none', '--no-glossary', '-q']) == 0\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], check=False, cwd=tmp_path, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    assert (tmp_path / "locales" / "ru" / "LC_MESSAGES" / "a.po").is_file()


def test_a_scheduler_nobody_listens_at_is_one_line_at_once(cli: Callable[..., Result], tmp_path: Path) -> None:
    """Dask's client retries for its whole timeout (30 s) before saying why; a refused connection is said at once."""
    import socket

    (tmp_path / "a.html").write_text("<html lang=en><body><p>One.</p></body></html>", encoding="utf-8")
    with socket.socket() as probe:  # a port on loopback that nobody listens at (bound, then let go)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    r = cli("translate", "a.html", "--to", "ru", "--engine", "none", "--cluster", f"tcp://127.0.0.1:{port}")
    assert r.code == 2 and len(r.err.splitlines()) == 1, r.err
    assert f"--cluster tcp://127.0.0.1:{port}: cannot reach the scheduler (" in r.err, r.err
    assert "refused" in r.err.lower(), r.err
    assert not (tmp_path / "locales").exists()

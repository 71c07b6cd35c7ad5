"""Translator work is never lost to a concurrent run.

* A translator saves a catalog while ``translate`` is busy with the same
  article: the run remembers every catalog's bytes as read and, right before
  replacing one, finds it changed; it writes nothing of that article and
  stops with exit 2 naming the file ("changed on disk while newsl10n was
  running; run again").  Running again merges the translator's work.
* Two newsl10n runs on the same catalogs: the second fails at once with exit
  2 ("another newsl10n run is updating these catalogs"); the lock is
  ``flock`` on the locales folder itself, released when the first ends (or
  is killed), so no lock file is ever left behind.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from newsl10n.fsio import locked_dir

from ..conftest import Result
from ..hostile.conftest import assert_refused, snapshot
from .conftest import ARTICLES, holds_flock, run, start, write_corpus

Cli = Callable[..., Result]
APPROVED = "Студенты встретились в день {i}."


def approve(catalog: Path, i: int) -> None:
    """What a translator's editor does: set a translation, clear fuzzy, save (atomically, like Poedit)."""
    po = polib.pofile(str(catalog), wrapwidth=0)
    entry = po.find(f"Students met on day {i}.")
    assert entry is not None
    entry.msgstr = APPROVED.format(i=i)
    entry.flags = []
    tmp = catalog.with_name(catalog.name + ".poedit")
    tmp.write_text(str(po), encoding="utf-8")
    os.replace(tmp, catalog)


def approved(catalog: Path, i: int) -> bool:
    entry = polib.pofile(str(catalog)).find(f"Students met on day {i}.")
    return entry is not None and entry.msgstr == APPROVED.format(i=i) and not entry.fuzzy


def test_edit_during_the_run_is_never_overwritten(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_corpus(tmp_path / "corpus", range(3))
    assert cli("translate", "corpus", "--to", "ru", "--engine", "none").code == 0
    (tmp_path / "corpus" / "news-001.html").write_text(
        (tmp_path / "corpus" / "news-001.html").read_text(encoding="utf-8").replace("</p>", " A new sentence.</p>"),
        encoding="utf-8",
    )
    catalog = tmp_path / "locales/ru/LC_MESSAGES/news-001.po"
    import newsl10n.fill as stage
    from newsl10n.catalog_model import Catalog, Fill

    real = stage.interface_fills
    calls = []

    def translator_saves_meanwhile(merged: Catalog, tgt_lang: str, stats: stage.FillStats) -> list[Fill]:
        calls.append(merged.header.get("X-Source-File"))
        if merged.header.get("X-Source-File") == "corpus/news-001.html":
            approve(catalog, 1)  # after the run read the catalog, before it writes it
        return real(merged, tgt_lang, stats)

    monkeypatch.setattr(stage, "interface_fills", translator_saves_meanwhile)
    before = snapshot(tmp_path)
    result = cli("translate", "corpus", "--to", "ru", "--engine", "none")
    assert_refused(result, "locales/ru/LC_MESSAGES/news-001.po", "changed on disk while newsl10n was running; run again")
    edited_before = catalog.read_bytes()
    after = snapshot(tmp_path)
    changed = {name for name in after if after[name] != before.get(name)}
    # news-000 was written before the conflict was found; news-001 not at all (except the translator's save).
    assert changed == {"locales/ru/LC_MESSAGES/news-001.po"} | {
        name for name in changed if "news-000" in name
    }
    assert approved(catalog, 1) and calls

    monkeypatch.setattr(stage, "interface_fills", real)
    again = cli("translate", "corpus", "--to", "ru", "--engine", "none")
    assert again.code == 0, again.err
    assert approved(catalog, 1) and catalog.read_bytes() != edited_before  # merged: the new sentence is in
    assert polib.pofile(str(catalog)).find("A new sentence.") is not None
    assert "Студенты встретились в день 1." in (tmp_path / "build/ru/news-001.html").read_text(encoding="utf-8")


def test_translator_saving_during_a_real_run(tmp_path: Path, argos_models: Path) -> None:
    """Whenever the save lands (before the run read the file or after), the approved translation survives."""
    write_corpus(tmp_path / "corpus", range(ARTICLES))
    assert run(tmp_path, "translate", "corpus", "--to", "ru", "--engine", "none", "-q").returncode == 0
    args = ["translate", "corpus", "--to", "ru", "--engine", "argos", "--models-dir", str(argos_models), "--beam", "1"]
    target = tmp_path / "locales/ru/LC_MESSAGES/news-030.po"
    proc = start(tmp_path, *args)
    while proc.poll() is None and not holds_flock(tmp_path / "locales", proc.pid):
        time.sleep(0.001)
    time.sleep(0.25)  # usually after the run read this catalog: the conflict path
    approve(target, 30)
    _out, err = proc.communicate(timeout=120)
    if proc.returncode == 2:
        assert err == "newsl10n: error: locales/ru/LC_MESSAGES/news-030.po: changed on disk while newsl10n was running; run again\n"
        assert run(tmp_path, *args).returncode == 0
    else:
        assert proc.returncode == 0, err
    assert approved(target, 30)
    page = (tmp_path / "build/ru/news-030.html").read_text(encoding="utf-8")
    assert "Студенты встретились в день 30." in page


def test_second_run_on_the_same_catalogs_fails_clearly(tmp_path: Path, argos_models: Path) -> None:
    write_corpus(tmp_path / "corpus", range(ARTICLES))
    (tmp_path / "locales").mkdir()
    args = ["translate", "corpus", "--to", "ru", "--engine", "argos", "--models-dir", str(argos_models), "--beam", "1"]
    first = start(tmp_path, *args)
    while first.poll() is None and not holds_flock(tmp_path / "locales", first.pid):
        time.sleep(0.001)
    assert first.poll() is None, "the first run ended before it could be raced"
    second = run(tmp_path, *args)
    extract = run(tmp_path, "extract", "corpus")
    out, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    for other in (second, extract):
        assert other.returncode == 2 and "Traceback" not in other.stderr
        assert other.stderr == (
            "newsl10n: error: locales: another newsl10n run is updating these catalogs; run again when it has finished\n"
        )
    assert f"{ARTICLES * 3} machine-translated" in out
    again = run(tmp_path, *args)
    assert again.returncode == 0 and "0 machine-translated" in again.stdout
    assert sorted(p.name for p in (tmp_path / "locales").iterdir()) == ["ru", "templates"]  # no lock file


def test_lock_is_released_and_leaves_nothing(tmp_path: Path) -> None:
    locales = tmp_path / "locales"
    with locked_dir(locales):
        assert locales.is_dir()
        with pytest.raises(Exception, match="another newsl10n run"), locked_dir(locales):
            pass
    assert not locales.exists()  # created for the lock, still empty: removed
    locales.mkdir()
    (locales / "keep.po").write_text("", encoding="utf-8")
    with locked_dir(locales):
        pass
    assert [p.name for p in locales.iterdir()] == ["keep.po"]

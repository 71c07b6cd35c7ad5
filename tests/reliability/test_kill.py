"""Crash safety: ``translate`` killed with SIGKILL at several points loses nothing and resumes.

A corpus of 60 generated articles, 40 of them translated earlier without an
engine (their catalogs and pages are the *old* version), goes through
``translate --engine argos`` with a tiny real CTranslate2 package.  The run is
killed while it translates (nothing may have changed) and then three more
times while it writes, each time after a number of catalogs were replaced;
each kill's run resumes from what the previous one left.  After every kill
each catalog, template and page parses (polib, lxml) and is byte for byte
the old version (or absent, for the 20 new articles) or the new one -- never
a mix and never half-written.  A last run finishes the work, machine
translating only the articles not finished before (the ``N
machine-translated`` of its summary), and ends exactly where an
uninterrupted run ends.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import time
from pathlib import Path

import lxml.html
import polib

from newsl10n.formats.po import parse_po

from .conftest import ARTICLES, holds_flock, run, start, write_corpus

OLD = range(40)  # translated earlier without an engine
WRITE_KILLS = (3, 15, 25)  # kill once this many more catalogs were replaced since the run started
CATALOGS = Path("locales/ru/LC_MESSAGES")


def outputs(root: Path) -> dict[str, bytes]:
    """Catalogs, templates and pages (not the hidden temporary files a kill may leave)."""
    found = {}
    for folder in ("locales", "build"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                found[path.relative_to(root).as_posix()] = path.read_bytes()
    return found


def assert_parses(name: str, data: bytes) -> None:
    if name.endswith((".po", ".pot")):
        parse_po(data, path=name)
        assert polib.pofile(data.decode("utf-8"))  # polib agrees
    else:
        root = lxml.html.document_fromstring(data)
        assert root.find("body") is not None and data.rstrip().endswith(b"</html>"), name


def inodes(folder: Path) -> dict[str, int]:
    return {e.name: e.inode() for e in os.scandir(folder) if e.name.endswith(".po")} if folder.is_dir() else {}


def kill_when(root: Path, args: list[str], *, replaced: int | None, after: float = 0.0) -> tuple[bool, str]:
    """Start a run and SIGKILL it once ``replaced`` catalogs were replaced (None: ``after`` seconds into
    the run, once it holds its lock, before it writes).  Returns (killed, stderr)."""
    before = inodes(root / CATALOGS)
    proc = start(root, *args)
    started = time.monotonic()
    killed = False
    while proc.poll() is None:
        if replaced is None:
            ready = time.monotonic() - started >= after and holds_flock(root / "locales", proc.pid)
        else:
            now = inodes(root / CATALOGS)
            ready = sum(1 for name, ino in now.items() if before.get(name) != ino) >= replaced
        if ready:
            proc.send_signal(signal.SIGKILL)
            killed = True
            break
        time.sleep(0.0005)
    _out, err = proc.communicate(timeout=60)
    return killed and proc.returncode == -signal.SIGKILL, err


def test_sigkill_at_several_points_then_resume(tmp_path: Path, argos_models: Path) -> None:
    project = tmp_path / "project"
    write_corpus(project / "corpus", OLD)
    assert run(project, "translate", "corpus", "--to", "ru", "--engine", "none", "-q").returncode == 0
    write_corpus(project / "corpus", range(ARTICLES))
    old = outputs(project)
    reference = tmp_path / "reference"
    shutil.copytree(project, reference)
    args = ["translate", "corpus", "--to", "ru", "--engine", "argos", "--models-dir", str(argos_models), "--beam", "1"]

    # The uninterrupted run, for comparison.
    done = run(reference, *args)
    assert done.returncode == 0, done.stderr
    new = outputs(reference)
    assert len(new) == 3 * ARTICLES and all(new[name] != old.get(name) for name in new if name.endswith(".po"))

    states: list[dict[str, bytes]] = []
    killed, err = kill_when(project, args, replaced=None, after=0.15)
    assert killed and err == "", err
    assert outputs(project) == old, "a run killed before writing changed files"
    kills = 1
    for count in WRITE_KILLS:
        killed, _err = kill_when(project, args, replaced=count)
        kills += killed
        states.append(outputs(project))
    assert kills >= 3, "the runs finished before they could be killed"

    for state in states:
        for name, data in state.items():
            assert data in (old.get(name), new[name]), f"{name} is neither the old nor the new version"
            assert_parses(name, data)
        assert set(state) <= set(new)

    # Resume: only the unfinished articles go to the engine again.
    unfinished = [name for name in new if name.endswith(".po") and outputs(project).get(name) != new[name]]
    entries = {name: len(polib.pofile(new[name].decode("utf-8"))) for name in unfinished}
    final = run(project, *args)
    assert final.returncode == 0, final.stderr
    m = re.search(r"(\d+) machine-translated", final.stdout)
    assert m is not None and int(m.group(1)) == sum(entries.values()), (final.stdout[-300:], entries)
    assert 0 < len(unfinished) < ARTICLES
    assert outputs(project) == new
    leftovers = [p.name for p in (project / "locales").rglob(".newsl10n-*.tmp")]
    print(f"kills survived: {kills}; unfinished articles resumed: {len(unfinished)}; stale temporary files: {len(leftovers)}")

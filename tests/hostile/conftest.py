"""The hostile-input suite: a project with earlier work in it, and what every refusal must look like.

Every case runs a command on a project that already has catalogs and pages
(from a translate run made once per session and copied for each test), then
asserts the refusal contract:

* exit code 2;
* exactly one line on stderr, ``newsl10n: error: FILE[:LINE]: …``;
* no traceback;
* the project tree exactly as before (no file created, changed or removed,
  no folder created).

The network is blocked for every test here, as in ``tests/engines``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..conftest import CORPUS, Result
from ..netguard import block_network

GOOD = CORPUS / "en" / "upm-delegation-visit.html"
Cli = Callable[..., Result]


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    block_network(monkeypatch)
    yield


def snapshot(root: Path) -> dict[str, str]:
    """Every path under ``root``: folders, links and a hash of each file's bytes."""
    out: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                out[rel] = "link:" + os.readlink(path)
            elif path.is_dir():
                out[rel] = "dir"
            elif path.is_file():
                out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                out[rel] = "special"
    return out


def assert_refused(result: Result, where: str | None, fragment: str) -> None:
    """Exit 2 and one line ``newsl10n: error: WHERE: …FRAGMENT…``.

    WHERE is ``file`` or ``file:line``; None for messages about the command line itself.
    """
    assert "Traceback" not in result.err, result.err
    assert result.code == 2, (result.code, result.out, result.err)
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("newsl10n: error: " + (f"{where}: " if where is not None else "")), lines[0]
    assert fragment in lines[0], lines[0]


@pytest.fixture(scope="session")
def earlier_work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project after ``translate good.html --to ru,es --engine none``, with one approved entry."""
    import polib

    from newsl10n.cli import main

    root = tmp_path_factory.mktemp("earlier-work")
    shutil.copyfile(GOOD, root / "good.html")
    old_cwd = Path.cwd()
    old_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    try:
        os.chdir(root)
        assert main(["translate", "good.html", "--to", "ru,es", "--engine", "none", "-q"]) == 0
        po_path = root / "locales" / "ru" / "LC_MESSAGES" / "good.po"
        po = polib.pofile(str(po_path), wrapwidth=0)
        entry = po.find("More places for students in both directions")
        assert entry is not None
        entry.msgstr = "Больше мест для студентов в обе стороны"
        po.save(str(po_path))
        assert main(["build", "good.html", "--to", "ru,es", "-q"]) == 0
    finally:
        os.chdir(old_cwd)
        if old_epoch is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old_epoch
    return root


@dataclass
class Project:
    root: Path

    @property
    def catalog(self) -> Path:
        return self.root / "locales" / "ru" / "LC_MESSAGES" / "good.po"

    def snapshot(self) -> dict[str, str]:
        return snapshot(self.root)


@pytest.fixture
def project(cli: Cli, tmp_path: Path, earlier_work: Path) -> Project:
    """The earlier work copied into tmp_path, the working directory of ``cli``."""
    shutil.copytree(earlier_work, tmp_path, dirs_exist_ok=True, symlinks=True)
    return Project(tmp_path)


@pytest.fixture
def refused(cli: Cli, project: Project) -> Callable[..., Result]:
    """``refused(*args, where=…, fragment=…)``: run, assert the refusal contract, return the result."""

    def run(*args: str | Path, where: str | None, fragment: str) -> Result:
        before = project.snapshot()
        result = cli(*args)
        assert_refused(result, where, fragment)
        assert project.snapshot() == before, "the project tree changed"
        return result

    return run

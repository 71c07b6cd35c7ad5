"""Offline by default: the whole translate → build → check flow makes no connection attempt.

In process, the socket module is patched for every test of this folder
(``tests/netguard.py``): a connection or name lookup beyond loopback fails the
test.  In a real ``python -m newsl10n`` process, a ``sitecustomize`` guard
refuses and records every attempt (a control run shows the guard works).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import CORPUS, REPO, Result
from ..netguard import GUARD_SITECUSTOMIZE

Cli = Callable[..., Result]
ARTICLE = CORPUS / "en" / "upm-delegation-visit.html"
HAS_APERTIUM = shutil.which("apertium") is not None


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "glossary", tmp_path / "glossary")
    shutil.copyfile(ARTICLE, tmp_path / ARTICLE.name)
    return tmp_path


def flow(argos_models: Path, *, full: bool = True) -> list[list[str]]:
    targets = "ru,es" if HAS_APERTIUM else "ru"
    main = [
        ["translate", ARTICLE.name, "--to", targets, "--models-dir", str(argos_models), "--beam", "1"],
        ["build", ARTICLE.name, "--to", targets],
        ["check", "locales", "build", "--include-fuzzy", "--format", "json", "--output", "report.json"],
    ]
    return [["models", "--models-dir", str(argos_models), "list"], *main, ["glossary", "lint"]] if full else main


def test_flow_in_process_with_sockets_blocked(cli: Cli, project: Path, argos_models: Path) -> None:
    for args in flow(argos_models):
        result = cli(*args)
        assert result.code in (0, 1), (args, result.err)
    assert (project / "build/ru" / ARTICLE.name).is_file()
    if HAS_APERTIUM:
        assert "apertium:" in (project / "locales/es/LC_MESSAGES/upm-delegation-visit.po").read_text(encoding="utf-8")


def _guarded(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    guard = project.parent / "netguard"
    guard.mkdir(exist_ok=True)
    (guard / "sitecustomize.py").write_text(GUARD_SITECUSTOMIZE, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(guard), NEWSL10N_NETGUARD_LOG=str(guard / "attempts.log"), SOURCE_DATE_EPOCH="1700000000")
    return subprocess.run([sys.executable, *args], cwd=project, env=env, capture_output=True, check=False, text=True, timeout=300)


def test_flow_in_a_real_process_makes_no_connection(project: Path, argos_models: Path) -> None:
    log = project.parent / "netguard" / "attempts.log"
    control = _guarded(project, "-c", "import socket; socket.create_connection(('198.51.100.7', 80), timeout=1)")
    assert control.returncode != 0 and "blocked by the test's guard" in control.stderr
    assert log.read_text(encoding="utf-8").splitlines() == ["'198.51.100.7'"]  # the name lookup comes first
    log.unlink()
    for args in flow(argos_models, full=False):
        result = _guarded(project, "-m", "newsl10n", *args)
        assert result.returncode in (0, 1), (args, result.stderr)
    assert not log.exists(), log.read_text(encoding="utf-8")

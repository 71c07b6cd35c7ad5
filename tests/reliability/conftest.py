"""A corpus of generated articles, a real tiny Argos package, and ways to watch a running newsl10n."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsl10n.engines.models import install_file

from ..conftest import BuildPackage
from ..netguard import block_network

ARTICLES = 60


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    block_network(monkeypatch)
    yield


def article(i: int) -> str:
    """A short article whose three sentences occur nowhere else (so memory never fills them)."""
    return (
        f"<html lang='en'><head><title>Visit {i} news</title></head><body>"
        f"<p>Students met on day {i}. The rector signed <a href='/n/{i}'>agreement {i}</a>.</p></body></html>\n"
    )


def write_corpus(folder: Path, numbers: range) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in numbers:
        (folder / f"news-{i:03d}.html").write_text(article(i), encoding="utf-8")


@pytest.fixture(scope="session")
def argos_models(tmp_path_factory: pytest.TempPathFactory, tiny_package: BuildPackage) -> Path:
    models = tmp_path_factory.mktemp("reliability-models")
    install_file(tiny_package("en", "ru"), models)
    return models


def newsl10n(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "newsl10n", *(str(a) for a in args)]


def env() -> dict[str, str]:
    return dict(os.environ, SOURCE_DATE_EPOCH="1700000000")


def start(cwd: Path, *args: str | Path) -> subprocess.Popen[str]:
    return subprocess.Popen(newsl10n(*args), cwd=cwd, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run(cwd: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(newsl10n(*args), cwd=cwd, env=env(), capture_output=True, check=False, text=True, timeout=300)


def holds_flock(path: Path, pid: int) -> bool:
    """Whether process ``pid`` holds a flock on ``path`` (from /proc/locks; never takes the lock itself)."""
    st = path.stat()
    wanted = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    for line in Path("/proc/locks").read_text().splitlines():
        fields = line.split()
        if "->" in fields:  # a waiter
            continue
        if len(fields) >= 6 and fields[1] == "FLOCK" and fields[4] == str(pid) and fields[5] == wanted:
            return True
    return False

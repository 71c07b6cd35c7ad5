"""Shared fixtures: the repository's files, the shared seed article, CLI runners, msgfmt."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "spbpu-upm-online-talks.txt"
BuildPackage = Callable[..., Path]


def corpus_articles() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*") if p.suffix in (".html", ".md", ".txt"))


@pytest.fixture
def seed_article() -> Path:
    if not SEED.is_file():
        pytest.skip("../shared/seeds is not present (a user's clone)")
    return SEED


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., Result]:
    """Run ``newsl10n`` in-process with tmp_path as the working directory."""
    from newsl10n.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")

    def run(*args: str) -> Result:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def run_subprocess(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Result:
    proc = subprocess.run(
        [sys.executable, "-m", "newsl10n", *args], check=False, cwd=cwd, capture_output=True, text=True, env=env, timeout=300
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def msgfmt() -> Callable[[Path], None]:
    """Validate a PO or POT file with GNU msgfmt -c (gettext must be installed: scripts/setup.sh does it)."""
    exe = shutil.which("msgfmt")
    if exe is None:
        pytest.fail("msgfmt is missing: run scripts/setup.sh (installs Debian's gettext)")

    def check(path: Path) -> None:
        proc = subprocess.run([exe, "-c", "-o", "/dev/null", str(path)], check=False, capture_output=True, text=True)
        assert proc.returncode == 0, f"msgfmt -c {path}:\n{proc.stderr}"

    return check


@pytest.fixture(scope="session")
def tiny_package(tmp_path_factory: pytest.TempPathFactory) -> BuildPackage:
    """``tiny_package(from_code='en', to_code='ru', mode='copy', swaps={...}, version='1.0', name=None)``, cached."""
    root = tmp_path_factory.mktemp("tiny-argos")
    cache: dict[tuple[Any, ...], Path] = {}

    def build(
        from_code: str = "en",
        to_code: str = "ru",
        *,
        mode: str = "copy",
        swaps: Mapping[str, str] | None = None,
        version: str = "1.0",
        name: str | None = None,
    ) -> Path:
        key = (from_code, to_code, mode, tuple(sorted((swaps or {}).items())), version, name)
        if key not in cache:
            from .engines.tiny_argos import build_package

            workdir = root / f"p{len(cache)}"
            workdir.mkdir()
            cache[key] = build_package(
                workdir, from_code=from_code, to_code=to_code, mode=mode,  # type: ignore[arg-type]
                swaps=swaps, name=name, version=version,
            )
        return cache[key]

    return build


@pytest.fixture
def http_recorder() -> Iterator[tuple[str, list[str]]]:
    """A loopback HTTP server that records every request: (base URL, request paths)."""
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    requests: list[str] = []

    class Recorder(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'<!ENTITY secret "FETCHED">')

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()
        thread.join()

"""``newsl10n review`` as a user starts it: loopback only, the token in the printed URL, Ctrl-C stops it cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .conftest import Project


def test_review_prints_a_loopback_url_with_a_token_and_stops_on_ctrl_c(project: Project) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).resolve().parents[2] / "src"), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsl10n", "review", "corpus/en", "--no-browser"],
        cwd=project.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert "1 catalogs; open http://127.0.0.1:" in line, line
        url = line.split("open ", 1)[1].strip()
        base, token = url.split("?token=")
        assert len(token) >= 32
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(base, timeout=10)
        assert refused.value.code == 403
        refused.value.close()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        with opener.open(url, timeout=10) as answer:  # 303 to / with the cookie, then the overview
            assert answer.status == 200 and "upm-delegation-visit" in answer.read().decode()
    finally:
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert "Traceback" not in err


def test_review_without_the_articles_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from newsl10n.cli import main

    assert main(["review", str(tmp_path / "missing"), "--no-browser"]) == 2
    assert "no such article file or directory" in capsys.readouterr().err


def test_the_server_socket_is_loopback_only() -> None:
    from newsl10n.review.server import listen

    sock = listen(0)
    try:
        assert sock.getsockname()[0] == "127.0.0.1"
    finally:
        sock.close()

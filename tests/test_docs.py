"""docs/api.md's example runs as written (from a copy of the repository's corpus and glossary)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from .conftest import REPO

API = REPO / "docs" / "api.md"


def examples() -> list[str]:
    """The Python blocks of docs/api.md that are whole programs (they import what they use)."""
    blocks = re.findall(r"```python\n(.*?)```", API.read_text(encoding="utf-8"), re.DOTALL)
    return [b for b in blocks if b.startswith("from newsl10n import")]


def test_the_api_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(REPO / "corpus", tmp_path / "corpus")
    shutil.copytree(REPO / "glossary", tmp_path / "glossary")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    [example] = examples()
    exec(compile(example, str(API), "exec"), {"__name__": "docs_api_example"})  # noqa: S102 - our own docs
    out = capsys.readouterr().out
    assert "corpus/en/upm-delegation-visit.html: " in out and "sentences translated" in out
    assert "catalogs" in out.splitlines()[-1]  # the check's summary line
    for name in ("locales/ru/LC_MESSAGES/upm-delegation-visit.po", "locales/es/LC_MESSAGES/upm-delegation-visit.po",
                 "locales/templates/upm-delegation-visit.pot", "build/ru/upm-delegation-visit.html",
                 "build-reviewed/es/upm-delegation-visit.html"):
        assert (tmp_path / name).is_file(), name

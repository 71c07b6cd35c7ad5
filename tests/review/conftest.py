"""Fixtures for the review app: a project translated to Spanish by Apertium, and a client holding the token."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..conftest import CORPUS, REPO, Result

pytest.importorskip("starlette", reason="the review extra is not installed")

ARTICLE = "upm-delegation-visit"


@dataclass
class Project:
    root: Path
    article: Path
    po: Path


@pytest.fixture
def project(cli: Callable[..., Result], tmp_path: Path) -> Project:
    """A copy of one corpus article and the glossary, translated to es by Apertium (machine proposals, fuzzy)."""
    if shutil.which("apertium") is None:
        pytest.fail("apertium is missing: run scripts/setup.sh")
    (tmp_path / "corpus" / "en").mkdir(parents=True)
    article = tmp_path / "corpus" / "en" / f"{ARTICLE}.html"
    shutil.copyfile(CORPUS / "en" / f"{ARTICLE}.html", article)
    shutil.copytree(REPO / "glossary", tmp_path / "glossary")
    result = cli("translate", "corpus/en", "--to", "es", "--engine", "apertium", "-q")
    assert result.code == 0, result
    return Project(tmp_path, article, tmp_path / "locales" / "es" / "LC_MESSAGES" / f"{ARTICLE}.po")

"""Fixtures for the review app: a project translated to Spanish by Apertium, and a client holding the token."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..conftest import CORPUS, REPO, Result

pytest.importorskip("starlette", reason="the review extra is not installed")

from starlette.testclient import TestClient

from newsl10n.review.app import create_app
from newsl10n.review.security import Gate
from newsl10n.review.workspace import Workspace

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


PORT = 8765
ORIGIN = f"http://127.0.0.1:{PORT}"
PAGE = f"/a/es/{ARTICLE}"
SENTENCE = "Three days of meetings in St. Petersburg: joint research in energy, double degrees and more exchange places for students."


def make_client(project: Project, *, token: bool = True) -> TestClient:
    workspace = Workspace(project.root / "locales", [project.root / "corpus"])
    client = TestClient(create_app(workspace, Gate("s3cret-token", PORT)), base_url=ORIGIN, follow_redirects=False)
    if token:
        assert client.get("/?token=s3cret-token").status_code == 303
    return client


@pytest.fixture
def client(project: Project) -> TestClient:
    return make_client(project)


def form_for(client: TestClient, msgid: str) -> dict[str, str]:
    """The hidden fields of the edit form of the entry ``msgid``, as the article page holds them."""
    page = client.get(PAGE)
    assert page.status_code == 200
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    base = re.search(r'name="base" value="([0-9a-f]+)"', page.text)
    assert csrf and base
    return {"csrf": csrf.group(1), "base": base.group(1), "msgid": msgid}

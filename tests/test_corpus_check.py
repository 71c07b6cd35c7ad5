"""CI's check on the corpus catalogs: the whole corpus through Apertium (es) and memory only (ru, en)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import CORPUS, REPO, Result

Cli = Callable[..., Result]


@pytest.mark.skipif(shutil.which("apertium") is None, reason="needs Debian's apertium and apertium-eng-spa")
def test_corpus_catalogs_pass_check(cli: Cli, tmp_path: Path, msgfmt: Callable[[Path], None]) -> None:
    shutil.copytree(CORPUS, tmp_path / "corpus")
    shutil.copytree(REPO / "glossary", tmp_path / "glossary")
    assert cli("translate", "corpus/en", "--to", "es", "--engine", "apertium", "-q").code == 0
    assert cli("translate", "corpus/en", "--to", "ru", "--engine", "none", "-q").code == 0
    assert cli("translate", "corpus/ru", "--to", "en,es", "--engine", "none", "-q").code == 0
    catalogs = sorted((tmp_path / "locales").rglob("*.po")) + sorted((tmp_path / "locales").rglob("*.pot"))
    assert len(catalogs) == 6 + 5 + 5 + 2 + 0  # templates, es, ru, ru→en/es
    for path in catalogs:
        msgfmt(path)
    result = cli("check", "locales", "--include-fuzzy")
    assert result.code == 0, result.out
    assert result.out.rstrip().splitlines()[-1].startswith("0 errors")
    # Pages translated by the engine carry no leftovers; the untranslated ones (engine none) do.
    machine = [f"build/es/{p.stem}.html" for p in sorted((CORPUS / "en").glob("*.html"))]
    assert cli("check", *machine).code == 0
    assert cli("check", "build/en/vizit-delegatsii-upm.html").code == 1

"""Project.memory: the memory ``translate`` reuses, for other tools (the review page) to ask."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from newsl10n.workflow import Project

from ..conftest import CORPUS, Result


def test_memory_holds_the_approved_entries_of_every_catalog_of_the_language(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    (tmp_path / "corpus").mkdir()
    shutil.copyfile(CORPUS / "en" / "upm-delegation-visit.html", tmp_path / "corpus" / "upm-delegation-visit.html")
    assert cli("translate", "corpus", "--to", "es", "--engine", "none", "-q").code == 0
    po = tmp_path / "locales" / "es" / "LC_MESSAGES" / "upm-delegation-visit.po"
    project = Project(locales=tmp_path / "locales", glossary=[])
    before = project.memory(src_lang="en", lang="es")
    assert not before.matches("Breadcrumb navigation")  # not approved yet
    text = po.read_text(encoding="utf-8").replace(
        'msgid "Breadcrumb navigation"\nmsgstr ""', 'msgid "Breadcrumb navigation"\nmsgstr "Navegación"'
    )
    assert text != po.read_text(encoding="utf-8")
    po.write_text(text, encoding="utf-8")
    memory = project.memory(src_lang="en", lang="es")
    assert len(memory) == len(before) + 1
    found = memory.matches("Breadcrumb navigation")
    assert [(m.memory.msgstr, m.score, m.memory.path.endswith("upm-delegation-visit.po")) for m in found] == [
        ("Navegación", 100.0, True)
    ]
    assert len(project.memory(src_lang="en", lang="ru")) == 0

"""The CLI doors: newsl10n stats, export, import, eval (exit codes and output)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result
from tests.corpus_catalogs import GOLDEN_LOCALES

Cli = Callable[..., Result]
ARTICLE = "upm-delegation-visit"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(GOLDEN_LOCALES, tmp_path / "locales")
    return tmp_path


def test_stats_formats(cli: Cli, project: Path) -> None:
    text = cli("stats")
    assert text.code == 0 and "total" in text.out and ARTICLE in text.out
    data = json.loads(cli("stats", "locales", "--format", "json").out)
    assert data["total"]["entries"]["total"] == sum(r["entries"]["total"] for r in data["catalogs"])
    rows = list(csv.DictReader(io.StringIO(cli("stats", "--format", "csv").out)))
    assert rows[-1]["language"] == "(all)"


def test_stats_bad_path(cli: Cli, project: Path) -> None:
    run = cli("stats", "nowhere")
    assert run.code == 2 and "nowhere: no such file or directory" in run.err


def test_export_import_round_trip(cli: Cli, project: Path) -> None:
    before = {p: p.read_bytes() for p in (project / "locales").rglob("*.po")}
    run = cli("export", "--format", "xliff2", "--to", "es", ARTICLE, "-o", "out.xlf")
    assert run.code == 0, run.err
    run = cli("import", "out.xlf")
    assert run.code == 0, run.err
    assert run.out.strip().endswith("0 updated, 34 unchanged, 0 refused")
    assert before == {p: p.read_bytes() for p in (project / "locales").rglob("*.po")}


def test_export_all_needs_a_directory_for_two_source_languages(cli: Cli, project: Path) -> None:
    run = cli("export", "--format", "xliff2", "--to", "es", "--all", "-o", "one.xlf")
    assert run.code == 2 and "give -o a directory" in run.err
    (project / "xliff").mkdir()
    run = cli("export", "--format", "xliff2", "--to", "es", "--all", "-o", "xliff")
    assert run.code == 0, run.err
    assert sorted(p.name for p in (project / "xliff").iterdir()) == ["en-es.xlf", "ru-es.xlf"]


def test_import_refusals_exit_1(cli: Cli, project: Path) -> None:
    from tests.test_exchange import translator_edits

    assert cli("export", "--format", "xliff2", "--to", "es", ARTICLE, "-o", "out.xlf").code == 0
    edited, _, broken = translator_edits((project / "out.xlf").read_bytes())
    (project / "edited.xlf").write_bytes(edited)
    run = cli("import", "edited.xlf")
    assert run.code == 1
    assert f"unit {broken} ({ARTICLE}) refused" in run.err and "1 updated, 32 unchanged, 1 refused" in run.out


def test_import_bad_file(cli: Cli, project: Path) -> None:
    (project / "bad.xlf").write_text("<xliff", encoding="utf-8")
    run = cli("import", "bad.xlf")
    assert run.code == 2 and run.err.startswith("newsl10n: error: bad.xlf:1: not well-formed")


def test_tmx_export(cli: Cli, project: Path) -> None:
    run = cli("export", "--format", "tmx", "-o", "memory.tmx")
    assert run.code == 0, run.err
    assert (project / "memory.tmx").read_text(encoding="utf-8").count("<tu ") >= 2

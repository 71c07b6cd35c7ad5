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


def test_translate_with_a_tmx_memory_fills_a_fresh_catalog_exactly_and_fuzzily(cli: Cli, tmp_path: Path) -> None:
    from newsl10n.catalog_model import OriginKind
    from newsl10n.formats.po import parse_po
    from tests.conftest import CORPUS

    approved = parse_po((Path(__file__).parent / "data" / "eval" / "approved.po").read_bytes(), path="approved.po")
    human = {e.msgid: e.msgstr for e in approved.entries if e.approved and e.origin.kind is OriginKind.HUMAN}
    # the memory: a TMX exported from the approved catalog, one source sentence then edited a little
    slug = "cooperation-agreement-signed"
    folder = tmp_path / "other" / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(Path(__file__).parent / "data" / "eval" / "approved.po", folder / f"{slug}.po")
    assert cli("export", "--format", "tmx", "--locales", "other", "-o", "memory.tmx").code == 0
    changed = "The new one is much broader."
    tmx = (tmp_path / "memory.tmx").read_text(encoding="utf-8").replace(changed, "The new agreement is much broader.")
    (tmp_path / "memory.tmx").write_text(tmx, encoding="utf-8")
    article = tmp_path / "corpus" / "en" / f"{slug}.html"
    article.parent.mkdir(parents=True)
    shutil.copy(CORPUS / "en" / f"{slug}.html", article)

    run = cli("translate", f"corpus/en/{slug}.html", "--to", "es", "--engine", "none", "--tm", "memory.tmx")
    assert run.code == 0, run.err
    catalog = parse_po((tmp_path / "locales" / "es" / "LC_MESSAGES" / f"{slug}.po").read_bytes(), path="x.po")
    exact = [e for e in catalog.entries if e.msgid in human and e.msgid != changed]
    assert len(exact) == len(human) - 1
    assert all(e.msgstr == human[e.msgid] and e.approved and e.origin.kind is OriginKind.TM for e in exact)
    assert all(e.origin.source.startswith("memory.tmx:") for e in exact)
    fuzzy = catalog.find(changed)
    assert fuzzy is not None and fuzzy.fuzzy and fuzzy.msgstr == human[changed]
    assert fuzzy.origin.kind is OriginKind.TM and fuzzy.origin.score is not None and fuzzy.origin.score < 100


def test_translate_with_a_broken_tmx_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    from tests.conftest import CORPUS

    (tmp_path / "memory.tmx").write_text("<tmx version='1.4'><body>", encoding="utf-8")
    run = cli("translate", str(CORPUS / "en" / f"{ARTICLE}.html"), "--to", "es", "--engine", "none", "--tm", "memory.tmx")
    assert run.code == 2 and "memory.tmx:1: not well-formed" in run.err
    assert not (tmp_path / "locales").exists()


def test_export_names_files_after_both_languages(cli: Cli, project: Path) -> None:
    assert cli("export", "--format", "xliff2", "--to", "es", ARTICLE).code == 0
    assert (project / "en-es.xlf").is_file()
    assert cli("import", "en-es.xlf").code == 0


@pytest.mark.parametrize("target", ["locales/es/LC_MESSAGES/upm-delegation-visit.po", "page.html", "memory.xlf"])
def test_an_export_never_replaces_a_file_of_another_kind(cli: Cli, project: Path, target: str) -> None:
    fmt = "tmx" if target == "memory.xlf" else "xliff2"
    args = ["--to", "es", ARTICLE] if fmt == "xliff2" else []
    path = project / target
    if not path.exists():
        path.write_text("mine", encoding="utf-8")
    before = path.read_bytes()
    run = cli("export", "--format", fmt, *args, "-o", target)
    assert run.code == 2 and "an export file is named" in run.err
    assert path.read_bytes() == before

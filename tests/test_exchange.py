"""The interchange workflow on a copy of the corpus's catalogs: stats, export, import, TMX memory, eval."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from newsl10n import exchange
from newsl10n.catalog_model import Catalog
from newsl10n.errors import InputError, UsageError
from newsl10n.formats.po import parse_po
from newsl10n.formats.xliff import NS
from newsl10n.stats import count
from tests.conftest import CORPUS
from tests.corpus_catalogs import GOLDEN_LOCALES, read_catalog

Q = "{" + NS + "}"
ARTICLE = "upm-delegation-visit"


@pytest.fixture
def locales(tmp_path: Path) -> Path:
    shutil.copytree(GOLDEN_LOCALES, tmp_path / "locales")
    return tmp_path / "locales"


def snapshot(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_stats_over_a_tree(locales: Path) -> None:
    report = exchange.stats([locales])
    assert len(report.rows) == len(list(locales.glob("*/LC_MESSAGES/*.po")))
    row = next(r for r in report.rows if (r.language, r.article) == ("es", ARTICLE))
    assert row.entries == count(read_catalog(locales / "es" / "LC_MESSAGES" / f"{ARTICLE}.po"))[0]
    assert {r.language for r in report.languages} == {"en", "es", "ru"}


def test_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        exchange.stats([tmp_path / "nope"])


def test_export_groups_by_source_language(locales: Path) -> None:
    docs = exchange.export_xliff(exchange.catalogs_for(locales, "es", []), tgt_lang="es")
    assert [(d.src_lang, len(d.articles)) for d in docs] == [("en", 5), ("ru", 1)]
    one = exchange.export_xliff(exchange.catalogs_for(locales, "es", [f"corpus/en/{ARTICLE}.html"]),
                                tgt_lang="es")
    assert [d.articles for d in one] == [(ARTICLE,)]
    with pytest.raises(InputError, match="no catalog for 'nothing'"):
        exchange.catalogs_for(locales, "es", ["nothing"])


def _export_one(locales: Path) -> bytes:
    [doc] = exchange.export_xliff(exchange.catalogs_for(locales, "es", [ARTICLE]), tgt_lang="es")
    return doc.text.encode("utf-8")


def test_export_then_import_changes_nothing_byte_for_byte(locales: Path) -> None:
    before = snapshot(locales)
    for doc in exchange.export_xliff(exchange.catalogs_for(locales, "es", []), tgt_lang="es"):
        result = exchange.import_xliff(doc.text.encode(), path="es.xlf", locales=locales)
        assert (result.updated, result.refused, result.written) == (0, (), ())
        assert result.unchanged > 0
    assert snapshot(locales) == before


def translator_edits(xliff: bytes) -> tuple[bytes, str, str]:
    """One unit retranslated and marked final, one unit's <pc> broken: (edited file, good id, broken id)."""
    root = etree.fromstring(xliff)
    units = list(root.iter(f"{Q}unit"))
    good = next(u for u in units if u.find(f"{Q}segment/{Q}source/{Q}pc") is None and u.find(f"{Q}segment/{Q}target") is not None)
    broken = next(u for u in units if u.find(f"{Q}segment/{Q}target/{Q}pc") is not None)
    segment = good.find(f"{Q}segment")
    assert segment is not None
    segment.set("state", "final")
    target = segment.find(f"{Q}target")
    assert target is not None
    target.text = "La delegación de la UPM visita la SPbPU para preparar la siguiente etapa de la alianza"
    pc = broken.find(f"{Q}segment/{Q}target/{Q}pc")
    assert pc is not None
    parent = pc.getparent()
    assert parent is not None
    parent.text = (parent.text or "") + (pc.text or "") + (pc.tail or "")  # the translator deleted the link
    parent.remove(pc)
    broken_segment = broken.find(f"{Q}segment")
    assert broken_segment is not None
    broken_segment.set("state", "final")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8"), good.get("id", ""), broken.get("id", "")


def test_round_trip_with_a_translators_edits(locales: Path, cli) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(locales)
    edited, good_id, broken_id = translator_edits(_export_one(locales))
    result = exchange.import_xliff(edited, path="es.xlf", locales=locales)
    assert result.updated == 1
    assert [(r.refusal.unit_id, "code" in r.refusal.reason) for r in result.refused] == [(broken_id, True)]
    line = edited.decode().splitlines()[result.refused[0].refusal.line - 1]
    assert "<target" in line
    path = locales / "es" / "LC_MESSAGES" / f"{ARTICLE}.po"
    assert result.written == (path,)
    after = snapshot(locales)
    assert {p for p in before if before[p] != after[p]} == {path}
    old, new = read_catalog_from(before[path]), read_catalog(path)
    changed = [(a, b) for a, b in zip(old.entries, new.entries, strict=True) if a != b]
    assert len(changed) == 1
    old_blocks, new_blocks = before[path].split(b"\n\n"), after[path].split(b"\n\n")
    assert len(old_blocks) == len(new_blocks)
    assert sum(a != b for a, b in zip(old_blocks, new_blocks, strict=True)) == 1  # the PO text of one entry
    entry = changed[0][1]
    assert entry.msgstr.startswith("La delegación de la UPM") and entry.approved

    # the edit survives a translate re-run (the article where the golden run had it, memory only)
    article = locales.parent / "corpus" / "en" / f"{ARTICLE}.html"
    article.parent.mkdir(parents=True)
    shutil.copy(CORPUS / "en" / f"{ARTICLE}.html", article)
    run = cli("translate", f"corpus/en/{ARTICLE}.html", "--to", "es", "--engine", "none", "--locales", "locales",
              "--out", "build")
    assert run.code == 0, run.err
    again = read_catalog(path).find(entry.msgid, entry.msgctxt)
    assert again is not None and again.msgstr == entry.msgstr and again.approved
    assert good_id.startswith("u")


def read_catalog_from(data: bytes) -> Catalog:
    return parse_po(data, path="old.po")


def test_an_article_without_catalog_stops_the_import_before_anything_is_written(locales: Path) -> None:
    edited, _, _ = translator_edits(_export_one(locales))
    text = edited.decode().replace(f'original="{ARTICLE}"', 'original="no-such-article"')
    before = snapshot(locales)
    with pytest.raises(InputError, match="no catalog for article 'no-such-article'") as info:
        exchange.import_xliff(text.encode(), path="es.xlf", locales=locales)
    assert info.value.line == 3
    assert snapshot(locales) == before


@pytest.mark.parametrize("name", ["../../etc/passwd", ".hidden", "a/b"])
def test_file_names_that_leave_the_catalog_folder_are_refused(locales: Path, name: str) -> None:
    text = _export_one(locales).decode().replace(f'original="{ARTICLE}"', f'original="{name}"')
    with pytest.raises(InputError, match="not an article name"):
        exchange.import_xliff(text.encode(), path="es.xlf", locales=locales)


def test_tmx_export_and_memory(locales: Path, tmp_path: Path) -> None:
    from newsl10n.tm import TranslationMemory

    text = exchange.export_tmx(exchange.load_catalogs([locales]))
    tmx = tmp_path / "memory.tmx"
    tmx.write_text(text, encoding="utf-8")
    tm = TranslationMemory(exchange.tmx_memories(exchange.read_tmx([tmx]), src_lang="en", tgt_lang="es"))
    match = tm.lookup("Publication date: <1/>")
    assert match is not None and match.exact and match.memory.msgstr == "Fecha de publicación: <1/>"


def test_eval_needs_approved_translations(locales: Path) -> None:
    with pytest.raises(InputError, match="no approved translations"):
        exchange.evaluate_engines([locales / "ru"], engines=["apertium"], tgt_lang="ru", models_dir=locales)


def test_eval_refuses_engine_none(tmp_path: Path) -> None:
    folder = tmp_path / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(Path(__file__).parent / "data" / "eval" / "approved.po", folder / "x.po")
    with pytest.raises(UsageError, match="none"):
        exchange.evaluate_engines([tmp_path], engines=["none"], tgt_lang="es", models_dir=tmp_path)


def test_corpus_is_there() -> None:
    assert (CORPUS / "en" / f"{ARTICLE}.html").is_file()

"""Loading files and folders: dispatch by extension, directory expansion, merging."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsl10n.errors import InputError
from newsl10n.glossary import expand_paths, load_glossary, load_glossary_report

from .helpers import entry, langset, martif, tig


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "b.tbx").write_text(martif(entry("ie", langset("en", tig("Institute of Energy", "preferred")))))
    (tmp_path / "a.csv").write_text("id,en,es\nie,Institute of Energy,Instituto de Energía\n", encoding="utf-8")
    (tmp_path / "c.en-ru.tsv").write_text("Rector\tректор\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("not a glossary")
    (tmp_path / "extra.xml").write_text("<not-read/>")
    return tmp_path


def test_directory_expands_to_sorted_glossary_files(folder: Path) -> None:
    assert [p.name for p in expand_paths([folder])] == ["a.csv", "b.tbx", "c.en-ru.tsv"]


def test_load_merges_files_in_order(folder: Path) -> None:
    report = load_glossary_report([folder])
    g = report.glossary
    assert [c.id for c in g] == ["ie", "c.en-ru.tsv:1"]
    assert [(t.lang, t.text, t.status.value) for t in g.concepts[0].terms] == [
        ("en", "Institute of Energy", "preferred"),  # a.csv gives no status; b.tbx says preferred
        ("es", "Instituto de Energía", "admitted"),
    ]
    assert g.languages == ("en", "es", "ru")
    assert report.conflicts == () and len(report.files) == 3
    assert load_glossary([folder]) == g


def test_explicit_xml_file_is_read_as_tbx(tmp_path: Path) -> None:
    f = tmp_path / "terms.xml"
    f.write_text(martif(entry("x", langset("en", tig("vice-dean")))))
    assert load_glossary([f]).concepts[0].terms[0].text == "vice-dean"


def test_headerless_languages_can_be_given(tmp_path: Path) -> None:
    f = tmp_path / "g.tsv"
    f.write_text("Rector\trector\n", encoding="utf-8")
    assert load_glossary([f], src_lang="en", tgt_lang="es").languages == ("en", "es")


@pytest.mark.parametrize(("name", "fragment"), [("absent.tbx", "no such file"), ("notes.txt", "not a glossary file")])
def test_bad_paths(tmp_path: Path, name: str, fragment: str) -> None:
    if name.endswith(".txt"):
        (tmp_path / name).write_text("x")
    with pytest.raises(InputError, match=fragment):
        load_glossary([tmp_path / name])


def test_empty_directory_is_an_empty_glossary(tmp_path: Path) -> None:
    assert len(load_glossary([tmp_path])) == 0

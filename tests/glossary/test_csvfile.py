"""CSV/TSV glossaries: OmegaT's headerless layout, header layouts, encodings, errors."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from newsl10n.errors import InputError
from newsl10n.glossary import TermKind, TermStatus, parse_csv, read_csv
from newsl10n.glossary.csvfile import Column, languages_from_name, parse_header_cell


def test_omegat_tsv_three_columns(tmp_path: Path) -> None:
    f = tmp_path / "omegat.tsv"
    f.write_text("Rector\tректор\ttitle, lower case in Russian\nvice-dean\tзаместитель декана\n", encoding="utf-8")
    g = read_csv(f)
    assert g.languages == ("en", "ru")
    first, second = g.concepts
    assert [(t.lang, t.text) for t in first.terms] == [("en", "Rector"), ("ru", "ректор")]
    assert first.note == "title, lower case in Russian" and second.note is None
    assert first.terms[1].line == 1 and second.terms[0].line == 2
    assert first.id == "omegat.tsv:1"


@pytest.mark.parametrize(
    ("name", "given", "langs"),
    [
        ("plain.tsv", (None, None), ("en", "ru")),
        ("names.en-es.tsv", (None, None), ("en", "es")),
        ("names.ru-en.tsv", (None, None), ("ru", "en")),
        ("names.en-es.tsv", ("es", "ru"), ("es", "ru")),
        ("plain.tsv", (None, "es"), ("en", "es")),
    ],
    ids=["default", "from-name", "reversed-name", "parameters-win", "one-parameter"],
)
def test_headerless_languages(
    tmp_path: Path, name: str, given: tuple[str | None, str | None], langs: tuple[str, str]
) -> None:
    f = tmp_path / name
    f.write_text("UPM\tUPM\n", encoding="utf-8")
    assert read_csv(f, src_lang=given[0], tgt_lang=given[1]).languages == langs


@pytest.mark.parametrize(
    ("name", "expected"),
    [("a.en-ru.tsv", ("en", "ru")), ("a.pt_BR-en.csv", ("pt-br", "en")), ("a.tsv", None), ("en-ru.tsv", None)],
)
def test_languages_from_name(name: str, expected: tuple[str, str] | None) -> None:
    assert languages_from_name(Path(name)) == expected


@pytest.mark.parametrize(
    ("cell", "column"),
    [
        ("en", Column("term", "en")),
        ("RU", None),
        ("IE", None),
        ("es-ES", Column("term", "es-es")),
        ("term:en", Column("term", "en")),
        ("en_status", Column("status", "en")),
        ("status:ru", Column("status", "ru")),
        ("es_note", Column("note", "es")),
        ("Kind", Column("kind")),
        ("Term:en", Column("term", "en")),
        ("comment", Column("note")),
        ("do_not_translate", Column("dnt")),
        ("colour", None),
        ("term:", None),
    ],
)
def test_header_cells(cell: str, column: Column | None) -> None:
    assert parse_header_cell(cell) == column


def test_header_with_languages_kind_status_note() -> None:
    data = (
        "en,ru,es,kind,status,note\n"
        'Rector,ректор,rector,title,preferred,"a title, lower case in ru/es"\n'
        "SPbPU,СПбПУ,SPbPU,abbreviation,,\n"
    ).encode()
    g = parse_csv(data, path="g.csv")
    rector, spbpu = g.concepts
    assert rector.kind is TermKind.TITLE and rector.note == "a title, lower case in ru/es"
    assert [t.status for t in rector.terms] == [TermStatus.PREFERRED] * 3
    assert [t.lang for t in rector.terms] == ["en", "ru", "es"]
    assert spbpu.terms[0].status is TermStatus.ADMITTED and spbpu.terms[0].is_abbreviation
    assert g.languages == ("en", "ru", "es")


def test_header_with_per_language_status_and_shared_ids() -> None:
    data = (
        "id\ten\ten_status\tru\tru_status\tdnt\n"
        "upm\tTechnical University of Madrid\tpreferred\tМадридский политехнический университет\tpreferred\tno\n"
        "upm\tMadrid Polytechnic University\tadmitted\tПолитехнический университет Мадрида\tforbidden\t\n"
        "lana\tLana Kalikina\t\t\t\tyes\n"
    ).encode()
    g = parse_csv(data, path="g.tsv", delimiter="\t")
    upm, lana = g.concepts
    assert upm.id == "upm" and len(upm.terms) == 4
    assert [t.text for t in upm.forbidden("ru")] == ["Политехнический университет Мадрида"]
    assert upm.preferred("en") is not None and upm.preferred("en").text == "Technical University of Madrid"  # type: ignore[union-attr]
    assert lana.terms[0].do_not_translate and not upm.do_not_translate
    assert [t.lang for t in lana.terms] == ["en"]


def test_quoted_fields_comments_and_blank_rows() -> None:
    data = (
        "# project glossary\n"
        "en,ru\n"
        "\n"
        '"Institute of Mechanical Engineering, Materials and Transport","Институт машиностроения, материалов и транспорта"\n'
        '"MPEI (""Moscow Power Engineering Institute"")",МЭИ\n'
    ).encode()
    g = parse_csv(data, path="q.csv")
    assert [c.terms[0].text for c in g.concepts] == [
        "Institute of Mechanical Engineering, Materials and Transport",
        'MPEI ("Moscow Power Engineering Institute")',
    ]
    assert [c.line for c in g.concepts] == [4, 5]


def test_line_numbers_follow_multiline_quoted_fields() -> None:
    data = 'en,ru,note\nRector,ректор,"two\nlines"\nvice-dean,заместитель декана\n'.encode()
    with pytest.raises(InputError) as err:
        parse_csv(data, path="m.csv")
    assert err.value.line == 4


@pytest.mark.parametrize(
    ("data", "line", "fragment"),
    [
        (b"Rector\t\xd1\x80\xd0\xb5\xd0\xba\xd1\x82\xd0\xbe\xd1\x80\nvice-dean\t\xe7\xe0\xec\n", 2, "not valid utf-8"),
        ("en,ru\nRector,ректор,extra\n".encode(), 2, "expected 2 columns"),
        ("Rector\tректор\tnote\textra\n".encode(), 1, "expected 2 or 3 columns"),
        (b"Rector\n", 1, "expected 2 or 3 columns"),
        ("en,ru,status\nRector,ректор,favourite\n".encode(), 2, "unknown status"),
        ("en,ru,kind\nRector,ректор,planet\n".encode(), 2, "unknown kind"),
        ("en,ru,dnt\nRector,ректор,maybe\n".encode(), 2, "dnt must be"),
        (b"en,ru,ru_status\nRector,,preferred\n", 2, "but no ru term"),
        ('en,ru\n"Rector,ректор\n'.encode(), 2, "bad CSV quoting"),
        (b"R\x00e\x00c\x00\n\x00", 1, "NUL"),
    ],
    ids=[
        "cp1251-line-in-utf8",
        "extra-column",
        "four-columns-headerless",
        "one-column",
        "bad-status",
        "bad-kind",
        "bad-dnt",
        "status-without-term",
        "unclosed-quote",
        "utf16-without-bom",
    ],
)
def test_bad_rows_name_file_and_line(data: bytes, line: int, fragment: str) -> None:
    delimiter = "\t" if b"\t" in data else ","
    with pytest.raises(InputError) as err:
        parse_csv(data, path="bad.csv", delimiter=delimiter)
    assert fragment in err.value.message
    assert (err.value.path, err.value.line) == ("bad.csv", line)


@pytest.mark.parametrize("bom", [codecs.BOM_UTF8, codecs.BOM_UTF16_LE], ids=["utf8-bom", "utf16-bom"])
def test_unicode_with_bom(bom: bytes) -> None:
    text = "en\tru\nInstitute of Energy\tИнститут энергетики\n"
    data = bom + text.encode("utf-8" if bom == codecs.BOM_UTF8 else "utf-16-le")
    g = parse_csv(data, path="b.tsv", delimiter="\t")
    assert g.concepts[0].terms[1].text == "Институт энергетики"
    assert g.concepts[0].terms[0].text == "Institute of Energy"  # the BOM is not part of the first cell


def test_whole_cp1251_file_is_refused_not_guessed() -> None:
    with pytest.raises(InputError, match="utf-8") as err:
        parse_csv("Rector,ректор\n".encode("cp1251"), path="cp.csv")
    assert err.value.line == 1


def test_empty_file_is_an_empty_glossary() -> None:
    assert len(parse_csv(b"", path="e.csv")) == 0
    assert len(parse_csv(b"en,ru\n", path="h.csv")) == 0


@pytest.mark.parametrize("row", ["UPM\tMPU", "IE\tIE", "es\tes", "UPM\tUPM\tkind"], ids=str)
def test_a_first_row_that_only_resembles_a_header_is_data(row: str) -> None:
    g = parse_csv(f"{row}\n".encode(), path="x.tsv", delimiter="\t")
    assert len(g) == 1 and g.languages == ("en", "ru")


def test_crlf_line_endings() -> None:
    g = parse_csv(b"en,ru\r\nRector,\xd1\x80\xd0\xb5\xd0\xba\xd1\x82\xd0\xbe\xd1\x80\r\n", path="w.csv")
    assert [(t.lang, t.text) for t in g.concepts[0].terms] == [("en", "Rector"), ("ru", "ректор")]

"""TBX reading: both TBX forms, data categories, encodings and errors."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from newsl10n.errors import InputError
from newsl10n.glossary import TermKind, TermStatus, parse_tbx, read_tbx

from .helpers import TBX_V3_NS, entry, langset, martif, tig


def test_old_form_terms_statuses_and_lines() -> None:
    doc = martif(
        entry(
            "c1",
            langset("en", tig("Institute of Energy", "preferred"), tig("Energy Institute", "deprecated")),
            langset("ru", tig("Институт энергетики", "preferred")),
            extra='<descrip type="subjectField">education</descrip><note>an SPbPU institute</note>',
        )
    )
    g = parse_tbx(doc.encode(), path="x.tbx")
    assert len(g) == 1 and g.languages == ("en", "ru")
    c = g.concepts[0]
    assert (c.id, c.subject, c.note) == ("c1", "education", "an SPbPU institute")
    assert [(t.lang, t.text, t.status) for t in c.terms] == [
        ("en", "Institute of Energy", TermStatus.PREFERRED),
        ("en", "Energy Institute", TermStatus.DEPRECATED),
        ("ru", "Институт энергетики", TermStatus.PREFERRED),
    ]
    assert c.terms[0].source_file == "x.tbx" and c.terms[0].line == 5
    assert c.preferred("ru") is not None and c.preferred("ru").text == "Институт энергетики"  # type: ignore[union-attr]
    assert [t.text for t in c.forbidden("en")] == ["Energy Institute"]


def test_ntig_termgrp_and_term_notes() -> None:
    body = entry(
        "c2",
        '<langSet xml:lang="en"><ntig><termGrp><term>SPbPU</term>'
        '<termNote type="termType">acronym</termNote>'
        '<termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termGrp>'
        "<note>short form</note></ntig></langSet>",
    )
    t = parse_tbx(martif(body).encode(), path="n.tbx").concepts[0].terms[0]
    assert (t.text, t.status, t.is_abbreviation, t.note) == ("SPbPU", TermStatus.ADMITTED, True, "short form")


@pytest.mark.parametrize("prefix", ["", "tbx:"], ids=["default-namespace", "prefixed"])
def test_tbx_v3_concept_entries(prefix: str) -> None:
    p = prefix
    xmlns = f'xmlns:tbx="{TBX_V3_NS}"' if prefix else f'xmlns="{TBX_V3_NS}"'
    doc = (
        f'<?xml version="1.0"?>\n<{p}tbx {xmlns} type="TBX-Basic" style="dca" xml:lang="en">'
        f"<{p}tbxHeader/><{p}text><{p}body>"
        f'<{p}conceptEntry id="upm"><{p}descrip type="conceptKind">institution</{p}descrip>'
        f'<{p}langSec xml:lang="es"><{p}termSec><{p}term>Universidad Politécnica de Madrid</{p}term>'
        f'<{p}termNote type="administrativeStatus">preferredTerm-admn-sts</{p}termNote></{p}termSec></{p}langSec>'
        f'<{p}langSec xml:lang="en"><{p}termSec><{p}term>Madrid Polytechnic University</{p}term>'
        f'<{p}termNote type="administrativeStatus">supersededTerm-admn-sts</{p}termNote></{p}termSec></{p}langSec>'
        f"</{p}conceptEntry></{p}body></{p}text></{p}tbx>"
    )
    g = parse_tbx(doc.encode(), path="v3.tbx")
    c = g.concepts[0]
    assert c.kind is TermKind.INSTITUTION and all(t.kind is TermKind.INSTITUTION for t in c.terms)
    assert [(t.lang, t.status) for t in c.terms] == [("es", TermStatus.PREFERRED), ("en", TermStatus.SUPERSEDED)]
    assert c.preferred("en") is None


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ('<termNote type="transferComment">do not translate</termNote>', True),
        ('<termNote type="transferComment">Do Not Translate</termNote>', True),
        ('<termNote type="transferComment">keep the order of the names</termNote>', False),
        ("", False),
    ],
    ids=["transfer-comment", "any-case", "other-comment", "none"],
)
def test_do_not_translate_on_a_term(markup: str, expected: bool) -> None:
    doc = martif(entry("p", langset("en", tig("Lana Kalikina", "preferred", markup))))
    assert parse_tbx(doc.encode(), path="p.tbx").concepts[0].terms[0].do_not_translate is expected


def test_do_not_translate_on_an_entry_applies_to_every_term() -> None:
    doc = martif(
        entry(
            "p",
            langset("en", tig("Polytech")),
            langset("es", tig("Polytech")),
            extra='<descrip type="doNotTranslate">yes</descrip>',
        )
    )
    assert all(t.do_not_translate for t in parse_tbx(doc.encode(), path="p.tbx").concepts[0].terms)


def test_entry_without_id_gets_one_from_the_file_name() -> None:
    doc = martif("<termEntry>" + langset("en", tig("address bar")) + "</termEntry>")
    g = parse_tbx(doc.encode(), path="dir/weblate.en-cs.tbx")
    assert g.concepts[0].id == "weblate#1"
    assert g.concepts[0].terms[0].status is TermStatus.ADMITTED  # no status given


def test_term_markup_and_whitespace_are_flattened() -> None:
    doc = martif(entry("c", langset("en", tig("Institute\n   of <hi>Energy</hi>"))))
    assert parse_tbx(doc.encode(), path="h.tbx").concepts[0].terms[0].text == "Institute of Energy"


@pytest.mark.parametrize(
    "codec",
    ["utf-8-sig", "utf-16", "utf-16-be"],
    ids=["utf8-bom", "utf16-le-bom", "utf16-be-bom"],
)
def test_unicode_encodings_with_bom(codec: str) -> None:
    doc = martif(entry("c", langset("ru", tig("Институт энергетики", "preferred"))))
    if codec.startswith("utf-16"):
        doc = doc.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    data = doc.encode(codec)
    if codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    assert parse_tbx(data, path="e.tbx").concepts[0].terms[0].text == "Институт энергетики"


@pytest.mark.parametrize(
    ("doc", "line", "fragment"),
    [
        (martif("<termEntry id='a'>\n<langSet xml:lang='en'>\n</termEntry>"), 7, "not well-formed"),
        (martif(entry("a", langset("en", tig("x", "favourite")))), 5, "unknown administrativeStatus"),
        (martif(entry("a", "<langSet><tig><term>x</term></tig></langSet>")), 5, "without xml:lang"),
        (martif(entry("a", langset("en", "<tig><note>n</note></tig>"))), 5, "without <term>"),
        (martif(entry("a", langset("en", tig(" ")))), 5, "empty <term>"),
        ('<?xml version="1.0"?>\n<html><body/></html>', 2, "not a TBX file"),
        ('<?xml version="1.0"?>\n<martif/>', 2, "no <text><body>"),
        (
            martif(entry("a", langset("en", tig("x")), extra='<descrip type="conceptKind">planet</descrip>')),
            5,
            "unknown conceptKind",
        ),
    ],
    ids=[
        "mismatched-tag",
        "unknown-status",
        "no-lang",
        "no-term",
        "empty-term",
        "wrong-root",
        "no-body",
        "unknown-kind",
    ],
)
def test_bad_documents_name_file_and_line(doc: str, line: int, fragment: str) -> None:
    with pytest.raises(InputError) as err:
        parse_tbx(doc.encode("utf-8"), path="bad.tbx")
    assert err.value.path == "bad.tbx"
    assert fragment in err.value.message
    assert err.value.line == line
    assert str(err.value).startswith(f"bad.tbx:{line}: ")


def test_invalid_utf8_is_an_error_with_its_line() -> None:
    data = martif(entry("a", langset("en", tig("ok")))).encode().replace(b"ok", b"o\xffk")
    with pytest.raises(InputError) as err:
        parse_tbx(data, path="bytes.tbx")
    assert err.value.line == 5


def test_read_tbx_reads_a_file(tmp_path: Path) -> None:
    f = tmp_path / "g.tbx"
    f.write_text(martif(entry("a", langset("en", tig("Rector", "preferred")))), encoding="utf-8")
    g = read_tbx(f)
    assert g.concepts[0].terms[0].source_file == str(f)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_tbx(tmp_path / "absent.tbx")

"""XLIFF 2.0: export validates against the OASIS schema, translate-toolkit reads it back, import rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from newsl10n.catalog_model import Catalog, Entry, Origin, OriginKind, Reference
from newsl10n.errors import InputError
from newsl10n.formats.xliff import NS, ExportFile, generate_xliff2, parse_xliff2
from newsl10n.interchange import merge_returned
from newsl10n.model import strip_codes
from tests.conftest import SHARED
from tests.corpus_catalogs import corpus_catalogs, read_catalog

SCHEMA = SHARED / "xliff" / "xliff_core_2.0.xsd"
Q = "{" + NS + "}"
LANGS = ["es", "ru", "en"]


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    if not SCHEMA.is_file():
        pytest.skip("../shared/xliff is not present (a user's clone)")
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def corpus_export(lang: str) -> tuple[list[ExportFile], dict[str, str]]:
    """The golden corpus catalogs of ``lang``, grouped by source language: one XLIFF per source language."""
    files = [ExportFile(p.stem, read_catalog(p)) for p in corpus_catalogs(lang)]
    by_src: dict[str, list[ExportFile]] = {}
    for f in files:
        by_src.setdefault(f.catalog.source_language or "en", []).append(f)
    docs = {src: generate_xliff2(group, src_lang=src, tgt_lang=lang) for src, group in by_src.items()}
    return files, docs


SAMPLE = Catalog(
    header={"Language": "es", "X-Source-Language": "en"},
    entries=(
        Entry(
            "Visit the <1>strategic partner</1>.<2/>",
            "Visite al <1>socio estratégico</1>.<2/>",
            extracted=("block: p", '<1> = <a href="/partners/upm/">', "<2/> = <br>", "term: strategic partner"),
            references=(Reference("corpus/en/a.html", "12"),),
        ),
        Entry("Click <1>here</1>", "Pulse <1>aquí</1>", msgctxt="codes: 1=a", extracted=("<1> = <a href=\"/\">",)),
        Entry("Click <1>here</1>", "", msgctxt="codes: 1=strong", extracted=("<1> = <strong>",)),
        Entry("Rector's words", "Palabras del rector", fuzzy=True, origin=Origin(OriginKind.MT, "apertium:eng-spa")),
        Entry("Old <1>and</1> new", "Viejo <1>y nuevo", fuzzy=True, origin=Origin(OriginKind.MT, "apertium:eng-spa")),
        Entry("Tab\there\x0bvertical", "Tab\taquí\x0bvertical"),
        Entry("Changed source.", "Fuente.", fuzzy=True, previous_msgid="Old source."),
    ),
)


def _export(catalog: Catalog = SAMPLE) -> str:
    return generate_xliff2([ExportFile("a", catalog)], src_lang="en", tgt_lang="es")


@pytest.mark.parametrize("lang", LANGS)
def test_corpus_export_validates_against_the_oasis_schema(lang: str, schema: etree.XMLSchema) -> None:
    _, docs = corpus_export(lang)
    for text in docs.values():
        schema.assertValid(etree.fromstring(text.encode()))


def test_sample_validates_against_the_oasis_schema(schema: etree.XMLSchema) -> None:
    schema.assertValid(etree.fromstring(_export().encode()))


@pytest.mark.parametrize("lang", LANGS)
def test_translate_toolkit_reads_the_same_units_and_targets(lang: str) -> None:
    from translate.storage.xliff2 import Xliff2File

    files, docs = corpus_export(lang)
    for src, text in docs.items():
        store = Xliff2File.parsestring(text.encode())
        assert store.getsourcelanguage() == src and store.gettargetlanguage() == lang
        want = [
            (strip_codes(e.msgid), strip_codes(e.msgstr), e.approved)
            for f in files
            if (f.catalog.source_language or "en") == src
            for e in f.catalog.entries
        ]
        got = [(u.source, u.target or "", u.isapproved()) for u in store.units]
        assert got == want
        assert all(u.getid().startswith("u") for u in store.units)


@pytest.mark.parametrize("lang", LANGS)
def test_export_then_import_changes_nothing(lang: str) -> None:
    files, docs = corpus_export(lang)
    by_article = {f.article: f.catalog for f in files}
    seen = 0
    for text in docs.values():
        doc = parse_xliff2(text.encode(), path="x.xlf")
        for item in doc.files:
            outcome = merge_returned(by_article[item.article], item.units)
            assert (outcome.updated, outcome.refusals) == (0, ())
            assert outcome.catalog is by_article[item.article]
            seen += outcome.unchanged
    assert seen == sum(len(c.entries) for c in by_article.values())


def test_sample_round_trip_keeps_context_codes_and_control_characters() -> None:
    text = _export()
    doc = parse_xliff2(text.encode(), path="x.xlf")
    units = doc.files[0].units
    assert [(u.msgctxt, u.msgid) for u in units] == [e.key for e in SAMPLE.entries]
    assert units[0].target == SAMPLE.entries[0].msgstr and units[0].final
    assert units[3].target == "Palabras del rector" and not units[3].final
    assert units[4].target is None  # broken codes: no target, shown in a note
    assert units[5].target == "Tab\taquí\x0bvertical"
    outcome = merge_returned(SAMPLE, units)
    assert (outcome.updated, outcome.unchanged, outcome.refusals) == (0, len(SAMPLE.entries), ())


def test_inline_codes_point_at_the_original_markup() -> None:
    root = etree.fromstring(_export().encode())
    unit = root.find(f"{Q}file/{Q}unit")
    assert unit is not None
    data = {d.get("id"): d.text for d in unit.iterfind(f"{Q}originalData/{Q}data")}
    assert data == {"d1": '<a href="/partners/upm/">', "d1e": "</a>", "d2": "<br>"}
    pc = unit.find(f"{Q}segment/{Q}source/{Q}pc")
    ph = unit.find(f"{Q}segment/{Q}source/{Q}ph")
    assert pc is not None and ph is not None
    assert (pc.get("id"), pc.get("dataRefStart"), pc.get("dataRefEnd"), pc.text) == ("1", "d1", "d1e", "strategic partner")
    assert (ph.get("id"), ph.get("dataRef")) == ("2", "d2")
    notes = [(n.get("category"), n.text) for n in unit.iterfind(f"{Q}notes/{Q}note")]
    assert ("location", "corpus/en/a.html:12") in notes and ("extracted", "term: strategic partner") in notes
    assert ("extracted", '<1> = <a href="/partners/upm/">') not in notes  # it is the originalData


def test_states() -> None:
    root = etree.fromstring(_export().encode())
    states = [s.get("state") for s in root.iter(f"{Q}segment")]
    assert states == ["final", "final", "initial", "translated", "initial", "final", "translated"]


def _edit(text: str, index: int, *, target: str | None = None, state: str | None = None) -> bytes:
    """Replace unit ``index``'s target with the XML fragment ``target`` and/or set its state."""
    root = etree.fromstring(text.encode())
    segment = list(root.iter(f"{Q}segment"))[index]
    if state is not None:
        segment.set("state", state)
    if target is not None:
        old = segment.find(f"{Q}target")
        if old is not None:
            segment.remove(old)
        segment.append(etree.fromstring(f'<target xmlns="{NS}">{target}</target>'))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


@pytest.mark.parametrize(
    ("index", "target", "state", "updated", "expect"),
    [
        (0, "Visite a <pc id='1'>nuestro socio</pc>.<ph id='2'/>", "translated", 0, None),
        (0, "Visite a <pc id='1'>nuestro socio</pc>.<ph id='2'/>", "final", 1, ("Visite a <1>nuestro socio</1>.<2/>", False)),
        (0, "Visite a <pc id='1'>nuestro socio</pc>.<ph id='2'/>", "reviewed", 1, ("Visite a <1>nuestro socio</1>.<2/>", False)),
        (2, "Pulse <pc id='1'>aquí</pc>", "translated", 1, ("Pulse <1>aquí</1>", True)),
        (3, None, "final", 1, ("Palabras del rector", False)),
        (3, "Las palabras del rector", "initial", 1, ("Las palabras del rector", True)),
        (2, "", "final", 0, None),
    ],
    ids=["approved-kept-unless-final", "approved-replaced-by-final", "reviewed", "untranslated-filled-fuzzy",
         "proposal-approved", "proposal-edited", "empty-target"],
)
def test_import_rules(index: int, target: str | None, state: str, updated: int, expect: tuple[str, bool] | None) -> None:
    doc = parse_xliff2(_edit(_export(), index, target=target, state=state), path="t.xlf")
    outcome = merge_returned(SAMPLE, doc.files[0].units)
    assert (outcome.updated, outcome.refusals) == (updated, ())
    entry = outcome.catalog.entries[index]
    if expect is None:
        assert entry == SAMPLE.entries[index]
    else:
        assert (entry.msgstr, entry.fuzzy) == expect
        if entry.msgstr != SAMPLE.entries[index].msgstr:
            assert entry.origin.kind is OriginKind.HUMAN


def test_approving_a_stale_entry_drops_its_previous_msgid() -> None:
    doc = parse_xliff2(_edit(_export(), 6, state="final"), path="t.xlf")
    entry = merge_returned(SAMPLE, doc.files[0].units).catalog.entries[6]
    assert (entry.fuzzy, entry.previous_msgid) == (False, None)


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("Visite al socio estratégico.<ph id='2'/>", "code 1 is missing"),
        ("Visite al <pc id='1'>socio</pc> <pc id='1'>x</pc>.<ph id='2'/>", "appears twice"),
        ("Visite <pc id='7'>al socio</pc>.<ph id='2'/>", "unknown code <7>"),
        ("Visite <pc id='a'>al socio</pc>", "none of this unit's codes"),
        ("Visite <sc id='1'/>al socio<ec startRef='1'/>.<ph id='2'/>", "<sc> at line"),
        ("Visite al <pc id='1'>socio</pc>&lt;script&gt;x()&lt;/script&gt;.<ph id='2'/>", "markup"),
        ("Visite al <pc id='1'>socio</pc><cp hex='0001'/>.<ph id='2'/>", "U+0001"),
    ],
    ids=["pc-removed", "pc-twice", "pc-unknown", "pc-bad-id", "sc-ec", "script", "control"],
)
def test_units_whose_codes_do_not_match_are_refused_with_id_and_line(target: str, reason: str) -> None:
    data = _edit(_export(), 0, target=target, state="final")
    doc = parse_xliff2(data, path="t.xlf")
    outcome = merge_returned(SAMPLE, doc.files[0].units)
    assert outcome.updated == 0 and outcome.catalog is SAMPLE
    [refusal] = outcome.refusals
    assert refusal.unit_id == "u1" and reason in refusal.reason
    line = data.decode().splitlines()[refusal.line - 1]
    assert "<target" in line


def test_a_unit_whose_source_left_the_catalog_is_refused() -> None:
    doc = parse_xliff2(_export().encode(), path="t.xlf")
    smaller = SAMPLE.replace_entries(SAMPLE.entries[1:])
    outcome = merge_returned(smaller, doc.files[0].units)
    assert [r.unit_id for r in outcome.refusals] == ["u1"] and "not in the catalog" in outcome.refusals[0].reason


@pytest.mark.parametrize(
    ("data", "message", "line"),
    [
        (b"<xliff version='2.0'", "not well-formed", 1),
        (b"<?xml version='1.0'?>\n<xliff xmlns='urn:oasis:names:tc:xliff:document:1.2' version='1.2'/>", "not an XLIFF 2.0", 2),
        (b"<?xml version='1.0'?>\n<!DOCTYPE x [<!ENTITY a 'b'>]>\n<xliff/>", "ENTITY", 2),
        (f"<xliff xmlns='{NS}' version='2.0' srcLang='en'>\n<file id='f'/></xliff>".encode(), "no original", 2),
    ],
    ids=["broken", "xliff-1.2", "entities", "no-original"],
)
def test_bad_files_name_the_file_and_line(data: bytes, message: str, line: int) -> None:
    with pytest.raises(InputError) as info:
        parse_xliff2(data, path="bad.xlf")
    assert message in str(info.value) and info.value.path == "bad.xlf" and info.value.line == line


def test_nothing_to_export_is_an_error() -> None:
    with pytest.raises(InputError, match="nothing to export"):
        generate_xliff2([ExportFile("a", Catalog())], src_lang="en", tgt_lang="es")


def test_plural_entries_are_left_out() -> None:
    catalog = Catalog(entries=(Entry("one", msgid_plural="many"), Entry("Hello.", "Hola.")))
    doc = parse_xliff2(generate_xliff2([ExportFile("a", catalog)], src_lang="en", tgt_lang="es").encode(), path="x")
    assert [u.msgid for u in doc.files[0].units] == ["Hello."]


def test_golden_catalogs_exist() -> None:
    assert all(Path(p).is_file() for p in corpus_catalogs("es"))


def test_one_catalog_through_generate_and_parse() -> None:
    from newsl10n.formats.xliff import generate_xliff, parse_xliff

    catalog = parse_xliff(generate_xliff(SAMPLE.with_header(Project_Id_Version="a")), path="a.xlf")
    assert catalog.language == "es" and catalog.source_language == "en"
    got = [(e.key, e.msgstr, e.fuzzy) for e in catalog.entries]
    broken = SAMPLE.entries[4]  # its codes do not match: exported without a target
    want = [(e.key, "" if e is broken else e.msgstr, e.fuzzy and e is not broken) for e in SAMPLE.entries]
    assert got == want


def test_parse_xliff_refuses_broken_codes_with_the_line() -> None:
    from newsl10n.formats.xliff import parse_xliff

    data = _edit(_export(), 0, target="Visite al socio.<ph id='2'/>")
    with pytest.raises(InputError, match="unit u1: inline codes do not match") as info:
        parse_xliff(data, path="a.xlf")
    assert info.value.line is not None and "<target" in data.decode().splitlines()[info.value.line - 1]

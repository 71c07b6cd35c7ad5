"""TMX 1.4b: approved pairs out (read back by translate-toolkit), a TMX file in as translation memory."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from lxml import etree

from newsl10n.catalog_model import Catalog, Entry, Reference
from newsl10n.errors import InputError
from newsl10n.formats.interchange_xml import code_markup, end_tag
from newsl10n.formats.tmx import TmxCatalog, TmxPair, generate_tmx, memories, parse_tmx
from newsl10n.model import CODE_RE
from newsl10n.tm import TranslationMemory
from tests.corpus_catalogs import corpus_catalogs, read_catalog


def approved_corpus() -> list[TmxCatalog]:
    """The golden corpus catalogs with every translated entry approved (as a translator would leave them)."""
    out = []
    for path in corpus_catalogs():
        catalog = read_catalog(path)
        catalog = catalog.replace_entries(replace(e, fuzzy=False) for e in catalog.entries)
        out.append(TmxCatalog(catalog.source_language or "en", catalog.language or path.parent.parent.name, catalog))
    return out


def expected_pairs(catalogs: list[TmxCatalog]) -> list[tuple[str, str, str | None, str, str]]:
    seen: dict[tuple[str, str, str | None, str, str], None] = {}
    for item in catalogs:
        for e in item.catalog.entries:
            if e.approved:
                seen.setdefault((item.src_lang, item.tgt_lang, e.msgctxt, e.msgid, e.msgstr))
    return list(seen)


def flattened(coded: str, markup: dict[int, str]) -> str:
    """What a reader that keeps the native code of <bpt>/<ept>/<ph> as text sees (translate-toolkit does)."""

    def native(m: re.Match[str]) -> str:
        code = markup.get(int(m.group(2)), "")
        return end_tag(code) if m.group(1) else code

    return CODE_RE.sub(native, coded)


def test_translate_toolkit_reads_the_same_pairs() -> None:
    from translate.storage.tmx import tmxfile

    catalogs = approved_corpus()
    store = tmxfile.parsestring(generate_tmx(catalogs).encode())
    markup: dict[tuple[str | None, str | None, str], dict[int, str]] = {}
    for item in catalogs:  # the first catalog holding a pair gives its codes' markup, as in the export
        for e in item.catalog:
            markup.setdefault((item.catalog.source_language, e.msgctxt, e.msgid), code_markup(e))
    want = [
        (flattened(src, markup[(s, ctx, src)]), flattened(tgt, markup[(s, ctx, src)]), ctx or "")
        for s, _, ctx, src, tgt in expected_pairs(catalogs)
    ]
    got = [(u.source, u.target, u.getcontext()) for u in store.units]
    assert len(got) > 300 and got == want
    assert any("<strong>" in source for source, _, _ in got)


def test_export_then_parse_gives_the_pairs_back_with_their_codes() -> None:
    catalogs = approved_corpus()
    pairs = parse_tmx(generate_tmx(catalogs).encode(), path="all.tmx")
    assert [(p.src_lang, p.tgt_lang, p.msgctxt, p.source, p.target) for p in pairs] == expected_pairs(catalogs)
    assert any("<1>" in p.source and "</1>" in p.target for p in pairs)


CATALOG = Catalog(
    header={"Language": "es", "X-Source-Language": "en"},
    entries=(
        Entry("Visit the <1>partner</1>.<2/>", "Visite al <1>socio</1>.<2/>",
              extracted=('<1> = <a href="/partners/upm/">', "<2/> = <br>"), references=(Reference("a.html", "3"),)),
        Entry("Click <1>here</1>", "Pulse <1>aquí</1>", msgctxt="codes: 1=a", extracted=('<1> = <a href="/">',)),
        Entry("A machine proposal.", "Una propuesta.", fuzzy=True),
        Entry("Not yet translated."),
        Entry("Broken codes <1>here</1>.", "Códigos <1>rotos."),
        Entry("one", "uno", msgid_plural="many", msgstr_plural=("uno", "muchos")),
        Entry("Gone.", "Ido.", obsolete=True),
    ),
)


def test_only_approved_pairs_with_matching_codes_are_exported() -> None:
    pairs = parse_tmx(generate_tmx([TmxCatalog("en", "es", CATALOG)]).encode(), path="x.tmx")
    assert [(p.msgctxt, p.source) for p in pairs] == [(None, "Visit the <1>partner</1>.<2/>"), ("codes: 1=a", "Click <1>here</1>")]


def test_inline_codes_are_bpt_ept_ph_with_the_original_markup() -> None:
    root = etree.fromstring(generate_tmx([TmxCatalog("en", "es", CATALOG)]).encode())
    seg = root.find("body/tu/tuv/seg")
    assert seg is not None
    assert [(c.tag, dict(c.attrib), c.text) for c in seg] == [
        ("bpt", {"i": "1", "x": "1"}, '<a href="/partners/upm/">'),
        ("ept", {"i": "1"}, "</a>"),
        ("ph", {"x": "2"}, "<br>"),
    ]
    header = root.find("header")
    assert header is not None
    required = ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype")
    assert all(header.get(a) for a in required) and root.get("version") == "1.4"


THIRD_PARTY = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="other" creationtoolversion="1" segtype="sentence" o-tmf="x"
 adminlang="en" srclang="en-US" datatype="html"/>
<body>
<tu><tuv xml:lang="en-US"><seg>See <bpt i="7">&lt;b&gt;</bpt>this<ept i="7">&lt;/b&gt;</ept> page.</seg></tuv>
<tuv xml:lang="es-ES"><seg>Vea <bpt i="7">&lt;b&gt;</bpt>esta<ept i="7">&lt;/b&gt;</ept> página.</seg></tuv></tu>
<tu><tuv xml:lang="en-US"><seg>Isolated <it pos="begin">&lt;b&gt;</it>code</seg></tuv>
<tuv xml:lang="es-ES"><seg>Código <it pos="begin">&lt;b&gt;</it>aislado</seg></tuv></tu>
<tu><tuv xml:lang="en-US"><seg>Highlighted <hi>word</hi>.</seg></tuv>
<tuv xml:lang="es-ES"><seg>Palabra <hi>resaltada</hi>.</seg></tuv>
<tuv xml:lang="ru"><seg>Выделенное <hi>слово</hi>.</seg></tuv></tu>
</body></tmx>
"""


def test_a_third_party_tmx_is_read() -> None:
    pairs = parse_tmx(THIRD_PARTY.encode(), path="other.tmx")
    assert [(p.tgt_lang, p.source, p.target) for p in pairs] == [
        ("es-ES", "See <7>this</7> page.", "Vea <7>esta</7> página."),
        ("es-ES", "Highlighted word.", "Palabra resaltada."),
        ("ru", "Highlighted word.", "Выделенное слово."),
    ]
    assert [m.msgstr for m in memories(pairs, src_lang="en", tgt_lang="es", path="other.tmx")] == [
        "Vea <7>esta</7> página.",
        "Palabra resaltada.",
    ]


def test_tmx_memory_matches_exactly_and_fuzzily() -> None:
    """A fresh catalog is filled from a TMX file: the same sentence exactly, a similar one fuzzily."""
    catalogs = approved_corpus()
    pairs = parse_tmx(generate_tmx(catalogs).encode(), path="memory.tmx")
    tm = TranslationMemory(memories(pairs, src_lang="en", tgt_lang="es", path="memory.tmx"))
    source = next(p for p in pairs if p.tgt_lang == "es" and p.source.startswith("The first agreement"))
    exact = tm.lookup(source.source)
    assert exact is not None and exact.exact and exact.memory.msgstr == source.target
    assert exact.memory.path.startswith("memory.tmx:")
    similar = source.source.replace("2017", "2016").replace("mainly", "mostly")
    fuzzy = tm.lookup(similar)
    assert fuzzy is not None and not fuzzy.exact and fuzzy.score >= 75 and fuzzy.memory.msgstr == source.target
    assert tm.lookup("Nothing like any sentence of the corpus at all, really.") is None
    assert not memories(pairs, src_lang="en", tgt_lang="fr", path="memory.tmx")


def test_pairs_of_other_languages_are_not_memories() -> None:
    pair = TmxPair("ru", "es", None, "Привет.", "Hola.", 3)
    assert memories([pair], src_lang="en", tgt_lang="es", path="x.tmx") == []


@pytest.mark.parametrize(
    ("data", "message", "line"),
    [
        (b"<tmx version='1.4'>\n<body>", "not well-formed", 2),
        (b"<?xml version='1.0'?>\n<xliff/>", "not a TMX document", 2),
        (b"<?xml version='1.0'?>\n<!DOCTYPE tmx [<!ENTITY a 'b'>]>\n<tmx/>", "ENTITY", 2),
    ],
    ids=["broken", "not-tmx", "entities"],
)
def test_bad_files_name_the_file_and_line(data: bytes, message: str, line: int) -> None:
    with pytest.raises(InputError) as info:
        parse_tmx(data, path="bad.tmx")
    assert message in str(info.value) and info.value.path == "bad.tmx" and info.value.line == line

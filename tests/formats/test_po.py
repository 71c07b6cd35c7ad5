"""The PO format module: our reader agrees with polib, provenance comments round-trip, untouched entries keep their bytes."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import polib
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from newsl10n.catalog_model import HUMAN, Catalog, Entry, Fill, Origin, OriginKind, apply_fills
from newsl10n.errors import InputError
from newsl10n.formats.po import generate_po, origin_lines, parse_po, read_origin

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ru\\n"\n"Plural-Forms: nplurals=3; plural=n%10==1 && n%100!=11 ? 0 : 1;\\n"\n\n'

# -- the reader reads what polib reads -------------------------------------------------------------------

STRINGS = ['""', '"a"', '"x\\ny"', '"q\\"q"', '"b\\\\"', '"t\\tz"', '"a" "b"', '"open', '"Language: es\\n"', '"noval\\n"']
COMMENTS = ["#", "# note", "#. ext", "#.", "#: a.html:3 b.html", "#:", "#, fuzzy", "#, fuzzy, c-format", "#,fuzzy",
            "## x", '#| msgid "old"', '#| msgctxt "c"', '#| "cont"', "#| msgid", '#| foo "x"',
            "# newsl10n: mt argos 1", "#~ # old note", '#~| msgid "o"', "#x"]
KEYWORDS = ["msgid", "msgstr", "msgctxt", "msgid_plural", "msgstr[0]", "msgstr[1]", "msgstr[x]", "msg"]
PREFIXES = ["", "", "#~ ", "#| ", "  ", "\t"]


@st.composite
def po_text(draw: st.DrawFn) -> str:
    """PO-like text: mostly well-formed entries, with stray and broken lines among them."""
    lines: list[str] = []
    if draw(st.booleans()):
        lines += ["# header comment", 'msgid ""', 'msgstr ""', draw(st.sampled_from(STRINGS))]
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.integers(0, 9))
        if kind == 0:
            lines.append(draw(st.sampled_from(COMMENTS)))
        elif kind == 1:
            keyword = draw(st.sampled_from(KEYWORDS))
            lines.append(draw(st.sampled_from(PREFIXES)) + keyword + " " + draw(st.sampled_from(STRINGS)))
        else:
            entry = [draw(st.sampled_from(COMMENTS)) for _ in range(draw(st.integers(0, 2)))]
            if draw(st.booleans()):
                entry.append("msgctxt " + draw(st.sampled_from(STRINGS)))
            entry.append("msgid " + draw(st.sampled_from(STRINGS)))
            if kind == 2:
                entry.append("msgid_plural " + draw(st.sampled_from(STRINGS)))
                entry += [f"msgstr[{i}] " + draw(st.sampled_from(STRINGS)) for i in range(draw(st.integers(0, 3)))]
            else:
                entry.append("msgstr " + draw(st.sampled_from(STRINGS)))
            if kind == 3:
                entry = ["#~ " + line for line in entry]
            lines += entry
        if draw(st.booleans()):
            lines.append("")
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\r\n"]))


def _polib_values(text: str) -> tuple[object, ...]:
    po = polib.pofile(text if "\n" in text else text + "\n", wrapwidth=0)
    entries = sorted(
        (
            (e.msgctxt, e.msgid, e.msgstr, e.msgid_plural, tuple(v for _k, v in sorted(e.msgstr_plural.items())), e.obsolete,
             tuple(e.flags), e.tcomment, e.comment, tuple(e.occurrences), e.previous_msgid, e.previous_msgctxt)
            for e in po
        ),
        key=lambda t: bool(t[5]),  # we keep obsolete entries apart
    )
    return dict(po.metadata), bool(po.metadata_is_fuzzy), entries


def _our_values(cat: Catalog) -> tuple[object, ...]:
    from newsl10n.formats.po import comment_lines

    def flags(e: Entry) -> tuple[str, ...]:
        return e.layout.flag_order if e.layout is not None and e.layout.flag_order is not None else (("fuzzy",) if e.fuzzy else ())

    entries = [
        (e.msgctxt, e.msgid, e.msgstr, e.msgid_plural, e.msgstr_plural, int(e.obsolete), flags(e), "\n".join(comment_lines(e)),
         "\n".join(e.extracted), tuple((r.path, r.line) for r in e.references), e.previous_msgid, e.previous_msgctxt)
        for e in (*cat.entries, *cat.obsolete)
    ]
    return dict(cat.header), cat.header_fuzzy, entries


_CONTEXT_ON_EMPTY_MSGID = re.compile(r'^msgctxt\b.*\n(?:(?!msgid\b).*\n)*?msgid\s+""\s*$', re.MULTILINE)


@given(po_text())
@example('msgid ""\n#\nmsgctxt ""')  # a msgid that never gets its msgstr: we read an entry, polib none
@settings(max_examples=500, deadline=None)
def test_what_we_accept_polib_reads_the_same_and_what_polib_refuses_we_refuse(text: str) -> None:
    # An entry with a context and an empty msgid: polib may take it as the header and drop the context; we read it
    # as gettext does (a message), tested against msgfmt/msgunfmt below, so polib is no oracle for such texts.
    assume(not _CONTEXT_ON_EMPTY_MSGID.search(text))
    try:
        ours = parse_po(text, path="x.po")
    except InputError as err:
        assert err.line is not None and err.path == "x.po", text  # every refusal names the line
        return
    assert _our_values(ours) == _polib_values(text), text


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (HEADER + 'msgid "a"\nmsgstr "b"\nmsgid "c"\nmsg "x"\n', 10),
        (HEADER + 'msgid "a"\nmsgstr "b\n', 8),
        (HEADER + '#| msgid\nmsgid "a"\nmsgstr ""\n', 7),
        (HEADER + 'msgid "a" "b"\nmsgstr ""\n', 7),
        (HEADER + 'msgstr[x] "a"\n', 7),
    ],
    ids=["keyword", "open-string", "previous-without-string", "two-strings-on-a-line", "plural-index"],
)
def test_syntax_errors_name_the_line(text: str, line: int) -> None:
    with pytest.raises(InputError) as err:
        parse_po(text, path="a.po")
    assert err.value.line == line and err.value.message.startswith("broken catalog: ")


def test_an_open_string_further_down_is_reported_before_a_grammar_error() -> None:
    """As the whole-file string check did before the reader: msgfmt and users see the open string first."""
    text = HEADER + 'msgstr "orphan"\n\nmsgid "a"\nmsgstr "b\n'
    with pytest.raises(InputError) as err:
        parse_po(text, path="a.po")
    assert err.value.line == 10 and "not closed" in err.value.message


# -- provenance ------------------------------------------------------------------------------------------

ORIGINS = [
    HUMAN,
    Origin(OriginKind.TM, "locales/ru/LC_MESSAGES/other.po", 100.0),
    Origin(OriginKind.TM, "locales/ru/LC_MESSAGES/other.po", 87.0),
    Origin(OriginKind.INTERFACE),
    Origin(OriginKind.MT, "argos:en-ru@1.9 beam=4", notes=("term UPM → UPM placed", "needs review")),
    Origin(OriginKind.HUMAN, notes=("needs review",)),
]


@pytest.mark.parametrize("origin", ORIGINS, ids=lambda o: f"{o.kind.value}-{len(o.notes)}")
def test_origins_read_back_from_their_comment_lines(origin: Origin) -> None:
    assert read_origin(["a translator's note", *origin_lines(origin)]) == (("a translator's note",), origin)


def test_provenance_comments_are_what_translators_saw_before(tmp_path: Path, msgfmt: Callable[[Path], None]) -> None:
    cat = Catalog(header={"Language": "ru"}, entries=(Entry("One."), Entry("Two."), Entry("Three.")))
    fills = [
        Fill((None, "One."), "Один.", Origin(OriginKind.TM, "locales/ru/LC_MESSAGES/a.po", 100.0), fuzzy=False),
        Fill((None, "Two."), "Два.", Origin(OriginKind.TM, "locales/ru/LC_MESSAGES/a.po", 80.4), previous_msgid="Tw."),
        Fill((None, "Three."), "Три.", Origin(OriginKind.MT, "apertium:en-es", notes=("needs review",))),
    ]
    text = generate_po(apply_fills(cat, fills))
    assert "# newsl10n: tm locales/ru/LC_MESSAGES/a.po\nmsgid \"One.\"" in text
    assert '# newsl10n: tm 80% locales/ru/LC_MESSAGES/a.po\n#, fuzzy\n#| msgid "Tw."\nmsgid "Two."' in text
    assert "# newsl10n: mt apertium:en-es\n# newsl10n: needs review\n#, fuzzy\nmsgid \"Three.\"" in text
    path = tmp_path / "a.po"
    path.write_text(text, encoding="utf-8")
    msgfmt(path)


def test_an_untouched_entry_keeps_its_comment_order_and_flag_order() -> None:
    """A translator's note under the provenance lines, flags in another tool's order: written back as read."""
    text = (
        HEADER
        + "# newsl10n: mt argos:en-ru@1\n# checked by Ana\n#, c-format, fuzzy\nmsgid \"%d news\"\nmsgstr \"%d новостей\"\n\n"
        + "#, fuzzy\nmsgid \"Empty.\"\nmsgstr \"\"\n"
    )
    cat = parse_po(text, path="a.po")
    entry = cat.entries[0]
    assert entry.origin == Origin(OriginKind.MT, "argos:en-ru@1") and entry.comments == ("checked by Ana",)
    assert entry.fuzzy and entry.flags == ("c-format",)
    assert generate_po(cat).endswith(text[len(HEADER) :])
    # Once a stage changes what the entry says, the canonical order: comments first, then provenance.
    changed = cat.replace_entries([replace(entry, origin=Origin(OriginKind.MT, "argos:en-ru@2")), cat.entries[1]])
    assert "# checked by Ana\n# newsl10n: mt argos:en-ru@2\n#, c-format, fuzzy\n" in generate_po(changed)
    unfuzzied = cat.replace_entries([replace(entry, fuzzy=False), cat.entries[1]])
    assert "#, c-format\nmsgid" in generate_po(unfuzzied)


def test_line_separators_inside_strings_are_kept() -> None:
    """polib's public parser splits at U+2028, U+0085 and \\x1c and drops characters; ours splits at line ends only."""
    text = HEADER + 'msgid "One\u2028line\x85next\x1cend."\nmsgstr "Одна\u2028строка."\n'
    entry = parse_po(text, path="a.po").entries[0]
    assert entry.msgid == "One\u2028line\x85next\x1cend." and entry.msgstr == "Одна\u2028строка."


def test_entries_know_their_lines() -> None:
    text = HEADER + '#. block: p\nmsgid "a"\nmsgstr "b"\n\n#~ msgid "gone"\n#~ msgstr "ушло"\n'
    cat = parse_po(text, path="a.po")
    assert (cat.entries[0].line, cat.obsolete[0].line) == (7, 11)


@pytest.mark.parametrize("header", [True, False], ids=["with-header", "alone"])
def test_a_context_on_an_empty_msgid_is_a_message_as_gettext_reads_it(tmp_path: Path, header: bool) -> None:
    """gettext's header is the entry with an empty msgid and no msgctxt; msgfmt + msgunfmt are the oracle."""
    import shutil
    import subprocess

    head = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: es\\n"\n\n' if header else ""
    text = head + 'msgctxt "menu"\nmsgid ""\nmsgstr "vacio"\n\nmsgid "Home"\nmsgstr "Inicio"\n'
    ours = parse_po(text, path="x.po")
    assert [(e.msgctxt, e.msgid, e.msgstr) for e in ours.entries] == [("menu", "", "vacio"), (None, "Home", "Inicio")]
    assert dict(ours.header).get("Language") == ("es" if header else None)
    assert parse_po(generate_po(ours), path="x.po").entries == ours.entries  # written and read back the same
    msgfmt, msgunfmt = shutil.which("msgfmt"), shutil.which("msgunfmt")
    if msgfmt is None or msgunfmt is None:
        pytest.fail("gettext is missing: run scripts/setup.sh")
    po, mo = tmp_path / "x.po", tmp_path / "x.mo"
    po.write_text(text, encoding="utf-8")
    stats = subprocess.run([msgfmt, "--statistics", "-o", str(mo), str(po)], check=True, capture_output=True, text=True)
    assert stats.stderr.strip() == "2 translated messages."
    back = subprocess.run([msgunfmt, str(mo)], check=True, capture_output=True, text=True).stdout
    assert 'msgctxt "menu"\nmsgid ""\nmsgstr "vacio"\n' in back  # a message, not the header
    # (polib cannot be the oracle here: it takes the only empty msgid as the header and drops its context)


def test_an_entry_with_no_msgid_is_refused_with_its_line() -> None:
    with pytest.raises(InputError) as err:
        parse_po('msgid "a"\nmsgstr "b"\n\nmsgctxt "x"\n', path="x.po")
    assert (err.value.path, err.value.line) == ("x.po", 4)


@pytest.mark.parametrize("text", ['#~ msgctxt "x"\nmsgid "a"\nmsgstr "b"\n', 'msgid "a"\n#~ msgstr "b"\n'])
def test_an_entry_half_obsolete_is_refused_as_gettext_does(text: str) -> None:
    with pytest.raises(InputError, match="inconsistent use of #~") as err:
        parse_po(text, path="x.po")
    assert err.value.line == 2


@pytest.mark.parametrize(
    ("text", "line"),
    [('msgid "a"\n#\nmsgid "b"\nmsgstr ""\n', 1), ('msgctxt ""\nmsgid "a"\nmsgid_plural ""\n#\nmsgid ""\nmsgstr ""\n', 2)],
)
def test_a_msgid_with_no_msgstr_before_the_next_is_refused_at_its_line(text: str, line: int) -> None:
    with pytest.raises(InputError, match="missing 'msgstr' section") as err:  # msgfmt's words and line
        parse_po(text, path="x.po")
    assert err.value.line == line

"""Catalogs: templates, headers, msgmerge-like updates; every file passes msgfmt -c."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import polib
import pytest
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st

from newsl10n.catalog import Occurrence, header, merge, template, translations
from newsl10n.catalog_model import Catalog
from newsl10n.errors import InputError
from newsl10n.formats.po import check_strings, generate_po, parse_po, same_apart_from_dates
from newsl10n.stages import extract, load_source

WHEN = dt.datetime(2024, 3, 4, 10, 30, tzinfo=dt.UTC)


def pot_for(html: str, path: str = "news.html") -> Catalog:
    source = load_source(html.encode(), path=Path(path), display=path)
    ex = extract(source, given_lang="en")
    meta = header(project="news", lang=None, src_lang="en", created=WHEN, source=path)
    return template((Occurrence(s, path) for s in ex.segments), metadata=meta)


def po_meta(lang: str = "ru") -> dict[str, str]:
    return header(project="news", lang=lang, src_lang="en", created=WHEN, source="news.html")


def translated(cat: Catalog, msgid: str, msgstr: str, *, fuzzy: bool = False) -> Catalog:
    """``cat`` with a translator's msgstr for ``msgid``."""
    return cat.replace_entries(replace(e, msgstr=msgstr, fuzzy=fuzzy) if e.msgid == msgid else e for e in cat.entries)


ARTICLE = """<html lang="en"><body>
<h1>Partners meet</h1>
<p>Our <a href="/partners/upm/">strategic partner</a> visited. The talks went well.</p>
<p>The talks went well.</p>
<p>Contact: <b>Prof. Elena Ivanova</b>.</p>
</body></html>"""


def test_template_entries_references_and_comments() -> None:
    pot = pot_for(ARTICLE)
    assert [e.msgid for e in pot] == [
        "Partners meet",
        "Our <1>strategic partner</1> visited.",
        "The talks went well.",
        "Contact: <1>Prof. Elena Ivanova</1>.",
    ]
    repeated = pot.find("The talks went well.")
    assert repeated is not None and [(r.path, r.line) for r in repeated.references] == [("news.html", "3"), ("news.html", "4")]
    linked = pot.find("Our <1>strategic partner</1> visited.")
    assert linked is not None
    assert linked.extracted == ("block: p", '<1> = <a href="/partners/upm/">')
    assert all(e.msgctxt is None for e in pot)


def test_headers_have_conventional_plural_forms() -> None:
    meta = po_meta("ru")
    assert meta["Language"] == "ru"
    assert meta["Plural-Forms"].startswith("nplurals=3; plural=")
    assert meta["Content-Type"] == "text/plain; charset=UTF-8"
    assert meta["POT-Creation-Date"] == "2024-03-04 10:30+0000"
    assert meta["X-Generator"].startswith("newsl10n ")
    assert header(project="n", lang="es", src_lang="en", created=WHEN, source="x")["Plural-Forms"].startswith("nplurals=2")


def test_written_catalogs_pass_msgfmt_and_reread(tmp_path: Path, msgfmt: Callable[[Path], None]) -> None:
    pot = pot_for(ARTICLE)
    po, _ = merge(pot, None, metadata=po_meta())
    for name, cat in [("news.pot", pot), ("news.po", po)]:
        path = tmp_path / name
        path.write_text(generate_po(cat), encoding="utf-8")
        msgfmt(path)
        assert len(polib.pofile(str(path))) == 4
        with path.open("rb") as fh:
            babel_cat = read_po(fh)
        assert len([m for m in babel_cat if m.id]) == 4


def test_merge_keeps_approved_work_and_marks_changes_fuzzy(tmp_path: Path, msgfmt: Callable[[Path], None]) -> None:
    po, stats = merge(pot_for(ARTICLE), None, metadata=po_meta())
    assert stats.summary() == "4 new, 0 fuzzy, 0 obsolete, 0 unchanged"
    po = translated(po, "Partners meet", "Встреча партнёров")
    po = translated(po, "The talks went well.", "Переговоры прошли успешно.")
    po = translated(po, "Contact: <1>Prof. Elena Ivanova</1>.", "Контакт: <1>проф. Елена Иванова</1>.")
    changed = ARTICLE.replace("Partners meet", "Partners meet again").replace(
        "Contact: <b>Prof. Elena Ivanova</b>.", "Questions go to the press office."
    ).replace("<p>The talks went well.</p>\n", "")
    merged, stats = merge(pot_for(changed), po, metadata=po_meta())
    assert stats.summary() == "1 new, 1 fuzzy, 1 obsolete, 2 unchanged"
    again = merged.find("Partners meet again")
    assert again is not None and again.fuzzy and again.msgstr == "Встреча партнёров"
    assert again.previous_msgid == "Partners meet"
    kept = merged.find("The talks went well.")
    assert kept is not None and kept.msgstr == "Переговоры прошли успешно." and not kept.fuzzy
    gone = list(merged.obsolete)
    assert [e.msgstr for e in gone] == ["Контакт: <1>проф. Елена Иванова</1>."]
    path = tmp_path / "merged.po"
    path.write_text(generate_po(merged), encoding="utf-8")
    msgfmt(path)
    assert "#| msgid \"Partners meet\"" in path.read_text(encoding="utf-8")


def test_merge_never_changes_an_existing_catalogs_language_or_plural_forms() -> None:
    po, _ = merge(pot_for(ARTICLE), None, metadata=po_meta())
    # A catalog made by another tool (or an older Babel) spells the rule its own way.
    po = po.with_header(
        Plural_Forms="nplurals=3; plural=n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2;",
        Language="ru_RU",
    )
    merged, _ = merge(pot_for(ARTICLE), po, metadata=po_meta())
    assert merged.header["Plural-Forms"] == po.header["Plural-Forms"]
    assert merged.header["Language"] == "ru_RU"
    fresh, _ = merge(pot_for(ARTICLE), None, metadata=po_meta())
    assert fresh.header["Plural-Forms"] == header(project="n", lang="ru", src_lang="en", created=WHEN, source="x")["Plural-Forms"]


def test_obsolete_entry_comes_back_when_the_sentence_returns() -> None:
    po, _ = merge(pot_for(ARTICLE), None, metadata=po_meta())
    po = translated(po, "Partners meet", "Встреча партнёров")
    without, _ = merge(pot_for(ARTICLE.replace("<h1>Partners meet</h1>", "")), po, metadata=po_meta())
    assert [e.msgid for e in without.obsolete] == ["Partners meet"]
    back, stats = merge(pot_for(ARTICLE), without, metadata=po_meta())
    entry = back.find("Partners meet")
    assert entry is not None and entry.msgstr == "Встреча партнёров" and not entry.obsolete
    assert stats.obsolete == 0


def test_translations_respect_fuzzy_option() -> None:
    po, _ = merge(pot_for(ARTICLE), None, metadata=po_meta())
    po = translated(po, "Partners meet", "Встреча", fuzzy=True)
    po = translated(po, "The talks went well.", "Хорошо.")
    assert set(translations(po)) == {(None, "Partners meet"), (None, "The talks went well.")}
    assert set(translations(po, use_fuzzy=False)) == {(None, "The talks went well.")}


def test_broken_catalog_names_file_and_line() -> None:
    text = 'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b"\nmsgid "c"\nmsg "x"\n'
    with pytest.raises(InputError) as err:
        parse_po(text, path="locales/ru/LC_MESSAGES/news.po")
    assert str(err.value).startswith("locales/ru/LC_MESSAGES/news.po:7: broken catalog")


def test_same_apart_from_dates() -> None:
    a = generate_po(pot_for(ARTICLE))
    b = a.replace("2024-03-04 10:30+0000", "2025-01-01 00:00+0000")
    assert a != b and same_apart_from_dates(a, b)
    assert not same_apart_from_dates(a, a.replace("Partners meet", "Partners met"))


# -- the string check folded into the reader ------------------------------------------------------

_LINE_PARTS = ['msgid ', 'msgstr ', 'msgstr[0] ', 'msgctxt ', 'msgid_plural ', '#~ ', '#| ', '#~| ', '#, fuzzy', '#. x',
               '"', '"a"', '"\\"', '"\\\\"', '"b', ' ', '\t', '\u00a0', '\x0b', 'x', '|', '""', '#']


def _line_check(text: str) -> int | None:
    """The line the line-by-line string check refuses, or None."""
    try:
        check_strings(text, "x.po")
    except InputError as err:
        return err.line
    return None


@given(st.lists(st.lists(st.sampled_from(_LINE_PARTS), max_size=5).map("".join), max_size=6),
       st.sampled_from(["\n", "\r\n", "\r"]))
@settings(max_examples=600, deadline=None)
def test_reader_refuses_open_strings_exactly_where_the_line_check_does(lines: list[str], newline: str) -> None:
    """The reader checks strings as it goes (one pass); it must report what the whole-file check reports, first."""
    text = newline.join(lines)
    bad = _line_check(text)
    try:
        parse_po(text, path="x.po")
    except InputError as err:
        if bad is not None:
            assert (err.message, err.line) == ("broken catalog: a string is not closed or not quoted", bad), text
        else:
            assert "not closed" not in err.message, text
    else:
        assert bad is None, text


def test_written_catalogs_read_back_the_same() -> None:
    corpus = Path(__file__).resolve().parents[1] / "corpus" / "en"
    for article in sorted(corpus.glob("*.html")):
        pot = pot_for(article.read_text(encoding="utf-8"), article.name)
        text = generate_po(pot)
        assert parse_po(text, path=article.name) == pot, article.name


def test_template_is_linear_in_inline_codes() -> None:
    """A paragraph with tens of thousands of links (issue 16, item 7): each legend line once, in order, fast.

    The legend was de-duplicated with list membership: 20,000 links seen three times took 6 s
    (a 10 MB article, 545 s); with ordered sets it is a few hundredths of a second.
    """
    import time

    from newsl10n.model import CodeKind, InlineCode, Segment

    count = 20_000
    codes = tuple(InlineCode(i, CodeKind.PAIRED, "a", (("href", f"/n/{i}"),)) for i in range(1, count + 1))
    segment = Segment("x", "x", "p", 1, codes)
    started = time.perf_counter()
    pot = template([Occurrence(segment, "a.html")] * 3, metadata={})
    elapsed = time.perf_counter() - started
    (entry,) = pot.entries
    assert entry.extracted == ("block: p", *(c.legend() for c in codes))
    assert [(r.path, r.line) for r in entry.references] == [("a.html", "1")]
    assert elapsed < 2.0, f"{elapsed:.2f} s for {count} codes: quadratic again?"

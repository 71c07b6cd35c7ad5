"""URLs, e-mail addresses and file names in sentences are LITERAL codes; the builder writes them back verbatim."""

from __future__ import annotations

from pathlib import PurePath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsl10n.model import CODE_RE, CodeKind, Translation
from newsl10n.segment.verbatim import VERBATIM_RE, verbatim_spans
from newsl10n.stages import build, extract, load_source


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Send the form …/RubyAward_ApplicationForm_2020.doc today.", ["/RubyAward_ApplicationForm_2020.doc"], id="file-after-ellipsis"),
        pytest.param("Write to Ruby.Award@SPbSTU.ru, please.", ["Ruby.Award@SPbSTU.ru"], id="email-before-comma"),
        pytest.param("Rules: https://www.spbstu.ru/Ruby-Award/Rules.html.", ["https://www.spbstu.ru/Ruby-Award/Rules.html"], id="url-before-full-stop"),
        pytest.param("See (www.upm.es) or https://x.org/a_(b).", ["www.upm.es", "https://x.org/a_(b)"], id="brackets"),
        pytest.param("Name it SURNAME_Name_diploma.pdf: nothing else.", ["SURNAME_Name_diploma.pdf"], id="file-name"),
        pytest.param("Open <1>docs/guide.PDF</1> now.", ["docs/guide.PDF"], id="inside-a-pair"),
        pytest.param("St. Petersburg, 2021.03.04, 3.5 days, e.g. Prof. Smith.", [], id="no-false-hits"),
        pytest.param("Code <12/> and <3>x</3>.", [], id="codes-are-not-urls"),
    ],
)
def test_verbatim_spans(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in verbatim_spans(text)] == expected


@given(st.lists(st.sampled_from([
    "HTTPS://X.ORG/A", "ftp://f.net/x", "WWW.upm.es", "www", "://", "a@b.cd", "@", "Form.DOCX", "x.pdf-", ".pdf",
    "file.doc.", "/docs/", "St. Petersburg", "3.5", "<1>", "</1>", "<2/>", " ", ".", ",", ")", "(", "word",
]), max_size=12))
def test_the_quick_test_never_skips_a_span(parts: list[str]) -> None:
    """Text without a scheme, www., @ or a known extension is not searched: the same spans either way."""
    text = "".join(parts)
    masked = CODE_RE.sub(lambda m: " " * len(m.group(0)), text)
    expected = [m.span() for m in VERBATIM_RE.finditer(masked)]
    assert [start for start, _ in verbatim_spans(text)] == [start for start, _ in expected]


PAGE = (
    '<html lang="en"><body><p>The <b>form</b> is …/RubyAward_ApplicationForm_2020.doc; write to Ruby.Award@SPbSTU.ru. '
    "See https://www.spbstu.ru/Ruby-Award/.</p><p>www.upm.es</p><p>RubyAward_Rules_2020.pdf</p><p><b>Form:</b> a.doc</p></body></html>"
)
TEXT = "Ruby Award\n\nThe form is …/RubyAward_ApplicationForm_2020.doc; write to Ruby.Award@SPbSTU.ru.\n"


@pytest.mark.parametrize(("name", "data"), [("a.html", PAGE), ("a.txt", TEXT)])
def test_extract_codes_and_build_restores(name: str, data: str) -> None:
    source = load_source(data.encode(), path=PurePath(name), display=name)
    ex = extract(source)
    seg = next(s for s in ex.segments if "form" in s.msgid)
    assert "RubyAward" not in seg.msgid and "@" not in seg.msgid
    literal = [c for c in seg.codes if c.kind is CodeKind.LITERAL]
    assert [c.value for c in literal] == ["/RubyAward_ApplicationForm_2020.doc", "Ruby.Award@SPbSTU.ru"]
    first, second = (c.placeholder() for c in literal)
    assert f"…{first}; write to {second}." in seg.msgid
    # A segment that is only an address or a file name is not a sentence at all.
    assert all(s.msgid not in ("www.upm.es", "<1/>") and "Rules_2020" not in s.msgid for s in ex.segments)
    if name.endswith(".html"):
        assert any(s.msgid == "<1>Form:</1> <2/>" for s in ex.segments)
    # Codes reordered, words translated: the builder writes the very text back.
    lookup = {
        s.key: Translation(s.msgid.replace("The", "El").replace("write to", "escriba a").replace("See", "Véase"))
        for s in ex.segments
    }
    page = build(source, src_lang="en", tgt_lang="es", lookup=lookup).html
    assert "…/RubyAward_ApplicationForm_2020.doc; escriba a Ruby.Award@SPbSTU.ru." in page
    if name.endswith(".html"):
        assert "Véase https://www.spbstu.ru/Ruby-Award/." in page
        assert "<p>RubyAward_Rules_2020.pdf</p>" in page and "<b>Form:</b> a.doc" in page
    assert "<1/>" not in page and "&lt;" not in page

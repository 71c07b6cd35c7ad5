"""The HTML writer: what it writes is what the tree holds, nothing rewritten as text afterwards."""

from __future__ import annotations

from pathlib import Path, PurePath

import pytest

from newsl10n.formats.html import parse_html
from newsl10n.formats.html5_parse import parse_document, parse_fragment
from newsl10n.formats.html_write import serialize
from newsl10n.model import CodeKind, normalize_space, strip_codes
from newsl10n.stages import build, extract, load_source


def rebuilt(html: str) -> str:
    source = load_source(html.encode("utf-8"), path=PurePath("t.html"), display="t.html")
    ex = extract(source, given_lang="en")
    return build(source, src_lang=ex.lang, tgt_lang="es", lookup={}).html


def test_a_hidden_http_equiv_attribute_stays_hidden() -> None:
    """#16.2: the writer once renamed every ` data-newsl10n-http-equiv=` in the page to ` http-equiv=`."""
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        '<meta data-newsl10n-http-equiv="refresh" content="0;url=https://evil.example/"></head>'
        "<body><p>Write data-newsl10n-http-equiv= in the page.</p><pre> data-newsl10n-http-equiv=x</pre></body></html>"
    )
    out = rebuilt(page)
    root = parse_document(out)
    metas = [dict(m.attrib) for m in root.iter("meta")]
    assert {"data-newsl10n-http-equiv": "refresh", "content": "0;url=https://evil.example/"} in metas
    assert not any((m.get("http-equiv") or "").lower() == "refresh" for m in metas)
    assert out.count(" data-newsl10n-http-equiv=") == 3
    assert any((m.get("http-equiv") or "").lower() == "content-type" for m in metas)  # kept, not dropped


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("/news/\nstory.html", id="newline"),
        pytest.param("/a b/ c", id="spaces"),
        pytest.param("/новости/?q=ü&x=1", id="non-ascii-and-amp"),
        pytest.param("/x?a=%41&b=\t", id="escapes-and-tab"),
        pytest.param('/q?"quoted"', id="quote"),
    ],
)
def test_attribute_values_are_written_back_exactly(value: str) -> None:
    """#11.12: an href with a newline became %0A (libxml2 URI-escapes href/src/action when writing)."""
    escaped = value.replace("&", "&amp;").replace('"', "&quot;")
    page = f'<p>Read <a href="{escaped}" data-x="{escaped}">the story</a> and <img src="{escaped}" alt="A photo"></p>'
    out = rebuilt(page)
    assert f'href="{escaped}"' in out and f'src="{escaped}"' in out
    root = parse_html(out, path="out.html").root
    assert root.find(".//a").get("href") == value and root.find(".//img").get("src") == value


def test_serialize_is_a_pure_function_of_the_tree() -> None:
    parsed = parse_html("<p>A &amp; B &lt;c&gt; <a title='x\"y'>z</a></p>", path="t.html")
    assert serialize(parsed, nbsp_entities=False) == '<p>A &amp; B &lt;c&gt; <a title="x&quot;y">z</a></p>'


# --- #11.6: fallback text keeps its language; #11.11: whitespace around entries comes from the source ---------


def built(html: str, answers: dict[str, str], *, src: str = "en", tgt: str = "ru") -> str:
    from newsl10n.model import Translation

    source = load_source(html.encode("utf-8"), path=PurePath("t.html"), display="t.html")
    ex = extract(source, given_lang=src)
    lookup = {seg.key: Translation(answers[seg.msgid]) for seg in ex.segments if seg.msgid in answers}
    return build(source, src_lang=src, tgt_lang=tgt, lookup=lookup).html


PAGE = (
    '<html lang="en"><head><title>Visit</title></head><body>'
    '<p>On <time datetime="2024-03-04">4 March 2024</time> a delegation came. The talks went well.</p>'
    "<p>Publication date: 4 March 2021</p><h2>Energy research</h2></body></html>"
)


def test_a_fallback_sentence_is_wrapped_in_its_language_and_keeps_its_dates() -> None:
    out = built(PAGE, {"The talks went well.": "Переговоры прошли хорошо.", "Energy research": "Энергетика"})
    root = parse_document(out)
    assert root.get("lang") == "ru"
    (span,) = root.iter("span")
    assert span.get("lang") == "en" and "".join(span.itertext()) == "On March 4, 2024 a delegation came."
    assert span.tail == " Переговоры прошли хорошо."
    date_line = root.findall(".//p")[1]
    assert date_line.get("lang") == "en" and date_line.text == "Publication date: March 4, 2021"  # not "4 марта 2021 г."
    assert root.find(".//h2").get("lang") is None and root.find(".//title").get("lang") == "en"


def test_translated_sentences_are_not_marked_and_dates_follow_the_page() -> None:
    out = built(
        PAGE,
        {
            "On <1/> a delegation came.": "<1/> приехала делегация.",
            "The talks went well.": "Переговоры прошли хорошо.",
            "Publication date: <1/>": "Дата публикации: <1/>",
            "Energy research": "Энергетика",
            "Visit": "Визит",
        },
    )
    assert "lang=\"en\"" not in out and "4 марта 2024" in out and "Дата публикации: 4 марта 2021" in out


def test_a_right_to_left_fallback_gets_its_direction() -> None:
    out = built("<p>مرحبا بكم.</p><p>أهلا وسهلا.</p>", {"مرحبا بكم.": "Welcome."}, src="ar", tgt="en")
    first, second = parse_fragment(out).iter("p")
    assert first.get("lang") is None and first.text == "Welcome."
    assert second.get("lang") == "ar" and second.get("dir") == "rtl"


def test_the_space_after_a_sentence_comes_from_the_source() -> None:
    """A msgid ending in U+00A0: the translation without it must not glue the next sentence on."""
    html = "<p>Institute of Humanities.\u00a0More on the website.</p>"
    out = built(html, {"Institute of Humanities.\u00a0": "Instituto de Humanidades.", "More on the website.": " Más en la web.  "}, tgt="es")
    assert "<p>Instituto de Humanidades.\u00a0Más en la web.</p>" in out


def test_partly_translated_real_article_marks_each_fallback(tmp_path: Path) -> None:
    from tests.conftest import CORPUS

    html = (CORPUS / "en" / "summer-school-2024.html").read_text(encoding="utf-8")
    source = load_source(html.encode("utf-8"), path=PurePath("summer-school-2024.html"), display="s.html")
    ex = extract(source)
    first = ex.segments[0]
    from newsl10n.model import Translation

    out = build(source, src_lang=ex.lang, tgt_lang="es", lookup={first.key: Translation("Traducido.")}).html
    root = parse_document(out)
    marked = [el for el in root.iter() if isinstance(el.tag, str) and el.get("lang") == "en"]
    assert len(marked) >= len(ex.segments) // 3
    text_of_marked = normalize_space(" ".join("".join(el.itertext()) for el in marked))
    for seg in ex.segments[1:]:
        if " " not in seg.kind and not any(c.kind is CodeKind.DATE for c in seg.codes):  # attributes cannot be marked
            assert normalize_space(strip_codes(seg.msgid)) in text_of_marked, seg.msgid


def test_a_script_holding_its_end_tag_in_a_comment_is_written_as_read() -> None:
    """The tokenizer's double-escaped state: the first </script> does not end this script."""
    page = "<p>A.</p><script><!--<script>document.write('x')</script>--></script><p>B.</p>"
    parsed = parse_html(page, path="t.html")
    assert serialize(parsed, nbsp_entities=False) == page

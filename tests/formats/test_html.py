"""The HTML reader: which text is translatable, how inline markup becomes codes."""

from __future__ import annotations

import pytest

from newsl10n.errors import InputError
from newsl10n.formats.html import parse_html
from newsl10n.model import CodeKind


def blocks(html: str) -> list[tuple[str, str]]:
    return [(r.kind, r.text) for r in parse_html(html, path="t.html").runs]


def texts(html: str) -> list[str]:
    return [r.text.strip() for r in parse_html(html, path="t.html").runs]


@pytest.mark.parametrize(
    "html, expected",
    [
        pytest.param("<p>Hello world.</p>", [("p", "Hello world.")], id="paragraph"),
        pytest.param("<h2>Title</h2><p>Body</p>", [("h2", "Title"), ("p", "Body")], id="two-blocks"),
        pytest.param("<ul><li>One</li><li>Two</li></ul>", [("li", "One"), ("li", "Two")], id="list"),
        pytest.param(
            "<table><tr><th>Head</th><td>Cell</td></tr></table>", [("th", "Head"), ("td", "Cell")], id="table"
        ),
        pytest.param(
            "<figure><img src='a.jpg' alt='A photo'><figcaption>Caption</figcaption></figure>",
            [("img alt", "A photo"), ("figcaption", "Caption")],
            id="figure",
        ),
        pytest.param("<dl><dt>Term</dt><dd>Definition</dd></dl>", [("dt", "Term"), ("dd", "Definition")], id="dl"),
        pytest.param("<blockquote><p>Quoted.</p></blockquote>", [("p", "Quoted.")], id="blockquote"),
        pytest.param("<div>Loose text<p>Para</p>tail text</div>", [("div", "Loose text"), ("p", "Para"), ("div", "tail text")], id="loose-text"),
        pytest.param(
            "<p>Search: <input placeholder='Type here' aria-label='Search box'></p>",
            [("p", "Search: <1/>"), ("input aria-label", "Search box"), ("input placeholder", "Type here")],
            id="attributes",
        ),
        pytest.param("<p><a href='/x' title='Go there'>link</a> text</p>", [("p", "<1>link</1> text"), ("a title", "Go there")], id="link-title"),
    ],
)
def test_translatable_blocks(html: str, expected: list[tuple[str, str]]) -> None:
    assert blocks(html) == expected


def test_head_title_and_meta() -> None:
    html = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Page title</title>
    <meta name="description" content="About the page">
    <meta property="og:title" content="OG title"><meta property="og:description" content="OG text">
    <meta name="keywords" content="not, this"><meta property="og:url" content="https://example.org/">
    </head><body><p>Body.</p></body></html>"""
    assert blocks(html) == [
        ("title", "Page title"),
        ("meta description", "About the page"),
        ("meta og:title", "OG title"),
        ("meta og:description", "OG text"),
        ("p", "Body."),
    ]


@pytest.mark.parametrize(
    "html",
    [
        pytest.param("<p>Visible.</p><script>var s = 'Secret words';</script>", id="script"),
        pytest.param("<p>Visible.</p><style>.x { content: 'Secret words'; }</style>", id="style"),
        pytest.param("<p>Visible.</p><pre>Secret words</pre>", id="pre"),
        pytest.param("<p>Visible.</p><!-- Secret words -->", id="comment"),
        pytest.param("<p>Visible.</p><p translate='no'>Secret words</p>", id="translate-no"),
        pytest.param("<p>Visible.</p><div class='x notranslate'><p>Secret words</p></div>", id="notranslate"),
        pytest.param("<p>Visible.</p><p translate='no'><img alt='Secret words'></p>", id="translate-no-attr"),
    ],
)
def test_untranslatable_content_is_not_extracted(html: str) -> None:
    found = " ".join(r.text for r in parse_html(html, path="t.html").runs)
    assert "Visible." in found
    assert "Secret" not in found


@pytest.mark.parametrize(
    "html, text, kinds",
    [
        pytest.param("<p>See <code>run()</code> now.</p>", "See <1/> now.", [CodeKind.OPAQUE], id="code"),
        pytest.param("<p>Press <kbd>Ctrl</kbd> and <var>x</var>.</p>", "Press <1/> and <2/>.", [CodeKind.OPAQUE] * 2, id="kbd-var"),
        pytest.param("<p>Say <span translate='no'>SPbPU</span> here.</p>", "Say <1/> here.", [CodeKind.OPAQUE], id="span-no"),
        pytest.param("<p>A<!-- c -->B</p>", "A<1/>B", [CodeKind.OPAQUE], id="comment"),
        pytest.param("<p>Line<br>next</p>", "Line<1/>next", [CodeKind.EMPTY], id="br"),
        pytest.param("<p>An <img src='x.png'> icon</p>", "An <1/> icon", [CodeKind.EMPTY], id="img"),
        pytest.param("<p>An <span class='i'></span> icon</p>", "An <1/> icon", [CodeKind.EMPTY], id="empty-span"),
        pytest.param(
            "<p>Our <a href='/p'><strong>strategic</strong> partner</a>.</p>",
            "Our <1><2>strategic</2> partner</1>.",
            [CodeKind.PAIRED, CodeKind.PAIRED],
            id="nested",
        ),
        pytest.param("<p>Text with <1> inside</p>", "Text with <1/> inside", [CodeKind.LITERAL], id="literal-lookalike"),
        pytest.param("<p>On <time datetime='2024-03-04'>4 March</time>.</p>", "On <1/>.", [CodeKind.OPAQUE], id="time"),
    ],
)
def test_inline_codes(html: str, text: str, kinds: list[CodeKind]) -> None:
    (run,) = parse_html(html, path="t.html").runs
    assert run.text == text
    assert [c.kind for c in run.codes] == kinds


def test_code_legend_shows_attributes_but_msgid_does_not() -> None:
    (run, *_) = parse_html('<p>Our <a href="/partners/upm/" class="x">partner</a>.</p>', path="t.html").runs
    assert "href" not in run.text
    assert run.codes[0].legend() == '<1> = <a class="x" href="/partners/upm/">'


def test_comment_content_never_reaches_the_legend() -> None:
    (run,) = parse_html("<p>A <!-- internal note --> B</p>", path="t.html").runs
    assert "internal" not in run.codes[0].legend()


def test_date_line_becomes_a_date_code() -> None:
    (run,) = parse_html("<p>Дата публикации: 2021.03.04</p>", path="t.html").runs
    assert run.text == "Дата публикации: <1/>"
    assert run.codes[0].kind is CodeKind.DATE and run.codes[0].value == "2021-03-04"


def test_inline_element_holding_blocks_is_a_container() -> None:
    assert texts("<a href='/n'><h3>Headline</h3><p>Teaser.</p></a>") == ["Headline", "Teaser."]


def test_numbers_urls_and_emails_are_blocks_but_skipped_later() -> None:
    # The reader keeps them (the segmenter decides translatability); they carry no letters worth translating.
    from newsl10n.segment.blocks import is_translatable

    assert not is_translatable("1,250")
    assert not is_translatable("https://www.spbstu.ru/")
    assert not is_translatable("info@upm.es")
    assert not is_translatable("<1/> 3.5 %")
    assert is_translatable("Write to info@upm.es today")


def test_fragment_and_declared_language() -> None:
    parsed = parse_html("<h1>Title</h1><p>Text</p>", path="t.html")
    assert parsed.fragment and parsed.lang is None
    doc = parse_html('<html lang="es"><body><p>Hola</p></body></html>', path="t.html")
    assert not doc.fragment and doc.lang == "es"
    meta = parse_html('<html><head><meta http-equiv="Content-Language" content="ru"></head><body><p>x</p></body></html>', path="t")
    assert meta.lang == "ru"


def test_nul_byte_is_an_input_error_with_line() -> None:
    with pytest.raises(InputError) as err:
        parse_html("<p>a</p>\n<p>b\x00</p>", path="bad.html")
    assert str(err.value).startswith("bad.html:2: ")


def test_line_numbers_come_from_the_source() -> None:
    parsed = parse_html("<html><body>\n<p>One</p>\n\n<p>Two</p>\n</body></html>", path="t.html")
    assert [r.line for r in parsed.runs] == [2, 4]


def test_line_numbers_past_65535() -> None:
    """lxml stores at most 65,535 as an element's line (libxml2's 16 bits); a 10 MB page has more lines.
    Setting a larger one crashed the HTML5 tree builder (OverflowError); libxml2 gave 65,535 instead."""
    page = "<html><body>\n" + "<br>\n" * 70_000 + "<p>Far down.</p>\n<p>Further.</p></body></html>"
    lines = {r.text: r.line for r in parse_html(page, path="t.html").runs}
    assert lines == {"Far down.": 70_002, "Further.": 70_003}
    assert [r.line for r in parse_html("<p>A</p>\n<p>B</p>", path="t.html").runs] == [1, 2]

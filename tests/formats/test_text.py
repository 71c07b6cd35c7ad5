"""Plain text → HTML document with an exact source line map."""

from __future__ import annotations

import re
from typing import Any

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsl10n.formats.text import plaintext_to_html

from ..conftest import SEED


def parse(html: str, line_map: list[int]) -> Any:
    """Parse like the project's reader does and check the map's shape."""
    assert len(line_map) == len(html.split("\n"))
    assert all(n >= 1 for n in line_map)
    return lxml.html.document_fromstring(html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))


def pt(text: str, **kwargs: Any) -> Any:
    return parse(*plaintext_to_html(text, **kwargs))


def source_line(root: Any, line_map: list[int], xpath: str) -> int:
    (el,) = root.xpath(xpath)
    return int(line_map[el.sourceline - 1])


# ------------------------------------------------------------------ document


def test_lang_omitted_when_none() -> None:
    html, _ = plaintext_to_html("text")
    assert "\n<html>\n" in html
    html, _ = plaintext_to_html("text", lang='x"y')
    assert '<html lang="x&quot;y">' in html


@pytest.mark.parametrize("text", ["", "\n\n", "   "], ids=["empty", "newlines", "spaces"])
def test_empty_input_is_an_empty_document(text: str) -> None:
    for convert in (plaintext_to_html,):
        root = parse(*convert(text))
        assert root.xpath("count(/html/body/*)") == 0
        assert root.xpath("string(//title)") == ""


# ------------------------------------------------------------------ safety


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "text <b onclick=x>bold</b>",
        "<div>\n<script>x</script>\n</div>",
        "[x](https://e.org)<img src=x onerror=alert(1)>",
        '"><script>alert(1)</script>',
    ],
    ids=["script", "inline-tag", "html-block", "after-link", "attribute-breakout"],
)
def test_raw_html_is_escaped(text: str) -> None:
    for convert in (plaintext_to_html,):
        html, line_map = convert(text)
        root = parse(html, line_map)
        assert root.xpath("count(//script|//b|//div|//img)") == 0
        assert "<" in root.xpath("string(/html/body)")


@pytest.mark.parametrize(
    "text",
    ["[x](javascript:alert(1))", "[x](data:text/html,hi)", "[x](JAVASCRIPT:x)"],
    ids=["javascript", "data", "upper"],
)
def test_plaintext_unsafe_urls_are_neutralised(text: str) -> None:
    assert pt(text).xpath("//a/@href") == ["#"]


def test_plaintext_line_map() -> None:
    html, line_map = plaintext_to_html("\n\nHeadline\n\nPara one\ncontinues\n\n\n\nPara [two](#)\n")
    root = parse(html, line_map)
    assert source_line(root, line_map, "//h1") == 3
    assert source_line(root, line_map, "//p[1]") == 5
    assert source_line(root, line_map, "//p[2]") == 10
    assert line_map[html.split("\n").index("continues</p>")] == 6


# ------------------------------------------------------------------ plain text


@pytest.mark.parametrize(
    ("text", "h1"),
    [
        ("Universities agree on cooperation\n\nBody text.", "Universities agree on cooperation"),
        ("\n\n  Leading blanks ignored  \n\nBody.", "Leading blanks ignored"),
        ("This is a sentence.\n\nBody.", None),
        ("Is this a question?\n\nBody.", None),
        ("Wow!\n\nBody.", None),
        ("Note:\n\nBody.", None),
        ('He said "go."\n\nBody.', None),
        ("Two lines\nin first paragraph\n\nBody.", None),
        ("x" * 200 + "\n\nBody.", None),
    ],
    ids=[
        "headline",
        "leading-blanks",
        "period",
        "question",
        "exclamation",
        "colon",
        "quoted-period",
        "two-lines",
        "too-long",
    ],
)
def test_plaintext_headline(text: str, h1: str | None) -> None:
    root = pt(text)
    assert root.xpath("//h1/text()") == ([] if h1 is None else [h1])
    if h1 is not None:
        assert root.xpath("string(//title)") == h1


def test_plaintext_paragraphs_and_links() -> None:
    root = pt("Title\n\nits [strategic partner](#), Technical University\nof Madrid\n\n# not *markup* <b>x</b>")
    assert root.xpath("count(//p)") == 2
    assert root.xpath("string(//p[1])") == "its strategic partner, Technical University\nof Madrid"
    assert root.xpath("//p[1]/a/@href") == ["#"]
    assert root.xpath("string(//p[2])") == "# not *markup* <b>x</b>"
    assert root.xpath("count(//em|//b|//h2)") == 0


def test_plaintext_title_falls_back_to_first_line() -> None:
    root = pt("A first sentence that ends with a period.\nMore.")
    assert root.xpath("string(//title)") == "A first sentence that ends with a period."
    assert root.xpath("count(//h1)") == 0


def test_seed_article() -> None:
    if not SEED.exists():
        pytest.skip(f"{SEED} not available")
    html, line_map = plaintext_to_html(SEED.read_text(encoding="utf-8"), lang="en")
    root = parse(html, line_map)
    (h1,) = root.xpath("/html/body/h1")
    assert h1.text_content().startswith("Peter the Great St. Petersburg Polytechnic University and Technical")
    assert root.xpath("string(//title)").startswith("Peter the Great")
    assert len(root.xpath("//a")) == 3
    assert all(href == "#" for href in root.xpath("//a/@href"))
    assert any("Дата публикации: 2021.03.04" in p.text_content() for p in root.xpath("//p"))
    assert line_map[h1.sourceline - 1] == 3


# ------------------------------------------------------------------ properties

WORD = st.text(alphabet=st.sampled_from("abcxyzXYZ019éжЯ"), min_size=1, max_size=8)
SEP = st.sampled_from([" ", "  ", "\t", "\n", "\n\n", "\n    ", "   \n", "\n\n\n"])


@st.composite
def words_text(draw: st.DrawFn) -> tuple[list[str], str]:
    words = draw(st.lists(WORD, min_size=1, max_size=30))
    seps = draw(st.lists(SEP, min_size=len(words) + 1, max_size=len(words) + 1))
    text = seps[0] + "".join(w + s for w, s in zip(words, seps[1:]))
    return words, text


@settings(max_examples=150, deadline=None)
@given(sample=words_text())
def test_words_survive_in_order(sample: tuple[list[str], str]) -> None:
    words, text = sample
    html, line_map = plaintext_to_html(text)
    root = parse(html, line_map)
    assert root.xpath("string(/html/body)").split() == words
    # every HTML line maps to the source line that holds the words it shows
    source = text.split("\n")
    for html_line, number in list(zip(html.split("\n"), line_map))[4:-2]:  # the <body> content
        shown = re.sub(r"<[^>]*>", " ", html_line).split()
        assert all(w in source[number - 1].split() for w in shown)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("#*_`[]()!<>|-=\\:\n >1."), max_size=200))
def test_any_text_gives_parseable_html_with_consistent_map(text: str) -> None:
    html, line_map = plaintext_to_html(text)
    root = parse(html, line_map)
    source_lines = max(1, len(text.replace("\r\n", "\n").replace("\r", "\n").removesuffix("\n").split("\n")))
    assert all(1 <= n <= source_lines for n in line_map)
    assert line_map[4:] == sorted(line_map[4:])  # the <body> content follows the source in order
    for el in root.iter():
        if isinstance(el.tag, str) and el.sourceline is not None:
            assert 1 <= el.sourceline <= len(line_map)


# ------------------------------------------------------------------ the title is the headline's entry

LONG_HEADLINE = (
    "Peter the Great St. Petersburg Polytechnic University and Technical University of Madrid "
    "held a series of online talks on cooperation"
)


def test_title_is_the_whole_headline_never_a_cut_copy() -> None:
    root = pt(f"\n\n{LONG_HEADLINE}\n\nThis week, the universities met online.\n")
    assert root.xpath("string(//h1)") == LONG_HEADLINE
    assert root.xpath("string(//title)") == LONG_HEADLINE


def test_title_and_headline_share_one_catalog_entry(tmp_path: Any) -> None:
    from pathlib import PurePath

    from newsl10n.stages import extract, load_source

    data = f"{LONG_HEADLINE}\n\nThis week, the universities met online.\n".encode()
    ex = extract(load_source(data, path=PurePath("talks.txt"), display="talks.txt"), given_lang="en")
    msgids = [seg.msgid for seg in ex.segments]
    assert not any("\u2026" in m for m in msgids)  # no cut copy of the name
    assert msgids.count(LONG_HEADLINE) == 2  # <title> and <h1>: one msgid, so one entry and one translation

"""Markdown / plain text → HTML document with an exact source line map."""

from __future__ import annotations

import re
from typing import Any

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsl10n.formats.markdown import markdown_to_html, plaintext_to_html

from ..conftest import SEED


def parse(html: str, line_map: list[int]) -> Any:
    """Parse like the project's reader does and check the map's shape."""
    assert len(line_map) == len(html.split("\n"))
    assert all(n >= 1 for n in line_map)
    return lxml.html.document_fromstring(html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))


def md(text: str, **kwargs: Any) -> Any:
    return parse(*markdown_to_html(text, **kwargs))


def pt(text: str, **kwargs: Any) -> Any:
    return parse(*plaintext_to_html(text, **kwargs))


def source_line(root: Any, line_map: list[int], xpath: str) -> int:
    (el,) = root.xpath(xpath)
    return int(line_map[el.sourceline - 1])


# ------------------------------------------------------------------ document


def test_document_scaffold() -> None:
    html, line_map = markdown_to_html("# Hello\n", lang="ru")
    assert html.startswith('<!DOCTYPE html>\n<html lang="ru">\n<head><meta charset="utf-8"><title>Hello</title></head>')
    assert html.endswith("</body>\n</html>")
    root = parse(html, line_map)
    assert root.get("lang") == "ru"
    assert root.xpath("string(/html/head/title)") == "Hello"
    assert root.xpath("/html/head/meta/@charset") == ["utf-8"]


@pytest.mark.parametrize("convert", [markdown_to_html, plaintext_to_html], ids=["markdown", "plaintext"])
def test_lang_omitted_when_none(convert: Any) -> None:
    html, _ = convert("text")
    assert "\n<html>\n" in html
    html, _ = convert("text", lang='x"y')
    assert '<html lang="x&quot;y">' in html


@pytest.mark.parametrize("text", ["", "\n\n", "   "], ids=["empty", "newlines", "spaces"])
def test_empty_input_is_an_empty_document(text: str) -> None:
    for convert in (markdown_to_html, plaintext_to_html):
        root = parse(*convert(text))
        assert root.xpath("count(/html/body/*)") == 0
        assert root.xpath("string(//title)") == ""


@pytest.mark.parametrize(
    ("text", "kwargs", "expected"),
    [
        ("# ATX *title*\n\ntext", {}, "ATX title"),
        ("intro\n\nSetext\n------\n\n# Later", {}, "Setext"),
        ("# Heading", {"title": "Given\ntitle"}, "Given title"),
        ("plain **first** line\nsecond", {}, "plain first line"),
        ("- item one\n- item two", {}, "item one"),
        ("word " * 30, {}, ("word " * 16).strip() + "\u2026"),
    ],
    ids=["first-heading", "setext-heading", "argument", "first-line", "first-list-item", "truncated"],
)
def test_markdown_title(text: str, kwargs: dict[str, str], expected: str) -> None:
    title = md(text, **kwargs).xpath("string(//title)")
    assert title == expected
    assert len(title) <= 80


@pytest.mark.parametrize(
    ("text", "kwargs", "head_line"),
    [
        ("intro\n\n\n# Heading", {}, 4),
        ("\n\n  first words", {}, 3),
        ("intro\n\n# Heading", {"title": "Given"}, 1),
        ("#\n\nreal text", {}, 3),
    ],
    ids=["from-heading", "from-first-line", "argument", "empty-heading-skipped"],
)
def test_head_line_maps_to_the_title_source(text: str, kwargs: dict[str, str], head_line: int) -> None:
    html, line_map = markdown_to_html(text, **kwargs)
    assert html.split("\n")[2].startswith("<head>")
    assert line_map[2] == head_line


def test_control_characters_are_replaced() -> None:
    html, line_map = markdown_to_html("a\x00b \x01 \ud800 c\x0cd\n")
    assert "\x00" not in html and "\x01" not in html and "\ud800" not in html
    assert parse(html, line_map).xpath("string(//p)") == "a\ufffdb \ufffd \ufffd c d"


@pytest.mark.parametrize(
    "text",
    [">" * 2000 + " deep", "\n".join("  " * k + "- x" for k in range(300)), "[" * 3000, "![" * 500 + "](u)" * 500],
    ids=["quotes", "lists", "brackets", "images"],
)
def test_pathological_nesting_does_not_crash(text: str) -> None:
    root = md(text)
    assert root.xpath("count(/html/body)") == 1


# ------------------------------------------------------------------ markdown constructs

CONSTRUCTS = [
    ("atx-h1", "# Title #", "string(/html/body/h1)", "Title"),
    ("atx-h6", "###### Small", "string(/html/body/h6)", "Small"),
    ("atx-needs-space", "#hashtag", "string(/html/body/p)", "#hashtag"),
    ("setext-h1", "Big\n===", "string(/html/body/h1)", "Big"),
    ("setext-h2", "Less\n---", "string(/html/body/h2)", "Less"),
    ("paragraphs", "one\ntwo\n\nthree", "count(/html/body/p)", 2.0),
    ("soft-break", "one\ntwo", "string(/html/body/p)", "one\ntwo"),
    ("hard-break-spaces", "one  \ntwo", "count(/html/body/p/br)", 1.0),
    ("hard-break-backslash", "one\\\ntwo", "count(/html/body/p/br)", 1.0),
    ("no-break-at-end", "one  ", "count(//br)", 0.0),
    ("bullets-dash", "- a\n- b", "count(/html/body/ul/li)", 2.0),
    ("bullets-star", "* a\n* b\n* c", "count(/html/body/ul/li)", 3.0),
    ("bullets-plus", "+ a", "string(/html/body/ul/li)", "a"),
    ("bullet-kind-change", "- a\n+ b", "count(/html/body/ul)", 2.0),
    ("ordered", "1. a\n2. b", "count(/html/body/ol/li)", 2.0),
    ("ordered-start", "3. a\n4. b", "string(/html/body/ol/@start)", "3"),
    ("nested", "- a\n  - b\n  - c\n- d", "count(/html/body/ul/li[1]/ul/li)", 2.0),
    ("nested-ordered", "1. a\n   - b", "string(/html/body/ol/li/ul/li)", "b"),
    ("tight-no-p", "- a\n- b", "count(//li/p)", 0.0),
    ("loose-p", "- a\n\n- b", "count(//li/p)", 2.0),
    ("lazy-item", "- a\nb", "string(//li)", "a\nb"),
    ("blockquote", "> quoted\n> text", "string(/html/body/blockquote/p)", "quoted\ntext"),
    ("blockquote-lazy", "> quoted\ntext", "string(/html/body/blockquote/p)", "quoted\ntext"),
    ("lazy-line-is-not-setext", "- item\n===\n\n> quote\n---", "count(//h1|//h2)", 0.0),
    ("quote-then-list", "> quoted\n2. two", "string(/html/body/ol/@start)", "2"),
    ("list-no-interrupt", "para\n2. two", "count(//ol)", 0.0),
    ("blockquote-nested", "> a\n>> b", "string(/html/body/blockquote/blockquote/p)", "b"),
    ("blockquote-list", "> - a\n> - b", "count(/html/body/blockquote/ul/li)", 2.0),
    ("fenced", "```\na < b\n  c\n```", "string(/html/body/pre/code)", "a < b\n  c"),
    ("fenced-lang", "~~~ python\nx\n~~~", "string(//pre/code/@class)", "language-python"),
    ("fenced-keeps-markup", "```\n# not *h*\n```", "count(//h1|//em)", 0.0),
    ("fenced-unclosed", "```\nx\ny", "string(//pre/code)", "x\ny"),
    ("indented-code", "para\n\n    code\n\n    more", "string(//pre/code)", "code\n\nmore"),
    ("indented-no-interrupt", "para\n    still para", "count(//pre)", 0.0),
    ("hr-dashes", "a\n\n---\n\nb", "count(/html/body/hr)", 1.0),
    ("hr-stars", "* * *", "count(/html/body/hr)", 1.0),
    ("link", "[text](https://e.org/x)", "string(//a/@href)", "https://e.org/x"),
    ("link-title", '[text](/x "The title")', "string(//a/@title)", "The title"),
    ("link-text", "[**bold** text](#frag)", "string(//a/strong)", "bold"),
    (
        "link-parens",
        "[w](https://en.wikipedia.org/wiki/A_(b))",
        "string(//a/@href)",
        "https://en.wikipedia.org/wiki/A_(b)",
    ),
    ("not-a-link", "[text] (x)", "count(//a)", 0.0),
    ("image", '![An alt](img/a.png "T")', "string(//img/@alt)", "An alt"),
    ("image-src", "![a](https://e.org/a.png)", "string(//img/@src)", "https://e.org/a.png"),
    ("strong-stars", "**bold**", "string(//strong)", "bold"),
    ("strong-underscores", "__bold__", "string(//strong)", "bold"),
    ("em-star", "*em*", "string(//em)", "em"),
    ("em-underscore", "_em_", "string(//em)", "em"),
    ("strong-em", "***both***", "string(//em/strong)", "both"),
    ("em-around-strong", "*a **b** c*", "string(//em/strong)", "b"),
    ("snake-case", "snake_case_name and foo_bar_", "count(//em)", 0.0),
    ("intraword-star", "un*frigging*believable", "string(//em)", "frigging"),
    ("math-stars", "2 * 3 * 4", "count(//em)", 0.0),
    ("code-span", "use `a *b* <c>` now", "string(//code)", "a *b* <c>"),
    ("code-span-double", "``a ` b``", "string(//code)", "a ` b"),
    ("autolink", "<https://e.org/a?b=1&c=2>", "string(//a/@href)", "https://e.org/a?b=1&c=2"),
    ("autolink-email", "<news@e.org>", "string(//a/@href)", "mailto:news@e.org"),
    ("escape-star", "\\*not em\\*", "string(/html/body/p)", "*not em*"),
    ("escape-bracket", "\\[not](a link)", "count(//a)", 0.0),
    ("escape-hash", "\\# not heading", "count(//h1)", 0.0),
    ("table-cells", "| a | b |\n|---|---|\n| 1 | 2 |", "count(//table/tbody/tr/td)", 2.0),
    ("table-head", "| a | b |\n|---|---|\n| 1 | 2 |", "string(//table/thead/tr/th[2])", "b"),
    ("table-no-outer-pipes", "a | b\n--|--\n1 | 2", "string(//tbody/tr/td[2])", "2"),
    ("table-inline", "| *a* | `b\\|c` |\n|:-:|--|", "string(//th[2]/code)", "b|c"),
    ("table-row-text", "| a | b |\n|---|---|", "string(//thead/tr)", "a b"),
    ("table-ends-at-plain-line", "| a |\n|---|\n| 1 |\ntext", "string(/html/body/p)", "text"),
    ("table-align", "| a |\n|--:|\n| 1 |", "string(//td/@style)", "text-align: right"),
    ("table-pad", "| a | b |\n|---|---|\n| 1 |", "count(//tbody/tr/td)", 2.0),
    ("table-needs-delimiter", "| a | b |\n| 1 | 2 |", "count(//table)", 0.0),
]


@pytest.mark.parametrize(("text", "xpath", "expected"), [c[1:] for c in CONSTRUCTS], ids=[c[0] for c in CONSTRUCTS])
def test_markdown_construct(text: str, xpath: str, expected: object) -> None:
    assert md(text).xpath(xpath) == expected


def test_tight_list_item_with_nested_list_keeps_text_inline() -> None:
    html, _ = markdown_to_html("- a\n  - b")
    assert "<ul>\n<li>a\n<ul>\n<li>b</li>\n</ul></li>\n</ul>" in html


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
    for convert in (markdown_to_html, plaintext_to_html):
        html, line_map = convert(text)
        root = parse(html, line_map)
        assert root.xpath("count(//script|//b|//div|//img)") == 0
        assert "<" in root.xpath("string(/html/body)")


def test_character_references_stay_literal() -> None:
    assert md("&copy; &amp;").xpath("string(//p)") == "&copy; &amp;"


UNSAFE = [
    ("javascript", "[x](javascript:alert(1))"),
    ("javascript-upper", "[x](JavaScript:alert(1))"),
    ("javascript-space", "[x]( javascript:alert(1) )"),
    ("javascript-angle", "[x](<java\tscript:alert(1)>)"),
    ("javascript-autolink", "<javascript:alert(1)>"),
    ("javascript-escaped", "[x](javascript\\:alert(1))"),
    ("vbscript", "[x](vbscript:msgbox)"),
    ("data-image", "![x](data:image/png;base64,AAAA)"),
    ("data-html", "[x](data:text/html,<b>)"),
    ("file", "[x](file:///etc/passwd)"),
]


@pytest.mark.parametrize("text", [u[1] for u in UNSAFE], ids=[u[0] for u in UNSAFE])
def test_unsafe_urls_are_neutralised(text: str) -> None:
    root = md(text)
    urls = root.xpath("//a/@href | //img/@src")
    assert urls == ["#"]


@pytest.mark.parametrize(
    "text",
    ["[x](javascript:alert(1))", "[x](data:text/html,hi)", "[x](JAVASCRIPT:x)"],
    ids=["javascript", "data", "upper"],
)
def test_plaintext_unsafe_urls_are_neutralised(text: str) -> None:
    assert pt(text).xpath("//a/@href") == ["#"]


@pytest.mark.parametrize(
    "url",
    ["http://e.org", "https://e.org/a?b#c", "mailto:a@e.org", "#frag", "/path/x", "x.html", "../up", "?q=1", ""],
    ids=["http", "https", "mailto", "fragment", "absolute-path", "relative", "parent", "query", "empty"],
)
def test_safe_urls_are_kept(url: str) -> None:
    assert md(f"[x]({url}) ![i]({url})").xpath("//a/@href | //img/@src") == [url, url]


# ------------------------------------------------------------------ line map

MULTI = """\

# Headline

First paragraph
spans two lines.

- one
- two
  - nested

> quoted

```
code 1
code 2
```

| h1 | h2 |
|----|----|
| c1 | c2 |

---
Closing words.
"""

EXPECTED_LINES = [
    ("/html/body/h1", 2),
    ("/html/body/p[1]", 4),
    ("/html/body/ul", 7),
    ("/html/body/ul/li[1]", 7),
    ("/html/body/ul/li[2]", 8),
    ("//li/ul/li", 9),
    ("/html/body/blockquote", 11),
    ("/html/body/blockquote/p", 11),
    ("/html/body/pre", 14),
    ("/html/body/table", 18),
    ("//table/thead/tr", 18),
    ("//table/tbody/tr", 20),
    ("/html/body/hr", 22),
    ("/html/body/p[2]", 23),
]


@pytest.mark.parametrize(("xpath", "line"), EXPECTED_LINES, ids=[x for x, _ in EXPECTED_LINES])
def test_line_map_points_at_original_lines(xpath: str, line: int) -> None:
    html, line_map = markdown_to_html(MULTI)
    assert source_line(parse(html, line_map), line_map, xpath) == line


def test_line_map_follows_every_line_of_a_block() -> None:
    html, line_map = markdown_to_html(MULTI)
    lines = html.split("\n")
    assert line_map[lines.index("spans two lines.</p>")] == 5
    assert line_map[lines.index("code 2</code></pre>")] == 15
    assert line_map[:4] == [1, 1, 2, 1]  # <head> holds the title, taken from the heading on line 2
    assert line_map[-2:] == [23, 23]


def test_line_map_with_crlf_and_setext() -> None:
    html, line_map = markdown_to_html("intro\r\n\r\nTitle\r\n=====\r\n\r\nbody\r\n")
    root = parse(html, line_map)
    assert source_line(root, line_map, "//h1") == 3
    assert source_line(root, line_map, "//p[2]") == 6


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


@pytest.mark.parametrize("convert", [markdown_to_html, plaintext_to_html], ids=["markdown", "plaintext"])
@settings(max_examples=150, deadline=None)
@given(sample=words_text())
def test_words_survive_in_order(convert: Any, sample: tuple[list[str], str]) -> None:
    words, text = sample
    html, line_map = convert(text)
    root = parse(html, line_map)
    assert root.xpath("string(/html/body)").split() == words
    # every HTML line maps to the source line that holds the words it shows
    source = text.split("\n")
    for html_line, number in list(zip(html.split("\n"), line_map))[4:-2]:  # the <body> content
        shown = re.sub(r"<[^>]*>", " ", html_line).split()
        assert all(w in source[number - 1].split() for w in shown)


@pytest.mark.parametrize("convert", [markdown_to_html, plaintext_to_html], ids=["markdown", "plaintext"])
@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("#*_`[]()!<>|-=\\:\n >1."), max_size=200))
def test_any_text_gives_parseable_html_with_consistent_map(convert: Any, text: str) -> None:
    html, line_map = convert(text)
    root = parse(html, line_map)
    source_lines = max(1, len(text.replace("\r\n", "\n").replace("\r", "\n").removesuffix("\n").split("\n")))
    assert all(1 <= n <= source_lines for n in line_map)
    assert line_map[4:] == sorted(line_map[4:])  # the <body> content follows the source in order
    for el in root.iter():
        if isinstance(el.tag, str) and el.sourceline is not None:
            assert 1 <= el.sourceline <= len(line_map)

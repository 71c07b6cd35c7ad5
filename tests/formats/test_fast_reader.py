"""The fast HTML reader gives exactly what the old one (``_oracle_reader.py``) gives.

Real articles (the repository's corpus, generated bench articles), the mXSS payloads and
generated markup made of the pieces hostile pages are built from.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from newsl10n.errors import InputError
from newsl10n.formats.html import Run, parse_html
from newsl10n.formats.html5_lines import start_tag_lines
from newsl10n.formats.html5_parse import HTML_NS, TooDeep, line_of, parse_document, parse_fragment, storable

from ..conftest import corpus_articles
from ..fuzz.test_mxss_properties import PIECES
from ..hostile.test_mxss import PAYLOADS
from ._oracle_reader import oracle_parse_document, oracle_parse_fragment, oracle_start_tag_lines
from ._oracle_walk import oracle_runs

SETTINGS = settings(max_examples=400, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

#: More pieces where the scan has choices to make: comments, CDATA, bogus comments, odd end tags, lines.
ODD = [
    "<!---->", "<!--->", "<!-- a -- b --!>", "--", "-", "]]", "]>", "<![CDATA[<p>x]]>", "<!doctype html>", "</ p>",
    "</TITLE >", "</title", "<TITLE>", "<Svg>", "<MATH>", "<image>", "<p\n class='a>b'\n>", '<a title="x\n>y">',
    "<a b=>", "<a =c>", "<\n", "< p>", "<?php echo 1 ?>", "</3>", "<tr>", "<td>", "<tbody>", "<body class=x>",
    "<html lang=en>", "<head>", "<em>", "<path/>", "<![CDATA[a>b<em>]]>", "<!-- <em> -->", "<textarea>\n</textarea", "<script>a</scripty></script >", "\r\n", "&#1;", "&#12;",
]


def element_names(text: str, *, fragment: bool) -> tuple[list[str], list[bool]]:
    """The lower-case name of each element html5ever makes, in document order, and whether it is foreign."""
    import markupever
    from markupever import _rustlib

    options = markupever.HtmlOptions(fragment_context="div") if fragment else markupever.HtmlOptions()
    parser = markupever.Parser(options)
    parser.process(text)
    dom = parser.finish().into_dom()
    names: list[str] = []
    foreign: list[bool] = []
    for node in _rustlib.iter.Descendants(dom._raw.root()):
        if isinstance(node, _rustlib.Element):
            names.append(node.name.local.lower())
            foreign.append(node.name.ns != HTML_NS)
    return names, foreign


def assert_same_lines(text: str) -> None:
    """The same start-tag lines, and the same lxml tree (names, attributes, text, comments, lines)."""
    stored = storable(text)
    for fragment in (False, True):
        names, foreign = element_names(stored, fragment=fragment)
        assert start_tag_lines(stored, names, foreign) == oracle_start_tag_lines(stored, names, foreign), text[:300]
        assert tree_of(text, fragment=fragment, oracle=False) == tree_of(text, fragment=fragment, oracle=True)
    assert_same_runs(text)


def assert_same_runs(text: str) -> None:
    """The walk finds the same runs as the old walk, pointing at the same nodes."""
    try:
        parsed = parse_html(text, path="page.html")
    except InputError:
        return
    tree = parsed.root.getroottree()

    def where(node: object) -> object:
        return tree.getpath(node) if isinstance(node, etree._Element) else node

    def described(runs: list[Run]) -> list[tuple[object, ...]]:
        return [
            (run.kind, run.line, run.text, tuple(run.codes), run.attr, where(run.parent), where(run.lead),
             where(run.element), {num: where(slot) for num, slot in run.slots.items()})
            for run in runs
        ]

    assert described(parsed.runs) == described(oracle_runs(parsed)), text[:300]


def tree_of(text: str, *, fragment: bool, oracle: bool) -> list[tuple[object, ...]] | str:
    """Everything a parse gives, node by node (also the comments around a page's root), or how it refused."""
    lines: dict[object, int] = {}
    parse = (oracle_parse_fragment if fragment else oracle_parse_document) if oracle else (
        parse_fragment if fragment else parse_document)
    try:
        root = parse(text, lines=lines)
    except TooDeep as deep:
        return f"too deep at {deep.line}"
    nodes = [*reversed(list(root.itersiblings(preceding=True))), *root.iter(), *root.itersiblings()]
    return [
        (str(node.tag), node.items(), node.text, node.tail, line_of(node, lines))
        if isinstance(node.tag, str) else ("comment", node.text, node.tail)
        for node in nodes
    ]


@pytest.mark.parametrize("path", [p for p in corpus_articles() if p.suffix == ".html"], ids=lambda p: p.name)
def test_start_tag_lines_of_the_corpus(path: Path) -> None:
    assert_same_lines(path.read_text(encoding="utf-8", errors="replace"))


def test_start_tag_lines_of_generated_bench_articles(tmp_path: Path) -> None:
    from bench import corpus

    for path in corpus.write_corpus(tmp_path, 40):
        assert_same_lines(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_start_tag_lines_of_mxss_payloads(name: str) -> None:
    assert_same_lines(PAYLOADS[name])


@pytest.mark.parametrize("text", [
    "<!-- a --><html><p>x</p></html><!-- b -->", "<p>a&#1;b</p>\n" * 3, "<div>" * 300 + "deep",
    "\n" * 70000 + "<p title='far'>x</p>", "<table><b>x<tr><td>y</b>z</td></tr></table>",
    "<svg><a xlink:href='#x' xml:lang='en'/></svg>", "<p xml:lang=en a:b=c>x</p>",
    "<p>a<table>b<!--x-->c</table>", "<p><i>a</i>a<table>b</table>",
    ('<p>See <time datetime="2024-01-02"><b title="t">2 Jan</b> <img alt="d"></time> and <span class="x notranslate"'
    ' title="no">z</span><br><img alt="pic" title="   "> <a title="T"><i title="i">x</i></a>.</p>'),
    '<meta name="description" content="About"><p translate="no" title="x">n</p><div title="d">a<p>b</p>c</div>',
])
def test_trees_of_odd_pages(text: str) -> None:
    assert_same_lines(text)


@SETTINGS
@given(st.lists(st.sampled_from(PIECES + ODD), max_size=40))
def test_start_tag_lines_of_generated_markup(pieces: list[str]) -> None:
    assert_same_lines("".join(pieces))


def test_the_differential_tests_can_fail() -> None:
    """The oracle is the old scan: a start tag hidden in a comment, a CDATA section or a title is no start tag."""
    text = "<p>a<!-- <em> -->\n<em>x</em><svg><![CDATA[a>b<path>]]>\n<path/></svg><title><b></title>\n<b>"
    names, foreign = element_names(text, fragment=True)
    assert names == ["p", "em", "svg", "path", "title", "b"]
    assert oracle_start_tag_lines(text, names, foreign) == [1, 2, 2, 3, 3, 4]
    assert start_tag_lines(text, names, foreign) == [1, 2, 2, 3, 3, 4]


def test_no_named_character_reference_brings_back_what_storable_replaces() -> None:
    """Why the copy skips :func:`storable` on a page without ``&#``: only a numeric reference can."""
    import html.entities

    assert html.entities.html5
    assert all(storable(value) == value for value in html.entities.html5.values())


@pytest.mark.parametrize("fragment", [False, True])
def test_numeric_references_to_characters_lxml_cannot_hold_are_still_replaced(fragment: bool) -> None:
    from newsl10n.formats.html5_parse import parse_document, parse_fragment

    source = '<p title="a&#1;b&#12;c">x&#1;y&#xFFFE;z&#12;w</p><!-- &#1; -->'
    root = parse_fragment(source) if fragment else parse_document(source)
    p = next(root.iter("p"))
    assert (p.get("title"), p.text) == ("a\ufffdb c", "x\ufffdy\ufffdz w")

"""The HTML5 reader (html5ever into lxml): the tree a browser builds, and the line of each start tag."""

from __future__ import annotations

from typing import Any

import pytest

from newsl10n.formats.html5_lines import start_tag_lines
from newsl10n.formats.html5_parse import MAX_DEPTH, TooDeep, line_of, parse_document, parse_fragment


def lines_of(root: Any) -> list[tuple[str, int | None]]:
    return [(str(el.tag), line_of(el)) for el in root.iter() if isinstance(el.tag, str)]


def test_each_element_has_the_line_of_its_start_tag() -> None:
    page = (
        "<!DOCTYPE html>\n<html lang='en'>\n<head><title>A <p> in a title</title>\n"
        "<!-- <p>commented out</p>\n -->\n"
        "<script>if (a < b) { document.write('<p>') }\n</script>\n"
        "</head>\n<body>\n"
        '<p title="a > b\n<em>">One\n<b>two</b></p>\n'
        "<img\n  src=x\n  alt='multi-line'>\n"
        "<svg><style>\n<p>svg style is markup</p></style></svg>\n"
        "<textarea>\n<p>not a tag</p></textarea><i>last</i>\n"
        "</body></html>\n"
    )
    root = parse_document(page)
    assert lines_of(root) == [
        ("html", 2), ("head", 3), ("title", 3), ("script", 6), ("body", 9), ("p", 10), ("b", 12), ("img", 13),
        ("{http://www.w3.org/2000/svg}svg", 16), ("{http://www.w3.org/2000/svg}style", 16),
        # a <p> leaves foreign content: the parser closes <svg> and <style> there
        ("p", 17), ("textarea", 18), ("i", 19),
    ]


def test_elements_the_parser_makes_up_have_no_line_and_do_not_shift_the_others() -> None:
    page = (
        "<table>\n<td>cell</td>\n</table>\n"  # <html>, <head>, <body>, <tbody>, <tr> made up
        "<body class=again>\n"  # a second <body> is ignored (its attributes go to the first)
        "<p><b>bold\n<p>still bold</b>\n"  # <b> reopened in the second <p>
        "</p>\n</p><em>end</em>"  # the second </p> has no open <p>: an empty <p> made up
    )
    got = lines_of(parse_document(page))
    assert got == [
        ("html", None), ("head", None), ("body", None), ("table", 1), ("tbody", None), ("tr", None), ("td", 2),
        ("p", 5), ("b", 5), ("p", 6), ("b", None), ("p", None), ("em", 8),
    ]


def test_fragment_lines() -> None:
    holder = parse_fragment("<div>\n<p>One</p>\n<ul><li>a\n<li>b</ul></div>")
    assert lines_of(holder)[1:] == [("div", 1), ("p", 2), ("ul", 3), ("li", 3), ("li", 4)]


def test_the_scan_pairs_tags_in_the_order_elements_were_made() -> None:
    # an <image> start tag makes an <img>; an ignored tag (here </html>'s stray <head>) is passed over
    assert start_tag_lines("<image>\n<head>\n<b>", ["img", "b"], [False, False]) == [1, 3]


def test_names_lxml_cannot_hold_are_kept_reversibly() -> None:
    root = parse_fragment('<p xml:lang="ru" a:b="1">x</p><x:y>z</x:y>')
    p, xy = root[0], root[1]
    assert p.get("xmlU0003Alang") == "ru" and p.get("aU0003Ab") == "1"
    assert xy.tag == "xU0003Ay"


def test_comments_lxml_cannot_hold() -> None:
    root = parse_fragment("<!-- a -- b --><!-- c- -->x")
    assert [c.text for c in root] == [" a - - b ", " c- "]


@pytest.mark.parametrize("fragment", [False, True])
def test_nesting_deeper_than_the_limit_is_refused_at_its_line(fragment: bool) -> None:
    depth = MAX_DEPTH + 10
    text = "\n".join(["<div>"] * depth)
    with pytest.raises(TooDeep) as caught:
        parse_fragment(text) if fragment else parse_document("<html><body>" + text)
    # the first element with more than MAX_DEPTH ancestors: a document's <div>s sit in <html> and <body>,
    # a fragment's in its holder only
    assert caught.value.line == (MAX_DEPTH + 1 if fragment else MAX_DEPTH)


def test_elements_moved_out_of_a_table_keep_their_lines() -> None:
    """Content misplaced in a <table> is moved before it ("foster-parented"): before its tag in document order."""
    root = parse_fragment("<table>\n<span>moved</span>\n<tr>\n<td><em>cell</em></td></tr>\n<b>also moved</b></table>")
    assert lines_of(root)[1:] == [
        ("span", 2), ("b", 5), ("table", 1), ("tbody", None), ("tr", 3), ("td", 4), ("em", 4),
    ]

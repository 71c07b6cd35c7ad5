"""Property (DESIGN.md invariant 5): the HTML5 parse of every page newsl10n writes has no element, event
handler or script URL that the HTML5 parse of its source lacks, whatever the source and the translations.

Sources are drawn from pieces that steer the parser through foreign content, raw-text and RCDATA
elements, form pointers, comments and CDATA; translations put hostile text into every run.
"""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from newsl10n.formats.html5_parse import ParserFailed

from ..hostile.markup_inventory import Inventory, built_pages, inventory
from .conftest import FUZZ

PIECES = [
    "<svg>", "</svg>", "<math>", "</math>", "<mtext>", "<mi>", "<mglyph>", "<malignmark>", "<desc>", "<title>",
    "</title>", "<foreignObject>", '<annotation-xml encoding="text/html">', "<style>", "</style>", "<script>",
    "</script>", "<textarea>", "</textarea>", "<xmp>", "</xmp>", "<iframe>", "</iframe>", "<noembed>", "</noembed>",
    "<noframes>", "</noframes>", "<noscript>", "</noscript>", "<template>", "</template>", "<form>", "</form>",
    '<form action="/x">', "<table>", "</table>", "<tr><td>", "<select>", "</select>", "<option>", "<p>", "</p>",
    "<div>", "</div>", "<b>", "</b>", "<a href='/n'>", "</a>", '<a title="', '">', '"', "'", "<br>", "</br>",
    "<!--", "-->", "--!>", "<!-->", "<![CDATA[", "]]>", "<?x ", ">", "<", "&lt;", "&amp;", "<plaintext>",
    "<img src=x onerror=alert(1)>", "<svg/onload=alert(2)>", '<a href="javascript:alert(3)">', "<pre>", "\n",
    "News about the university. ", "Второе предложение. ", " ",
]


def readable(source: str) -> Inventory:
    """The source's inventory; sources the parser itself gives up on (none known since html5ever) are skipped."""
    try:
        return inventory(source)
    except ParserFailed:
        assume(False)
        raise


@FUZZ
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40))
def test_built_pages_never_gain_what_a_browser_would_run(pieces: list[str]) -> None:
    source = "<p>Lead sentence here.</p>" + "".join(pieces)
    want = readable(source)
    for page in built_pages(source):
        assert not inventory(page).excess_over(want), (source, page)


@FUZZ
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40))
def test_whole_pages_too(pieces: list[str]) -> None:
    source = '<!DOCTYPE html>\n<html lang="en">\n<head><title>T</title></head>\n<body>\n' + "".join(pieces) + "\n</body>\n</html>\n"
    want = readable(source)
    for page in built_pages(source):
        assert not inventory(page).excess_over(want), (source, page)

"""The HTML writer: what it writes is what the tree holds, nothing rewritten as text afterwards."""

from __future__ import annotations

from pathlib import PurePath

import pytest

from newsl10n.formats.html import parse_html
from newsl10n.formats.html5_parse import parse_document
from newsl10n.formats.html_write import serialize
from newsl10n.pipeline import build, extract, load_source


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

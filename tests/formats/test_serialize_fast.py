"""The HTML serializer writes exactly what it wrote before its fast rewrite (``_serialize_oracle.py``).

Pages: the repository's corpus, generated bench articles, the mutation-XSS payloads and generated
hostile sources; each written as parsed, and again with hostile text put into every run.
"""

from __future__ import annotations

from pathlib import Path, PurePath

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsl10n.errors import InputError
from newsl10n.formats.html import ParsedHtml, parse_html
from newsl10n.formats.html_serialize import generate_html
from newsl10n.formats.html_write import apply_runs
from newsl10n.stages import load_source

from ..conftest import corpus_articles
from ..fuzz.test_mxss_properties import PIECES
from ..hostile.markup_inventory import hostile_texts
from ..hostile.test_mxss import PAYLOADS
from . import _serialize_oracle as oracle

SETTINGS = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _written(parsed: ParsedHtml, write: object, nbsp: bool) -> str:
    try:
        return write(  # type: ignore[operator, no-any-return]
            parsed.root, fragment=parsed.fragment, doctype=parsed.doctype, path=parsed.path, nbsp_entities=nbsp,
            layout=parsed.layout,
        )
    except InputError as err:
        return f"refused: {err}"


def assert_same(html: str) -> None:
    try:
        parsed = parse_html(html, path="t.html")
    except InputError:
        return
    for nbsp in (True, False):
        assert _written(parsed, generate_html, nbsp) == _written(parsed, oracle.generate_html, nbsp), html
    apply_runs(parsed, hostile_texts(parsed), format_date=lambda iso, lang: iso)
    assert _written(parsed, generate_html, True) == _written(parsed, oracle.generate_html, True), html


@pytest.mark.parametrize("path", [p for p in corpus_articles() if p.suffix != ".md"], ids=lambda p: p.name)
def test_repository_corpus(path: Path) -> None:
    source = load_source(path.read_bytes(), path=PurePath(path.name), display=path.name)
    assert_same(source.html)


def test_generated_bench_articles(tmp_path: Path) -> None:
    from bench import corpus

    for path in corpus.write_corpus(tmp_path, 40):
        assert_same(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("payload", list(PAYLOADS.values()), ids=list(PAYLOADS))
def test_mxss_payloads(payload: str) -> None:
    assert_same(payload)
    assert_same(f"<!DOCTYPE html>\n<html><head><title>T</title></head>\n<body>\n{payload}\n</body>\n</html>\n")


ODD = [
    "<pre>\n\nText</pre><textarea>\nA</textarea><listing>B</listing>", "<p>A&nbsp;B\xa0C &amp; <b title='x\xa0\"<>'>D</b></p>",
    "<p>Line\r\nCR&#13;</p>", "<svg><path d='M0'/><g></g><text>T</text></svg><math><mi>x</mi></math>",
    '<svg><a xlink:href="#x" xml:lang="en">L</a></svg><p xmlns:foo="u">P</p>', "<p>A<!-- c -->B<?pi x?>C</p>",
    "<script>if (a</b) {}</script><style>p{}</style><noscript><p>N</p></noscript>", "<p><custom-el a=1>X</custom-el></p>",
    "<p><x\u00e9y>odd</x\u00e9y><a b\u00e7=1 c:d=2>name</a></p>", "<table><tr><td>1<td>2</table><br/><hr><img src=x>",
    "<html>  \n <head></head><body>B</body>  \n</html>  \n", "<p>a</p>\n<!-- end -->\n",
    '<pre title=">">\n\nX</pre>',  # a newline the layout does not see, text that starts with one
]


@pytest.mark.parametrize("html", ODD)
def test_odd_pages(html: str) -> None:
    assert_same(html)
    assert_same(f"<!DOCTYPE html>\n<html><head><title>T</title></head>\n<body>\n{html}\n</body>\n</html>\n")


@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40))
@SETTINGS
def test_generated_hostile_sources(pieces: list[str]) -> None:
    assert_same("<p>Lead sentence here.</p>" + "".join(pieces))
    assert_same('<!DOCTYPE html>\n<html lang="en">\n<head><title>T</title></head>\n<body>\n' + "".join(pieces) + "\n</body>\n</html>\n")


TIMES = [
    '<p><time datetime="2024-03-04">4 March</time></p>', '<p translate="no"><time datetime="2024-03-05">x</time></p>',
    '<div class="a notranslate"><span><time datetime="2024-03-06">x</time></span></div>', "<code><time datetime='10:30'>x</time></code>",
    '<svg><time datetime="2024-03-07">x</time></svg>', '<time datetime="2024-03-08"><time datetime="2024-03-09">in</time></time>',
    '<p><time>no value</time><time datetime="bad">x</time></p>', '<template><time datetime="2024-03-10">x</time></template>',
]


@pytest.mark.parametrize("html", ["".join(TIMES), *TIMES, f"<html><body>{''.join(TIMES)}</body></html>"])
def test_times_localized_are_those_outside_skipped_subtrees(html: str) -> None:
    """localize_page finds <time> elements from themselves up; it picks exactly those iter_unskipped walks to."""
    from newsl10n.formats.html_rules import iter_unskipped
    from newsl10n.formats.html_write import localize_page

    parsed = parse_html(html, path="t.html")
    expected = [t.get("datetime") for t in iter_unskipped(parsed.root) if t.tag == "time" and t.get("datetime")]
    seen: list[str] = []
    localize_page(parsed, lang="ru", direction="ltr", localize_time=lambda value, lang: seen.append(value) or None)
    assert seen == expected

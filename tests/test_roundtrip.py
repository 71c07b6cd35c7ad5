"""Invariant 1: extracting an article and building it back changes nothing but lang/dir and dates."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsl10n.catalog import translations
from newsl10n.formats.html5_parse import parse_document, parse_fragment
from newsl10n.localize import find_date_line
from newsl10n.model import Translation, normalize_space
from newsl10n.stages import build, extract, load_source

from .conftest import corpus_articles
from .page_shape import unmark_fallbacks

IGNORED_ATTRS = {("html", "lang"), ("html", "dir"), ("meta", "charset")}
Tree = tuple[Any, ...]


def canonical(html: str, *, squeeze: bool = False) -> Tree:
    """A comparable form of a page: tags, attributes, text and tails, dates blanked."""
    fragment = not re.search(r"<\s*(!doctype|html|body|head)\b", html, re.IGNORECASE)
    root = unmark_fallbacks(parse_fragment(html) if fragment else parse_document(html))  # as a browser reads it

    def text(value: str | None) -> str:
        value = value or ""
        found = find_date_line(value)
        if found is not None:
            value = value[: found.start] + "<DATE>" + value[found.end :]
        return normalize_space(value) if squeeze else value

    def walk(el: Any) -> Tree:
        if not isinstance(el.tag, str):
            return ("#node", str(el.text), text(el.tail))
        attrs = tuple(
            sorted(
                (k, v)
                for k, v in el.attrib.items()
                if (el.tag, k) not in IGNORED_ATTRS
                and not (el.tag == "meta" and k == "content" and (el.get("http-equiv") or "").lower() == "content-type")
            )
        )
        body = "<TIME>" if el.tag == "time" and el.get("datetime") else text(el.text)
        kids = tuple(walk(c) for c in el if not (c.tag == "meta" and c.get("charset") and el.tag == "head"))
        return (el.tag, attrs, body, kids, text(el.tail))

    return walk(root)


def identity_lookup(ex: Any) -> dict[tuple[str | None, str], Translation]:
    return {seg.key: Translation(seg.msgid) for seg in ex.segments}


def source_of(path: Path) -> Any:
    return load_source(path.read_bytes(), path=path, display=path.name)


# Markdown articles come out as Markdown: tests/formats/test_markdown.py holds their byte-for-byte round trip.
ARTICLES = [
    pytest.param(p, id=p.relative_to(p.parent.parent).as_posix()) for p in corpus_articles() if p.suffix != ".md"
]


@pytest.mark.parametrize("path", ARTICLES)
@pytest.mark.parametrize("target", ["ru", "es", "en"])
def test_corpus_round_trip_untranslated(path: Path, target: str) -> None:
    source = source_of(path)
    ex = extract(source)
    if ex.lang == target:
        target = "es" if ex.lang != "es" else "en"
    built = build(source, src_lang=ex.lang, tgt_lang=target, lookup={})
    assert canonical(built.html) == canonical(source.html)
    assert built.problems == () and built.translated == 0


@pytest.mark.parametrize("path", ARTICLES)
def test_corpus_round_trip_identity_translation(path: Path) -> None:
    """Every msgstr equal to its msgid: same document up to whitespace inside sentences."""
    source = source_of(path)
    ex = extract(source)
    built = build(source, src_lang=ex.lang, tgt_lang="es" if ex.lang != "es" else "en", lookup=identity_lookup(ex))
    assert built.translated == built.total > 10
    assert canonical(built.html, squeeze=True) == canonical(source.html, squeeze=True)


def test_seed_round_trip(seed_article: Path) -> None:
    source = source_of(seed_article)
    ex = extract(source)
    assert ex.lang == "en"
    assert len(ex.segments) > 20
    built = build(source, src_lang="en", tgt_lang="ru", lookup=identity_lookup(ex))
    assert canonical(built.html, squeeze=True) == canonical(source.html, squeeze=True)
    assert "4 марта 2021" in built.html  # the publication-date line, localized


def test_untouchable_content_is_byte_identical() -> None:
    html = (
        "<html><head><style>p > a { color: red; } /* Style words */</style></head><body>"
        "<p>Hello there.</p><script>if (a < b && c) { alert('Script words'); }</script>"
        "<!-- Comment words --><p translate=\"no\">Kept <b>as</b> is.</p><p>Use <code>x &lt; y</code> here.</p>"
        "<pre>  Pre\n   words </pre></body></html>"
    )
    source = load_source(html.encode(), path=Path("t.html"), display="t.html")
    ex = extract(source)
    assert [s.msgid for s in ex.segments] == ["Hello there.", "Use <1/> here."]
    lookup = {s.key: Translation("ПЕРЕВОД " + s.msgid) for s in ex.segments}
    out = build(source, src_lang="en", tgt_lang="ru", lookup=lookup).html
    for piece in [
        "<style>p > a { color: red; } /* Style words */</style>",
        "<script>if (a < b && c) { alert('Script words'); }</script>",
        "<!-- Comment words -->",
        '<p translate="no">Kept <b>as</b> is.</p>',
        "<code>x &lt; y</code>",
        "<pre>  Pre\n   words </pre>",
    ]:
        assert piece in out
    assert "ПЕРЕВОД Hello there." in out


# --- property: generated articles with nested inline markup --------------------------------------------------

WORDS = st.sampled_from(
    "University partner Prof. Dr. St. agreement i.e. 3.5 talks Мадрид согласие año & < > \"q\" 'a' 2021. ok. Next".split()
)
SENTENCE = st.lists(WORDS, min_size=1, max_size=8).map(lambda ws: " ".join(ws))
INLINE_TAGS = ["a", "strong", "em", "span", "b", "i", "sup"]


@st.composite
def inline(draw: st.DrawFn, depth: int = 0) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["text", "text", "el", "br", "img", "code"] if depth < 3 else ["text"]))
        if kind == "text":
            parts.append(draw(SENTENCE).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
        elif kind == "br":
            parts.append("<br>")
        elif kind == "img":
            alt = draw(SENTENCE).replace('"', "&quot;").replace("<", "&lt;").replace("&", "&amp;")
            parts.append(f'<img src="i.png" alt="{alt}">')
        elif kind == "code":
            parts.append("<code>x()</code>")
        else:
            tag = draw(st.sampled_from(INLINE_TAGS))
            attrs = f' href="/p/{draw(st.integers(0, 9))}"' if tag == "a" else ' class="c"'
            parts.append(f"<{tag}{attrs}>{draw(inline(depth + 1))}</{tag}>")
        parts.append(draw(st.sampled_from([" ", "", ". ", "\n  "])))
    return "".join(parts)


@st.composite
def article(draw: st.DrawFn) -> str:
    blocks = []
    for _ in range(draw(st.integers(1, 5))):
        tag = draw(st.sampled_from(["p", "h2", "li", "td", "blockquote", "figcaption"]))
        body = draw(inline())
        if tag == "li":
            blocks.append(f"<ul><li>{body}</li></ul>")
        elif tag == "td":
            blocks.append(f"<table><tr><td>{body}</td></tr></table>")
        else:
            blocks.append(f"<{tag}>{body}</{tag}>")
    return '<!DOCTYPE html>\n<html lang="en"><head><title>T</title></head><body>\n' + "\n".join(blocks) + "\n</body></html>"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article())
def test_generated_articles_round_trip(html: str) -> None:
    source = load_source(html.encode(), path=Path("gen.html"), display="gen.html")
    ex = extract(source)
    empty = build(source, src_lang="en", tgt_lang="ru", lookup={})
    assert canonical(empty.html) == canonical(html)
    same = build(source, src_lang="en", tgt_lang="ru", lookup=identity_lookup(ex))
    assert same.problems == ()
    assert canonical(same.html, squeeze=True) == canonical(html, squeeze=True)


def test_catalog_lookup_uses_contexts(tmp_path: Path) -> None:
    html = "<p>Click <a href='/x'>here</a>.</p><p>Click <b>here</b>.</p>"
    source = load_source(html.encode(), path=Path("t.html"), display="t.html")
    ex = extract(source, given_lang="en")
    contexts = {s.msgctxt for s in ex.segments}
    assert contexts == {None, "codes: 1=b"}  # the first markup keeps the plain key
    import datetime as dt

    from newsl10n.catalog import Occurrence, header, template

    meta = header(project="t", lang=None, src_lang="en", created=dt.datetime(2024, 1, 1, tzinfo=dt.UTC), source="t.html")
    pot = template((Occurrence(s, "t.html") for s in ex.segments), metadata=meta)
    po = pot.replace_entries(
        replace(e, msgstr="Нажмите <1>здесь</1>." if e.msgctxt is None else "Жмите <1>тут</1>.") for e in pot.entries
    )
    out = build(source, src_lang="en", tgt_lang="ru", lookup=translations(po)).html
    assert '<a href="/x">здесь</a>' in out and "<b>тут</b>" in out


@pytest.mark.parametrize("path", ARTICLES[:3])
def test_an_article_written_with_crlf_is_built_with_crlf(path: Path) -> None:
    """Browsers read CR LF as LF, so the tree is the same; the file keeps the line ends its editor wrote."""
    lf = path.read_bytes().replace(b"\r\n", b"\n")
    crlf = lf.replace(b"\n", b"\r\n")
    pages = []
    for data in (lf, crlf):
        source = load_source(data, path=path, display=path.name)
        ex = extract(source)
        pages.append(build(source, src_lang=ex.lang, tgt_lang="es" if ex.lang != "es" else "en", lookup=identity_lookup(ex)).html)
    assert "\r\n" not in pages[0] and "\r" not in pages[0].replace("\r\n", "")
    assert pages[1] == pages[0].replace("\n", "\r\n")  # CR LF throughout, nothing else changed
    assert canonical(pages[1]) == canonical(pages[0])


def test_mixed_line_ends_are_written_as_lf() -> None:
    source = load_source(b"<p>One line.\r\nTwo.</p>\n<p>Three.</p>\n", path=Path("x.html"), display="x.html")
    ex = extract(source)
    built = build(source, src_lang="en", tgt_lang="es", lookup=identity_lookup(ex))
    assert "\r" not in built.html


def test_a_carriage_return_from_a_character_reference_stays_one() -> None:
    """A raw CR would be read back as LF: the written page says &#13; as its source did."""
    source = load_source(b'<p title="a&#13;b">One&#13;two.</p>\n', path=Path("x.html"), display="x.html")
    built = build(source, src_lang="en", tgt_lang="es", lookup={})
    assert "\r" not in built.html
    assert canonical(built.html) == canonical(source.html)
    p = parse_fragment(built.html)[0]
    assert (p.get("title"), p.text) == ("a\rb", "One\rtwo.")

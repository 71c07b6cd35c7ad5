"""``build(consume=True)`` writes into the caller's parse instead of a copy: the same page, problems and counts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePath

import pytest

from newsl10n.errors import InputError
from newsl10n.model import Translation
from newsl10n.stages import Source, build, extract, load_source, parse

from .conftest import Result, corpus_articles
from .hostile.test_mxss import PAYLOADS


def _lookup(source: Source) -> dict[tuple[str | None, str], Translation]:
    """Every other sentence translated (words changed, codes kept), the rest left to fall back."""
    segments = extract(source, given_lang="en").segments
    return {s.key: Translation(s.msgid.replace("e", "é").upper()) for s in segments[::2]}


def assert_same(source: Source) -> None:
    try:
        lookup = _lookup(source)
        copied = build(source, src_lang="en", tgt_lang="ru", lookup=lookup, parsed=parse(source))
    except InputError as err:
        with pytest.raises(InputError) as again:
            build(source, src_lang="en", tgt_lang="ru", lookup=_lookup(source), parsed=parse(source), consume=True)
        assert str(again.value) == str(err)
        return
    consumed = build(source, src_lang="en", tgt_lang="ru", lookup=lookup, parsed=parse(source), consume=True)
    assert consumed == copied


def _source(html: str) -> Source:
    return load_source(html.encode(), path=PurePath("t.html"), display="t.html", lang="en")


@pytest.mark.parametrize("path", [p for p in corpus_articles() if p.suffix != ".md"], ids=lambda p: p.name)
def test_repository_corpus(path: Path) -> None:
    assert_same(load_source(path.read_bytes(), path=PurePath(path.name), display=path.name, lang="en"))


def test_generated_bench_articles(tmp_path: Path) -> None:
    from bench import corpus

    for path in corpus.write_corpus(tmp_path, 20):
        assert_same(load_source(path.read_bytes(), path=PurePath(path.name), display=path.name, lang="en"))


@pytest.mark.parametrize("payload", list(PAYLOADS.values()), ids=list(PAYLOADS))
def test_mxss_payloads(payload: str) -> None:
    assert_same(_source(f"<p>Lead sentence here.</p>{payload}"))


def test_the_parse_is_written_into_only_when_consumed() -> None:
    source = _source("<p>One sentence. <b>Two</b> sentences.</p>")
    parsed = parse(source)
    before = parsed.runs[0].parent.text
    build(source, src_lang="en", tgt_lang="ru", lookup=_lookup(source), parsed=parsed)
    assert parsed.runs[0].parent.text == before
    build(source, src_lang="en", tgt_lang="ru", lookup=_lookup(source), parsed=parsed, consume=True)
    assert parsed.runs[0].parent.text != before


@pytest.mark.parametrize(
    "html",
    [("<!DOCTYPE html>\n<!-- before -->\n<html lang=en>\n <head><title>T.</title></head>\n<body><p>A. B.</p>\n<time "
      'datetime="2024-03-04">4 March</time></body>\n</html>\n<!-- after -->\n'),
     "<form><div></form><form><p>Inner form text. Two.</p></form><pre>\nX</pre>&nbsp;"],
    ids=["document", "fragment"],
)
def test_odd_pages(html: str) -> None:
    assert_same(_source(html))


COMMENTED = ("<!DOCTYPE html>\n<!-- one -->\n<!-- two -->\n<html lang=en><head><title>Hi.</title></head>"
             "<body><p>Hello world.</p></body></html>\n<!-- three -->\n<!-- four -->\n")


@pytest.mark.parametrize("langs", ["es", "es,ru"])
def test_build_keeps_the_comments_around_html_as_translate_does(cli: Callable[..., Result], langs: str) -> None:
    """Pages built from a copy of the parse (every language but the last) lost them; translate's page kept them."""
    Path("a.html").write_text(COMMENTED, encoding="utf-8")
    assert cli("translate", "a.html", "--to", langs, "--engine", "none", "-q").code == 0
    translated = {lang: Path("build", lang, "a.html").read_text(encoding="utf-8") for lang in langs.split(",")}
    assert cli("build", "a.html", "--to", langs, "--out", "again", "-q").code == 0
    for lang, page in translated.items():
        built = Path("again", lang, "a.html").read_text(encoding="utf-8")
        assert built == page
        assert [m for m in ("one", "two", "three", "four") if f"<!-- {m} -->" in built] == ["one", "two", "three", "four"]
        assert built.index("<!-- one -->") < built.index("<!-- two -->") < built.index("<html")
        assert built.index("</html>") < built.index("<!-- three -->") < built.index("<!-- four -->")

"""``build(consume=True)`` writes into the caller's parse instead of a copy: the same page, problems and counts."""

from __future__ import annotations

from pathlib import Path, PurePath

import pytest

from newsl10n.errors import InputError
from newsl10n.model import Translation
from newsl10n.stages import Source, build, extract, load_source, parse

from .conftest import corpus_articles
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

"""The fast segmenter gives exactly what the old one (``_oracle.py``) gives: real articles and generated blocks."""

from __future__ import annotations

import itertools
from pathlib import Path, PurePath

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsl10n.model import Block, CodeKind, InlineCode, msgid_text
from newsl10n.segment.blocks import _msgid, is_translatable, split_block
from newsl10n.segment.srx import sentence_breaks
from newsl10n.stages import load_source, parse

from ..conftest import SHARED, corpus_articles
from ._oracle import oracle_is_translatable, oracle_sentence_breaks, oracle_split_block

LANGS = ["en", "ru", "es", "xx"]  # xx: no language map of its own (Common and Default only)
#: Deterministic, and more examples than the fuzz folder: these are cheap.
SETTINGS = settings(max_examples=300, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def blocks_of(path: Path) -> list[Block]:
    source = load_source(path.read_bytes(), path=PurePath(path.name), display=path.name)
    if source.markdown is not None:
        return [unit.block for unit in source.markdown.units]
    return [run.block() for run in parse(source).runs]


def assert_same(blocks: list[Block], langs: list[str]) -> None:
    assert blocks
    for block, lang in itertools.product(blocks, langs):
        assert split_block(block, lang) == oracle_split_block(block, lang), (lang, block.text)


# --- real articles ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", corpus_articles(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_repository_corpus(path: Path) -> None:
    assert_same(blocks_of(path), LANGS)


def test_generated_bench_articles(tmp_path: Path) -> None:
    from bench import corpus

    paths = corpus.write_corpus(tmp_path, 50)
    assert_same([block for path in paths for block in blocks_of(path)], ["en", "ru", "xx"])


def test_shared_seeds() -> None:
    seeds = sorted(p for p in (SHARED / "seeds").glob("*") if p.is_file()) if (SHARED / "seeds").is_dir() else []
    if not seeds:
        pytest.skip("../shared/seeds is not present (a user's clone)")
    for path in seeds:
        assert_same(blocks_of(path), LANGS)


# --- generated coded blocks -------------------------------------------------------------------------------------

TEXT = st.sampled_from([
    "Hello", "world", "the school", " ", "  ", ". ", "! ", "? ", "?! ", "... ", "… ", "Prof. ", "St. ", "Dr. ",
    "Mr. ", "No. ", "p. ", "J. M. ", "U.S. ", "e.g. ", "i.e. ", "etc. ", "3.5", "2021. ", "10 ", "A", "b", ",",
    "\n", "\n\n", "\t", "\r\n", "\f", '"', "“", "”", "«", "»", "(", ")", "—", "¿", "¡", "Qué", "Hola. ",
    "г. ", "т. е. ", "т. д. ", "и др. ", "см. ", "рис. ", "Привет. ", "Sr. ", "Sra. ", "EE. UU. ", "ene. ",
    "\xa0", "\ufffc", "\x00", "\u2028", "https://www.spbstu.ru/ ", "info@upm.es ", "WWW.UPM.ES", "1,250",
    "<1>", "</2>", "<3/>", "<", ">",  # text that looks like a code, and a lone bracket
])


@st.composite
def coded_block(draw: st.DrawFn) -> Block:
    """Text and codes nested, adjacent and crossing sentence ends; some empty codes are <br>."""
    codes: list[InlineCode] = []
    out: list[str] = []
    open_pairs: list[int] = []
    for _ in range(draw(st.integers(0, 30))):
        action = draw(st.sampled_from(["text", "text", "text", "open", "close", "empty", "br", "odd"]))
        if action == "text":
            out.append(draw(TEXT))
        elif action == "open":
            codes.append(InlineCode(len(codes) + 1, CodeKind.PAIRED, tag="b"))
            open_pairs.append(len(codes))
            out.append(f"<{len(codes)}>")
        elif action == "close" and open_pairs:
            # usually the innermost pair; sometimes an outer one, so pairs cross
            num = open_pairs.pop(-1 if draw(st.integers(0, 3)) else 0)
            out.append(f"</{num}>")
        elif action in ("empty", "br"):
            codes.append(InlineCode(len(codes) + 1, CodeKind.EMPTY, tag="br" if action == "br" else "img"))
            out.append(f"<{len(codes)}/>")
        elif action == "odd":  # malformed input: duplicate numbers, unmatched codes, unknown ids
            out.append(draw(st.sampled_from(["<1>", "</1>", "<99/>", "</1/>", "<0>", "</0>"])))
    if draw(st.booleans()):
        out.extend(f"</{num}>" for num in reversed(open_pairs))
    return Block(kind="p", text="".join(out), codes=tuple(codes), line=draw(st.integers(1, 50)))


@SETTINGS
@given(coded_block(), st.sampled_from(LANGS))
def test_generated_blocks(block: Block, lang: str) -> None:
    assert split_block(block, lang) == oracle_split_block(block, lang)


@SETTINGS
@given(coded_block(), st.data())
def test_generated_blocks_with_any_cuts(block: Block, data: st.DataObject) -> None:
    """Any break offsets (unsorted, repeated, out of range) map onto the coded text the same way."""
    offsets = data.draw(st.lists(st.integers(-2, len(block.text) + 2), max_size=12))

    def breaker(plain: str, lang: str) -> list[int]:
        return list(offsets)

    assert split_block(block, "en", breaker=breaker) == oracle_split_block(block, "en", breaker=breaker)


@SETTINGS
@given(st.lists(TEXT, max_size=40).map("".join), st.sampled_from(LANGS))
def test_generated_plain_text_breaks(text: str, lang: str) -> None:
    assert sentence_breaks(text, lang) == oracle_sentence_breaks(text, lang)


@SETTINGS
@given(st.lists(TEXT | st.text(max_size=6), max_size=20).map("".join))
def test_translatable_and_msgid_shortcuts(text: str) -> None:
    assert is_translatable(text) == oracle_is_translatable(text)
    if text:
        assert _msgid(text) == msgid_text(text)


@pytest.mark.parametrize(
    "text",
    ["WWW.UPM.ES", "wWw.upm.es", "mail me@x.org now", "ftp://x", "HTTPS://X.ORG", "ſ://x", "<1>Go</1> www.x.y"],
)
def test_url_hints(text: str) -> None:
    assert is_translatable(text) == oracle_is_translatable(text)
    assert is_translatable(text + " and words") == oracle_is_translatable(text + " and words")

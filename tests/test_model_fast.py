"""The translation checks refuse exactly what they refused before their fast paths (``_model_oracle.py``):
inline codes, stray markup and stray control characters, on generated and real pairs."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsl10n.model import check_codes, stray_controls, stray_markup

from ._model_oracle import oracle_check_codes, oracle_stray_controls, oracle_stray_markup
from .corpus_catalogs import corpus_catalogs, read_catalog

SETTINGS = settings(max_examples=1500, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PIECES = [
    "<1>", "</1>", "<1/>", "</1/>", "<2>", "</2>", "<2/>", "<3/>", "<10>", "</10>", "<01>", "<0>", "< 1>", "<1", "1>",
    "<", ">", "/", "<b>", "</b>", "</p>", "<script>", "<svg/onload=alert(1)>", "<!--", "-->", "<![CDATA[", "<!x",
    "<?x", "<a href='x'>", "<1 >", "\x01", "\x7f", "\u202e", "\u2066", "\u200f", "\ufffe", "\ud800", "\xa0",
    "Text", " ", "word. ", "Привет", "&lt;b&gt;",
]
TEXT = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


def assert_same(source: str, translation: str) -> None:
    for _ in range(2):  # the second time from the cache
        check = check_codes(source, translation)
        assert (check.ok, check.problems) == oracle_check_codes(source, translation), (source, translation)
    assert stray_markup(source, translation) == oracle_stray_markup(source, translation), (source, translation)
    assert stray_controls(source, translation) == oracle_stray_controls(source, translation), (source, translation)


@given(TEXT, TEXT)
@SETTINGS
def test_generated_pairs(source: str, translation: str) -> None:
    assert_same(source, translation)
    assert_same(source, source)
    assert_same(translation, source + translation)


@given(TEXT, st.lists(st.tuples(st.integers(0, 40), st.sampled_from(PIECES)), max_size=3))
@SETTINGS
def test_edited_translations(source: str, edits: list[tuple[int, str]]) -> None:
    translation = source
    for at, piece in edits:
        at %= len(translation) + 1
        translation = translation[:at] + piece + translation[at:]
    assert_same(source, translation)


def test_corpus_catalog_pairs() -> None:
    pairs = [(e.msgid, e.msgstr) for path in corpus_catalogs() for e in read_catalog(path).entries]
    assert pairs
    for msgid, msgstr in pairs:
        assert_same(msgid, msgstr)
        assert_same(msgid, msgid)
    for (a, _), (_, b) in pairwise(pairs):
        assert_same(a, b)

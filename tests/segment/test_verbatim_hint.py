"""The cheap pre-check of ``verbatim_spans`` never says no where the full hint pattern would say yes."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsl10n.segment.verbatim import _EXTENSIONS, _HINT, _may_hold


def test_every_character_an_extension_may_start_with_is_seen() -> None:
    """Under IGNORECASE an ASCII letter also matches a few other characters: each one is in the pre-check."""
    first = re.compile("[" + "".join({ext[0] for ext in _EXTENSIONS.split()}) + "w]", re.IGNORECASE)
    for code in range(0x110000):
        char = chr(code)
        if first.fullmatch(char):
            assert _may_hold("a." + char) or char in "wW", hex(code)
    assert not _may_hold("St. Petersburg, 3.5 days; no e-mail.")


PIECE = st.sampled_from(list("ap.:/@wW7zıİſK -_") + ["pdf", "PDF", "ſvg", "www.", "://", "ics", "İso"])


@settings(max_examples=2000, deadline=None, derandomize=True, database=None)
@given(st.lists(PIECE, max_size=30).map("".join))
def test_the_pre_check_is_never_wrong(text: str) -> None:
    if _HINT.search(text):
        assert _may_hold(text)

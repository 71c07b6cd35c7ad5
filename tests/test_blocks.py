"""Sentence segmentation of coded blocks: codes stay whole, skeleton keeps the rest."""

from __future__ import annotations

import pytest

from newsl10n.formats.html import parse_html
from newsl10n.model import check_codes
from newsl10n.segment.blocks import split_block


def split(html: str, lang: str = "en") -> tuple[list[str], list[str]]:
    (run, *_) = parse_html(html, path="t.html").runs
    sb = split_block(run.block(), lang)
    assert "".join(p.raw for p in sb.pieces) == run.text, "pieces must add up to the block"
    return [s.msgid for s in sb.segments], [p.raw for p in sb.pieces if p.segment is None]


@pytest.mark.parametrize(
    "html, msgids",
    [
        pytest.param("<p>One sentence. Another one.</p>", ["One sentence.", "Another one."], id="two"),
        pytest.param(
            "<p>Peter the Great St. Petersburg Polytechnic University held talks.</p>",
            ["Peter the Great St. Petersburg Polytechnic University held talks."],
            id="st",
        ),
        pytest.param("<p>First. <a href='/x'>Second</a> one.</p>", ["First.", "<1>Second</1> one."], id="code-after-break"),
        pytest.param("<p><strong>Bold first.</strong> Plain second.</p>", ["<1>Bold first.</1>", "Plain second."], id="close-stays-left"),
        pytest.param(
            "<p><span>One. Two.</span></p>", ["One.", "Two."], id="wrapper-hoisted"
        ),
        pytest.param(
            "<p><span><em>One. Two.</em></span> Three.</p>", ["One.", "Two.", "Three."], id="nested-wrappers-hoisted"
        ),
        pytest.param(
            "<p>Intro <a href='/x'>one. Two</a> three.</p>", ["Intro <1>one. Two</1> three."], id="split-pair-kept-together"
        ),
        pytest.param("<p>Line one<br>Line two</p>", ["Line one", "Line two"], id="br-breaks"),
        pytest.param("<p>Text,<br>\n  still lowercase</p>", ["Text,", "still lowercase"], id="br-always-breaks"),
        pytest.param("<p>Mixed   \n whitespace   here.</p>", ["Mixed whitespace here."], id="whitespace-normalized"),
        pytest.param("<p>No&nbsp;break space.</p>", ["No\xa0break space."], id="nbsp-kept"),
        pytest.param("<p>Price: 3.5 % <img src='x'>. Done today.</p>", ["Price: 3.5 % <1/>.", "Done today."], id="image-inside"),
    ],
)
def test_segments(html: str, msgids: list[str]) -> None:
    assert split(html)[0] == msgids


def test_every_segment_has_balanced_codes() -> None:
    html = "<p><b>A. B.</b> <i>C</i> d. <a href='#'>E. <em>F.</em></a> G <span>h. I</span>.</p>"
    (run,) = parse_html(html, path="t.html").runs
    for seg in split_block(run.block(), "en").segments:
        assert check_codes(seg.msgid, seg.msgid).ok, seg.msgid


def test_untranslatable_pieces_stay_in_skeleton() -> None:
    msgids, skeleton = split("<p>Visit us.<br>https://www.spbstu.ru/<br>+7 812 552-60-80</p>")
    assert msgids == ["Visit us."]
    assert any("https://" in s for s in skeleton)


def test_segment_lines_follow_newlines_in_the_block() -> None:
    (run,) = parse_html("<p>First sentence.\nSecond sentence.\n\nThird one.</p>", path="t.html").runs
    assert [s.line for s in split_block(run.block(), "en").segments] == [1, 2, 4]

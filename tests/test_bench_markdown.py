"""bench/markdown_tools.py keeps working (translate-toolkit's Markdown support is a test dependency)."""

from __future__ import annotations

import pytest

pytest.importorskip("mistletoe")
from bench import markdown_tools


def test_side_by_side_on_one_post() -> None:
    post = next(p for p in markdown_tools.POSTS if p.parent.name == "erasmus-open-day")
    ours, theirs = markdown_tools.newsl10n_post(post), markdown_tools.md2po_post(post)
    assert ours.exact and ours.entries > 0 and theirs.entries > 0
    assert all(k == n for k, n in ours.kept.values())
    table = markdown_tools.table({"newsl10n": {post.name: ours}, "md2po/po2md": {post.name: theirs}})
    assert table.splitlines()[0] == "| | newsl10n | md2po/po2md |"

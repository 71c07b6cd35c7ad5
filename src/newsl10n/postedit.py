"""What every engine's output goes through before it is written: pure functions over strings.

Applied after term enforcement and code repair, to the translation of one
msgid: interface strings put into navigation links (:func:`newsl10n.ui.fix_ui_links`)
and spacing around quotes and punctuation made the target language's
(:func:`newsl10n.typography.normalize_spacing`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .typography import normalize_spacing
from .ui import fix_ui_links


@dataclass(frozen=True)
class PostEdited:
    text: str
    notes: tuple[str, ...] = ()


def post_edit(msgid: str, text: str, *, tgt_lang: str) -> PostEdited:
    """``text`` (an engine's translation of ``msgid``, codes already checked) made ready to publish."""
    ui = fix_ui_links(msgid, text, tgt_lang)
    return PostEdited(normalize_spacing(ui.text, tgt_lang), ui.notes)

"""Interface strings of news pages (page furniture), translated by a fixed table.

Pages leak their CMS's interface text into articles: an English page ends
with ``Дата публикации: 2021.03.04`` and ``>>Перейти к новости``.  Such a
sentence, in whichever language it is written, is looked up in
``data/ui-strings.tsv`` and given the target language's string; punctuation
around it (``>>``) and the inline code of a date are kept.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

_CODE = re.compile(r"<\d+/>")
_EDGES = re.compile(r"^(?P<lead>[^\w<{}]*)(?P<core>.*?)(?P<tail>[^\w>{}]*)$", re.DOTALL)


@lru_cache(maxsize=1)
def _table() -> tuple[tuple[str, ...], list[dict[str, str]]]:
    text = resources.files("newsl10n").joinpath("data/ui-strings.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    header = tuple(rows[0])
    return header, [dict(zip(header, row)) for row in rows[1:]]


@lru_cache(maxsize=1)
def _index() -> dict[str, dict[str, str]]:
    """Every string in every language (case-folded) → its row."""
    _, rows = _table()
    return {value.casefold(): row for row in rows for value in row.values()}


def translate_ui(msgid: str, tgt_lang: str) -> str | None:
    """The target-language string for an interface sentence, or None if ``msgid`` is not one."""
    lang = tgt_lang.replace("-", "_").split("_")[0].lower()
    codes = _CODE.findall(msgid)
    if len(codes) > 1:
        return None
    m = _EDGES.match(_CODE.sub("{}", msgid))
    if m is None or not m.group("core"):
        return None
    row = _index().get(m.group("core").casefold())
    if row is None or lang not in row:
        return None
    out = m.group("lead") + row[lang] + m.group("tail")
    if codes:
        if "{}" not in out:
            return None
        out = out.replace("{}", codes[0])
    return out if "{}" not in out else None

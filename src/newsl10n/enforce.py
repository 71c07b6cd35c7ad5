"""After machine translation: inline codes repaired, glossary terms enforced.

Engines sometimes drop, duplicate or invent inline codes.  What can be put
right without guessing is put right: invented codes and second copies are
removed, a code that sat at the very start or end of the sentence goes back
there, a pair that wrapped the whole sentence wraps it again.  Anything else
is left for the translator: the entry is marked fuzzy with a comment, and the
builder never uses a translation whose codes do not match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import CODE_RE, check_codes

@dataclass(frozen=True)
class Repaired:
    text: str
    ok: bool
    notes: tuple[str, ...] = ()


def _edges(msgid: str) -> tuple[list[str], list[str], set[int]]:
    """Codes standing at the start and at the end of a msgid, and pairs wrapping all of it."""
    tokens = [(m.start(), m.end(), m.group(0)) for m in CODE_RE.finditer(msgid)]
    lead: list[str] = []
    pos = 0
    for start, end, tok in tokens:
        if msgid[pos:start].strip():
            break
        lead.append(tok)
        pos = end
    trail: list[str] = []
    pos = len(msgid)
    for start, end, tok in reversed(tokens):
        if msgid[end:pos].strip():
            break
        trail.insert(0, tok)
        pos = start
    wrapping = {int(CODE_RE.match(t).group(2)) for t in lead if not t.startswith("</") and not t.endswith("/>")}  # type: ignore[union-attr]
    wrapping &= {int(CODE_RE.match(t).group(2)) for t in trail if t.startswith("</")}  # type: ignore[union-attr]
    return lead, trail, wrapping


def repair_codes(msgid: str, translation: str) -> Repaired:
    """Make the codes of ``translation`` match ``msgid`` where that needs no guessing."""
    if check_codes(msgid, translation).ok:
        return Repaired(translation, True)
    notes: list[str] = []
    wanted = {m.group(0) for m in CODE_RE.finditer(msgid)}
    seen: set[str] = set()

    def keep(m: re.Match[str]) -> str:
        tok = m.group(0)
        if tok not in wanted:
            notes.append(f"removed invented code {tok}")
            return ""
        if tok in seen:
            notes.append(f"removed second copy of {tok}")
            return ""
        seen.add(tok)
        return tok

    text = CODE_RE.sub(keep, translation)
    lead, trail, wrapping = _edges(msgid)
    missing = [t for t in lead if t.endswith("/>") and t not in seen]
    if missing:
        text = "".join(missing) + text.lstrip()
        seen.update(missing)
        notes.append("put back " + "".join(missing) + " at the start")
    missing = [t for t in trail if t.endswith("/>") and t not in seen]
    if missing:
        text = text.rstrip() + "".join(missing)
        seen.update(missing)
        notes.append("put back " + "".join(missing) + " at the end")
    lead_order = [int(t.strip("</>")) for t in lead if not t.startswith("</") and not t.endswith("/>")]
    for num in reversed([n for n in lead_order if n in wrapping]):  # innermost first
        open_, close = f"<{num}>", f"</{num}>"
        if open_ not in seen and close not in seen:
            text = open_ + text + close
            notes.append(f"wrapped the sentence in <{num}>…</{num}> again")
    check = check_codes(msgid, text)
    if check.ok:
        return Repaired(text, True, tuple(notes))
    return Repaired(translation, False, tuple(notes) + check.problems)

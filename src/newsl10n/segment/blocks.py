"""Split coded blocks into sentences, keeping every segment's inline codes whole.

The sentence rules (SRX) see plain text: paired codes vanish, a ``<br>`` is a
line break (always a boundary) and any other empty code is one object
character.  The boundaries found are then mapped back onto the coded text.

A code pair that spans a boundary is handled in one of two ways:

* when it wraps whole sentences (``<p><span>One. Two.</span></p>``), the
  pair stays in the page skeleton and each sentence inside it is a segment;
* otherwise (``<1>One. Two</1> three.``) the sentences it joins are kept
  together in one segment, so no segment ever holds half a pair.

Whitespace, line breaks and wrapping codes at the edges of a segment stay in
the skeleton; the msgid is the rest with whitespace runs collapsed (and characters a PO file
cannot hold replaced by U+FFFD).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from ..model import CODE_RE, Block, InlineCode, Piece, Segment, SegmentedBlock, msgid_text

OBJECT = "\ufffc"

_URL = re.compile(r"(?:https?://|ftp://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")

Breaker = Callable[[str, str], list[int]]


@dataclass(frozen=True)
class _Atom:
    """One character of text, or one code token."""

    raw: str
    kind: str  # "text", "open", "close", "empty"
    num: int = 0


_TEXT_ATOMS: dict[str, _Atom] = {}  # one shared, immutable atom per character (bounded by the alphabet)


def _text_atom(ch: str) -> _Atom:
    atom = _TEXT_ATOMS.get(ch)
    if atom is None:
        atom = _TEXT_ATOMS[ch] = _Atom(ch, "text")
    return atom


def _atoms(coded: str) -> list[_Atom]:
    atoms: list[_Atom] = []
    pos = 0
    for m in CODE_RE.finditer(coded):
        atoms.extend(map(_text_atom, coded[pos : m.start()]))
        kind = "close" if m.group(1) else ("empty" if m.group(3) else "open")
        atoms.append(_Atom(m.group(0), kind, int(m.group(2))))
        pos = m.end()
    atoms.extend(map(_text_atom, coded[pos:]))
    return atoms


def is_translatable(text: str) -> bool:
    """Has letters outside codes, URLs and e-mail addresses."""
    plain = _URL.sub(" ", CODE_RE.sub(" ", text))
    return _LETTER.search(plain) is not None


def split_block(block: Block, lang: str, *, breaker: Breaker | None = None) -> SegmentedBlock:
    """Cut a block into skeleton pieces and sentence segments."""
    if breaker is None:
        from .srx import sentence_breaks

        breaker = sentence_breaks
    atoms = _atoms(block.text)
    hard = block.hard_breaks
    plain_chars: list[str] = []
    plain_to_atom: list[int] = []
    for i, a in enumerate(atoms):
        if a.kind == "text":
            plain_chars.append(" " if a.raw in " \t\n\r\f" else a.raw)
        elif a.kind == "empty":
            plain_chars.append("\n" if a.num in hard else OBJECT)
        else:
            continue
        plain_to_atom.append(i)
    plain = "".join(plain_chars)
    cuts = {0, len(atoms)}
    for p in breaker(plain, lang) if plain.strip() else []:
        if 0 < p < len(plain):
            cuts.add(_atom_cut(atoms, plain_to_atom[p - 1], plain_to_atom[p]))
    hoisted = _settle(atoms, cuts, hard)
    pieces = _pieces(atoms, sorted(cuts), hoisted, hard, block)
    return SegmentedBlock(block=block, pieces=tuple(pieces))


def _atom_cut(atoms: Sequence[_Atom], left: int, right: int) -> int:
    """Cut between plain characters: closing codes stay left, opening codes go right."""
    cut = left + 1
    while cut < right and atoms[cut].kind == "close":
        cut += 1
    return cut


def _pairs(atoms: Sequence[_Atom]) -> dict[int, tuple[int, int]]:
    opened: dict[int, int] = {}
    pairs: dict[int, tuple[int, int]] = {}
    for i, a in enumerate(atoms):
        if a.kind == "open":
            opened[a.num] = i
        elif a.kind == "close" and a.num in opened:
            pairs[a.num] = (opened.pop(a.num), i)
    return pairs


def _is_edge(a: _Atom, hard: frozenset[int], hoisted: set[int], side: str) -> bool:
    if a.kind == "text":
        return a.raw in " \t\n\r\f"
    if a.kind == "empty":
        return a.num in hard
    return a.kind == side and a.num in hoisted


def _settle(atoms: Sequence[_Atom], cuts: set[int], hard: frozenset[int]) -> set[int]:
    """Decide which pairs wrap whole sentences; drop cuts inside the others."""
    pairs = _pairs(atoms)
    while True:
        ordered = sorted(cuts)
        hoisted: set[int] = set()
        for num, (o, c) in pairs.items():
            if any(o < k <= c for k in ordered):
                hoisted.add(num)
        # A pair can be hoisted only if nothing but edges separate it from the cuts around it.
        changed = True
        while changed:
            changed = False
            for num in sorted(hoisted):
                o, c = pairs[num]
                before = max(k for k in ordered if k <= o)
                after = min(k for k in ordered if k > c)
                ok = all(_is_edge(atoms[i], hard, hoisted, "open") for i in range(before, o)) and all(
                    _is_edge(atoms[i], hard, hoisted, "close") for i in range(c + 1, after)
                )
                if not ok:
                    hoisted.discard(num)
                    changed = True
        broken = [num for num, (o, c) in pairs.items() if num not in hoisted and any(o < k <= c for k in ordered)]
        if not broken:
            return hoisted
        for num in broken:
            o, c = pairs[num]
            cuts.difference_update({k for k in ordered if o < k <= c})


def _pieces(
    atoms: Sequence[_Atom], cuts: list[int], hoisted: set[int], hard: frozenset[int], block: Block
) -> list[Piece]:
    codes = {c.id: c for c in block.codes}
    pieces: list[Piece] = []
    skeleton: list[str] = []
    newlines = 0
    for start, end in pairwise(cuts):
        lo, hi = start, end
        while lo < hi and _is_edge(atoms[lo], hard, hoisted, "open"):
            lo += 1
        while hi > lo and _is_edge(atoms[hi - 1], hard, hoisted, "close"):
            hi -= 1
        skeleton.extend(a.raw for a in atoms[start:lo])
        raw = "".join(a.raw for a in atoms[lo:hi])
        if raw and is_translatable(raw):
            if skeleton:
                pieces.append(Piece(raw="".join(skeleton)))
                skeleton = []
            used: list[InlineCode] = [codes[a.num] for a in atoms[lo:hi] if a.kind in ("open", "empty") and a.num in codes]
            line = block.line + newlines + sum(a.raw == "\n" for a in atoms[start:lo])
            segment = Segment(msgid=msgid_text(raw), raw=raw, kind=block.kind, line=line, codes=tuple(used))
            pieces.append(Piece(raw=raw, segment=segment))
        else:
            skeleton.append(raw)
        skeleton.extend(a.raw for a in atoms[hi:end])
        newlines += sum(a.raw == "\n" for a in atoms[start:end])
    if skeleton:
        pieces.append(Piece(raw="".join(skeleton)))
    return pieces

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

How it is computed: everything works on offsets into the coded text; nothing
is kept per character.  The block is read once, by one ``re.split`` on the
codes, into its code tokens (offsets, kind, number, and where each sits in the
plain text) and the plain text.  A boundary in the plain text maps to the coded text
by one bisection over the tokens: the cut goes right after the character
before the boundary and after any closing codes that follow it, before
opening codes.  Then, while some cut falls inside a pair: the pairs with a cut
inside are tentatively *hoisted* (kept in the skeleton); a pair stays hoisted
only if nothing but edges (whitespace, line-break codes, and codes of other
hoisted pairs on the same side) separates it from the cuts around it, which is
decided by dropping pairs until no more fail (the result does not depend on
the order, as dropping one can only make others fail); cuts inside pairs that
are not hoisted are removed, and this repeats until no cut is inside a pair
that is not hoisted.  Each stretch between two cuts is finally trimmed of
edges on both sides.  A block without codes skips the tokens and the pairs
(its edges are whitespace); one whose plain text gives no boundary has no
pair to settle.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise

from ..model import CODE_RE, Block, InlineCode, Piece, Segment, SegmentedBlock, msgid_text

OBJECT = "\ufffc"

_URL = re.compile(r"(?:https?://|ftp://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
_SPACE = " \t\n\r\f"  # the whitespace that separates sentences and collapses in a msgid
_NON_SPACE = re.compile(r"[^ \t\n\r\f]")

Breaker = Callable[[str, str], list[int]]

_OPEN, _CLOSE, _EMPTY = 0, 1, 2


def _spaced(text: str) -> str:
    """``text`` with each of ``\\t \\n \\r \\f`` made a space (much faster than ``str.translate``)."""
    return text.replace("\n", " ").replace("\t", " ").replace("\r", " ").replace("\f", " ")


def _msgid(raw: str) -> str:
    """:func:`msgid_text` of a trimmed segment, skipping it when it would change nothing.

    A printable text holds no control, surrogate or non-character and no
    whitespace but spaces; with no double space and no space at either end
    (the edges are trimmed) there is nothing to collapse or replace.  A test
    holds ``msgid_text(s) == s`` for such texts.
    """
    return raw if raw.isprintable() and "  " not in raw and raw[0] != " " and raw[-1] != " " else msgid_text(raw)


def is_translatable(text: str) -> bool:
    """Has letters outside codes, URLs and e-mail addresses."""
    if _LETTER.search(text) is None:  # codes hold no letters, and removing URLs adds none
        return False
    # Every _URL match holds "@", "://" or "www." ignoring case (only "W" lowercases to "w"); and
    # without a URL the letters are those of the text, as codes hold only digits.
    if "@" not in text and "://" not in text and "www." not in text.lower():
        return True
    plain = _URL.sub(" ", CODE_RE.sub(" ", text))
    return _LETTER.search(plain) is not None


@dataclass
class _Codes:
    """The code tokens of a block in text order, and the plain text the rules see.

    ``plain_at`` is where each token sits in the plain text: the plain
    character of an empty code, or the plain character that follows a paired
    code (which has none of its own).
    """

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    kinds: list[int] = field(default_factory=list)
    nums: list[int] = field(default_factory=list)
    plain_at: list[int] = field(default_factory=list)
    at: dict[int, int] = field(default_factory=dict)  # start offset -> token index
    ending: dict[int, int] = field(default_factory=dict)  # end offset -> token index
    plain: str = ""

    @classmethod
    def read(cls, text: str, hard: frozenset[int]) -> _Codes:
        codes = cls()
        # codes hold no whitespace, so spacing first keeps every token and every offset; one split gives
        # the text between codes and each code's groups: [text, closing, digits, empty, text, ...]
        parts = CODE_RE.split(_spaced(text))
        if len(parts) == 1:
            codes.plain = parts[0]
            return codes
        starts, ends, kinds, nums, plain_at = codes.starts, codes.ends, codes.kinds, codes.nums, codes.plain_at
        plain = [parts[0]]
        pos = at = len(parts[0])  # the offset of the current token in the coded and in the plain text
        for index in range(1, len(parts), 4):
            closing, digits, empty, after = parts[index : index + 4]
            end = pos + len(closing) + len(digits) + len(empty) + 2
            num = int(digits)
            starts.append(pos)
            ends.append(end)
            nums.append(num)
            plain_at.append(at)
            if closing:
                kinds.append(_CLOSE)
            elif empty:
                kinds.append(_EMPTY)
                plain.append("\n" if num in hard else OBJECT)
                at += 1
            else:
                kinds.append(_OPEN)
            plain.append(after)
            at += len(after)
            pos = end + len(after)
        codes.at = dict(zip(starts, range(len(starts))))
        codes.ending = dict(zip(ends, range(len(ends))))
        codes.plain = "".join(plain)
        return codes

    def is_edge(self, index: int, side: int, hard: frozenset[int], hoisted: set[int]) -> bool:
        kind = self.kinds[index]
        if kind == _EMPTY:
            return self.nums[index] in hard
        return kind == side and self.nums[index] in hoisted

    def all_edges(self, text: str, lo: int, hi: int, side: int, hard: frozenset[int], hoisted: set[int]) -> bool:
        """Nothing but whitespace and edge codes in ``text[lo:hi]``."""
        pos = lo
        index = bisect_left(self.starts, lo)
        while index < len(self.starts) and self.starts[index] < hi:
            start = self.starts[index]
            if start > pos and _NON_SPACE.search(text, pos, start) is not None:
                return False
            if not self.is_edge(index, side, hard, hoisted):
                return False
            pos = self.ends[index]
            index += 1
        return not (hi > pos and _NON_SPACE.search(text, pos, hi) is not None)

    def pairs(self) -> dict[int, tuple[int, int]]:
        """Code number -> (opening, closing) token index; a later pair with the same number wins."""
        opened: dict[int, int] = {}
        pairs: dict[int, tuple[int, int]] = {}
        for index, kind in enumerate(self.kinds):
            num = self.nums[index]
            if kind == _OPEN:
                opened[num] = index
            elif kind == _CLOSE and num in opened:
                pairs[num] = (opened.pop(num), index)
        return pairs


#: The packaged rules' breaker, once :mod:`.srx` is imported (lazily: it compiles the rules).
_packaged: list[Breaker] = []
_NO_HARD_BREAKS: frozenset[int] = frozenset()


def _packaged_breaker() -> Breaker:
    from .srx import sentence_breaks

    _packaged.append(sentence_breaks)
    return sentence_breaks


def split_block(block: Block, lang: str, *, breaker: Breaker | None = None) -> SegmentedBlock:
    """Cut a block into skeleton pieces and sentence segments."""
    if breaker is None:
        breaker = _packaged[0] if _packaged else _packaged_breaker()
    text = block.text
    hard = block.hard_breaks if "/>" in text else _NO_HARD_BREAKS  # only empty codes (<n/>) ask
    codes = _Codes.read(text, hard) if "<" in text else None
    if codes is None or not codes.starts:
        plain = _spaced(text)
        cuts = {0, len(text)}
        if plain.strip():
            cuts.update(p for p in breaker(plain, lang) if 0 < p < len(plain))
        return SegmentedBlock(block=block, pieces=tuple(_uncoded_pieces(text, sorted(cuts), block)))
    plain = codes.plain
    cuts = {0, len(text)}
    if plain.strip():
        for p in breaker(plain, lang):
            if 0 < p < len(plain):
                cuts.add(_cut(codes, p))
    hoisted = _settle(text, codes, cuts, hard) if len(cuts) > 2 else set()
    return SegmentedBlock(block=block, pieces=tuple(_pieces(text, codes, sorted(cuts), hoisted, hard, block)))


def _cut(codes: _Codes, p: int) -> int:
    """Cut before plain character ``p``: closing codes stay left, opening codes go right."""
    left = p - 1  # the plain character before the cut, as a coded offset: after the last token before it
    index = bisect_right(codes.plain_at, left) - 1
    if index < 0:
        cut = p
    elif codes.kinds[index] == _EMPTY and codes.plain_at[index] == left:
        cut = codes.ends[index]  # the character is this empty code
    else:
        cut = codes.ends[index] + left - codes.plain_at[index] - (codes.kinds[index] == _EMPTY) + 1
    while (token := codes.at.get(cut)) is not None and codes.kinds[token] == _CLOSE:
        cut = codes.ends[token]
    return cut


def _settle(text: str, codes: _Codes, cuts: set[int], hard: frozenset[int]) -> set[int]:
    """Decide which pairs wrap whole sentences; drop cuts inside the others."""
    pairs = {num: (codes.starts[o], codes.starts[c], codes.ends[c]) for num, (o, c) in codes.pairs().items()}
    while True:
        ordered = sorted(cuts)
        crossed = set()
        for num, (o, c, _) in pairs.items():
            index = bisect_right(ordered, o)
            if index < len(ordered) and ordered[index] <= c:
                crossed.add(num)
        hoisted = set(crossed)
        # A pair can be hoisted only if nothing but edges separate it from the cuts around it.
        changed = True
        while changed:
            changed = False
            for num in sorted(hoisted):
                o, c, c_end = pairs[num]
                before = ordered[bisect_right(ordered, o) - 1]
                after = ordered[bisect_right(ordered, c)]
                if not (
                    codes.all_edges(text, before, o, _OPEN, hard, hoisted)
                    and codes.all_edges(text, c_end, after, _CLOSE, hard, hoisted)
                ):
                    hoisted.discard(num)
                    changed = True
        broken = crossed - hoisted
        if not broken:
            return hoisted
        for num in broken:
            o, c, _ = pairs[num]
            cuts.difference_update(ordered[bisect_right(ordered, o) : bisect_right(ordered, c)])


def _pieces(
    text: str, codes: _Codes, cuts: list[int], hoisted: set[int], hard: frozenset[int], block: Block
) -> list[Piece]:
    pieces: list[Piece] = []
    skeleton_from = 0  # the skeleton not yet emitted is text[skeleton_from:lo]
    line, counted = block.line, 0  # the line of offset `counted`
    starts, kinds, nums = codes.starts, codes.kinds, codes.nums
    count = len(starts)
    kind = block.kind
    by_id = {c.id: c for c in block.codes}
    for start, end in pairwise(cuts):
        lo, hi = _trim(text, codes, start, end, hard, hoisted)
        raw = text[lo:hi]
        if not raw or not is_translatable(raw):
            continue
        if lo > skeleton_from:
            pieces.append(Piece(text[skeleton_from:lo]))
        line += text.count("\n", counted, lo)
        counted, skeleton_from = lo, hi
        used: list[InlineCode] = []
        index = bisect_left(starts, lo)
        while index < count and starts[index] < hi:
            if kinds[index] != _CLOSE:
                code = by_id.get(nums[index])
                if code is not None:
                    used.append(code)
            index += 1
        pieces.append(Piece(raw, Segment(_msgid(raw), raw, kind, line, tuple(used))))
    if skeleton_from < len(text):
        pieces.append(Piece(text[skeleton_from:]))
    return pieces


def _uncoded_pieces(text: str, cuts: list[int], block: Block) -> list[Piece]:
    """:func:`_pieces` for a block without codes: the edges are whitespace only."""
    pieces: list[Piece] = []
    skeleton_from = 0
    line, counted = block.line, 0
    kind = block.kind
    for start, end in pairwise(cuts):
        left = text[start:end].lstrip(_SPACE)
        raw = left.rstrip(_SPACE)
        if not raw or not is_translatable(raw):
            continue
        lo = end - len(left)
        if lo > skeleton_from:
            pieces.append(Piece(text[skeleton_from:lo]))
        line += text.count("\n", counted, lo)
        counted, skeleton_from = lo, lo + len(raw)
        pieces.append(Piece(raw, Segment(_msgid(raw), raw, kind, line, ())))
    if skeleton_from < len(text):
        pieces.append(Piece(text[skeleton_from:]))
    return pieces


def _trim(text: str, codes: _Codes, start: int, end: int, hard: frozenset[int], hoisted: set[int]) -> tuple[int, int]:
    """``text[start:end]`` without the edges at either end: (lo, hi)."""
    lo, hi = start, end
    while lo < hi:
        index = codes.at.get(lo)
        if index is None:
            if text[lo] not in _SPACE:
                break
            lo += 1
        elif codes.is_edge(index, _OPEN, hard, hoisted):
            lo = codes.ends[index]
        else:
            break
    while hi > lo:
        index = codes.ending.get(hi)
        if index is None:
            if text[hi - 1] not in _SPACE:
                break
            hi -= 1
        elif codes.is_edge(index, _CLOSE, hard, hoisted):
            hi = codes.starts[index]
        else:
            break
    return lo, hi

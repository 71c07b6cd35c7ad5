"""Inline codes put back into a machine translation from the decoder's cross-attention.

A pure function of the model's own tokens: :func:`project_codes` takes the
source pieces (codes included, as the model saw them), the output pieces and
the attention matrix of that one decode (one row per output piece, one column
per source piece; CTranslate2 leaves out the ``</s>`` column, so a row's
missing mass is attention to ``</s>``), and returns the output text with every
source code placed once, properly nested.

1. What is left of codes in the output is removed, piece by piece: pieces
   inside a complete code (``</1>``), and runs of letterless pieces that look
   at a source code and hold a ``<`` or ``>`` (``▁[``, ``1``, ``>`` of a broken
   ``<1>``).
2. Each output piece is aligned to the source text piece it attends to most
   (argmax over the source pieces that hold text).  It stays unaligned when
   its attention over them is flat (all zero, uniform) or when it attends to
   a code piece or ``</s>`` four times more than to that best text piece.
3. Output pieces form *units*: words (a piece starting with ``▁`` starts one),
   with leading and trailing punctuation split off, so that ``report.`` can
   become ``report</1>.``.  A pair wraps the smallest run of units that covers
   the units aligned to the source text it wrapped (a pair with no aligned
   text takes the units between its aligned neighbours); an empty code goes
   before the unit aligned to the source text after it, or at the end.
4. Siblings may not overlap: tighter spans are placed first and a wider one
   keeps its best free stretch; children are clamped inside their parent.
   Spaces around codes follow the source (``<2/>`` keeps its spacing, pairs
   hug their content).
5. If nothing aligns, the source codes are malformed, or the result would not
   pass :func:`~newsl10n.model.check_codes`, :func:`wrap_codes` puts the codes
   in source order around the whole text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from ..model import CODE_RE, check_codes

SPACE = "\u2581"  # SentencePiece's word-start mark
_BYTE = re.compile(r"<0x([0-9A-Fa-f]{2})>")
_FLAT = 1e-6  # a row whose text attention varies less than this (relatively) says nothing
_OTHER = 0.25  # a piece is unaligned when its best text attention is below this share of its code/</s> attention

Span = tuple[int, int]


def join_pieces(pieces: list[str]) -> str:
    """SentencePiece pieces as text, without a tokenizer (``▁`` as a space): tests and a default."""
    return layout(pieces)[0].strip()


def layout(pieces: Sequence[str]) -> tuple[str, list[Span]]:
    """The text the pieces spell (``▁`` as a space, byte pieces decoded) and each piece's span in it.

    The bytes of one character all get that character's span.
    """
    text: list[str] = []
    spans: list[Span] = []
    pos = 0
    pending: list[int] = []
    buf = b""
    for piece in pieces:
        byte = _BYTE.fullmatch(piece)
        if byte:
            spans.append((pos, pos))
            pending.append(len(spans) - 1)
            buf += bytes([int(byte.group(1), 16)])
            try:
                char = buf.decode("utf-8")
            except UnicodeDecodeError:
                if len(buf) < 4:
                    continue
                char = "\ufffd"
            for index in pending:
                spans[index] = (pos, pos + len(char))
            text.append(char)
            pos += len(char)
            pending, buf = [], b""
            continue
        if pending:  # an unfinished character: its bytes stand for one replacement character
            for index in pending:
                spans[index] = (pos, pos + 1)
            text.append("\ufffd")
            pos += 1
            pending, buf = [], b""
        surface = piece.replace(SPACE, " ")
        spans.append((pos, pos + len(surface)))
        text.append(surface)
        pos += len(surface)
    for index in pending:
        spans[index] = (pos, pos + 1)
    if pending:
        text.append("\ufffd")
    return "".join(text), spans


def wrap_codes(source: str, text: str) -> str:
    """``text`` with the codes of ``source`` around it, in source order: the fallback that never fails.

    Pairs wrap the whole text, nested in the order they open; standalone codes
    go before it when the source has no text before them, after it otherwise.
    For a source whose codes are malformed, the codes before its first text go
    first and all others last, each once as in the source.
    """
    codes = list(CODE_RE.finditer(source))
    first = _first_text(source, codes)
    if not check_codes(source, source).ok:
        head = "".join(m.group(0) for m in codes if m.start() < first)
        return head + text + "".join(m.group(0) for m in codes if m.start() >= first)
    opens = [m.group(0) for m in codes if _kind(m) == "open"]
    before = "".join(m.group(0) for m in codes if _kind(m) == "empty" and m.start() < first)
    after = "".join(m.group(0) for m in codes if _kind(m) == "empty" and m.start() >= first)
    closes = "".join(f"</{code[1:]}" for code in reversed(opens))
    return before + "".join(opens) + text + closes + after


def project_codes(
    source: Sequence[str],
    target: Sequence[str],
    attention: Sequence[Sequence[float]],
    *,
    decode: Callable[[list[str]], str] = join_pieces,
) -> str:
    """The output ``target`` as text, with the codes of ``source`` placed by ``attention``.

    ``source`` and ``target`` are SentencePiece-style pieces (``▁`` starts a
    word); ``attention[j][i]`` is how much output piece ``j`` attends to source
    piece ``i`` (rows or columns beyond the pieces are ignored, missing ones
    count as zero).  ``decode`` turns code-free runs of output pieces into
    text.  The result always passes ``check_codes`` against the source codes.
    """
    src_text, src_spans = layout(source)
    codes = [_Code.of(m) for m in CODE_RE.finditer(src_text)]
    tgt_text, tgt_spans = layout(target)
    roles = _source_roles(src_text, src_spans, codes)
    links = [_align(attention[j] if j < len(attention) else (), roles) for j in range(len(target))]
    removed = _remnants(target, tgt_text, tgt_spans, attention, roles)
    units = _units(target, tgt_text, tgt_spans, removed, links)
    plain = decode([p for unit in units for p in unit.pieces]).strip() if units else ""
    roots = _tree(codes, src_text)
    if roots is None or not any(unit.sources for unit in units):
        return wrap_codes(src_text, plain)
    by_source: dict[int, list[int]] = {}
    for u, unit in enumerate(units):
        for i in unit.sources:
            by_source.setdefault(i, []).append(u)
    want = _Wanted(roles, by_source, len(units))
    for node in _walk(roots):
        want.place(node)
    _settle(roots, 0, len(units))
    out = _render(roots, units, decode, src_text)
    return out if check_codes(src_text, out).ok else wrap_codes(src_text, plain)


# -- the source ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Code:
    """A code in the text the source pieces spell."""

    text: str
    kind: str  # "open", "close", "empty"
    start: int
    end: int

    @classmethod
    def of(cls, m: re.Match[str]) -> _Code:
        return cls(m.group(0), _kind(m), m.start(), m.end())


def _kind(m: re.Match[str]) -> str:
    return "close" if m.group(1) else "empty" if m.group(3) else "open"


def _first_text(text: str, codes: Sequence[re.Match[str]]) -> int:
    pos = 0
    for m in codes:
        if text[pos:m.start()].strip():
            break
        pos = m.end()
    rest = text[pos:]
    return pos + len(rest) - len(rest.lstrip()) if rest.strip() else len(text)


@dataclass(frozen=True)
class _Role:
    """A source piece: ``anchor`` is its first text character (not space, not code), if any."""

    anchor: int | None
    code: bool  # no text, overlaps a code


def _source_roles(text: str, spans: Sequence[Span], codes: Sequence[_Code]) -> list[_Role]:
    in_code = [False] * len(text)
    for code in codes:
        in_code[code.start:code.end] = [True] * (code.end - code.start)
    roles = []
    for start, end in spans:
        anchor = next((k for k in range(start, end) if not in_code[k] and not text[k].isspace()), None)
        roles.append(_Role(anchor, anchor is None and any(in_code[start:end])))
    return roles


@dataclass(eq=False)
class _Node:
    """A source code in the tree of codes; ``start``/``end`` are unit boundaries once placed."""

    open: _Code
    close: _Code | None  # None: a standalone code (<2/>)
    order: int
    children: list[_Node] = field(default_factory=list)
    units: set[int] = field(default_factory=set)  # units this pair should cover
    start: int = 0
    end: int = 0

    @property
    def inner(self) -> Span:
        return (self.open.end, self.close.start) if self.close else (self.open.end, self.open.end)


def _tree(codes: Sequence[_Code], text: str) -> list[_Node] | None:
    """The codes as a forest, or None when they are malformed."""
    if not check_codes(text, text).ok:
        return None
    roots: list[_Node] = []
    stack: list[_Node] = []
    for order, code in enumerate(codes):
        if code.kind == "close":
            stack.pop().close = code
            continue
        node = _Node(code, None, order)
        (stack[-1].children if stack else roots).append(node)
        if code.kind == "open":
            stack.append(node)
    return roots


def _walk(nodes: Sequence[_Node]) -> list[_Node]:
    return [n for node in nodes for n in (node, *_walk(node.children))]


# -- the output ----------------------------------------------------------------------------------


def _align(row: Sequence[float], roles: Sequence[_Role]) -> int | None:
    """The source text piece an output piece attends to most, if its attention says anything."""
    scores = [(row[i] if i < len(row) else 0.0, i) for i, role in enumerate(roles) if role.anchor is not None]
    if not scores:
        return None
    best, index = max(scores)
    low = min(v for v, _ in scores)
    other = max([row[i] for i, role in enumerate(roles) if role.code and i < len(row)]
                + list(row[len(roles):])  # an explicit </s> column
                + [1.0 - sum(row[: len(roles)])])  # CTranslate2 leaves </s> out: the mass missing from the row
    if best <= 0 or (len(scores) > 1 and best - low <= _FLAT * best) or best < _OTHER * other:
        return None
    return index


def _remnants(target: Sequence[str], text: str, spans: Sequence[Span], attention: Sequence[Sequence[float]],
              roles: Sequence[_Role]) -> set[int]:
    """Output pieces that are what is left of codes."""
    removed = set()
    matches = [(m.start(), m.end()) for m in CODE_RE.finditer(text)]
    for j, (start, end) in enumerate(spans):
        chars = [k for k in range(start, end) if not text[k].isspace()]
        if chars and any(a <= chars[0] and chars[-1] < b for a, b in matches):
            removed.add(j)
    run: list[int] = []
    for j in [*range(len(target)), len(target)]:  # the last index closes the final run
        if j < len(target) and j not in removed and _looks_at_code(j, text, spans, attention, roles):
            run.append(j)
            continue
        if any(c in text[spans[r][0]:spans[r][1]] for r in run for c in "<>"):
            removed.update(run)
        run = []
    return removed


def _looks_at_code(j: int, text: str, spans: Sequence[Span], attention: Sequence[Sequence[float]],
                   roles: Sequence[_Role]) -> bool:
    surface = text[spans[j][0]:spans[j][1]].strip()
    row = attention[j] if j < len(attention) else ()
    if not surface or any(ch.isalpha() for ch in surface) or not row:
        return False
    best = max(range(min(len(row), len(roles))), key=lambda i: row[i], default=None)
    return best is not None and row[best] > 0 and roles[best].code


@dataclass
class _Unit:
    """A word of the output, or the punctuation before or after one."""

    pieces: list[str]
    space: bool  # a space before it
    sources: set[int] = field(default_factory=set)  # source pieces its pieces are aligned to


def _units(target: Sequence[str], text: str, spans: Sequence[Span], removed: set[int],
           links: Sequence[int | None]) -> list[_Unit]:
    kept: list[tuple[str, int, str]] = []  # (piece, index in target, its text)
    for j, piece in enumerate(target):
        if j not in removed:
            kept.append((piece, j, text[spans[j][0]:spans[j][1]]))
        elif piece.startswith(SPACE):
            kept.append((SPACE, j, " "))  # the code's space stays, so that words do not run together
    kept = [k for n, k in enumerate(kept)
            if k[0] != SPACE or (n + 1 < len(kept) and not kept[n + 1][0].startswith(SPACE))]
    words: list[list[tuple[str, int, str]]] = []
    for item in kept:
        if item[0].startswith(SPACE) or not words:
            words.append([])
        words[-1].append(item)
    units: list[_Unit] = []
    for word in words:
        alnum = [n for n, (_, _, surface) in enumerate(word) if any(c.isalnum() for c in surface)]
        cuts = {0, len(word)}
        if alnum:
            cuts.add(alnum[-1] + 1)
            if any(surface.strip() for _, _, surface in word[:alnum[0]]):
                cuts.add(alnum[0])  # punctuation before the word is a unit of its own; a bare "▁" is not
        bounds = sorted(cuts)
        for a, b in pairwise(bounds):
            part = word[a:b]
            sources = {link for _, j, _ in part if j not in removed and (link := links[j]) is not None}
            units.append(_Unit([piece for piece, _, _ in part], part[0][0].startswith(SPACE), sources))
    return units


# -- placing -------------------------------------------------------------------------------------


class _Wanted:
    """Where each code would go by the attention alone, before siblings and parents are reconciled."""

    def __init__(self, roles: Sequence[_Role], by_source: dict[int, list[int]], count: int) -> None:
        self.anchored = [(role.anchor, by_source.get(i, [])) for i, role in enumerate(roles) if role.anchor is not None]
        self.count = count

    def place(self, node: _Node) -> None:
        lo, hi = node.inner
        if node.close is None:
            node.start = node.end = self._next(lo)
            return
        node.units = {u for anchor, units in self.anchored if lo <= anchor < hi for u in units}
        if node.units:
            node.start, node.end = min(node.units), max(node.units) + 1
            return
        before = [max(units) for anchor, units in self.anchored if anchor < node.open.start and units]
        after = self._next(node.close.end)
        if before and before[-1] + 1 < after:
            node.start, node.end = before[-1] + 1, after
            node.units = set(range(node.start, node.end))
        else:
            node.start = node.end = after if after < self.count or not before else before[-1] + 1

    def _next(self, pos: int) -> int:
        """The first unit aligned to source text after ``pos``; the end if there is none."""
        return next((min(units) for anchor, units in self.anchored if anchor >= pos and units), self.count)


def _settle(nodes: Sequence[_Node], lo: int, hi: int) -> None:
    """Make sibling ranges disjoint inside [lo, hi], then settle each pair's children inside it."""
    for node in nodes:
        node.start, node.end = min(max(node.start, lo), hi), min(max(node.end, lo), hi)
    taken = [False] * (hi - lo)
    wide = [n for n in nodes if n.close is not None and n.end > n.start]
    placed: list[_Node] = []
    for node in sorted(wide, key=lambda n: (n.end - n.start, n.order)):
        runs, start = [], None
        for u in range(node.start, node.end + 1):
            free = u < node.end and not taken[u - lo]
            if free and start is None:
                start = u
            elif not free and start is not None:
                runs.append((start, u))
                start = None
        if runs:
            node.start, node.end = max(runs, key=lambda r: (len(node.units & set(range(*r))), r[1] - r[0], -r[0]))
            taken[node.start - lo:node.end - lo] = [True] * (node.end - node.start)
            placed.append(node)
        else:  # siblings took all of it: an empty pair beside the first, on the side the source has it
            other = min((o for o in placed if o.start < node.end and node.start < o.end), key=lambda o: o.start)
            node.start = node.end = other.start if node.order < other.order else other.end
    for node in nodes:
        if node in placed:
            continue
        for other in placed:  # a point inside a sibling moves to its edge, on the side the source has it
            if other.start < node.start < other.end:
                node.start = other.start if node.order < other.order else other.end
        node.end = node.start
    for node in nodes:
        _settle(node.children, node.start, node.end)


# -- writing -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Piece:
    """A code in the output, with how it wants to meet its neighbours: True space, False none, None either."""

    text: str
    left: bool | None
    right: bool | None


def _render(roots: Sequence[_Node], units: Sequence[_Unit], decode: Callable[[list[str]], str], source: str) -> str:
    stream: list[_Piece | int] = []  # codes and unit indices, in output order

    def emit(nodes: Sequence[_Node], lo: int, hi: int) -> None:
        u = lo
        for node in sorted(nodes, key=lambda n: (n.start, n.end > n.start, n.order)):
            stream.extend(range(u, node.start))
            u = max(u, node.start)
            if node.close is None:
                stream.append(_Piece(node.open.text, _spaced(source, node.open.start - 1),
                                     _spaced(source, node.open.end)))
                continue
            stream.append(_Piece(node.open.text, None, False))
            emit(node.children, node.start, node.end)
            stream.append(_Piece(node.close.text, False, None))
            u = node.end
        stream.extend(range(u, hi))

    emit(roots, 0, len(units))
    groups: list[list[_Piece | int]] = []
    for item in stream:
        if groups and isinstance(item, int) == isinstance(groups[-1][0], int):
            groups[-1].append(item)
        else:
            groups.append([item])
    out = []
    for k, group in enumerate(groups):
        if isinstance(group[0], int):
            out.append(decode([p for u in group if isinstance(u, int) for p in units[u].pieces]).strip())
            continue
        after = groups[k + 1][0] if k + 1 < len(groups) else None
        space = k > 0 and isinstance(after, int) and units[after].space
        out.append(_join_gap([c for c in group if isinstance(c, _Piece)], k > 0, after is not None, space))
    return "".join(out).strip()


def _spaced(source: str, index: int) -> bool | None:
    """Is there a space at ``index`` of the source (None at its ends)?"""
    return source[index].isspace() if 0 <= index < len(source) else None


def _join_gap(codes: Sequence[_Piece], before: bool, after: bool, space: bool) -> str:
    """Codes between two texts (or an end): spaces where the codes ask, at least one where the output had one."""
    if not codes:
        return ""
    items: list[_Piece | None] = [None] if before else []
    items += list(codes)
    if after:
        items.append(None)
    marks: list[bool | None] = []
    for x, y in pairwise(items):
        right, left = (x.right if x else None), (y.left if y else None)
        marks.append(False if False in (right, left) else True if True in (right, left) else None)
    spaces = [m is True for m in marks]
    if space and not any(spaces) and marks:
        spaces[max((k for k, m in enumerate(marks) if m is None), default=len(marks) - 1)] = True
    out = ""
    for k, item in enumerate(items):
        out += item.text if item else ""
        out += " " if k < len(spaces) and spaces[k] else ""
    return out

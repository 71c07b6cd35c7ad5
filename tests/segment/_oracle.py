"""The segmenter as it was before the fast rewrite, kept as the reference for differential tests.

``oracle_breaks`` is the old ``SrxRules.breaks`` (every rule compiled to
``(?=after)(?<=before)`` and ``finditer``-scanned over the whole text; at a
position matched by several rules the first in order decides) together with
the old language-map matching, re-implemented on the rule *data* of an
:class:`~newsl10n.segment.srx.SrxRules` (patterns are compiled here, so
nothing of the new implementation is used).  ``oracle_split_block`` is the old
``split_block`` verbatim: one ``_Atom`` per character or code, cuts mapped
back onto atoms, ``_settle`` and ``_pieces``.  Do not optimise this file.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

import regex  # type: ignore[import-untyped, unused-ignore]

from newsl10n.model import CODE_RE, Block, InlineCode, Piece, Segment, SegmentedBlock, msgid_text
from newsl10n.segment.srx import SrxRules, load_rules

OBJECT = "\ufffc"

_URL = re.compile(r"(?:https?://|ftp://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")

Breaker = Callable[[str, str], list[int]]


# --------------------------------------------------------------------------- srx.py (old breaks)


@functools.cache
def _compile_rule(before: str, after: str) -> regex.Pattern[str]:
    lookahead = f"(?={after})" if after else ""
    lookbehind = f"(?<={before})" if before else ""
    compiled: regex.Pattern[str] = regex.compile(lookahead + lookbehind)
    return compiled


@functools.cache
def _compile_map(pattern: str) -> regex.Pattern[str]:
    compiled: regex.Pattern[str] = regex.compile(pattern, regex.IGNORECASE)
    return compiled


def _map_matches(pattern: str, lang: str) -> bool:
    code = lang.strip()
    compiled = _compile_map(pattern)
    return any(compiled.fullmatch(candidate) is not None for candidate in dict.fromkeys((code, code.replace("_", "-"))))


def oracle_rule_names_for(rules: SrxRules, lang: str) -> tuple[str, ...]:
    names: list[str] = []
    for lmap in rules.maps:
        if _map_matches(lmap.pattern, lang):
            names.append(lmap.rule_name)
            if not rules.cascade:
                break
    return tuple(names)


def oracle_breaks(rules: SrxRules, text: str, lang: str) -> list[int]:
    """Offsets ``0 < k < len(text)`` where a new segment starts, ascending (the old algorithm)."""
    end = len(text)
    decided: dict[int, bool] = {}
    for name in oracle_rule_names_for(rules, lang):
        for rule in rules.language_rules[name]:
            for match in _compile_rule(rule.before, rule.after).finditer(text):
                pos: int = match.start()
                if 0 < pos < end and pos not in decided:
                    decided[pos] = rule.is_break
    return sorted(pos for pos, is_break in decided.items() if is_break)


@functools.lru_cache(maxsize=1)
def oracle_packaged_rules() -> SrxRules:
    """The packaged rules.srx, parsed by the (unchanged) loader into a separate object."""
    resource = importlib.resources.files("newsl10n.segment").joinpath("rules.srx")
    with importlib.resources.as_file(resource) as path:
        return load_rules(path)


def oracle_sentence_breaks(text: str, lang: str) -> list[int]:
    return oracle_breaks(oracle_packaged_rules(), text, lang)


# --------------------------------------------------------------------------- blocks.py (old split_block)


@dataclass(frozen=True)
class _Atom:
    """One character of text, or one code token."""

    raw: str
    kind: str  # "text", "open", "close", "empty"
    num: int = 0


_TEXT_ATOMS: dict[str, _Atom] = {}


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


def oracle_is_translatable(text: str) -> bool:
    plain = _URL.sub(" ", CODE_RE.sub(" ", text))
    return _LETTER.search(plain) is not None


def oracle_split_block(block: Block, lang: str, *, breaker: Breaker | None = None) -> SegmentedBlock:
    if breaker is None:
        breaker = oracle_sentence_breaks
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
    pairs = _pairs(atoms)
    while True:
        ordered = sorted(cuts)
        hoisted: set[int] = set()
        for num, (o, c) in pairs.items():
            if any(o < k <= c for k in ordered):
                hoisted.add(num)
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
        if raw and oracle_is_translatable(raw):
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

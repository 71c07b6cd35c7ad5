"""A reader for the plain subset of ``regex`` syntax that SRX rules are written in.

:func:`newsl10n.segment.srx` combines rules into one scan only when it knows,
for each rule, which characters a match can hold and end with.  ``Syntax``
reads a pattern and says that (a :class:`Part`), or raises
:class:`Unsupported` for anything outside the subset (back-references, named
groups, ``\\G``, global or verbose flags ...), and the caller falls back to
scanning rule by rule.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex  # type: ignore[import-untyped, unused-ignore]

__all__ = ["Part", "Syntax", "Unsupported"]


class Unsupported(Exception):
    """A rule uses syntax that :class:`Syntax` does not read (the plan falls back)."""


@dataclass(frozen=True)
class Part:
    """What a piece of pattern can match, as one-character patterns (see :class:`Syntax`)."""

    nullable: bool  # it can match the empty string
    last: frozenset[str] = frozenset()  # characters a match can end with
    chars: frozenset[str] = frozenset()  # characters a match can hold


_ZERO_WIDTH = Part(True)
_SCOPED_FLAGS = frozenset("imsau")  # flags that keep one pattern character matching one text character
_ESCAPES = frozenset("dDsSwWntrf")  # one-character escapes besides \p \P \N \x \u \U and punctuation
_CONTROL = {"n": "\n", "t": "\t", "r": "\r", "f": "\f"}
_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ ")
_HEX = {"x": 2, "u": 4, "U": 8}
_QUANTIFIER = regex.compile(r"\{([0-9]*)(,?)([0-9]*)\}")
_SCOPE = regex.compile(r"\?([a-z]*)(?:-([a-z]+))?:")


class Syntax:
    """Reads the plain subset of ``regex`` syntax; anything else is :class:`Unsupported`.

    The subset: literals; ``.``; escaped punctuation; ``\\d \\s \\w`` (and
    capitals), ``\\n \\t \\r \\f``, ``\\xHH \\uHHHH \\UHHHHHHHH``, ``\\p{..}``,
    ``\\N{..}``; sets without nesting; ``^ $ \\b \\B \\A \\Z``; ``(…)``,
    ``(?:…)``, ``(?>…)``, look-arounds, scoped ``(?imsau-imsau:…)`` flags;
    quantifiers (greedy, lazy, possessive).  Without back-references, names,
    global flags or verbs, such a pattern means the same inside a larger one.

    A character is reported as a one-character pattern copied from the source
    (a set, an escape, a literal, ``.``) inside the scoped flags around it;
    ``literals`` gives its exact characters when it is a plain literal or a set
    of plain literals outside any flags.  ``top`` holds the items of the
    top-level sequence (None when the pattern is an alternation).
    """

    def __init__(self, source: str) -> None:
        self.source, self.pos = source, 0
        self.scopes: list[str] = []
        self.literals: dict[str, frozenset[str] | None] = {}
        self.top: list[Part] | None = None

    def read(self) -> Part:
        whole = self.alternation(top=True)
        if self.pos != len(self.source):
            raise self.fail()
        return whole

    def peek(self) -> str:
        return self.source[self.pos : self.pos + 1]

    def fail(self) -> Unsupported:
        return Unsupported(self.source)

    def atom(self, text: str, literal: str | set[str] | None) -> Part:
        for flags in reversed(self.scopes):
            text = f"(?{flags}:{text})"
        self.literals[text] = None if self.scopes or literal is None else frozenset(literal)
        return Part(False, frozenset([text]), frozenset([text]))

    def alternation(self, *, top: bool = False) -> Part:
        branches = [self.sequence(top=top)]
        while self.peek() == "|":
            self.pos += 1
            branches.append(self.sequence())
            self.top = None if top else self.top
        last = frozenset().union(*(b.last for b in branches))
        return Part(any(b.nullable for b in branches), last, frozenset().union(*(b.chars for b in branches)))

    def sequence(self, *, top: bool = False) -> Part:
        items: list[Part] = []
        while self.pos < len(self.source) and self.peek() not in "|)":
            items.append(self.quantified(self.item()))
        if top:
            self.top = items
        last: frozenset[str] = frozenset()
        for item in reversed(items):
            last |= item.last
            if not item.nullable:
                break
        chars = frozenset().union(*(item.chars for item in items))
        return Part(all(item.nullable for item in items), last, chars)

    def quantified(self, item: Part) -> Part:
        char = self.peek()
        if char and char in "*?+":
            self.pos += 1
            lowest, highest = (1 if char == "+" else 0), 1
        elif char == "{":
            match = _QUANTIFIER.match(self.source, self.pos)
            if match is None or not (match.group(1) or match.group(3)):
                raise self.fail()  # a literal brace, or fuzzy matching
            self.pos = match.end()
            lowest = int(match.group(1) or 0)
            highest = lowest if not match.group(2) else int(match.group(3) or 1)
        else:
            return item
        if self.peek() in ("?", "+"):
            self.pos += 1  # lazy or possessive: the same characters can end a match
        if self.peek() and self.peek() in "*+?{":
            raise self.fail()
        return _ZERO_WIDTH if highest == 0 else Part(item.nullable or lowest == 0, item.last, item.chars)

    def item(self) -> Part:
        char = self.peek()
        if char in ("(", "[", "\\"):
            return self.group() if char == "(" else self.char_set() if char == "[" else self.escape()
        self.pos += 1
        if char in "*+?{":
            raise self.fail()
        if char in ("^", "$"):
            return _ZERO_WIDTH
        return self.atom(".", None) if char == "." else self.atom(regex.escape(char), char)

    def group(self) -> Part:
        self.pos += 1
        opener = next((o for o in ("?:", "?>", "?=", "?!", "?<=", "?<!") if self.source.startswith(o, self.pos)), "")
        scoped = None
        if opener:
            self.pos += len(opener)
        elif self.peek() == "?":
            match = _SCOPE.match(self.source, self.pos)
            if match is None or not set(match.group(1) + (match.group(2) or "")) <= _SCOPED_FLAGS:
                raise self.fail()  # global flags, named groups, conditionals, ...
            scoped, self.pos = match.group(0)[1:-1], match.end()
            self.scopes.append(scoped)
        elif self.peek() == "*":
            raise self.fail()  # (*PRUNE) and other verbs
        inner = self.alternation()
        if scoped is not None:
            self.scopes.pop()
        if self.peek() != ")":
            raise self.fail()
        self.pos += 1
        return inner if opener in ("", "?:", "?>") else _ZERO_WIDTH  # a look-around matches no character

    def char_set(self) -> Part:
        start = pos = self.pos + 1
        literal: set[str] | None = set()
        if self.source.startswith("^", pos):
            pos, literal = pos + 1, None
        if self.source.startswith("]", pos):
            raise self.fail()
        while pos < len(self.source):
            char = self.source[pos]
            if char == "]":
                self.pos = pos + 1
                return self.atom(self.source[start - 1 : self.pos], literal)
            if char == "\\":
                following = self.source[pos + 1 : pos + 2]
                if not following or not (following in _ESCAPES or following in "pPNxuU" or following in _PUNCTUATION):
                    raise self.fail()
                known = _CONTROL.get(following, following if following in _PUNCTUATION else None)
                literal = None if literal is None or known is None else literal | {known}
                pos += 2
            elif char == "[":
                close = self.source.find(":]", pos + 2)
                if not self.source.startswith("[:", pos) or close < 0:
                    raise self.fail()  # nested sets
                pos, literal = close + 2, None
            else:
                literal = None if literal is None or char == "-" else literal | {char}
                pos += 1
        raise self.fail()

    def escape(self) -> Part:
        start, char = self.pos, self.source[self.pos + 1 : self.pos + 2]
        end, literal = start + 2, None
        if char and char in "bBAZ":
            self.pos = end
            return _ZERO_WIDTH
        if char and char in "pPN" and self.source.startswith("{", end):
            end = self.source.find("}", end) + 1
            if end == 0:
                raise self.fail()
        elif char and char in "pP":
            end += 1
        elif char in _HEX:
            digits = self.source[end : end + _HEX[char]]
            if len(digits) != _HEX[char] or any(d not in "0123456789abcdefABCDEF" for d in digits):
                raise self.fail()
            end, literal = end + _HEX[char], chr(int(digits, 16))
        elif char in _CONTROL or char in _PUNCTUATION:
            literal = _CONTROL.get(char, char)
        elif not char or char not in _ESCAPES:
            raise self.fail()  # back-references, \G, \K, \X, named lists, ...
        self.pos = end
        return self.atom(self.source[start:end], literal)

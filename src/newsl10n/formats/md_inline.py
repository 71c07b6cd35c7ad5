"""Walking markdown-it-py's inline tokens over their content, each claiming the exact characters it came from.

The walk fails (:class:`Misaligned`) as soon as a token does not account for
the content byte for byte; the reader then leaves that block untouched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model import CodeKind

if TYPE_CHECKING:
    from markdown_it.token import Token

__all__ = ["Claim", "InlineWalk", "Misaligned", "link_tail", "settle_pairs"]

_BREAK = re.compile(r"[ \t]*\\?\n[ \t]*")
_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")
_AUTOLINK = re.compile(r"<[^<>\s]*>")
_HTML_OPEN = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?>")
_HTML_CLOSE = re.compile(r"</([A-Za-z][A-Za-z0-9-]*)\s*>")
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
_PAIRS = {"em_open": "em", "strong_open": "strong", "s_open": "s"}
_CLOSES = {"em_close": "em", "strong_close": "strong", "s_close": "s"}


class Misaligned(Exception):
    """The tokens do not account for the content byte by byte: the block is left as it is."""


@dataclass
class Claim:
    """A piece of inline content: text (``kind is None``) or one code (half of a pair or a single code)."""

    a: int
    b: int
    shown: str | None = None  # text shown instead of the content (an escape, an entity)
    kind: CodeKind | None = None
    tag: str = ""
    attrs: tuple[tuple[str, str], ...] = ()
    value: str = ""
    role: str = "single"  # "single", "open", "close"
    partner: Claim | None = None
    name: str = ""  # what a closing item must match


class InlineWalk:
    """Walk inline tokens over their content, claiming its characters."""

    def __init__(self, content: str, pos: int = 0) -> None:
        self.content = content
        self.pos = pos
        self.items: list[Claim] = []
        self.alts: list[tuple[int, int, list[Claim]]] = []  # image alt texts: content span and items

    def claim(self, n: int, **kw: Any) -> Claim:
        item = Claim(self.pos, self.pos + n, **kw)
        self.items.append(item)
        self.pos += n
        return item

    def expect(self, text: str) -> None:
        if not self.content.startswith(text, self.pos):
            raise Misaligned(text)

    def match(self, pattern: re.Pattern[str]) -> int:
        m = pattern.match(self.content, self.pos)
        if m is None:
            raise Misaligned(pattern.pattern)
        return m.end() - self.pos

    def tokens(self, tokens: list[Token]) -> None:
        i = 0
        while i < len(tokens):
            i = self.token(tokens, i)

    def token(self, tokens: list[Token], i: int) -> int:
        tok = tokens[i]
        t = tok.type
        if t == "text":
            self.expect(tok.content)
            if tok.content:
                self.claim(len(tok.content))
        elif t == "text_special":
            self.expect(tok.markup)
            self.claim(len(tok.markup), shown=tok.content)
        elif t in ("softbreak", "hardbreak"):
            n = self.match(_BREAK)
            if t == "softbreak":
                self.claim(n)
            else:
                self.claim(n, kind=CodeKind.EMPTY, tag="br")
        elif t == "code_inline":
            self.code_span(tok.markup)
        elif t in _PAIRS:
            self.expect(tok.markup)
            self.claim(len(tok.markup), kind=CodeKind.PAIRED, tag=_PAIRS[t], role="open", name=_PAIRS[t])
        elif t in _CLOSES:
            self.expect(tok.markup)
            self.claim(len(tok.markup), kind=CodeKind.PAIRED, tag=_CLOSES[t], role="close", name=_CLOSES[t])
        elif t == "link_open" and tok.markup in ("autolink", "linkify"):
            end = next(k for k in range(i, len(tokens)) if tokens[k].type == "link_close")
            n = self.match(_AUTOLINK) if tok.markup == "autolink" else len(str(tok.attrGet("href") or ""))
            item = self.claim(n, kind=CodeKind.OPAQUE)
            item.value = self.content[item.a : item.b]
            return end + 1
        elif t == "link_open":
            self.expect("[")
            href = str(tok.attrGet("href") or "")
            self.claim(1, kind=CodeKind.PAIRED, tag="a", attrs=(("href", href),), role="open", name="a")
        elif t == "link_close":
            self.expect("]")
            self.claim(link_tail(self.content, self.pos + 1) - self.pos, kind=CodeKind.PAIRED, role="close", name="a")
        elif t == "image":
            self.image(tok)
        elif t == "footnote_ref":
            item = self.claim(self.match(_FOOTNOTE), kind=CodeKind.OPAQUE)
            item.value = self.content[item.a : item.b]
        elif t == "html_inline":
            self.html(tok.content)
        else:
            raise Misaligned(t)
        return i + 1

    def code_span(self, marks: str) -> None:
        self.expect(marks)
        at = self.pos + len(marks)
        for m in re.finditer("`+", self.content[at:]):
            if len(m.group()) == len(marks):
                item = self.claim(at + m.end() - self.pos, kind=CodeKind.OPAQUE)
                item.value = self.content[item.a : item.b]
                return
        raise Misaligned("code span")

    def image(self, tok: Token) -> None:
        self.expect("![" + tok.content + "]")
        alt_start = self.pos + 2
        alt = InlineWalk(self.content, alt_start)
        try:
            alt.tokens(tok.children or [])
            if alt.pos == alt_start + len(tok.content):
                self.alts.append((alt_start, alt.pos, alt.items))
        except Misaligned:
            pass
        end = link_tail(self.content, alt_start + len(tok.content) + 1)
        item = self.claim(end - self.pos, kind=CodeKind.EMPTY, tag="img", attrs=(("src", str(tok.attrGet("src"))),))
        item.value = self.content[item.a : item.b]

    def html(self, tag: str) -> None:
        self.expect(tag)
        if (m := _HTML_CLOSE.fullmatch(tag)) is not None:
            self.claim(len(tag), kind=CodeKind.PAIRED, tag=m.group(1).lower(), role="close", name=m.group(1).lower())
        elif (
            (m := _HTML_OPEN.fullmatch(tag)) is not None and not tag.endswith("/>") and m.group(1).lower() not in _VOID
        ):
            name = m.group(1).lower()
            self.claim(len(tag), kind=CodeKind.PAIRED, tag=name, role="open", name=name, value=tag)
        elif (m := _HTML_OPEN.fullmatch(tag)) is not None and m.group(1).lower() == "br":
            self.claim(len(tag), kind=CodeKind.EMPTY, tag="br")
        else:
            self.claim(len(tag), kind=CodeKind.OPAQUE, value=tag)


def _skip_space(s: str, pos: int) -> int:
    while pos < len(s) and s[pos] in " \t\n":
        pos += 1
    return pos


def link_tail(s: str, pos: int) -> int:
    """The end of what follows a link's label: ``(dest "title")``, ``[ref]``, or nothing (a shortcut reference)."""
    from markdown_it.helpers import parseLinkDestination, parseLinkTitle

    if s.startswith("(", pos):
        q = _skip_space(s, pos + 1)
        dest = parseLinkDestination(s, q, len(s))
        if dest.ok:
            after = _skip_space(s, dest.pos)
            title = parseLinkTitle(s, after, len(s)) if after > dest.pos else None
            q = _skip_space(s, title.pos) if title is not None and title.ok else after
        if s.startswith(")", q):
            return q + 1
    if s.startswith("[", pos):
        m = re.compile(r"\[(?:[^\[\]\\]|\\.)*\]").match(s, pos)
        if m is not None:
            return m.end()
    return pos


def settle_pairs(items: list[Claim]) -> None:
    """Match pair halves; halves that cannot nest properly become single codes."""
    stack: list[Claim] = []
    for item in items:
        if item.kind is None:
            continue
        if item.role == "open":
            stack.append(item)
        elif item.role == "close":
            k = next((k for k in range(len(stack) - 1, -1, -1) if stack[k].name == item.name), None)
            if k is None:
                _single(item)
                continue
            for dangling in stack[k + 1 :]:
                _single(dangling)
            item.partner, stack[k].partner = stack[k], item
            del stack[k:]
    for dangling in stack:
        _single(dangling)


def _single(item: Claim) -> None:
    item.role, item.kind = "single", CodeKind.OPAQUE

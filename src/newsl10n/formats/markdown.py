"""Markdown articles read with markdown-it-py into translatable units that know their source bytes.

The parser (CommonMark with GFM tables, strikethrough, footnotes and block
attributes) gives block tokens with line maps and each block's inline content.
Each content line is found in its source line, so every character of the
content has a source offset; the inline tokens are then walked over the
content, each claiming the exact characters it came from.  A unit's block text
is the coded text the segmenter sees; ``offsets`` holds the source offset of
every boundary of that text, so a sentence found in it is a span of the source,
and each inline code carries its source text.  The writer
(:mod:`newsl10n.formats.markdown_write`) replaces those spans and nothing else.

Whatever the walk cannot account for byte by byte (a tab the parser expanded, a
construct it does not know) leaves that block without units: it is copied
unchanged, never guessed.

Hugo shortcodes and Liquid/Jinja tags are masked before parsing
(:mod:`newsl10n.formats.templates`) and become opaque codes; front matter is
read by :mod:`newsl10n.formats.frontmatter`.  Inline HTML tags become code pairs
(or single codes when unbalanced); HTML blocks, code blocks and link reference
definitions hold no units.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..model import CODE_RE, Block, CodeKind, InlineCode, normalize_space, strip_codes
from .frontmatter import DEFAULT_KEYS, LANG_KEYS, Field, FrontMatter, find_front_matter, read_fields
from .templates import DEFAULT_PARAMS, MASK, MASK_START, mask_templates, masked_runs, template_params

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

__all__ = ["CodeText", "MarkdownDoc", "MarkdownOptions", "Unit", "md_parser", "read_markdown"]

_LINE = re.compile(r"[^\r\n]*(\r\n|\r|\n|$)")
_BREAK = re.compile(r"[ \t]*\\?\n[ \t]*")
_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")
_AUTOLINK = re.compile(r"<[^<>\s]*>")
_HTML_OPEN = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?>")
_HTML_CLOSE = re.compile(r"</([A-Za-z][A-Za-z0-9-]*)\s*>")
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
#: URLs, e-mail addresses and file names inside text: kept from MT as codes.
_PROTECTED = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s<>]*[^\s<>.,;:!?'\")\]]"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:docx?|pdf|xlsx?|pptx?|odt|ods|zip|csv|jpe?g|png|gif|svg)\b",
    re.IGNORECASE,
)
_SPECIAL = re.compile(f"[{MASK_START}{MASK}]+|{_PROTECTED.pattern}|{CODE_RE.pattern}", re.IGNORECASE)
_PAIRS = {"em_open": "em", "strong_open": "strong", "s_open": "s"}
_CLOSES = {"em_close": "em", "strong_close": "strong", "s_close": "s"}


@dataclass(frozen=True)
class CodeText:
    """Where the source text of an inline code is: offsets of it (or of a pair's two halves)."""

    start: int
    end: int
    close_start: int = -1
    close_end: int = -1
    #: What to write for the closing half instead of its source: a shortcut or collapsed reference link
    #: (``[text]``, ``[text][]``) names its label, so that a translated text still finds the definition.
    close_text: str | None = None


@dataclass(frozen=True)
class Unit:
    """One translatable stretch: a block for the segmenter and where each of its boundaries is in the source.

    ``style`` says how a translation is written back: ``inline`` (Markdown
    text), ``cell`` (Markdown in a table cell), ``param`` (a quoted template
    parameter), ``front-matter`` (a front matter value; ``offsets`` then count
    in the value and ``path`` names it).
    """

    block: Block
    offsets: tuple[int, ...]
    code_text: tuple[CodeText, ...]
    style: str
    msgctxt: str | None = None
    path: tuple[str | int, ...] = ()
    line_starts: frozenset[int] = frozenset()


@dataclass(frozen=True)
class MarkdownDoc:
    """A Markdown article: its text, front matter and translatable units in document order."""

    path: str
    text: str
    front_matter: FrontMatter | None
    units: tuple[Unit, ...]
    lang_fields: tuple[Field, ...]
    title: str | None  # the front matter's title, else the first heading's text


@dataclass(frozen=True)
class MarkdownOptions:
    """What counts as text: front matter keys, and template parameters per shortcode."""

    keys: tuple[str, ...] = DEFAULT_KEYS
    params: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_PARAMS))


@lru_cache(maxsize=1)
def md_parser() -> MarkdownIt:
    """CommonMark with GFM tables and strikethrough, footnotes, block attributes; raw HTML recognised."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.attrs import attrs_block_plugin
    from mdit_py_plugins.footnote import footnote_plugin

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.use(footnote_plugin, inline=False, move_to_end=False).use(attrs_block_plugin)
    md.disable("text_join")  # keep escapes and entities as their own tokens
    return md


class _Misaligned(Exception):
    """The tokens do not account for the content byte by byte: the block is left as it is."""


@dataclass
class _Item:
    """A piece of inline content: text (``code is None``) or one code (half of a pair or a single code)."""

    a: int
    b: int
    shown: str | None = None  # text shown instead of the content (an escape, an entity)
    kind: CodeKind | None = None
    tag: str = ""
    attrs: tuple[tuple[str, str], ...] = ()
    value: str = ""
    role: str = "single"  # "single", "open", "close"
    partner: _Item | None = None
    name: str = ""  # what a closing item must match


@dataclass
class _Lines:
    """The masked text split into lines, with each line's offset."""

    starts: list[int]
    texts: list[str]

    @classmethod
    def read(cls, text: str) -> _Lines:
        starts: list[int] = []
        texts: list[str] = []
        for m in _LINE.finditer(text):
            if m.start() == len(text) and starts:
                break
            starts.append(m.start())
            texts.append(m.group()[: len(m.group()) - len(m.group(1))])
        return cls(starts, texts)


def _locate(lines: _Lines, first: int, content: str, cursor: int | None) -> list[int] | None:
    """Source offsets of each content position (and one past the end); None when not found.

    ``cursor`` (table cells): the content is one line found from that column on.
    """
    parts = content.split("\n")
    if first + len(parts) > len(lines.texts):
        return None
    out: list[int] = []
    for j, part in enumerate(parts):
        src, base = lines.texts[first + j], lines.starts[first + j]
        if cursor is not None:
            k = src.find(part, cursor)
        elif src.endswith(part):
            k = len(src) - len(part)
        elif src.rstrip(" \t").endswith(part):
            k = len(src.rstrip(" \t")) - len(part)
        else:
            k = src.find(part)
        if k < 0 or (part == "" and j == 0):
            return None
        out.extend(range(base + k, base + k + len(part)))
        out.append(base + k + len(part))  # the line break (or the end)
    return out


class _Walk:
    """Walk inline tokens over their content, claiming its characters."""

    def __init__(self, content: str, pos: int = 0) -> None:
        self.content = content
        self.pos = pos
        self.items: list[_Item] = []
        self.alts: list[tuple[int, int, list[_Item]]] = []  # image alt texts: content span and items

    def claim(self, n: int, **kw: Any) -> _Item:
        item = _Item(self.pos, self.pos + n, **kw)
        self.items.append(item)
        self.pos += n
        return item

    def expect(self, text: str) -> None:
        if not self.content.startswith(text, self.pos):
            raise _Misaligned(text)

    def match(self, pattern: re.Pattern[str]) -> int:
        m = pattern.match(self.content, self.pos)
        if m is None:
            raise _Misaligned(pattern.pattern)
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
            self.claim(_link_tail(self.content, self.pos + 1) - self.pos, kind=CodeKind.PAIRED, role="close", name="a")
        elif t == "image":
            self.image(tok)
        elif t == "footnote_ref":
            item = self.claim(self.match(_FOOTNOTE), kind=CodeKind.OPAQUE)
            item.value = self.content[item.a : item.b]
        elif t == "html_inline":
            self.html(tok.content)
        else:
            raise _Misaligned(t)
        return i + 1

    def code_span(self, marks: str) -> None:
        self.expect(marks)
        at = self.pos + len(marks)
        for m in re.finditer("`+", self.content[at:]):
            if len(m.group()) == len(marks):
                item = self.claim(at + m.end() - self.pos, kind=CodeKind.OPAQUE)
                item.value = self.content[item.a : item.b]
                return
        raise _Misaligned("code span")

    def image(self, tok: Token) -> None:
        self.expect("![" + tok.content + "]")
        alt_start = self.pos + 2
        alt = _Walk(self.content, alt_start)
        try:
            alt.tokens(tok.children or [])
            if alt.pos == alt_start + len(tok.content):
                self.alts.append((alt_start, alt.pos, alt.items))
        except _Misaligned:
            pass
        end = _link_tail(self.content, alt_start + len(tok.content) + 1)
        item = self.claim(end - self.pos, kind=CodeKind.EMPTY, tag="img", attrs=(("src", str(tok.attrGet("src"))),))
        item.value = self.content[item.a : item.b]

    def html(self, tag: str) -> None:
        self.expect(tag)
        if (m := _HTML_CLOSE.fullmatch(tag)) is not None:
            self.claim(len(tag), kind=CodeKind.PAIRED, tag=m.group(1).lower(), role="close", name=m.group(1).lower())
        elif (m := _HTML_OPEN.fullmatch(tag)) is not None and not tag.endswith("/>") and m.group(1).lower() not in _VOID:
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


def _link_tail(s: str, pos: int) -> int:
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


def _settle_pairs(items: list[_Item]) -> None:
    """Match pair halves; halves that cannot nest properly become single codes."""
    stack: list[_Item] = []
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


def _single(item: _Item) -> None:
    item.role, item.kind = "single", CodeKind.OPAQUE


def _whole_line(content: str, start: int, end: int) -> bool:
    return (start == 0 or content[start - 1] == "\n") and (end == len(content) or content[end] == "\n")


def _split_text(item: _Item, content: str) -> list[_Item]:
    """Cut masked templates, URLs and text that looks like a code out of a text item as single codes."""
    if item.shown is not None:
        return [item]
    out, at = [], item.a
    for m in _SPECIAL.finditer(content, item.a, item.b):
        if m.start() > at:
            out.append(_Item(at, m.start()))
        kind = CodeKind.LITERAL if CODE_RE.fullmatch(m.group()) else CodeKind.OPAQUE
        if m.group()[0] in (MASK_START, MASK) and _whole_line(content, m.start(), m.end()):
            # a template tag on a line of its own ({% if %}, {{% notice %}}) ends the sentences around it
            out.append(_Item(m.start(), m.end(), kind=CodeKind.EMPTY, tag="br"))
        else:
            out.append(_Item(m.start(), m.end(), kind=kind, value=m.group()))
        at = m.end()
    if at < item.b or not out:
        out.append(_Item(at, item.b))
    return out


@dataclass
class _Builder:
    source: str
    offsets: list[int]  # content position → source offset

    def _attr_list(self, item: _Item) -> bool:
        m = self.offsets
        return item.kind is CodeKind.OPAQUE and _ATTRS.fullmatch(self.source[m[item.a] : m[item.b]]) is not None

    def unit(self, items: list[_Item], content: str, kind: str, line: int, style: str) -> Unit | None:
        flat = [piece for item in items for piece in (_split_text(item, content) if item.kind is None else [item])]
        if kind[:1] == "h":  # a heading's attribute list ({#id .class}) stays out of the text, untouched
            while flat and (self._attr_list(flat[-1]) or flat[-1].kind is None and not content[flat[-1].a : flat[-1].b].strip()):
                flat.pop()
        _settle_pairs(flat)
        text: list[str] = []
        bounds: list[int] = []
        codes: list[InlineCode] = []
        code_text: list[CodeText] = []
        number: dict[int, int] = {}
        m = self.offsets
        for item in flat:
            if item.kind is None:
                shown = content[item.a : item.b] if item.shown is None else item.shown
                bounds.extend([m[item.a]] + [m[item.a + k] if item.shown is None else m[item.a] for k in range(1, len(shown))])
                text.append(shown)
                continue
            src = self.source[m[item.a] : m[item.b]]
            if item.role == "close":
                assert item.partner is not None
                placeholder = f"</{number[id(item.partner)]}>"
            else:
                num = len(codes) + 1
                number[id(item)] = num
                value = item.value if item.kind is not CodeKind.OPAQUE else _shorten(src)
                attrs = item.attrs
                if item.partner is not None:
                    tail = self.source[m[item.partner.a] : m[item.partner.b]]
                    label = None
                    if item.tag == "a" and tail in ("]", "][]"):
                        label = "][" + " ".join(self.source[m[item.b] : m[item.partner.a]].split()) + "]"
                    code_text.append(CodeText(m[item.a], m[item.b], m[item.partner.a], m[item.partner.b], label))
                    if item.tag == "a" and any("%EE%80%8" in v for _, v in attrs):  # a masked template
                        attrs = (("href", tail[2:-1] if tail.startswith("](") else tail[1:]),)
                else:
                    code_text.append(CodeText(m[item.a], m[item.b]))
                tag = "" if item.kind is CodeKind.OPAQUE else item.tag
                codes.append(InlineCode(num, item.kind, tag=tag, attrs=attrs, value=value))
                placeholder = f"<{num}>" if item.role == "open" else f"<{num}/>"
            bounds.extend([m[item.a]] * len(placeholder))
            text.append(placeholder)
        if not flat:
            return None
        bounds.append(m[flat[-1].b])
        joined = "".join(text)
        if not strip_codes(joined).strip():
            return None
        return Unit(Block(kind, joined, tuple(codes), line), tuple(bounds), tuple(code_text), style)


_ATTRS = re.compile(r"\{:?[#.][^{}\n]*\}")


def _shorten(src: str) -> str:
    flat = " ".join(src.split())
    return flat if len(flat) <= 60 else flat[:57] + "..."


def _front_units(text: str, fields: list[Field]) -> list[Unit]:
    units = []
    for f in fields:
        if f.path in {(k,) for k in LANG_KEYS} or not f.value.strip() or CODE_RE.search(f.value):
            continue
        block = Block("front-matter", f.value, (), f.line)
        units.append(Unit(block, tuple(range(len(f.value) + 1)), (), "front-matter", msgctxt=f.key, path=f.path))
    return units


def _param_units(
    source: str, content: str, m: list[int], line: int, params: Mapping[str, tuple[str, ...]]
) -> list[Unit]:
    units = []
    for run in masked_runs(content):
        for p in template_params(source, m[run.start], m[run.end], params):
            if CODE_RE.search(p.value) or "\\" in p.value:
                continue
            block = Block("param", p.value, (), line)
            ctx = f"{p.shortcode} {p.name}"
            units.append(Unit(block, tuple(range(p.start, p.end + 1)), (), "param", msgctxt=ctx))
    return units


def read_markdown(text: str, *, path: str, options: MarkdownOptions | None = None) -> MarkdownDoc:
    """Read a Markdown article (decoded text) into its translatable units."""
    opts = options or MarkdownOptions()
    fm = find_front_matter(text)
    fields = read_fields(text, fm, keys=opts.keys, path=path) if fm is not None else []
    masked = mask_templates(text)
    if fm is not None:  # the parser sees blank lines where the front matter is
        region = masked[fm.start : fm.end]
        masked = masked[: fm.start] + re.sub(r"[^\r\n]", " ", region) + masked[fm.end :]
    lines = _Lines.read(masked)
    units: list[Unit] = _front_units(text, fields)
    title = next((f.value for f in fields if f.path == ("title",)), None)
    parent = "p"
    row, cursor = -1, 0
    for tok in md_parser().parse(masked.replace("\r\n", "\n").replace("\r", "\n")):
        if tok.nesting == 1:
            parent = tok.tag
            continue
        if tok.type != "inline" or tok.map is None:
            continue
        cell = parent in ("th", "td")
        if cell and tok.map[0] != row:
            row, cursor = tok.map[0], 0
        offsets = _locate(lines, tok.map[0], tok.content, cursor if cell else None) if tok.content else None
        if offsets is None:
            continue
        if cell:
            cursor = offsets[-1] - lines.starts[row]
        walk = _Walk(tok.content)
        try:
            walk.tokens(tok.children or [])
            if walk.pos != len(tok.content):
                raise _Misaligned("trailing content")
        except _Misaligned:
            continue
        builder = _Builder(text, offsets)
        line = tok.map[0] + 1
        unit = builder.unit(walk.items, tok.content, parent, line, "cell" if cell else "inline")
        starts = frozenset(offsets[0:1] + [offsets[k + 1] for k, ch in enumerate(tok.content) if ch == "\n"])
        if unit is not None:
            units.append(Unit(unit.block, unit.offsets, unit.code_text, unit.style, line_starts=starts))
            if title is None and parent[:1] == "h" and parent[1:].isdigit():
                title = normalize_space(strip_codes(unit.block.text))
        for a, b, alt_items in walk.alts:
            alt = builder.unit(alt_items, tok.content, "alt", line, "cell" if cell else "inline")
            if alt is not None:
                units.append(alt)
        units.extend(_param_units(text, tok.content, offsets, line, opts.params))
    lang_fields = tuple(f for f in fields if f.path in {(k,) for k in LANG_KEYS})
    return MarkdownDoc(path, text, fm, tuple(units), lang_fields, title)

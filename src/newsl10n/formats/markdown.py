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
from itertools import pairwise
from typing import TYPE_CHECKING

from ..model import CODE_RE, Block, CodeKind, InlineCode, normalize_space, strip_codes
from ..segment.verbatim import VERBATIM_RE
from .frontmatter import DEFAULT_KEYS, LANG_KEYS, Field, FrontMatter, find_front_matter, read_fields
from .md_inline import Claim, InlineWalk, Misaligned, settle_pairs
from .templates import DEFAULT_PARAMS, MASK, MASK_START, mask_templates, masked_runs, template_params

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

__all__ = ["CodeText", "HtmlBlock", "MarkdownDoc", "MarkdownOptions", "Unit", "md_parser", "read_markdown"]

_LINE = re.compile(r"[^\r\n]*(\r\n|\r|\n|$)")
#: Masked templates; URLs, e-mail addresses and file names (the verbatim rule of every reader); text like a code.
_SPECIAL = re.compile(f"[{MASK_START}{MASK}]+|{VERBATIM_RE.pattern}|{CODE_RE.pattern}", re.IGNORECASE)


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
class HtmlBlock:
    """An HTML block of the article (outside lists and quotes): read and written by the HTML reader."""

    start: int
    end: int
    line: int  # 1-based

    def text(self, source: str) -> str:
        return source[self.start : self.end]


@dataclass(frozen=True)
class MarkdownDoc:
    """A Markdown article: its text, front matter and translatable units in document order."""

    path: str
    text: str
    front_matter: FrontMatter | None
    units: tuple[Unit, ...]
    lang_fields: tuple[Field, ...]
    title: str | None  # the front matter's title, else the first heading's text
    html_blocks: tuple[HtmlBlock, ...] = ()


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


def _cell_spans(line: str) -> list[tuple[int, int]]:
    """The column ranges of a table row's cells, split at pipes that are not escaped (as the parser splits)."""
    pipes, escaped = [], False
    for k, ch in enumerate(line):
        if ch == "|" and not escaped:
            pipes.append(k)
        escaped = ch == "\\" and not escaped
    bounds = [-1, *pipes, len(line)]
    spans = [(a + 1, b) for a, b in pairwise(bounds)]
    if spans and not line[: spans[0][1]].strip():
        spans = spans[1:]  # a leading pipe
    if spans and pipes and not line[pipes[-1] + 1 :].strip():
        spans = spans[:-1]  # a trailing pipe
    return spans


def _locate(lines: _Lines, first: int, content: str, cell: tuple[int, int] | None) -> list[int] | None:
    """Source offsets of each content position (and one past the end); None when not found.

    ``cell`` (table cells): the content is one line found within that column range.
    """
    parts = content.split("\n")
    if first + len(parts) > len(lines.texts):
        return None
    out: list[int] = []
    for j, part in enumerate(parts):
        src, base = lines.texts[first + j], lines.starts[first + j]
        if cell is not None:
            k = src.find(part, cell[0], cell[1])
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


def _whole_line(content: str, start: int, end: int) -> bool:
    return (start == 0 or content[start - 1] == "\n") and (end == len(content) or content[end] == "\n")


def _split_text(item: Claim, content: str) -> list[Claim]:
    """Cut masked templates, URLs and text that looks like a code out of a text item as single codes."""
    if item.shown is not None:
        return [item]
    out, at = [], item.a
    for m in _SPECIAL.finditer(content, item.a, item.b):
        if m.start() > at:
            out.append(Claim(at, m.start()))
        kind = CodeKind.LITERAL if CODE_RE.fullmatch(m.group()) else CodeKind.OPAQUE
        if m.group()[0] in (MASK_START, MASK) and _whole_line(content, m.start(), m.end()):
            # a template tag on a line of its own ({% if %}, {{% notice %}}) ends the sentences around it
            out.append(Claim(m.start(), m.end(), kind=CodeKind.EMPTY, tag="br"))
        else:
            out.append(Claim(m.start(), m.end(), kind=kind, value=m.group()))
        at = m.end()
    if at < item.b or not out:
        out.append(Claim(at, item.b))
    return out


@dataclass
class _Builder:
    source: str
    offsets: list[int]  # content position → source offset

    def _attr_list(self, item: Claim) -> bool:
        m = self.offsets
        return item.kind is CodeKind.OPAQUE and _ATTRS.fullmatch(self.source[m[item.a] : m[item.b]]) is not None

    def unit(self, items: list[Claim], content: str, kind: str, line: int, style: str) -> Unit | None:
        flat = [piece for item in items for piece in (_split_text(item, content) if item.kind is None else [item])]
        if kind[:1] == "h":  # a heading's attribute list ({#id .class}) stays out of the text, untouched
            while flat and (
                self._attr_list(flat[-1]) or flat[-1].kind is None and not content[flat[-1].a : flat[-1].b].strip()
            ):
                flat.pop()
        settle_pairs(flat)
        text: list[str] = []
        bounds: list[int] = []
        codes: list[InlineCode] = []
        code_text: list[CodeText] = []
        number: dict[int, int] = {}
        m = self.offsets
        for item in flat:
            if item.kind is None:
                shown = content[item.a : item.b] if item.shown is None else item.shown
                bounds.extend(
                    [m[item.a]] + [m[item.a + k] if item.shown is None else m[item.a] for k in range(1, len(shown))]
                )
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
    row, column, spans = -1, 0, []
    html_blocks: list[HtmlBlock] = []
    for tok in md_parser().parse(masked.replace("\r\n", "\n").replace("\r", "\n")):
        if tok.nesting == 1:
            parent = tok.tag
            continue
        if tok.type == "html_block" and tok.map is not None and (block := _html_block(lines, tok, masked)):
            html_blocks.append(block)
            continue
        if tok.type != "inline" or tok.map is None:
            continue
        cell = parent in ("th", "td")
        if cell and tok.map[0] != row:
            row, column = tok.map[0], 0
            spans = _cell_spans(lines.texts[row]) if row < len(lines.texts) else []
        elif cell:
            column += 1
        offsets = None
        if tok.content and not cell:
            offsets = _locate(lines, tok.map[0], tok.content, None)
        elif tok.content and column < len(spans):
            offsets = _locate(lines, row, tok.content, spans[column])
        if offsets is None:
            continue
        walk = InlineWalk(tok.content)
        try:
            walk.tokens(tok.children or [])
            if walk.pos != len(tok.content):
                raise Misaligned("trailing content")
        except Misaligned:
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
    return MarkdownDoc(path, text, fm, tuple(units), lang_fields, title, tuple(html_blocks))


def _html_block(lines: _Lines, tok: Token, masked: str) -> HtmlBlock | None:
    """The block's span when its source lines are exactly its content (no container prefix, no template)."""
    assert tok.map is not None
    first, last = tok.map[0], tok.map[1] - 1
    if last >= len(lines.texts):
        return None
    start, end = lines.starts[first], lines.starts[last] + len(lines.texts[last])
    body = "\n".join(lines.texts[first : last + 1])
    if body != tok.content.removesuffix("\n") or MASK_START in body or MASK in body:
        return None
    return HtmlBlock(start, end, first + 1)

"""Markdown and plain-text articles as HTML documents, with a source line map.

Both public functions are pure and return ``(html, line_map)``: a complete HTML5
document (no trailing newline) and, for each ``html.split("\\n")`` line, the
1-based line of the *original* text it shows.  Every block element starts on
its own HTML line; a paragraph keeps one HTML line per source line; code blocks
end with ``</code></pre>`` on their last code line.  The ``<head>`` line maps
to the line the title came from, other scaffolding to line 1 (before the body)
or to the last input line (after it), container end tags (``</ul>``…) to the
last line of their block; ``\\r\\n`` and ``\\r`` count as one line break.

Raw HTML in Markdown is escaped, never passed through, and character
references stay literal text.  URLs keep only ``http``, ``https``, ``mailto``
or no scheme (``#x``, ``/x``, ``x.html``); anything else becomes ``#``.  NUL,
other C0 controls and lone surrogates become U+FFFD; vertical tab and form
feed become spaces.  Table bodies end at a blank line or a line without ``|``.
"""

from __future__ import annotations

import html as _html
import re
import string
import unicodedata
from dataclasses import dataclass, field
from itertools import groupby, pairwise

__all__ = ["markdown_to_html", "plaintext_to_html"]

_Out = list[tuple[str, int]]  # (one HTML line, source line number)
_Lines = list[tuple[int, str]]  # (source line number, text)

_HARD = "\x00"  # internal marker for "two trailing spaces" (NUL never survives _clean)
_MAX_DEPTH = 32  # deeper block quotes / lists are read as paragraphs
_ASCII_PUNCT = frozenset(string.punctuation)
_ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})

_BAD_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FENCE = re.compile(r"( {0,3})(`{3,}|~{3,})(.*)$")
_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_HR = re.compile(r" {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_QUOTE = re.compile(r" {0,3}>[ \t]?(.*)$")
_ITEM = re.compile(r"( {0,3})([-+*]|(\d{1,9})[.)])([ \t]+|$)(.*)$")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
_DELIM_ROW = re.compile(r" {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_TEXT_RUN = re.compile(r"[^\\`!\[<*_\x00]+")
_RUN = re.compile(r"`+|\*+|_+")
_CODE = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_LINK_TAIL = re.compile(
    r"\([ \t]*(?:<([^<>\n]*)>|((?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*))"
    r"(?:[ \t]+(?:\"((?:[^\"\\\n]|\\.)*)\"|'((?:[^'\\\n]|\\.)*)'|\(((?:[^()\\\n]|\\.)*)\)))?[ \t]*\)"
)
_AUTOLINK = re.compile(
    r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*)>|<([A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]+@"
    r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)*)>"
)
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_PT_LINK = re.compile(r'\[([^\[\]\n]+)\]\(((?:[^\s()]|\([^\s()]*\))*)(?:[ \t]+"([^"\n]*)")?\)')


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _clean(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    lines = _BAD_CHARS.sub("\ufffd", text.replace("\x0b", " ").replace("\x0c", " ")).split("\n")
    return lines[:-1] if len(lines) > 1 and lines[-1] == "" else lines


def _detab(line: str) -> str:
    lead = line[: len(line) - len(line.lstrip(" \t"))]
    return lead.expandtabs(4) + line[len(lead) :]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _safe_url(url: str) -> str:
    """Keep http(s)/mailto and scheme-less URLs; anything else becomes '#'."""
    m = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", re.sub(r"[\x00-\x20\x7f]+", "", url))
    return "#" if m and m.group(1).lower() not in _ALLOWED_SCHEMES else url


def _strip_tags(s: str) -> str:
    """Remove tags but keep the newlines inside them (so line counts stay exact)."""
    return re.sub(r"<[^>]*>", lambda m: "\n" * m.group().count("\n"), s)


def _spread(text: str, numbers: list[int]) -> _Out:
    """Pair the lines of ``text`` with their source line numbers."""
    parts = text.split("\n")
    return list(zip(parts, numbers[: len(parts)] + [numbers[-1]] * (len(parts) - len(numbers))))


def _first_line_title(body: _Out, limit: int = 80) -> tuple[str, int]:
    """The first line of visible text (truncated to ``limit``) and its source line."""
    texts = _html.unescape(_strip_tags("\n".join(t for t, _ in body))).split("\n")
    first, no = next(((" ".join(t.split()), n) for t, (_, n) in zip(texts, body) if t.strip()), ("", 1))
    if len(first) <= limit:
        return first, no
    cut, space = first[: limit - 1], first.rfind(" ", 0, limit)  # cut at a word boundary if one is near
    return (cut[:space] if space >= limit // 2 else cut).rstrip() + "\u2026", no


def _document(body: _Out, title: tuple[str, int], lang: str | None, nlines: int) -> tuple[str, list[int]]:
    lang_attr = "" if lang is None else f' lang="{_esc(lang)}"'
    head = f'<head><meta charset="utf-8"><title>{_esc(" ".join(title[0].split()))}</title></head>'
    lines = [("<!DOCTYPE html>", 1), (f"<html{lang_attr}>", 1), (head, title[1]), ("<body>", 1), *body]
    lines += [("</body>", nlines), ("</html>", nlines)]
    return "\n".join(t for t, _ in lines), [n for _, n in lines]


@dataclass
class _Delim:
    """A run of ``*`` or ``_``; matched runs collect the tags they stand for."""

    char: str
    count: int
    orig: int
    can_open: bool
    can_close: bool
    opens: list[str] = field(default_factory=list)
    closes: list[str] = field(default_factory=list)

    def render(self) -> str:
        return "".join(self.closes) + self.char * self.count + "".join(reversed(self.opens))


def _kind(ch: str) -> str:
    """'w' whitespace (or line edge), 'p' Unicode punctuation or symbol, 'a' anything else."""
    if ch in ("", _HARD) or ch.isspace():
        return "w"
    return "p" if unicodedata.category(ch)[0] in "PS" else "a"


def _run(src: str, i: int) -> int:
    m = _RUN.match(src, i)
    return m.end() - i if m else 0


def _link_at(src: str, i: int) -> tuple[str, str, str | None, int] | None:
    """Parse ``[label](dest "title")`` with ``src[i] == '['``: label, dest, title, end."""
    depth, j = 0, i
    while j < len(src):
        if src[j] == "\\":
            j += 1
        elif src[j] == "`":  # brackets inside code spans do not count
            code = _CODE.match(src, j)
            j = (code.end() if code else j + _run(src, j)) - 1
        elif src[j] in "[]":
            depth += 1 if src[j] == "[" else -1
            if depth == 0:
                break
        j += 1
    m = _LINK_TAIL.match(src, j + 1) if depth == 0 else None
    if m is None:
        return None
    title = next((_MD_ESCAPE.sub(r"\1", g) for g in m.groups()[2:] if g is not None), None)
    dest = m.group(1) if m.group(1) is not None else m.group(2)
    return src[i + 1 : j], _MD_ESCAPE.sub(r"\1", dest), title, m.end()


def _emphasis(nodes: list[str | _Delim]) -> str:
    """CommonMark's "process emphasis" over the delimiter runs in ``nodes``."""
    act = [x for x in nodes if isinstance(x, _Delim)]
    ci = 0
    while ci < len(act):
        closer, oi = act[ci], ci - 1 if act[ci].can_close else -1
        while oi >= 0:
            op = act[oi]
            if op.char == closer.char and op.can_open:
                rule_of_3 = (op.can_close or closer.can_open) and (op.orig + closer.orig) % 3 == 0
                if not rule_of_3 or (op.orig % 3 == 0 and closer.orig % 3 == 0):
                    break
            oi -= 1
        if oi < 0:
            ci += 1
            continue
        op = act[oi]
        use = 2 if op.count >= 2 and closer.count >= 2 else 1
        tag = "strong" if use == 2 else "em"
        op.count, closer.count = op.count - use, closer.count - use
        op.opens.append(f"<{tag}>")
        closer.closes.append(f"</{tag}>")
        del act[oi + 1 : ci]  # delimiters between opener and closer stay literal
        ci = oi + 1
        if op.count == 0:
            del act[oi]
            ci -= 1
        if closer.count == 0:
            del act[ci]
    return "".join(x if isinstance(x, str) else x.render() for x in nodes)


def _inline(src: str, links: bool = True, depth: int = 0) -> str:
    """Render inline Markdown; the result has exactly as many newlines as ``src``."""
    nodes: list[str | _Delim] = []
    i = 0
    while i < len(src):
        c = src[i]
        if m := _TEXT_RUN.match(src, i):
            nodes.append(_esc(m.group()))
            i = m.end()
        elif c == "\\":
            nxt = src[i + 1 : i + 2]
            escaped = nxt != "" and nxt in _ASCII_PUNCT
            nodes.append("<br>" if nxt == "\n" else _esc(nxt) if escaped else "\\")
            i += 2 if escaped else 1
        elif c == _HARD:
            nodes.append("<br>")
            i += 1
        elif m := _CODE.match(src, i):
            code = m.group(2).replace(_HARD, "  ")
            if len(code) > 2 and code[0] == code[-1] == " " and code.strip(" "):
                code = code[1:-1]
            nodes.append(f"<code>{_esc(code)}</code>")
            i = m.end()
        elif c == "`":  # a run of backticks without a closing run is literal
            k = _run(src, i)
            nodes.append(c * k)
            i += k
        elif (c == "[" and links or src.startswith("![", i) and depth < 8) and (link := _link_at(src, i + (c == "!"))):
            label, url, title, i = link
            attrs = ("" if title is None else f' title="{_esc(title)}"') + ">"
            inner = _inline(label, False, depth + 1)
            if c == "!":
                nodes.append(f'<img src="{_esc(_safe_url(url))}" alt="{_strip_tags(inner)}"{attrs}')
            else:
                nodes.append(f'<a href="{_esc(_safe_url(url))}"{attrs}{inner}</a>')
        elif c == "<" and (auto := _AUTOLINK.match(src, i)):
            target = auto.group(1) or "mailto:" + auto.group(2)
            nodes.append(f'<a href="{_esc(_safe_url(target))}">{_esc(auto.group(1) or auto.group(2))}</a>')
            i = auto.end()
        elif c in "*_":
            k = _run(src, i)
            before, after = _kind(src[i - 1 : i]), _kind(src[i + k : i + k + 1])
            left = after != "w" and (after != "p" or before != "a")  # CommonMark flanking rules
            right = before != "w" and (before != "p" or after != "a")
            if c == "_":  # no intraword emphasis with underscores: snake_case stays text
                left, right = left and (not right or before == "p"), right and (not left or after == "p")
            nodes.append(_Delim(c, k, k, left, right))
            i += k
        else:
            nodes.append(_esc(c))
            i += 1
    return _emphasis(nodes)


@dataclass
class _Block:
    start: int
    end: int
    out: _Out
    para: bool = False


def _starts_block(line: str, any_item: bool) -> bool:
    """Does ``line`` interrupt a paragraph (``any_item``: or end a lazy continuation)?"""
    if _FENCE.match(line) or _ATX.match(line) or _HR.match(line) or _QUOTE.match(line):
        return True
    m = _ITEM.match(line)
    return m is not None and (any_item or bool(m.group(5).strip()) and m.group(3) in (None, "1"))


def _lazy(line: str) -> str:
    """A lazy paragraph continuation line: never a setext underline inside the container."""
    text = line.lstrip()
    return "\\" + text if _SETEXT.match(text) else text


def _cells(line: str) -> list[str]:
    s = line.strip().removeprefix("|")
    s = s[:-1] if s.endswith("|") and not s.endswith("\\|") else s
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", s)]


def _table_at(lines: _Lines, j: int) -> bool:
    if j + 1 >= len(lines):
        return False
    head, delim = lines[j][1], lines[j + 1][1]
    if "|" not in head or "|" not in delim or _indent(head) >= 4 or not _DELIM_ROW.match(delim):
        return False
    return len(_cells(head)) == len(_cells(delim))


def _para_text(lines: _Lines) -> str:
    last = len(lines) - 1
    return "\n".join(t.strip() + (_HARD if k < last and t.endswith("  ") else "") for k, (_, t) in enumerate(lines))


def _wrap(out: _Out, head: str, tail: str) -> _Out:
    """Put ``head`` before the first line and ``tail`` after the last line."""
    out = out.copy()
    out[0] = (head + out[0][0], out[0][1])
    out[-1] = (out[-1][0] + tail, out[-1][1])
    return out


def _pre(body: _Lines, cls: str, no: int) -> _Out:
    return _wrap([(_esc(text), n) for n, text in body] or [("", no)], f"<pre><code{cls}>", "</code></pre>")


def _join(blocks: list[_Block], tight: bool = False) -> _Out:
    """The blocks' HTML lines; paragraphs get ``<p>`` unless in a tight list."""
    return [pair for b in blocks for pair in (_wrap(b.out, "<p>", "</p>") if b.para and not tight else b.out)]


class _Markdown:
    def __init__(self) -> None:
        self.first_heading: tuple[str, int] | None = None  # plain text and line, for the title

    def blocks(self, lines: _Lines, depth: int) -> list[_Block]:
        res: list[_Block] = []
        i, containers = 0, depth < _MAX_DEPTH
        while i < len(lines):
            no, line = lines[i]
            if not line.strip():
                i += 1
            elif _indent(line) >= 4:
                body: _Lines = []
                while i < len(lines) and (not lines[i][1].strip() or _indent(lines[i][1]) >= 4):
                    body.append((lines[i][0], lines[i][1][4:]))
                    i += 1
                while not body[-1][1].strip():
                    body.pop()
                res.append(_Block(no, body[-1][0], _pre(body, "", no)))
            elif (m := _FENCE.match(line)) and not (m.group(2)[0] == "`" and "`" in m.group(3)):
                i = self.fenced(lines, i, m, res)
            elif m := _ATX.match(line):
                content = re.sub(r"(?:^|[ \t]+)#+[ \t]*$", "", m.group(2) or "")
                res.append(self.heading(len(m.group(1)), [(no, content)], no))
                i += 1
            elif _HR.match(line):
                res.append(_Block(no, no, [("<hr>", no)]))
                i += 1
            elif containers and _QUOTE.match(line):
                i = self.quote(lines, i, depth, res)
            elif containers and _ITEM.match(line):
                i = self.list_block(lines, i, depth, res)
            elif _table_at(lines, i):
                i = self.table(lines, i, res)
            else:
                i = self.paragraph(lines, i, res)
        return res

    def heading(self, level: int, lines: _Lines, end: int) -> _Block:
        rendered = _inline(_para_text(lines))
        plain = " ".join(_html.unescape(_strip_tags(rendered)).split())
        if self.first_heading is None and plain:
            self.first_heading = plain, lines[0][0]
        return _Block(lines[0][0], end, _wrap(_spread(rendered, [n for n, _ in lines]), f"<h{level}>", f"</h{level}>"))

    def fenced(self, lines: _Lines, i: int, m: re.Match[str], res: list[_Block]) -> int:
        no, pad, fence, info = lines[i][0], len(m.group(1)), m.group(2), m.group(3).strip()
        closing = re.compile(rf" {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        body: _Lines = []
        end, j = lines[-1][0], i + 1
        while j < len(lines):
            n, line = lines[j]
            j += 1
            if closing.match(line):
                end = n
                break
            body.append((n, line[min(pad, _indent(line)) :]))
        cls = f' class="language-{_esc(info.split()[0])}"' if info else ""
        res.append(_Block(no, end, _pre(body, cls, no)))
        return j

    def paragraph(self, lines: _Lines, i: int, res: list[_Block]) -> int:
        para, j = [lines[i]], i + 1
        while j < len(lines) and lines[j][1].strip():
            if setext := _SETEXT.match(lines[j][1]):
                res.append(self.heading(1 if setext.group(1)[0] == "=" else 2, para, lines[j][0]))
                return j + 1
            if _starts_block(lines[j][1], False) or _table_at(lines, j):
                break
            para.append(lines[j])
            j += 1
        res.append(_Block(para[0][0], para[-1][0], _spread(_inline(_para_text(para)), [n for n, _ in para]), True))
        return j

    def quote(self, lines: _Lines, i: int, depth: int, res: list[_Block]) -> int:
        inner: _Lines = []
        while i < len(lines):
            no, line = lines[i]
            if m := _QUOTE.match(line):
                inner.append((no, _detab(m.group(1))))
            elif line.strip() and inner[-1][1].strip() and not _starts_block(line, True):
                inner.append((no, _lazy(line)))
            else:
                break
            i += 1
        out = [("<blockquote>", inner[0][0]), *_join(self.blocks(inner, depth + 1)), ("</blockquote>", inner[-1][0])]
        res.append(_Block(inner[0][0], inner[-1][0], out))
        return i

    def item_lines(self, lines: _Lines, i: int, m: re.Match[str]) -> tuple[_Lines, int]:
        no, line = lines[i]
        width, spaces, content = len(m.group(1)) + len(m.group(2)), len(m.group(4)), m.group(5)
        indent = width + 1 if not content.strip() or spaces > 4 else width + spaces
        out: _Lines = [(no, _detab(line[width + 1 :]) if spaces > 4 else content)]
        j = i + 1
        while j < len(lines):
            n, text = lines[j]
            if not text.strip():
                if len(out) == 1 and not content.strip():
                    break  # an item may start with at most one blank line
                out.append((n, ""))
            elif _indent(text) >= indent:
                out.append((n, text[indent:]))
            elif out[-1][1].strip() and not _starts_block(text, True):
                out.append((n, _lazy(text)))
            else:
                break
            j += 1
        while len(out) > 1 and not out[-1][1].strip():
            out.pop()
            j -= 1
        return out, j

    def list_block(self, lines: _Lines, i: int, depth: int, res: list[_Block]) -> int:
        m = _ITEM.match(lines[i][1])
        assert m is not None
        kind, number = m.group(2)[-1], m.group(3)
        items: list[tuple[int, int, list[_Block]]] = []
        while m is not None:
            body, i = self.item_lines(lines, i, m)
            blocks = self.blocks(body, depth + 1)
            items.append((body[0][0], max([body[0][0]] + [b.end for b in blocks]), blocks))
            k = i
            while k < len(lines) and not lines[k][1].strip():
                k += 1
            m = _ITEM.match(lines[k][1]) if k < len(lines) and not _HR.match(lines[k][1]) else None
            if m is not None and m.group(2)[-1] == kind:
                i = k
            else:
                m = None
        loose = any(b[0] > a[1] + 1 for a, b in pairwise(items))
        loose = loose or any(b.start > a.end + 1 for _, _, bl in items for a, b in pairwise(bl))
        tag = "ul" if number is None else "ol"
        start = f' start="{int(number)}"' if number is not None and int(number) != 1 else ""
        out: _Out = [(f"<{tag}{start}>", items[0][0])]
        for first, _, blocks in items:
            out += _wrap(_join(blocks, tight=not loose) or [("", first)], "<li>", "</li>")
        res.append(_Block(items[0][0], items[-1][1], [*out, (f"</{tag}>", items[-1][1])]))
        return i

    def table(self, lines: _Lines, i: int, res: list[_Block]) -> int:
        (no, head), (dno, delim) = lines[i], lines[i + 1]
        sides = {(True, True): "center", (True, False): "left", (False, True): "right"}
        aligns = [sides.get((c.startswith(":"), c.endswith(":"))) for c in _cells(delim)]

        def row(text: str, tag: str) -> str:
            cells = (_cells(text) + [""] * len(aligns))[: len(aligns)]
            styles = [f' style="text-align: {a}"' if a else "" for a in aligns]
            return "<tr>" + " ".join(f"<{tag}{s}>{_inline(c)}</{tag}>" for s, c in zip(styles, cells)) + "</tr>"

        out = [("<table>", no), ("<thead>", no), (row(head, "th"), no), ("</thead>", dno)]
        rows: _Out = []
        i += 2
        while i < len(lines) and "|" in lines[i][1] and lines[i][1].strip() and not _starts_block(lines[i][1], False):
            rows.append((row(lines[i][1], "td"), lines[i][0]))
            i += 1
        if rows:
            out += [("<tbody>", rows[0][1]), *rows, ("</tbody>", rows[-1][1])]
        end = rows[-1][1] if rows else dno
        res.append(_Block(no, end, [*out, ("</table>", end)]))
        return i


def markdown_to_html(text: str, *, lang: str | None = None, title: str | None = None) -> tuple[str, list[int]]:
    """Convert a Markdown article to ``(html_document, line_map)``.

    The title is ``title``, else the first heading's plain text, else the first
    line of content (markup removed) truncated to 80 characters.
    """
    lines = _clean(text)
    md = _Markdown()
    blocks = md.blocks([(k + 1, _detab(line)) for k, line in enumerate(lines)], 0)
    body = _join(blocks)
    if title is not None:
        return _document(body, (title, 1), lang, len(lines))
    return _document(body, md.first_heading or _first_line_title(body), lang, len(lines))


def _plain_inline(line: str) -> str:
    out, pos = [], 0
    for m in _PT_LINK.finditer(line):
        title = "" if m.group(3) is None else f' title="{_esc(m.group(3))}"'
        out += [_esc(line[pos : m.start()]), f'<a href="{_esc(_safe_url(m.group(2)))}"{title}>{_esc(m.group(1))}</a>']
        pos = m.end()
    return "".join(out) + _esc(line[pos:])


def plaintext_to_html(text: str, *, lang: str | None = None) -> tuple[str, list[int]]:
    """Convert a plain-text article to ``(html_document, line_map)``.

    Blank lines separate paragraphs; a first paragraph that is a single line
    under 200 characters without final ``. ! ? : …`` becomes the ``<h1>``
    headline.  ``[text](url)`` links are the only markup; the title is the
    first line (the headline) truncated to 80 characters.
    """
    lines = _clean(text)
    stripped = ((no, line.strip()) for no, line in enumerate(lines, 1))
    paras = [list(group) for filled, group in groupby(stripped, key=lambda pair: pair[1] != "") if filled]
    body: _Out = []
    for k, para in enumerate(paras):
        core = para[0][1].rstrip("\"'\u201d\u2019\u00bb)]")  # 'He said "go."' ends a sentence too
        headline = k == 0 and len(para) == 1 and len(para[0][1]) < 200 and core[-1:] not in tuple(".!?:\u2026")
        tag = "h1" if headline else "p"
        content = "\n".join(_plain_inline(t) for _, t in para)
        body += _spread(f"<{tag}>{content}</{tag}>", [n for n, _ in para])
    return _document(body, _first_line_title(body), lang, len(lines))

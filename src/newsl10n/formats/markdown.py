"""Markdown and plain text articles as HTML documents, with a line map.

Both public functions are pure (no I/O) and return ``(html, line_map)``:
``html`` is a complete HTML5 document without a trailing newline, and
``line_map[i]`` is the 1-based line of the *original* text that produced
``html.split("\\n")[i]``, so ``len(line_map) == html.count("\\n") + 1``.
Every block element starts on its own HTML line.  The scaffolding before the
body maps to line 1, ``</body>``/``</html>`` map to the last input line,
container end tags (``</ul>``, ``</blockquote>``, ``</table>``) to the last
line of their block.  Lines are split on ``\\n`` only (``\\r\\n`` and ``\\r``
count as one line break, as when a file is read with universal newlines).

Decisions worth knowing:

* Raw HTML in Markdown is NOT passed through: ``<b>`` stays the text
  ``<b>``.  Character references are not decoded either (``&copy;`` stays
  literal text).  Link reference definitions and footnotes are not supported.
* ``href``/``src`` keep only ``http``, ``https``, ``mailto`` or scheme-less
  (relative, ``/x``, ``#frag``) URLs; any other scheme becomes ``#``.
* Fenced/indented code keeps one HTML line per source line and the closing
  ``</code></pre>`` sits on the last code line (no trailing newline in code).
* Tables end at the first blank line or line without ``|``; lazy
  continuation lines are accepted in block quotes and list items.
* NUL, other C0 controls (except tab/newline) and lone surrogates become
  U+FFFD; vertical tab and form feed become spaces.
"""

from __future__ import annotations

import html as _html
import re
import string
import unicodedata
from dataclasses import dataclass, field

__all__ = ["markdown_to_html", "plaintext_to_html"]

_Out = list[tuple[str, int]]  # (one HTML line, source line number)
_Lines = list[tuple[int, str]]  # (source line number, text)

_HARD = "\x00"  # internal marker: "two trailing spaces" hard break
_MAX_DEPTH = 32
_ASCII_PUNCT = frozenset(string.punctuation)
_ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})

_BAD_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FENCE = re.compile(r"( {0,3})(`{3,}|~{3,})(.*)$")
_FENCE_CLOSE = re.compile(r" {0,3}(`+|~+)[ \t]*$")
_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_HR = re.compile(r" {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_QUOTE = re.compile(r" {0,3}>[ \t]?(.*)$")
_ITEM = re.compile(r"( {0,3})([-+*]|(\d{1,9})[.)])([ \t]+|$)(.*)$")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
_DELIM_ROW = re.compile(r" {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_TEXT_RUN = re.compile(r"[^\\`!\[<*_\x00]+")
_LINK_TAIL = re.compile(
    r"\([ \t]*(?:<([^<>\n]*)>|((?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*))"
    r"(?:[ \t]+(?:\"((?:[^\"\\\n]|\\.)*)\"|'((?:[^'\\\n]|\\.)*)'|\(((?:[^()\\\n]|\\.)*)\)))?"
    r"[ \t]*\)"
)
_AUTOLINK = re.compile(
    r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*)>"
    r"|<([A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)*)>"
)
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_PT_LINK = re.compile(r'\[([^\[\]\n]+)\]\(((?:[^\s()]|\([^\s()]*\))*)(?:[ \t]+"([^"\n]*)")?\)')


# ----------------------------------------------------------------- helpers


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _clean(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    text = _BAD_CHARS.sub("\ufffd", text.replace("\x0b", " ").replace("\x0c", " "))
    lines = text.split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


def _detab(line: str) -> str:
    lead = line[: len(line) - len(line.lstrip(" \t"))]
    return lead.expandtabs(4) + line[len(lead) :]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _safe_url(url: str) -> str:
    """Keep http(s)/mailto and scheme-less URLs; anything else becomes '#'."""
    probe = re.sub(r"[\x00-\x20\x7f]+", "", url)
    m = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", probe)
    return "#" if m and m.group(1).lower() not in _ALLOWED_SCHEMES else url


def _strip_tags(s: str) -> str:
    """Remove tags but keep the newlines inside them (line map stays exact)."""
    return re.sub(r"<[^>]*>", lambda m: "\n" * m.group().count("\n"), s)


def _plain(s: str) -> str:
    return " ".join(_html.unescape(_strip_tags(s)).split())


def _truncate(s: str, limit: int = 80) -> str:
    if len(s) <= limit:
        return s
    cut, space = s[: limit - 1], s.rfind(" ", 0, limit)
    return (cut[:space] if space >= limit // 2 else cut).rstrip() + "\u2026"


def _spread(text: str, numbers: list[int]) -> _Out:
    """Pair the lines of ``text`` with source line numbers (one per line)."""
    parts = text.split("\n")
    nums = numbers[: len(parts)] + [numbers[-1]] * (len(parts) - len(numbers))
    return list(zip(parts, nums))


def _first_line_title(body: _Out) -> str:
    for line in _html.unescape(_strip_tags("\n".join(t for t, _ in body))).split("\n"):
        if line.strip():
            return _truncate(" ".join(line.split()))
    return ""


def _document(body: _Out, title: str, lang: str | None, nlines: int) -> tuple[str, list[int]]:
    lang_attr = "" if lang is None else f' lang="{_esc(lang)}"'
    head = f'<head><meta charset="utf-8"><title>{_esc(" ".join(title.split()))}</title></head>'
    lines = [("<!DOCTYPE html>", 1), (f"<html{lang_attr}>", 1), (head, 1), ("<body>", 1)]
    lines += body + [("</body>", nlines), ("</html>", nlines)]
    return "\n".join(t for t, _ in lines), [n for _, n in lines]


# ------------------------------------------------------------------ inline


@dataclass
class _Delim:
    char: str
    count: int
    orig: int
    can_open: bool
    can_close: bool
    opens: list[str] = field(default_factory=list)
    closes: list[str] = field(default_factory=list)

    def render(self) -> str:
        return "".join(self.closes) + self.char * self.count + "".join(reversed(self.opens))


def _ws(ch: str) -> bool:
    return ch == "" or ch == _HARD or ch.isspace()


def _punct(ch: str) -> bool:
    return ch != "" and unicodedata.category(ch)[0] in "PS"


def _run(src: str, i: int, ch: str) -> int:
    j = i
    while j < len(src) and src[j] == ch:
        j += 1
    return j - i


def _find_run(src: str, start: int, ch: str, k: int) -> int:
    """Index of the next run of exactly ``k`` ``ch`` characters, or -1."""
    j = src.find(ch, start)
    while j >= 0:
        r = _run(src, j, ch)
        if r == k:
            return j
        j = src.find(ch, j + r)
    return -1


def _link_at(src: str, i: int) -> tuple[str, str, str | None, int] | None:
    """Parse ``[label](dest "title")`` at ``src[i] == '['``."""
    depth, j, n = 0, i, len(src)
    while j < n:
        ch = src[j]
        if ch == "\\":
            j += 2
            continue
        if ch == "`":
            k = _run(src, j, "`")
            close = _find_run(src, j + k, "`", k)
            j = close + k if close >= 0 else j + k
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                break
        j += 1
    else:
        return None
    m = _LINK_TAIL.match(src, j + 1)
    if m is None:
        return None
    dest = m.group(1) if m.group(1) is not None else m.group(2) or ""
    title = next((g for g in m.groups()[2:] if g is not None), None)
    title = None if title is None else _MD_ESCAPE.sub(r"\1", title)
    return src[i + 1 : j], _MD_ESCAPE.sub(r"\1", dest), title, m.end()


def _emphasis(nodes: list[str | _Delim]) -> str:
    """CommonMark's delimiter-run algorithm, without the bottom optimisation."""
    act = [x for x in nodes if isinstance(x, _Delim)]
    ci = 0
    while ci < len(act):
        closer = act[ci]
        oi = ci - 1 if closer.can_close else -1
        while oi >= 0:
            op = act[oi]
            if op.char == closer.char and op.can_open:
                odd = (op.can_close or closer.can_open) and (op.orig + closer.orig) % 3 == 0
                if not odd or (op.orig % 3 == 0 and closer.orig % 3 == 0):
                    break
            oi -= 1
        if oi < 0:
            ci += 1
            continue
        op = act[oi]
        use = 2 if op.count >= 2 and closer.count >= 2 else 1
        tag = "strong" if use == 2 else "em"
        op.count -= use
        closer.count -= use
        op.opens.append(f"<{tag}>")
        closer.closes.append(f"</{tag}>")
        del act[oi + 1 : ci]
        ci = oi + 1
        if op.count == 0:
            del act[oi]
            ci -= 1
        if closer.count == 0:
            del act[ci]
    return "".join(x if isinstance(x, str) else x.render() for x in nodes)


def _inline(src: str, links: bool = True, depth: int = 0) -> str:
    """Render inline Markdown; the output has exactly as many newlines as ``src``."""
    nodes: list[str | _Delim] = []
    i, n = 0, len(src)
    while i < n:
        m = _TEXT_RUN.match(src, i)
        if m:
            nodes.append(_esc(m.group()))
            i = m.end()
            continue
        c = src[i]
        if c == "\\":
            nxt = src[i + 1 : i + 2]
            if nxt == "\n":
                nodes.append("<br>")
                i += 1
            elif nxt and nxt in _ASCII_PUNCT:
                nodes.append(_esc(nxt))
                i += 2
            else:
                nodes.append("\\")
                i += 1
        elif c == _HARD:
            nodes.append("<br>")
            i += 1
        elif c == "`":
            k = _run(src, i, "`")
            close = _find_run(src, i + k, "`", k)
            if close < 0:
                nodes.append("`" * k)
                i += k
                continue
            code = src[i + k : close].replace(_HARD, "  ")
            if len(code) > 2 and code[0] == code[-1] == " " and code.strip(" "):
                code = code[1:-1]
            nodes.append(f"<code>{_esc(code)}</code>")
            i = close + k
        elif c in "![" and (c == "[" and links or src.startswith("![", i) and depth < 8):
            start = i + 1 if c == "!" else i
            link = _link_at(src, start)
            if link is None:
                nodes.append(c)
                i += 1
                continue
            label, url, title, i = link
            title_attr = "" if title is None else f' title="{_esc(title)}"'
            if c == "!":
                alt = _strip_tags(_inline(label, False, depth + 1))
                nodes.append(f'<img src="{_esc(_safe_url(url))}" alt="{alt}"{title_attr}>')
            else:
                inner = _inline(label, False, depth + 1)
                nodes.append(f'<a href="{_esc(_safe_url(url))}"{title_attr}>{inner}</a>')
        elif c == "<":
            auto = _AUTOLINK.match(src, i)
            if auto is None:
                nodes.append("&lt;")
                i += 1
                continue
            target = auto.group(1) or "mailto:" + auto.group(2)
            nodes.append(f'<a href="{_esc(_safe_url(target))}">{_esc(auto.group(1) or auto.group(2))}</a>')
            i = auto.end()
        elif c in "*_":
            k = _run(src, i, c)
            before, after = src[i - 1 : i], src[i + k : i + k + 1]
            left = not _ws(after) and (not _punct(after) or _ws(before) or _punct(before))
            right = not _ws(before) and (not _punct(before) or _ws(after) or _punct(after))
            if c == "_":  # no intraword emphasis with underscores (snake_case)
                can_open, can_close = left and (not right or _punct(before)), right and (not left or _punct(after))
            else:
                can_open, can_close = left, right
            nodes.append(_Delim(c, k, k, can_open, can_close))
            i += k
        else:
            nodes.append(_esc(c))
            i += 1
    return _emphasis(nodes)


# ------------------------------------------------------------------ blocks


@dataclass
class _Block:
    start: int
    end: int
    out: _Out
    para: bool = False


def _starts_block(line: str, any_item: bool) -> bool:
    """Does ``line`` start a block that interrupts a paragraph?"""
    if _FENCE.match(line) or _ATX.match(line) or _HR.match(line) or _QUOTE.match(line):
        return True
    m = _ITEM.match(line)
    if m is None:
        return False
    return any_item or bool(m.group(5).strip()) and m.group(3) in (None, "1")


def _cells(line: str) -> list[str]:
    s = line.strip()
    s = s[1:] if s.startswith("|") else s
    s = s[:-1] if s.endswith("|") and not s.endswith("\\|") else s
    cells, cur, i = [], [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            cur.append("|" if s[i + 1] == "|" else s[i : i + 2])
            i += 2
        elif s[i] == "|":
            cells.append("".join(cur).strip())
            cur, i = [], i + 1
        else:
            cur.append(s[i])
            i += 1
    return cells + ["".join(cur).strip()]


def _table_at(lines: _Lines, j: int) -> bool:
    if j + 1 >= len(lines):
        return False
    head, delim = lines[j][1], lines[j + 1][1]
    if "|" not in head or "|" not in delim or _indent(head) >= 4 or not _DELIM_ROW.match(delim):
        return False
    return len(_cells(head)) == len(_cells(delim))


def _para_text(lines: _Lines) -> str:
    parts = []
    for k, (_, line) in enumerate(lines):
        text = line.strip()
        if k < len(lines) - 1 and line.endswith("  "):
            text += _HARD
        parts.append(text)
    return "\n".join(parts)


def _pre(body: _Lines, cls: str, no: int) -> _Out:
    if not body:
        return [(f"<pre><code{cls}></code></pre>", no)]
    out = [(_esc(text), n) for n, text in body]
    out[0] = (f"<pre><code{cls}>" + out[0][0], out[0][1])
    out[-1] = (out[-1][0] + "</code></pre>", out[-1][1])
    return out


class _Markdown:
    def __init__(self) -> None:
        self.heading: str | None = None

    def heading_block(self, level: int, lines: _Lines, end: int) -> _Block:
        rendered = _inline(_para_text(lines))
        if self.heading is None:
            self.heading = _plain(rendered)
        out = _spread(f"<h{level}>{rendered}</h{level}>", [n for n, _ in lines])
        return _Block(lines[0][0], end, out)

    def blocks(self, lines: _Lines, depth: int) -> list[_Block]:
        res: list[_Block] = []
        i, n = 0, len(lines)
        while i < n:
            no, line = lines[i]
            containers = depth < _MAX_DEPTH
            if not line.strip():
                i += 1
            elif _indent(line) >= 4:
                body: _Lines = []
                while i < n and (not lines[i][1].strip() or _indent(lines[i][1]) >= 4):
                    body.append((lines[i][0], lines[i][1][4:]))
                    i += 1
                while not body[-1][1].strip():
                    body.pop()
                res.append(_Block(no, body[-1][0], _pre(body, "", no)))
            elif (m := _FENCE.match(line)) and not (m.group(2)[0] == "`" and "`" in m.group(3)):
                i = self.fenced(lines, i, m, res)
            elif m := _ATX.match(line):
                content = re.sub(r"(?:^|[ \t]+)#+[ \t]*$", "", m.group(2) or "")
                res.append(self.heading_block(len(m.group(1)), [(no, content)], no))
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

    def fenced(self, lines: _Lines, i: int, m: re.Match[str], res: list[_Block]) -> int:
        no, pad, fence, info = lines[i][0], len(m.group(1)), m.group(2), m.group(3).strip()
        body: _Lines = []
        end, j = lines[-1][0], i + 1
        while j < len(lines):
            n2, line = lines[j]
            j += 1
            close = _FENCE_CLOSE.match(line)
            if close and close.group(1)[0] == fence[0] and len(close.group(1)) >= len(fence):
                end = n2
                break
            body.append((n2, line[min(pad, _indent(line)) :]))
        cls = f' class="language-{_esc(info.split()[0])}"' if info else ""
        res.append(_Block(no, end, _pre(body, cls, no)))
        return j

    def paragraph(self, lines: _Lines, i: int, res: list[_Block]) -> int:
        para, j, level = [lines[i]], i + 1, 0
        while j < len(lines):
            line = lines[j][1]
            if not line.strip():
                break
            if setext := _SETEXT.match(line):
                level = 1 if setext.group(1)[0] == "=" else 2
                break
            if _starts_block(line, False) or _table_at(lines, j):
                break
            para.append(lines[j])
            j += 1
        if level:
            res.append(self.heading_block(level, para, lines[j][0]))
            return j + 1
        out = _spread(f"<p>{_inline(_para_text(para))}</p>", [n for n, _ in para])
        res.append(_Block(para[0][0], para[-1][0], out, para=True))
        return j

    def quote(self, lines: _Lines, i: int, depth: int, res: list[_Block]) -> int:
        inner: _Lines = []
        while i < len(lines):
            no, line = lines[i]
            if m := _QUOTE.match(line):
                inner.append((no, m.group(1)))
            elif line.strip() and inner[-1][1].strip() and not _starts_block(line, False):
                inner.append((no, line.lstrip()))  # lazy continuation
            else:
                break
            i += 1
        out: _Out = [("<blockquote>", inner[0][0])]
        for block in self.blocks([(n, _detab(t)) for n, t in inner], depth + 1):
            out += block.out
        out.append(("</blockquote>", inner[-1][0]))
        res.append(_Block(inner[0][0], inner[-1][0], out))
        return i

    def item_lines(self, lines: _Lines, i: int, m: re.Match[str]) -> tuple[_Lines, int]:
        no, line = lines[i]
        width, spaces, content = len(m.group(1)) + len(m.group(2)), len(m.group(4)), m.group(5)
        indent = width + 1 if not content.strip() or spaces > 4 else width + spaces
        out: _Lines = [(no, _detab(line[width + 1 :]) if spaces > 4 else content)]
        j = i + 1
        while j < len(lines):
            nj, text = lines[j]
            if not text.strip():
                if len(out) == 1 and not content.strip():
                    break  # an item may start with at most one blank line
                out.append((nj, ""))
            elif _indent(text) >= indent:
                out.append((nj, text[indent:]))
            elif out[-1][1].strip() and not _starts_block(text, True):
                out.append((nj, text.lstrip()))  # lazy continuation
            else:
                break
            j += 1
        while len(out) > 1 and not out[-1][1].strip():
            out.pop()
            j -= 1
        return out, j

    def list_block(self, lines: _Lines, i: int, depth: int, res: list[_Block]) -> int:
        first = _ITEM.match(lines[i][1])
        assert first is not None
        kind = first.group(2)[-1]
        ordered = first.group(3) is not None
        items: list[tuple[int, int, list[_Block]]] = []
        j = i
        while True:
            m = _ITEM.match(lines[j][1])
            assert m is not None
            body, j = self.item_lines(lines, j, m)
            blocks = self.blocks(body, depth + 1)
            items.append((body[0][0], max([body[0][0]] + [b.end for b in blocks]), blocks))
            k = j
            while k < len(lines) and not lines[k][1].strip():
                k += 1
            nxt = _ITEM.match(lines[k][1]) if k < len(lines) else None
            if nxt is None or nxt.group(2)[-1] != kind or _HR.match(lines[k][1]):
                break
            j = k
        loose = any(b[0] > a[1] + 1 for a, b in zip(items, items[1:]))
        for _, _, blocks in items:
            loose = loose or any(b.start > a.end + 1 for a, b in zip(blocks, blocks[1:]))
        tag = "ol" if ordered else "ul"
        start_attr = f' start="{int(first.group(3))}"' if ordered and int(first.group(3)) != 1 else ""
        out: _Out = [(f"<{tag}{start_attr}>", items[0][0])]
        for start, _, blocks in items:
            content: _Out = []
            for b in blocks:
                if b.para and not loose:
                    content += [(b.out[0][0][3:], b.out[0][1])] + b.out[1:]
                    content[-1] = (content[-1][0][:-4], content[-1][1])
                else:
                    content += b.out
            if not content:
                out.append(("<li></li>", start))
                continue
            content[0] = ("<li>" + content[0][0], content[0][1])
            content[-1] = (content[-1][0] + "</li>", content[-1][1])
            out += content
        out.append((f"</{tag}>", items[-1][1]))
        res.append(_Block(items[0][0], items[-1][1], out))
        return j

    def table(self, lines: _Lines, i: int, res: list[_Block]) -> int:
        (no, head), (dno, delim) = lines[i], lines[i + 1]
        aligns = []
        for cell in _cells(delim):
            side = {(True, True): "center", (True, False): "left", (False, True): "right"}
            align = side.get((cell.startswith(":"), cell.endswith(":")))
            aligns.append(f' style="text-align: {align}"' if align else "")

        def row(text: str, cell_tag: str) -> str:
            cells = (_cells(text) + [""] * len(aligns))[: len(aligns)]
            tds = (f"<{cell_tag}{a}>{_inline(c)}</{cell_tag}>" for a, c in zip(aligns, cells))
            return "<tr>" + "".join(tds) + "</tr>"

        out = [("<table>", no), ("<thead>", no), (row(head, "th"), no), ("</thead>", dno)]
        j = i + 2
        rows: _Out = []
        while j < len(lines) and "|" in lines[j][1] and lines[j][1].strip():
            if _starts_block(lines[j][1], False):
                break
            rows.append((row(lines[j][1], "td"), lines[j][0]))
            j += 1
        if rows:
            out += [("<tbody>", rows[0][1])] + rows + [("</tbody>", rows[-1][1])]
        end = rows[-1][1] if rows else dno
        res.append(_Block(no, end, out + [("</table>", end)]))
        return j


# ------------------------------------------------------------------ public


def markdown_to_html(text: str, *, lang: str | None = None, title: str | None = None) -> tuple[str, list[int]]:
    """Convert a Markdown article to ``(html_document, line_map)``.

    The title is ``title``, else the first heading's plain text, else the
    first line of content truncated to 80 characters.
    """
    lines = _clean(text)
    md = _Markdown()
    blocks = md.blocks([(k + 1, _detab(line)) for k, line in enumerate(lines)], 0)
    body = [pair for block in blocks for pair in block.out]
    if title is None:
        title = md.heading if md.heading is not None else _first_line_title(body)
    return _document(body, title, lang, len(lines))


def _plain_inline(line: str) -> str:
    out, pos = [], 0
    for m in _PT_LINK.finditer(line):
        title = "" if m.group(3) is None else f' title="{_esc(m.group(3))}"'
        out += [_esc(line[pos : m.start()]), f'<a href="{_esc(_safe_url(m.group(2)))}"{title}>{_esc(m.group(1))}</a>']
        pos = m.end()
    return "".join(out) + _esc(line[pos:])


def _is_headline(line: str) -> bool:
    core = line.rstrip("\"'\u201d\u2019\u00bb)]")
    return len(line) < 200 and core[-1:] not in (".", "!", "?", ":", "\u2026")


def plaintext_to_html(text: str, *, lang: str | None = None) -> tuple[str, list[int]]:
    """Convert a plain-text article to ``(html_document, line_map)``.

    Blank lines separate paragraphs; a first paragraph that is one line
    under 200 characters without final ``. ! ? : …`` is the ``<h1>``
    headline (and the title).  Only ``[text](url)`` links are markup.
    """
    lines = _clean(text)
    paras: list[_Lines] = [[]]
    for no, line in enumerate(lines, 1):
        if line.strip():
            paras[-1].append((no, line.strip()))
        elif paras[-1]:
            paras.append([])
    body: _Out = []
    for k, para in enumerate(p for p in paras if p):
        tag = "h1" if k == 0 and len(para) == 1 and _is_headline(para[0][1]) else "p"
        content = "\n".join(_plain_inline(t) for _, t in para)
        body += _spread(f"<{tag}>{content}</{tag}>", [n for n, _ in para])
    return _document(body, _first_line_title(body), lang, len(lines))

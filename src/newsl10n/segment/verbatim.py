"""URLs, e-mail addresses and file names inside sentences become inline codes, kept verbatim.

Engines translate them as words: ``…/RubyAward_ApplicationForm_2020.doc``
came back lowercased and marked unknown.  After a block is cut into
sentences, each such span of a segment's text (outside its codes) becomes a
standalone code ``<k/>`` of kind ``LITERAL``, numbered after the block's own
codes; the catalog's legend shows the text (``<4/> = the text
'ruby.award@spbstu.ru'``).  The segment's ``raw`` stays the source text, so
a sentence without a usable translation is still written as it was; the
builder writes these codes back as the very text they stand for
(:func:`restore_verbatim`).  A segment left with no letters outside its
codes (a paragraph that is only a file name) is no segment: it stays in the
page as it is.

What counts:

* a URL: ``http://``, ``https://``, ``ftp://`` or ``www.`` up to the next
  space, without the punctuation that ends a sentence or closes a bracket
  (``see https://x.org/a.`` keeps the full stop as text);
* an e-mail address (``name@host.domain``);
* a file name with a known extension (``SURNAME_Name_diploma.pdf``), with the
  path before it (``/docs/form.doc``, ``…/form.doc`` keeps only the path).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import CODE_RE, Block, CodeKind, InlineCode, Piece, Segment, SegmentedBlock, msgid_text

_EXTENSIONS = (
    "pdf doc docx dot dotx rtf odt ods odp xls xlsx xlsm csv ppt pptx pps ppsx txt md xml json zip rar 7z gz tgz tar "
    "jpg jpeg png gif svg webp tif tiff bmp mp3 mp4 m4a wav avi mov mkv webm djvu epub exe msi dmg apk iso ics vcf"
)
_URL = r"(?:https?://|ftp://|www\.)[^\s<>\"«»“”]+"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_FILE = rf"(?<![\w/.-])(?:[\w~%-]+/|/)*[\w~%-][\w.~%-]*\.(?:{'|'.join(_EXTENSIONS.split())})(?![\w-])"
#: One verbatim span: a URL, an e-mail address or a file name.
VERBATIM_RE = re.compile(rf"{_URL}|{_EMAIL}|{_FILE}", re.IGNORECASE)
#: What every verbatim span holds (a scheme, ``www.``, ``@`` or a known extension): text without it has none.
#: Searching for this first is about 10 times faster on ordinary sentences than :data:`VERBATIM_RE`,
#: whose file-name branch is tried, and backs off, at every word.
_HINT = re.compile(rf"://|www\.|@|\.(?:{'|'.join(_EXTENSIONS.split())})(?![\w-])", re.IGNORECASE)
#: A dot before what may start an extension under IGNORECASE (ASCII letters fold only with these four
#: others): text without it, "@", "://" and "www." (ignoring case) has no :data:`_HINT` either.
_DOT_WORD = re.compile("\\.[7A-Za-z\u0130\u0131\u017f\u212a]")
_TRAILING = ".,;:!?)]}'…"  # sentence punctuation after a URL, not part of it
_LETTER = re.compile(r"[^\W\d_]")


def verbatim_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each URL, e-mail address and file name in ``text``, outside inline codes."""
    if not _may_hold(text) or not _HINT.search(text):
        return []
    masked = CODE_RE.sub(lambda m: " " * len(m.group(0)), text)
    spans: list[tuple[int, int]] = []
    for m in VERBATIM_RE.finditer(masked):
        start, end = m.span()
        while end > start and masked[end - 1] in _TRAILING and not _balanced(masked[start:end]):
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def _may_hold(text: str) -> bool:
    """Whether ``text`` may hold a verbatim span: much cheaper than :data:`_HINT`, never False when it matches."""
    return "@" in text or "://" in text or _DOT_WORD.search(text) is not None or "www." in text.lower()


def _balanced(span: str) -> bool:
    """Keep a closing bracket that closes one opened inside the URL (``…/Foo_(bar)``)."""
    last = span[-1]
    pairs = {")": "(", "]": "[", "}": "{"}
    return last in pairs and span.count(pairs[last]) >= span.count(last)


def protect_verbatim(segmented: SegmentedBlock) -> SegmentedBlock:
    """The block's segments with their URLs, e-mail addresses and file names as ``LITERAL`` codes."""
    # Most blocks hold no span: one look at all their segments at once (what one of them holds, the
    # joined text holds too; the line feed between them is in no span).
    if not _may_hold("\n".join([p.segment.raw for p in segmented.pieces if p.segment is not None])):
        return segmented
    block = segmented.block
    next_id = max((c.id for c in block.codes), default=0) + 1
    pieces: list[Piece] = []
    changed = False
    for piece in segmented.pieces:
        seg = piece.segment
        spans = verbatim_spans(seg.raw) if seg is not None else []
        if seg is None or not spans:
            pieces.append(piece)
            continue
        coded: list[str] = []
        added: dict[int, InlineCode] = {}
        pos = 0
        for start, end in spans:
            code = InlineCode(id=next_id, kind=CodeKind.LITERAL, value=seg.raw[start:end])
            added[next_id] = code
            coded.append(seg.raw[pos:start] + code.placeholder())
            pos, next_id = end, next_id + 1
        coded.append(seg.raw[pos:])
        text = "".join(coded)
        changed = True
        if not _LETTER.search(CODE_RE.sub("", text)):
            pieces.append(Piece(raw=piece.raw))  # only a file name: nothing to translate, kept as it is
            continue
        by_id = {c.id: c for c in seg.codes} | added
        order = [int(m.group(2)) for m in CODE_RE.finditer(text) if m.group(1) != "/"]
        codes = tuple(by_id[n] for n in dict.fromkeys(order) if n in by_id)
        pieces.append(replace(piece, segment=replace(seg, msgid=msgid_text(text), codes=codes)))
    return replace(segmented, pieces=tuple(pieces)) if changed else segmented


def restore_verbatim(text: str, segment: Segment, block: Block) -> str:
    """``text`` (a translation of ``segment``) with the codes :func:`protect_verbatim` added written back as text."""
    if not any(c.kind is CodeKind.LITERAL for c in segment.codes):  # the usual sentence: nothing was protected
        return text
    own = {c.id for c in block.codes}
    values = {c.placeholder(): c.value for c in segment.codes if c.kind is CodeKind.LITERAL and c.id not in own}
    if not values:
        return text
    return CODE_RE.sub(lambda m: values.get(m.group(0), m.group(0)), text)

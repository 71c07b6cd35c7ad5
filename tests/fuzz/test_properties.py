"""Property tests (hypothesis): reader, segmenter, inline codes, PO round trip.

Run longer with ``HYPOTHESIS_PROFILE=long`` (see conftest.py); ``atheris_reader.py``
here is a coverage-guided harness for the reader, not run by pytest.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import tempfile
from pathlib import Path, PurePath

import polib
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from newsl10n.catalog import header
from newsl10n.catalog_model import HUMAN, Catalog, Entry, Origin, OriginKind, Reference
from newsl10n.enforce import repair_codes
from newsl10n.errors import InputError
from newsl10n.formats.html import parse_html
from newsl10n.formats.po import generate_po, parse_po
from newsl10n.model import CODE_RE, Block, CodeKind, InlineCode, check_codes, msgid_text, normalize_space, writable
from newsl10n.segment.blocks import split_block
from newsl10n.stages import build, extract, load_source, validate

from .conftest import FUZZ

# --- the reader: any bytes are an article or an InputError ----------------------------------------------------

PIECES = [
    "<p>", "</p>", "<div>", "</div>", "<b>", "</b>", "<i>", "<a href='/x' title='Go there.'>", "</a>", "<br>", "<br/>",
    "<img src='i.png' alt='A photo.'>", "<span translate='no'>", "</span>", "<code>x()</code>", "<script>if(a<b){}</script>",
    "<style>p{}</style>", "<!-- note -->", "<!--", "-->", "<![CDATA[x]]>", "<?php echo 1 ?>", "&amp;", "&nbsp;", "&#0;",
    "&#x1c;", "&bogus;", "&#xD800;", "<1>", "</2>", "<3/>", "\x00", "\x01", "\x0b", "\x0c", "\x1c", "\x7f", "\x85",
    "\u2028", "\u2029", "\ufeff", "\ufffe", "\ud800", " ", "\n", "\r\n", "\t", "Hello world. ", "Привет, мир. ",
    "Dr. Smith met Prof. Ivanova in St. Petersburg. ", "т. е. ", "¿Qué? ", "1,250.5 ", "🙂 ", "«Цитата». ",
    "<meta charset='koi8-r'>", "<meta charset='x-bogus'>", "<html lang='xx-invalid'>", "<html lang='ru'>",
    "<title>", "</title>", "<table><tr><td>", "<ul><li>", "<p translate='no'>", "<time datetime='2024-13-45'>",
    "<time datetime='2024-03-04'>", "</time>", "Publication date: 4 March 2021", "Дата публикации: 2021.03.04",
    "<meta name='description' content='About it.'>", "<svg><text>x</text></svg>", "<template><p>t</p></template>",
    "<!doctypex>", "<!DOCTYPE html>", "<htmlx>", "<html>", "<body>", "<head>",
]
ENCODINGS = ["utf-8", "utf-16", "cp1251", "latin-1", "koi8-r", "utf-8-sig"]


@st.composite
def article_bytes(draw: st.DrawFn) -> bytes:
    if draw(st.integers(0, 4)) == 0:
        return draw(st.binary(max_size=3000))
    text = "".join(draw(st.lists(st.sampled_from(PIECES) | st.text(max_size=12), max_size=60)))
    encoding = draw(st.sampled_from(ENCODINGS))
    data = text.encode(encoding, "surrogatepass" if encoding.startswith("utf") and draw(st.booleans()) else "replace")
    if data and draw(st.integers(0, 5)) == 0:
        data = data[: draw(st.integers(0, len(data) - 1))]  # cut anywhere, also inside a character
    return data


def _identity(segments: tuple[object, ...]) -> dict[tuple[str | None, str], object]:
    from newsl10n.model import Translation

    return {seg.key: Translation(seg.msgid) for seg in segments}  # type: ignore[attr-defined]


@FUZZ
@given(article_bytes(), st.sampled_from(["a.html", "a.md", "a.txt"]))
def test_reader_parses_or_refuses(data: bytes, name: str) -> None:
    try:
        source = load_source(data, path=PurePath(name), display=name)
        validate(source)
        ex = extract(source, given_lang="en")
    except InputError as exc:
        assert "\n" not in str(exc) and str(exc).startswith(name)
        return
    built = build(source, src_lang="en", tgt_lang="en", lookup=_identity(ex.segments))  # type: ignore[arg-type]
    if built.suffix == ".md":  # Markdown out: the source, byte for byte, when every msgstr is its msgid
        assert source.markdown is not None and built.html == source.markdown.text
    elif built.html.strip():
        parse_html(built.html, path="built.html")  # the built page reads back without an error


# --- the segmenter: pieces add up to the block, every segment's codes balanced -------------------------------

TEXT = st.sampled_from(
    ["Hello", " ", "world", ". ", "Dr. ", "St. ", "i.e. ", "? ", "! ", "…", " — ", "\n", "  ", "3.5", "«", "»", "Ok.", "т. е.", "Да. "]
)


@st.composite
def coded_block(draw: st.DrawFn) -> Block:
    codes: list[InlineCode] = []

    def node(depth: int) -> str:
        out = []
        for _ in range(draw(st.integers(0, 4))):
            kind = draw(st.sampled_from(["text", "text", "text", "pair", "empty", "br"] if depth < 4 else ["text"]))
            if kind == "text":
                out.append("".join(draw(st.lists(TEXT, min_size=1, max_size=5))))
            elif kind == "pair":
                codes.append(InlineCode(len(codes) + 1, CodeKind.PAIRED, tag="b"))
                num = len(codes)
                out.append(f"<{num}>{node(depth + 1)}</{num}>")
            else:
                codes.append(InlineCode(len(codes) + 1, CodeKind.EMPTY, tag="br" if kind == "br" else "img"))
                out.append(f"<{len(codes)}/>")
        return "".join(out)

    return Block(kind="p", text=node(0), codes=tuple(codes), line=1)


@FUZZ
@given(coded_block(), st.sampled_from(["en", "ru", "es"]))
def test_segmenter_pieces_add_up_and_segments_are_balanced(block: Block, lang: str) -> None:
    result = split_block(block, lang)
    assert "".join(piece.raw for piece in result.pieces) == block.text
    for seg in result.segments:
        assert seg.msgid == msgid_text(seg.raw) and seg.msgid
        assert check_codes(seg.raw, seg.raw).ok, seg.raw
        opened = [int(m.group(2)) for m in CODE_RE.finditer(seg.raw) if not m.group(1)]
        assert [c.id for c in seg.codes] == opened


# --- inline codes: a passing check means the codes really match -------------------------------------------------


def codes_really_match(msgid: str, translation: str) -> bool:
    """An independent oracle: the same code tokens, each once, pairs well nested."""
    want = sorted(m.group(0) for m in CODE_RE.finditer(msgid))
    tokens = [m.group(0) for m in CODE_RE.finditer(translation)]
    if sorted(tokens) != want or len(set(tokens)) != len(tokens):
        return False
    stack: list[str] = []
    for tok in tokens:
        if tok.endswith("/>"):
            continue
        if tok.startswith("</"):
            if not stack or stack.pop() != tok[2:-1]:
                return False
        else:
            stack.append(tok[1:-1])
    return not stack


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, str]:
    msgid = normalize_space(draw(coded_block()).text) or "Text."
    parts = re.split(r"(<[^>]*>)", msgid)
    for _ in range(draw(st.integers(0, 3))):
        op = draw(st.sampled_from(["drop", "dup", "swap", "invent", "reshape", "move"]))
        idx = [i for i, p in enumerate(parts) if CODE_RE.fullmatch(p)]
        if op == "invent":
            parts.insert(draw(st.integers(0, len(parts))), draw(st.sampled_from(["<9>", "</9>", "<9/>", "</1/>", "<0>"])))
        elif idx:
            i = draw(st.sampled_from(idx))
            if op == "drop":
                parts[i] = ""
            elif op == "dup":
                parts.insert(draw(st.integers(0, len(parts))), parts[i])
            elif op == "swap":
                j = draw(st.sampled_from(idx))
                parts[i], parts[j] = parts[j], parts[i]
            elif op == "reshape":
                num = CODE_RE.fullmatch(parts[i]).group(2)  # type: ignore[union-attr]
                parts[i] = draw(st.sampled_from([f"<{num}/>", f"<{num}>", f"</{num}>"]))
            else:
                token = parts.pop(i)
                parts.insert(draw(st.integers(0, len(parts))), token)
    return msgid, "".join(parts)


@FUZZ
@given(mutated())
def test_code_check_and_repair_never_pass_broken_codes(case: tuple[str, str]) -> None:
    msgid, translation = case
    assert check_codes(msgid, translation).ok == codes_really_match(msgid, translation)
    repaired = repair_codes(msgid, translation)
    if repaired.ok:
        assert codes_really_match(msgid, repaired.text), (msgid, translation, repaired.text)
        assert CODE_RE.sub("", repaired.text).split() == CODE_RE.sub("", translation).split()  # only codes moved
    else:
        assert repaired.text == translation and not check_codes(msgid, translation).ok


# --- PO round trip: what we write, we read back the same, and msgfmt -c accepts --------------------------------

#: Any text, as the segmenter turns it into a msgid (msgid_text); line separators, controls, quotes included.
UNICODE = st.characters(codec="utf-8")
MSGID = st.text(UNICODE, min_size=1, max_size=40).map(msgid_text).filter(bool)
MSGSTR = st.text(UNICODE, max_size=40).map(lambda s: writable(s).strip("\n"))
MSGFMT = shutil.which("msgfmt")


ORIGINS = [
    HUMAN,
    Origin(OriginKind.MT, "argos:x@1"),
    Origin(OriginKind.MT, "argos:x@1", notes=("term a → b placed", "needs review")),
    Origin(OriginKind.TM, "locales/ru/LC_MESSAGES/a.po", 100.0),
    Origin(OriginKind.TM, "locales/ru/LC_MESSAGES/a.po", 85.0),
    Origin(OriginKind.INTERFACE),
]


@st.composite
def catalog(draw: st.DrawFn) -> Catalog:
    when = dt.datetime(2024, 3, 4, 10, 30, tzinfo=dt.UTC)
    meta = header(project="fuzz", lang=draw(st.sampled_from(["ru", "es", "en"])), src_lang="en", created=when, source="f.html")
    seen: set[tuple[str | None, str]] = set()
    entries: list[Entry] = []
    for msgid in draw(st.lists(MSGID, max_size=8)):
        ctxt = draw(st.none() | st.sampled_from(["codes: 1=a", "codes: 1=b"]))
        if (ctxt, msgid) in seen:
            continue
        seen.add((ctxt, msgid))
        msgstr = draw(MSGSTR)
        obsolete = bool(msgstr) and draw(st.integers(0, 5)) == 0
        fuzzy = bool(msgstr) and draw(st.booleans())
        entries.append(
            Entry(
                msgid=msgid,
                msgctxt=ctxt,
                msgstr=msgstr,
                references=() if obsolete else (Reference("f.html", str(draw(st.integers(1, 99)))),),
                extracted=() if obsolete else draw(st.sampled_from([("block: p",), ("block: p", '<1> = <a href="/x">'), ()])),
                comments=draw(st.sampled_from([(), ("a translator's note",)])),
                origin=draw(st.sampled_from(ORIGINS)),
                obsolete=obsolete,
                fuzzy=fuzzy,
                # polib drops "#~|" lines of obsolete entries (docs/reliability.md, not covered)
                previous_msgid=draw(st.none() | MSGID) if fuzzy and not obsolete else None,
            )
        )
    return Catalog(header=meta, entries=tuple(e for e in entries if not e.obsolete), obsolete=tuple(e for e in entries if e.obsolete))


@FUZZ
@given(catalog())
def test_po_round_trip_and_msgfmt(cat: Catalog) -> None:
    text = generate_po(cat)
    back = parse_po(text, path="f.po")
    assert back == cat  # every field, provenance included
    assert generate_po(back) == text
    independent = polib.pofile(text, wrapwidth=0)  # polib reads what we wrote as we do
    assert [(e.msgctxt, e.msgid, e.msgstr, e.obsolete) for e in independent] == [
        (e.msgctxt, e.msgid, e.msgstr, e.obsolete) for e in (*cat.entries, *cat.obsolete)
    ] or any(ch in text for ch in "\u2028\u2029\x85\x1c\x1d\x1e\x0b\x0c")  # polib's splitlines() breaks there
    if MSGFMT is None:
        pytest.skip("msgfmt is not installed")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "f.po"
        path.write_text(text, encoding="utf-8")
        proc = subprocess.run([MSGFMT, "-c", "-o", "/dev/null", str(path)], capture_output=True, check=False, text=True)
    assume(not _msgfmt_quirk(proc.stderr))
    assert proc.returncode == 0, proc.stderr


def _msgfmt_quirk(stderr: str) -> bool:
    """msgfmt -c checks that a msgstr starts and ends with a newline when its msgid does (none of ours do)."""
    return "beginning with '\\n'" in stderr or "ending with '\\n'" in stderr

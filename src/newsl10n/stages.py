"""One article's stages: source text → segments → catalog, and source + catalog → page.

The workflow (:mod:`newsl10n.workflow`) runs them over many articles and languages.

Works on objects already loaded: bytes in, text and catalogs out.  Parsing
argv and touching the file system belong to the CLI.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import PurePath
from typing import TYPE_CHECKING

from .errors import InputError, UsageError
from .fsio import decode
from .model import (
    BuildProblem,
    Segment,
    SegmentedBlock,
    Translation,
    check_codes,
    keep_source_edges,
    stray_controls,
    stray_markup,
    strip_codes,
)

if TYPE_CHECKING:
    from .formats.html import ParsedHtml
    from .formats.markdown import HtmlBlock, MarkdownDoc, MarkdownOptions

@dataclass(frozen=True)
class Source:
    """An article read from disk, decoded, as HTML text ready to parse."""

    display: str  # the path as written into catalogs and messages
    slug: str
    format: str
    html: str
    encoding: str
    line_map: tuple[int, ...] | None = None
    markdown: MarkdownDoc | None = None  # a Markdown article, read into its units (``html`` is then empty)


@dataclass(frozen=True)
class Extraction:
    source: Source
    lang: str
    blocks: tuple[SegmentedBlock, ...]
    segments: tuple[Segment, ...]  # in document order, msgctxt assigned
    parsed: ParsedHtml | None = field(default=None, compare=False, repr=False)  # the parse, kept for build


@dataclass(frozen=True)
class Built:
    html: str  # the localized article: an HTML page, or Markdown when ``suffix`` is ".md"
    problems: tuple[BuildProblem, ...]
    translated: int
    total: int
    suffix: str = ".html"
    src_lang: str = ""


_BUNDLE_INDEX = frozenset({"index", "_index"})
_LANG_SUFFIX = re.compile(r"\.([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?)$")


def language_suffix(stem: str) -> str | None:
    """The language tag at the end of a file stem (``news.en`` → ``en``), if it is one."""
    from .localize import normalize_lang

    m = _LANG_SUFFIX.search(stem)
    if m is None or m.start() == 0:
        return None
    try:
        return normalize_lang(m.group(1))
    except UsageError:
        return None


def article_slug(path: PurePath) -> str:
    """The article's name for its catalogs: the file stem without a language suffix; a page bundle's folder.

    ``post-a/index.md`` → ``post-a``; ``news.en.md`` and ``news.en.html`` → ``news``.
    """
    stem = path.stem
    if language_suffix(stem) is not None:
        stem = stem[: stem.rfind(".")]
    if stem in _BUNDLE_INDEX and path.parent.name:
        return path.parent.name
    return stem


def load_source(
    data: bytes,
    *,
    path: PurePath,
    display: str,
    encoding: str | None = None,
    lang: str | None = None,
    markdown: MarkdownOptions | None = None,
) -> Source:
    """Decode an article and read it with the reader registered for its suffix: an HTML page, or a
    document of its own (a Markdown article, read into its units)."""
    from .formats.readers import READERS, ReadOptions

    reader = READERS.for_article(path, data)
    decoded = decode(data, path=display, encoding=encoding, markup=reader.markup)
    if not decoded.text.strip():
        raise InputError("the article is empty", path=display)
    page = reader.read(decoded.text, ReadOptions(lang=lang, path=display, markdown=markdown))
    slug = article_slug(path)
    return Source(display, slug, reader.name, page.html, decoded.encoding, page.line_map, markdown=page.markdown)


def validate(source: Source) -> None:
    """Parse the article once, so that one that cannot be read stops a run before anything is written."""
    if source.markdown is None:  # a Markdown article was read when it was loaded
        parse(source)


def parse(source: Source) -> ParsedHtml:
    """The article's page parsed, with its translatable runs: done once per article and run."""
    from .formats.html import parse_html

    return parse_html(source.html, path=source.display, line_map=list(source.line_map) if source.line_map else None)


def source_language(*, given: str | None, declared: str | None, text: Callable[[], str]) -> str:
    """``--from``, else what the document declares, else detection from its text (made only then)."""
    from .localize import normalize_lang

    if given:
        return normalize_lang(given)
    if declared:
        try:
            return normalize_lang(declared)
        except UsageError:  # an odd html lang value: fall back to detection
            pass
    from .langdetect import detect_language

    return detect_language(text())


def _segment(parsed: ParsedHtml, lang: str) -> tuple[list[SegmentedBlock], list[Segment]]:
    from .catalog import assign_contexts
    from .segment.blocks import split_block
    from .segment.verbatim import protect_verbatim

    blocks = [protect_verbatim(split_block(run.block(), lang)) for run in parsed.runs]
    flat = [seg for b in blocks for seg in b.segments]
    return blocks, assign_contexts(flat)


@dataclass(frozen=True)
class _MarkdownParts:
    """A Markdown article segmented: its units' blocks, its HTML blocks read by the HTML reader, and
    the catalog key of each segment (``final``, by the identity of the segment the splitter made)."""

    units: list[SegmentedBlock]
    html: list[tuple[HtmlBlock, ParsedHtml, list[SegmentedBlock]]]
    final: dict[int, Segment]
    ordered: list[Segment]  # document order


def _segment_markdown(doc: MarkdownDoc, lang: str) -> _MarkdownParts:
    """Segments of a Markdown article; a front matter value or template parameter has its key as msgctxt."""

    from .catalog import assign_contexts
    from .formats.html import parse_html
    from .segment.blocks import split_block
    from .segment.verbatim import protect_verbatim

    units = [split_block(unit.block, lang) for unit in doc.units]  # URLs and the like are codes already
    html = []
    for block in doc.html_blocks:
        text = block.text(doc.text)
        parsed = parse_html(text, path=doc.path, line_map=[block.line + k for k in range(text.count("\n") + 1)])
        html.append((block, parsed, [protect_verbatim(split_block(run.block(), lang)) for run in parsed.runs]))
    fixed = {k for k, unit in enumerate(doc.units) if unit.msgctxt is not None}
    free = [seg for k, b in enumerate(units) if k not in fixed for seg in b.segments]
    free += [seg for _, _, blocks in html for b in blocks for seg in b.segments]
    final = {id(seg): new for seg, new in zip(free, assign_contexts(free))}
    for k in fixed:
        final.update((id(seg), replace(seg, msgctxt=doc.units[k].msgctxt)) for seg in units[k].segments)
    every = [seg for b in units for seg in b.segments] + [s for _, _, bs in html for b in bs for s in b.segments]
    ordered = sorted((final[id(seg)] for seg in every), key=lambda seg: seg.line)
    return _MarkdownParts(units, html, final, ordered)


def extract(source: Source, *, given_lang: str | None = None, parsed: ParsedHtml | None = None) -> Extraction:
    """The article's segments and language; ``parsed`` (from :func:`parse`) is kept for :func:`build`."""
    if source.markdown is not None:
        doc = source.markdown
        declared = next((f.value for f in doc.lang_fields), None)
        lang = source_language(
            given=given_lang, declared=declared, text=lambda: " ".join(strip_codes(u.block.text) for u in doc.units)
        )
        parts = _segment_markdown(doc, lang)
        md_blocks = (*parts.units, *(b for _, _, bs in parts.html for b in bs))
        return Extraction(source=source, lang=lang, blocks=md_blocks, segments=tuple(parts.ordered))
    parsed = parsed if parsed is not None else parse(source)
    runs = parsed.runs
    lang = source_language(
        given=given_lang, declared=parsed.lang, text=lambda: " ".join(strip_codes(run.text) for run in runs)
    )
    blocks, segments = _segment(parsed, lang)
    return Extraction(source=source, lang=lang, blocks=tuple(blocks), segments=tuple(segments), parsed=parsed)


def build(
    source: Source,
    *,
    src_lang: str,
    tgt_lang: str,
    lookup: Mapping[tuple[str | None, str], Translation],
    use_fuzzy: bool = True,
    parsed: ParsedHtml | None = None,
    extraction: Extraction | None = None,
    markdown_as_html: bool = False,
    add_lang: bool = False,
    consume: bool = False,
) -> Built:
    """Rebuild the article in ``tgt_lang``: walk the source again, ask the catalog for each sentence.

    ``parsed`` (from :func:`parse`) or ``extraction`` (from :func:`extract`) saves parsing the article
    again: the page is copied, and an extraction's segments are reused when it was made in ``src_lang``.
    With ``consume`` the caller is done with that parse (its last language): the page is written into
    it, without a copy.  A Markdown article comes out as Markdown (``markdown_as_html``: as an HTML page).
    """
    if source.markdown is not None:
        return _build_markdown(source.markdown, src_lang, tgt_lang, lookup, use_fuzzy, markdown_as_html, add_lang)
    from .formats import html_write
    from .formats.html import copy_parsed
    from .formats.html_write import Part
    from .localize import bcp47, format_date, localize_datetime_attr, text_direction
    from .segment.verbatim import restore_verbatim

    if extraction is not None and extraction.parsed is not None:
        parsed = extraction.parsed
    if parsed is None:
        parsed = parse(source)
    elif not consume:
        parsed = copy_parsed(parsed)
    if extraction is not None and extraction.lang == src_lang:
        blocks, segments = list(extraction.blocks), list(extraction.segments)
    else:
        blocks, segments = _segment(parsed, src_lang)
    keyed = iter(segments)
    problems: list[BuildProblem] = []
    texts: list[list[Part]] = []
    translated = total = 0
    src_dir = text_direction(src_lang)
    fallback = Part(
        "",
        lang=None if src_lang.split("_")[0] == tgt_lang.split("_")[0] else src_lang.replace("_", "-"),
        direction=src_dir if src_dir != text_direction(tgt_lang) else None,
    )
    for block in blocks:
        out: list[Part] = []
        for piece in block.pieces:
            if piece.segment is None:
                out.append(Part(piece.raw))
                continue
            seg = next(keyed)
            total += 1
            msgstr = _usable(seg, lookup, use_fuzzy, problems)
            if msgstr is None:
                out.append(Part(piece.raw, fallback.lang, fallback.direction))
                continue
            translated += 1
            out.append(Part(keep_source_edges(piece.raw, restore_verbatim(msgstr, seg, block.block)), translated=True))
        texts.append(out)

    def lang_of(lang: str | None) -> str:
        return src_lang if lang else tgt_lang

    html_write.apply_runs(
        parsed, texts, format_date=lambda iso, lang: format_date(dt.date.fromisoformat(iso), lang_of(lang))
    )
    html_write.localize_page(
        parsed,
        lang=bcp47(tgt_lang),
        direction=text_direction(tgt_lang),
        localize_time=lambda value, lang: localize_datetime_attr(value, lang_of(lang)),
    )
    nbsp = "&nbsp;" in source.html and not html_write.has_raw_nbsp_in_verbatim(parsed)
    page = html_write.serialize(parsed, nbsp_entities=nbsp)
    if _crlf_only(source.html):  # the parse read CR LF as LF, as browsers do; the file keeps its editor's line ends
        page = page.replace("\n", "\r\n")
    return Built(page, tuple(problems), translated, total, src_lang=src_lang)


def _crlf_only(text: str) -> bool:
    """Every line of ``text`` ends with CR LF (and there is at least one)."""
    crlf = text.count("\r\n")
    return crlf > 0 and crlf == text.count("\n") == text.count("\r")


def _usable(
    seg: Segment, lookup: Mapping[tuple[str | None, str], Translation], use_fuzzy: bool, problems: list[BuildProblem]
) -> str | None:
    """The catalog's translation of ``seg`` if it may go on the page (a problem is recorded when it may not)."""
    found = lookup.get((seg.msgctxt, seg.msgid))  # seg.key
    if found is None or not found.msgstr or (found.fuzzy and not use_fuzzy):
        return None
    check = check_codes(seg.msgid, found.msgstr)
    if not check.ok:
        problems.append(BuildProblem(seg.line, seg.msgid, "; ".join(check.problems), found.line))
        return None
    markup = stray_markup(seg.msgid, found.msgstr)
    controls = stray_controls(seg.msgid, found.msgstr)
    if markup or controls:
        reason = _markup_reason(markup) if markup else f"control characters: {', '.join(controls)}"
        problems.append(BuildProblem(seg.line, seg.msgid, reason, found.line))
        return None
    return found.msgstr


def _build_markdown(
    doc: MarkdownDoc,
    src_lang: str,
    tgt_lang: str,
    lookup: Mapping[tuple[str | None, str], Translation],
    use_fuzzy: bool,
    as_html: bool,
    add_lang: bool,
) -> Built:
    """The Markdown source with each usable translation in its sentence's span; all else byte for byte."""
    from .formats.markdown import read_markdown
    from .formats.markdown_write import Replacement, generate_markdown, render_html
    from .segment.verbatim import restore_verbatim

    parts = _segment_markdown(doc, src_lang)
    problems: list[BuildProblem] = []
    replacements: list[Replacement] = []
    translated = total = 0
    for index, block in enumerate(parts.units):
        tiles = "".join(p.raw for p in block.pieces) == block.block.text
        at = 0
        for piece in block.pieces:
            if piece.segment is not None:
                seg = parts.final[id(piece.segment)]
                total += 1
                msgstr = _usable(seg, lookup, use_fuzzy, problems)
                if msgstr is not None and tiles:
                    translated += 1
                    if msgstr != seg.msgid:
                        text = keep_source_edges(piece.raw, msgstr)
                        replacements.append(Replacement(index, at, at + len(piece.raw), text))
            at += len(piece.raw)
    html_blocks = []
    for html_block, parsed, blocks in parts.html:
        texts, changed, used = [], False, 0
        for block in blocks:
            out = []
            for piece in block.pieces:
                msgstr = None
                if piece.segment is not None:
                    seg = parts.final[id(piece.segment)]
                    total += 1
                    msgstr = _usable(seg, lookup, use_fuzzy, problems)
                    used += msgstr is not None
                    changed = changed or (msgstr is not None and msgstr != seg.msgid)
                if msgstr is not None:
                    msgstr = keep_source_edges(piece.raw, restore_verbatim(msgstr, seg, block.block))
                out.append(piece.raw if msgstr is None else msgstr)
            texts.append("".join(out))
        written = _write_html_block(parsed, texts, tgt_lang) if changed else None
        if changed and written is None:
            reason = "the HTML block could not be written back without changing the Markdown around it"
            problems.append(BuildProblem(html_block.line, "", reason))
            continue
        translated += used
        if written is not None:
            html_blocks.append((html_block, written))
    text = generate_markdown(doc, replacements, lang=tgt_lang, add_lang=add_lang, html_blocks=html_blocks)
    if not as_html:
        return Built(text, tuple(problems), translated, total, suffix=".md", src_lang=src_lang)
    title = read_markdown(text, path=doc.path).title
    return Built(render_html(text, lang=tgt_lang, title=title), tuple(problems), translated, total, src_lang=src_lang)


def _write_html_block(parsed: ParsedHtml, texts: list[str], tgt_lang: str) -> str | None:
    """An HTML block of a Markdown article, rewritten by the HTML writer (it stays a fragment).

    None when the result would not be one HTML block any more (the writer dropped a stray end tag and
    left a blank line, which would end the block): the source block is kept then.
    """
    from .formats import html_write
    from .formats.markdown import md_parser
    from .localize import format_date

    def date(iso: str, lang: str | None) -> str:
        return format_date(dt.date.fromisoformat(iso), tgt_lang)

    html_write.apply_runs(parsed, texts, format_date=date)
    out = html_write.serialize(parsed, nbsp_entities=False).rstrip("\n")
    tokens = md_parser().parse(out)
    return out if [t.type for t in tokens] == ["html_block"] else None


def _markup_reason(markup: tuple[str, ...]) -> str:
    shown = ", ".join(m if len(m) <= 40 else m[:37] + "..." for m in markup[:3])
    return f"HTML markup is not allowed in a translation, only inline codes: {shown}"

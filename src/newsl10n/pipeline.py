"""The stages composed: source text → segments → catalog, and source + catalog → page.

Works on objects already loaded: bytes in, text and catalogs out.  Parsing
argv and touching the file system belong to the CLI.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
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

@dataclass(frozen=True)
class Source:
    """An article read from disk, decoded, as HTML text ready to parse."""

    display: str  # the path as written into catalogs and messages
    slug: str
    format: str
    html: str
    encoding: str
    line_map: tuple[int, ...] | None = None


@dataclass(frozen=True)
class Extraction:
    source: Source
    lang: str
    blocks: tuple[SegmentedBlock, ...]
    segments: tuple[Segment, ...]  # in document order, msgctxt assigned
    parsed: ParsedHtml | None = field(default=None, compare=False, repr=False)  # the parse, kept for build


@dataclass(frozen=True)
class Built:
    html: str
    problems: tuple[BuildProblem, ...]
    translated: int
    total: int


def load_source(data: bytes, *, path: PurePath, display: str, encoding: str | None = None, lang: str | None = None) -> Source:
    """Decode an article and convert it to HTML with the reader registered for its suffix."""
    from .formats.readers import READERS

    reader = READERS.for_article(path, data)
    decoded = decode(data, path=display, encoding=encoding, markup=reader.markup)
    if not decoded.text.strip():
        raise InputError("the article is empty", path=display)
    page = reader.convert(decoded.text, lang)
    return Source(display, path.stem, reader.name, page.html, decoded.encoding, page.line_map)


def validate(source: Source) -> None:
    """Parse the article once, so that one that cannot be read stops a run before anything is written."""
    parse(source)


def parse(source: Source) -> ParsedHtml:
    """The article's page parsed, with its translatable runs: done once per article and run."""
    from .formats.html import parse_html

    return parse_html(source.html, path=source.display, line_map=list(source.line_map) if source.line_map else None)


def source_language(*, given: str | None, declared: str | None, text: str) -> str:
    """``--from``, else what the document declares, else detection from its text."""
    from .localize import normalize_lang

    if given:
        return normalize_lang(given)
    if declared:
        try:
            return normalize_lang(declared)
        except UsageError:  # an odd html lang value: fall back to detection
            pass
    from .langdetect import detect_language

    return detect_language(text)


def _segment(parsed: ParsedHtml, lang: str) -> tuple[list[SegmentedBlock], list[Segment]]:
    from .catalog import assign_contexts
    from .segment.blocks import split_block
    from .segment.verbatim import protect_verbatim

    blocks = [protect_verbatim(split_block(run.block(), lang)) for run in parsed.runs]
    flat = [seg for b in blocks for seg in b.segments]
    return blocks, assign_contexts(flat)


def extract(source: Source, *, given_lang: str | None = None, parsed: ParsedHtml | None = None) -> Extraction:
    """The article's segments and language; ``parsed`` (from :func:`parse`) is kept for :func:`build`."""
    parsed = parsed if parsed is not None else parse(source)
    text = " ".join(strip_codes(run.text) for run in parsed.runs)
    lang = source_language(given=given_lang, declared=parsed.lang, text=text)
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
) -> Built:
    """Rebuild the article in ``tgt_lang``: walk the source again, ask the catalog for each sentence.

    ``parsed`` (from :func:`parse`) or ``extraction`` (from :func:`extract`) saves parsing the article
    again: the page is copied, and an extraction's segments are reused when it was made in ``src_lang``.
    """
    from .formats import html_write
    from .formats.html import copy_parsed
    from .formats.html_write import Part
    from .localize import bcp47, format_date, localize_datetime_attr, text_direction
    from .segment.verbatim import restore_verbatim

    if extraction is not None and extraction.parsed is not None:
        parsed = extraction.parsed
    parsed = copy_parsed(parsed) if parsed is not None else parse(source)
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
            found = lookup.get(seg.key)
            source_text = replace(fallback, text=piece.raw)
            if found is None or not found.msgstr or (found.fuzzy and not use_fuzzy):
                out.append(source_text)
                continue
            check = check_codes(seg.msgid, found.msgstr)
            if not check.ok:
                problems.append(BuildProblem(seg.line, seg.msgid, "; ".join(check.problems), found.line))
                out.append(source_text)
                continue
            markup = stray_markup(seg.msgid, found.msgstr)
            controls = stray_controls(seg.msgid, found.msgstr)
            if markup or controls:
                reason = _markup_reason(markup) if markup else f"control characters: {', '.join(controls)}"
                problems.append(BuildProblem(seg.line, seg.msgid, reason, found.line))
                out.append(source_text)
                continue
            translated += 1
            out.append(
                Part(keep_source_edges(piece.raw, restore_verbatim(found.msgstr, seg, block.block)), translated=True)
            )
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
    return Built(html_write.serialize(parsed, nbsp_entities=nbsp), tuple(problems), translated, total)


def _markup_reason(markup: tuple[str, ...]) -> str:
    shown = ", ".join(m if len(m) <= 40 else m[:37] + "..." for m in markup[:3])
    return f"HTML markup is not allowed in a translation, only inline codes: {shown}"

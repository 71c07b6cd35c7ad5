"""Segments ↔ gettext catalogs (polib), with headers from Babel.

``template()`` makes the POT for an article; ``merge()`` updates a language's
PO from it the way msgmerge does: approved translations are kept, changed
sentences become fuzzy with their previous msgid (``#|``), sentences that
left the article become obsolete (``#~``) — nothing translated is dropped.
Pure: reading and writing files is the caller's business
(:func:`parse_catalog`, :func:`generate_po`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import polib

from . import __version__
from .errors import InputError
from .model import MergeStats, Segment, Translation

FUZZY_THRESHOLD = 75.0
#: No wrapping (like ``msgcat --no-wrap``): one line per message, and comment lines such as
#: the inline-code legend and glossary hints are never cut in two.
WRAP = 0
_DATE_FIELDS = ("POT-Creation-Date", "PO-Revision-Date")
_HEADER_DATE_LINE = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): [^"\\]*\\n"$', re.MULTILINE)


@dataclass(frozen=True)
class Occurrence:
    segment: Segment
    path: str


def po_date(when: dt.datetime) -> str:
    return when.strftime("%Y-%m-%d %H:%M%z")


def assign_contexts(segments: Sequence[Segment]) -> list[Segment]:
    """Give a msgctxt to equal msgids whose inline codes stand for different markup.

    ``Click <1>here</1>`` with ``<1>`` a link and with ``<1>`` bold may need
    different translations; equal msgids with the same markup share one entry.
    """
    shapes: dict[str, set[str]] = {}
    for seg in segments:
        shapes.setdefault(seg.msgid, set()).add(_code_shape(seg))
    out: list[Segment] = []
    for seg in segments:
        if len(shapes[seg.msgid]) > 1:
            seg = Segment(seg.msgid, seg.raw, seg.kind, seg.line, seg.codes, msgctxt=_code_shape(seg))
        out.append(seg)
    return out


def _code_shape(seg: Segment) -> str:
    return "codes: " + " ".join(f"{c.id}={c.tag or c.kind.value}" for c in seg.codes)


def header(
    *,
    project: str,
    lang: str | None,
    src_lang: str,
    created: dt.datetime,
    source: str,
    extra: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Header fields, in gettext's order; Language and Plural-Forms from Babel."""
    from .localize import plural_forms

    fields = {
        "Project-Id-Version": project,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": po_date(created),
        "PO-Revision-Date": po_date(created) if lang else "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "",
        "Language-Team": "",
    }
    if lang:
        fields["Language"] = lang
    fields.update(
        {
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
        }
    )
    if lang:
        nplurals, expr = plural_forms(lang)
        fields["Plural-Forms"] = expr if expr.startswith("nplurals") else f"nplurals={nplurals}; plural={expr};"
    fields["X-Generator"] = f"newsl10n {__version__}"
    fields["X-Source-Language"] = src_lang
    fields["X-Source-File"] = source
    if extra:
        fields.update(extra)
    return fields


def template(occurrences: Iterable[Occurrence], *, metadata: Mapping[str, str]) -> polib.POFile:
    """One entry per distinct (msgctxt, msgid), with every place it occurs."""
    po = polib.POFile(wrapwidth=WRAP)
    po.metadata = dict(metadata)
    by_key: dict[tuple[str | None, str], polib.POEntry] = {}
    comments: dict[tuple[str | None, str], list[str]] = {}
    for occ in occurrences:
        seg = occ.segment
        entry = by_key.get(seg.key)
        if entry is None:
            entry = polib.POEntry(msgid=seg.msgid, msgstr="", msgctxt=seg.msgctxt)
            by_key[seg.key] = entry
            comments[seg.key] = []
            po.append(entry)
        ref = (occ.path, str(seg.line))
        if ref not in entry.occurrences:
            entry.occurrences.append(ref)
        lines = comments[seg.key]
        for line in [f"block: {seg.kind}", *(c.legend() for c in seg.codes)]:
            if line not in lines:
                lines.append(line)
    for key, entry in by_key.items():
        entry.comment = "\n".join(comments[key])
    return po


def merge(
    tmpl: polib.POFile,
    existing: polib.POFile | None,
    *,
    metadata: Mapping[str, str],
    threshold: float = FUZZY_THRESHOLD,
) -> tuple[polib.POFile, MergeStats]:
    """Update ``existing`` from a template, as msgmerge does.  Nothing translated is lost."""
    po = polib.POFile(wrapwidth=WRAP)
    po.metadata = dict(metadata)
    if existing is not None:
        keep = {k: v for k, v in existing.metadata.items() if k in ("Last-Translator", "Language-Team", "Report-Msgid-Bugs-To")}
        po.metadata.update(keep)
    old_live = {(e.msgctxt, e.msgid): e for e in (existing or []) if not e.obsolete}
    old_obsolete = {(e.msgctxt, e.msgid): e for e in (existing or []) if e.obsolete}
    used: set[tuple[str | None, str]] = set()
    new = fuzzy = unchanged = 0
    pending: list[polib.POEntry] = []
    for t in tmpl:
        key = (t.msgctxt, t.msgid)
        old = old_live.get(key) or old_obsolete.get(key)
        entry = polib.POEntry(msgid=t.msgid, msgctxt=t.msgctxt, msgstr="", occurrences=list(t.occurrences), comment=t.comment)
        if old is not None:
            used.add(key)
            entry.msgstr = old.msgstr
            entry.flags = list(old.flags)
            entry.tcomment = old.tcomment
            entry.previous_msgid = old.previous_msgid
            entry.previous_msgctxt = old.previous_msgctxt
            unchanged += 1
        else:
            pending.append(entry)
        po.append(entry)
    candidates = [e for k, e in old_live.items() if k not in used and e.msgstr]
    if pending and candidates:
        fuzzy = _fuzzy_fill(pending, candidates, used, threshold)
    new = len(pending) - fuzzy
    obsolete = 0
    for key, old in list(old_live.items()) + list(old_obsolete.items()):
        if key in used or not old.msgstr:
            continue
        entry = polib.POEntry(
            msgid=old.msgid, msgctxt=old.msgctxt, msgstr=old.msgstr, flags=list(old.flags), tcomment=old.tcomment, obsolete=True
        )
        po.append(entry)
        obsolete += 1 if not old.obsolete else 0
    return po, MergeStats(new=new, fuzzy=fuzzy, obsolete=obsolete, unchanged=unchanged)


def _fuzzy_fill(
    pending: list[polib.POEntry], candidates: list[polib.POEntry], used: set[tuple[str | None, str]], threshold: float
) -> int:
    from rapidfuzz import fuzz, process

    choices = [c.msgid for c in candidates]
    filled = 0
    for entry in pending:
        best = process.extractOne(entry.msgid, choices, scorer=fuzz.ratio, score_cutoff=threshold)
        if best is None:
            continue
        old = candidates[best[2]]
        entry.msgstr = old.msgstr
        entry.flags = sorted(set(old.flags) | {"fuzzy"})
        entry.tcomment = old.tcomment
        entry.previous_msgid = old.msgid
        entry.previous_msgctxt = old.msgctxt
        used.add((old.msgctxt, old.msgid))
        filled += 1
    return filled


def translations(po: polib.POFile, *, use_fuzzy: bool = True) -> dict[tuple[str | None, str], Translation]:
    """The usable translations of a catalog, by (msgctxt, msgid)."""
    out: dict[tuple[str | None, str], Translation] = {}
    for e in po:
        if e.obsolete or not e.msgstr:
            continue
        is_fuzzy = "fuzzy" in e.flags
        if is_fuzzy and not use_fuzzy:
            continue
        out[(e.msgctxt, e.msgid)] = Translation(msgstr=e.msgstr, fuzzy=is_fuzzy)
    return out


def parse_catalog(text: str, *, path: str) -> polib.POFile:
    """Parse PO text; syntax errors become an InputError naming the line."""
    if "\n" not in text:
        text += "\n"  # polib takes a string without a newline for a file name
    try:
        po = polib.pofile(text, wrapwidth=WRAP)
    except (OSError, ValueError, UnicodeError) as exc:
        message = str(exc)
        m = re.search(r"\(line (\d+)\)", message)
        line = int(m.group(1)) if m else None
        message = re.sub(r"\s*\(line \d+\)", "", message)
        raise InputError(f"broken catalog: {message}", path=path, line=line) from None
    return po


def generate_po(po: polib.POFile) -> str:
    text = str(po)
    return text if text.endswith("\n") else text + "\n"


def same_apart_from_dates(a: str, b: str) -> bool:
    """True when two catalogs say the same thing: only dates, line wrapping or layout differ."""
    if _HEADER_DATE_LINE.sub("", a) == _HEADER_DATE_LINE.sub("", b):
        return True
    try:
        pa, pb = (polib.pofile(t if "\n" in t else t + "\n", wrapwidth=WRAP) for t in (a, b))
    except (OSError, ValueError, UnicodeError):
        return False
    return _content(pa) == _content(pb)


def _content(po: polib.POFile) -> tuple[object, ...]:
    meta = tuple(sorted((k, v) for k, v in po.metadata.items() if k not in _DATE_FIELDS))
    entries = tuple(
        (
            e.msgctxt,
            e.msgid,
            e.msgstr,
            e.obsolete,
            tuple(sorted(e.flags)),
            tuple(e.occurrences),
            " ".join((e.comment or "").split()),
            " ".join((e.tcomment or "").split()),
            e.previous_msgid,
            e.previous_msgctxt,
        )
        for e in po
    )
    return meta, entries


def annotate(po: polib.POFile, notes_for: Callable[[str], Sequence[str]], *, prefix: str = "term: ") -> None:
    """Set the extracted-comment lines starting with ``prefix`` (glossary hints) of each live entry."""
    for entry in po:
        if entry.obsolete:
            continue
        lines = [ln for ln in (entry.comment.splitlines() if entry.comment else []) if not ln.startswith(prefix)]
        for note in notes_for(entry.msgid):
            if note not in lines:
                lines.append(note)
        entry.comment = "\n".join(lines)

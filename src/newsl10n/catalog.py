"""Segments → catalogs (:class:`~newsl10n.catalog_model.Catalog`), with headers from Babel.

``template()`` makes the template for an article; ``merge()`` updates a
language's catalog from it the way msgmerge does: approved translations are
kept, changed sentences become fuzzy with their previous msgid (``#|``),
sentences that left the article become obsolete (``#~``) — nothing translated
is dropped.  Pure: reading and writing files is the caller's business, and
the PO syntax is :mod:`newsl10n.formats.po`'s.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from . import __version__
from .catalog_model import Catalog, Entry, Key, Reference, published
from .model import InlineCode, MergeStats, Segment, Translation

FUZZY_THRESHOLD = 75.0
#: The extracted-comment lines that are glossary notes start with this.
NOTE_PREFIX = "term: "


@dataclass(frozen=True)
class Occurrence:
    segment: Segment
    path: str


def po_date(when: dt.datetime) -> str:
    return when.strftime("%Y-%m-%d %H:%M%z")


def assign_contexts(segments: Sequence[Segment]) -> list[Segment]:
    """Give a msgctxt to equal msgids whose inline codes stand for other markup than the first one's.

    ``Click <1>here</1>`` with ``<1>`` a link and with ``<1>`` bold may need
    different translations; equal msgids with the same markup share one entry.
    The markup met first keeps the plain key (no msgctxt), so adding a
    sentence with the same text and other markup after it leaves its entry
    alone; :func:`merge` follows the markup when a sentence is added before.
    """
    shapes = [_code_shape(seg) for seg in segments]
    first: dict[str, str] = {}
    for seg, shape in zip(segments, shapes):
        first.setdefault(seg.msgid, shape)
    out: list[Segment] = []
    for seg, shape in zip(segments, shapes):
        if shape != first[seg.msgid]:
            seg = Segment(seg.msgid, seg.raw, seg.kind, seg.line, seg.codes, msgctxt=shape)
        out.append(seg)
    return out


def _code_shape(seg: Segment) -> str:
    if not seg.codes:
        return "codes: "
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
    """Header fields, in gettext's order; Plural-Forms from :func:`~newsl10n.localize.plural_forms`."""
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


def template(
    occurrences: Iterable[Occurrence],
    *,
    metadata: Mapping[str, str],
    notes_for: Callable[[str], Sequence[str]] | None = None,
) -> Catalog:
    """One entry per distinct (msgctxt, msgid), with every place it occurs.

    Linear in the number of occurrences and inline codes: a paragraph with
    hundreds of thousands of links has as many legend lines, each kept once.
    With ``notes_for``, each entry is annotated as :func:`annotate` does (in
    one pass, without copying the entries).
    """
    return _template(((occ.segment, occ.path) for occ in occurrences), metadata, notes_for)


def article_template(
    segments: Iterable[Segment],
    path: str,
    *,
    metadata: Mapping[str, str],
    notes_for: Callable[[str], Sequence[str]] | None = None,
) -> Catalog:
    """:func:`template` of one article's segments, all at ``path``."""
    return _template(((seg, path) for seg in segments), metadata, notes_for)


def _template(
    occurrences: Iterable[tuple[Segment, str]],
    metadata: Mapping[str, str],
    notes_for: Callable[[str], Sequence[str]] | None,
) -> Catalog:
    refs: dict[Key, dict[Reference, None]] = {}
    comments: dict[Key, dict[str, None]] = {}
    for seg, path in occurrences:
        key = (seg.msgctxt, seg.msgid)
        lines = comments.get(key)
        if lines is None:
            lines = comments[key] = {}
            refs[key] = {}
        refs[key][Reference(path, str(seg.line))] = None
        lines[f"block: {seg.kind}"] = None
        for code in seg.codes:
            lines[_legend(code)] = None
    entries = [
        Entry(
            msgid=msgid,
            msgctxt=msgctxt,
            references=tuple(refs[(msgctxt, msgid)]),
            extracted=tuple(lines) if notes_for is None else with_notes(tuple(lines), notes_for(msgid)),
        )
        for (msgctxt, msgid), lines in comments.items()
    ]
    return Catalog(header=dict(metadata), entries=tuple(entries))


#: ``InlineCode.legend``, kept for the codes met again (most links, bold and italic runs look alike); bounded.
_legend = lru_cache(maxsize=4096)(InlineCode.legend)


def merge(
    tmpl: Catalog,
    existing: Catalog | None,
    *,
    metadata: Mapping[str, str],
    threshold: float = FUZZY_THRESHOLD,
) -> tuple[Catalog, MergeStats]:
    """Update ``existing`` from a template, as msgmerge does.  Nothing translated is lost."""
    fields = dict(metadata)
    if existing is not None:
        # A catalog's own Language and Plural-Forms are the translator's contract: never silently changed
        # (a newer Babel, or another tool's spelling of the same rule, must not rewrite them).
        kept = ("Last-Translator", "Language-Team", "Report-Msgid-Bugs-To", "Language", "Plural-Forms")
        fields.update({k: v for k, v in existing.header.items() if k in kept and v})
        # Fields we do not set (X-Poedit-*, a translator's notes, the engine signature) stay as they were.
        fields.update({k: v for k, v in existing.header.items() if k not in fields})
    old_live = {e.key: e for e in existing.entries} if existing is not None else {}
    old_obsolete = {e.key: e for e in existing.obsolete} if existing is not None else {}
    claimed = _same_markup(tmpl.entries, [*old_live.values(), *old_obsolete.values()])
    used: set[Key] = set()
    entries: list[Entry] = []
    pending: list[int] = []  # indexes in entries of the template's sentences the catalog did not have
    for t in tmpl.entries:
        old = claimed.get(t.key) if t.msgid in claimed.msgids else old_live.get(t.key) or old_obsolete.get(t.key)
        if old is None:
            pending.append(len(entries))
            entries.append(Entry(msgid=t.msgid, msgctxt=t.msgctxt, references=t.references, extracted=t.extracted))
            continue
        used.add(old.key)
        entries.append(
            Entry(
                msgid=t.msgid,
                msgctxt=t.msgctxt,
                msgstr=old.msgstr,
                fuzzy=old.fuzzy,
                flags=old.flags,
                origin=old.origin,
                comments=old.comments,
                references=t.references,
                extracted=t.extracted,
                previous_msgid=old.previous_msgid,
                previous_msgctxt=old.previous_msgctxt,
                layout=old.layout,
            )
        )
    unchanged = len(entries) - len(pending)
    candidates = [e for k, e in old_live.items() if k not in used and e.msgstr]
    fuzzy = _fuzzy_fill(entries, pending, candidates, used, threshold) if pending and candidates else 0
    obsolete: list[Entry] = []
    gone = 0
    for key, old in (*old_live.items(), *old_obsolete.items()):
        if key in used or not (old.msgstr or any(old.msgstr_plural)):
            continue
        obsolete.append(
            Entry(
                msgid=old.msgid,
                msgctxt=old.msgctxt,
                msgstr=old.msgstr,
                # a plural entry (never extracted by us, but a translator's work all the same)
                msgid_plural=old.msgid_plural,
                msgstr_plural=old.msgstr_plural if old.msgid_plural else (),
                fuzzy=old.fuzzy,
                flags=old.flags,
                origin=old.origin,
                comments=old.comments,
                obsolete=True,
                layout=old.layout,
            )
        )
        gone += 0 if old.obsolete else 1
    merged = Catalog(header=fields, entries=tuple(entries), obsolete=tuple(obsolete))
    return merged, MergeStats(new=len(pending) - fuzzy, fuzzy=fuzzy, obsolete=gone, unchanged=unchanged)


class _Claims(dict[Key, Entry]):
    """Template key → the old entry it continues, for msgids that occur with more than one markup."""

    def __init__(self) -> None:
        super().__init__()
        self.msgids: set[str] = set()


def _same_markup(template: Sequence[Entry], old: Sequence[Entry]) -> _Claims:
    """For a msgid with several markups (in the template or the old catalog), match entries by markup.

    Keys follow document order (:func:`assign_contexts`), so a sentence added
    before one with the same text and other markup takes the plain key; the
    old entry's translation goes with its markup, not with its key.  An old
    entry with no legend (another tool's) matches its own key only.
    """
    claims = _Claims()
    old_by_msgid: dict[str, list[Entry]] = {}
    for e in old:
        old_by_msgid.setdefault(e.msgid, []).append(e)
    new_by_msgid: dict[str, list[Entry]] = {}
    for t in template:
        new_by_msgid.setdefault(t.msgid, []).append(t)
    for msgid, group in new_by_msgid.items():
        olds = old_by_msgid.get(msgid, [])
        if not olds or (len(group) == 1 and all(o.key == group[0].key for o in olds)):
            continue
        claims.msgids.add(msgid)
        taken: set[Key] = set()
        shapes = {t.key: t.markup for t in group}
        for t in group:  # the same key and the same markup (or no legend to say otherwise)
            same = next((o for o in olds if o.key == t.key), None)
            if same is not None and (not same.legend or same.markup == shapes[t.key]):
                claims[t.key] = same
                taken.add(same.key)
        for t in group:  # else the same markup under another key
            if t.key in claims:
                continue
            moved = next((o for o in olds if o.key not in taken and o.legend and o.markup == shapes[t.key]), None)
            if moved is not None:
                claims[t.key] = moved
                taken.add(moved.key)
    return claims


def _fuzzy_fill(entries: list[Entry], pending: list[int], candidates: list[Entry], used: set[Key], threshold: float) -> int:
    """New sentences close to a sentence that left the article take its translation, fuzzy, with ``#|``."""
    from rapidfuzz import fuzz, process

    choices = [c.msgid for c in candidates]
    filled = 0
    for index in pending:
        entry = entries[index]
        best = process.extractOne(entry.msgid, choices, scorer=fuzz.ratio, score_cutoff=threshold)
        if best is None:
            continue
        old = candidates[best[2]]
        entries[index] = replace(
            entry,
            msgstr=old.msgstr,
            fuzzy=True,
            flags=tuple(sorted(set(old.flags))),
            origin=old.origin,
            comments=old.comments,
            previous_msgid=old.msgid,
            previous_msgctxt=old.msgctxt,
            layout=old.layout.without_flags() if old.layout is not None else None,
        )
        used.add(old.key)
        filled += 1
    return filled


def translations(catalog: Catalog, *, use_fuzzy: bool = True, use_stale: bool = False) -> dict[Key, Translation]:
    """The translations ``build`` publishes, by (msgctxt, msgid) (:func:`~newsl10n.catalog_model.published`).

    Approved ones; fuzzy ones (machine output) unless ``use_fuzzy`` is off;
    stale ones (fuzzy with a ``#|`` previous msgid: the source changed) only
    with ``use_stale``.  Each says at which line of the catalog it starts.
    """
    return {
        (e.msgctxt, e.msgid): Translation(e.msgstr, e.fuzzy, e.line or None)
        for e in catalog.entries
        if e.msgstr and (not e.fuzzy or published(fuzzy=True, stale=e.stale, use_fuzzy=use_fuzzy, use_stale=use_stale))
    }  # (an approved translation is always published)


def annotate(catalog: Catalog, notes_for: Callable[[str], Sequence[str]], *, prefix: str = NOTE_PREFIX) -> Catalog:
    """Set the extracted-comment lines starting with ``prefix`` (glossary hints) of each live entry."""
    out = []
    for entry in catalog.entries:
        lines = with_notes(entry.extracted, notes_for(entry.msgid), prefix=prefix)
        out.append(entry if lines == entry.extracted else replace(entry, extracted=lines))
    return catalog.replace_entries(out)


def with_notes(extracted: tuple[str, ...], notes: Sequence[str], *, prefix: str = NOTE_PREFIX) -> tuple[str, ...]:
    """Extracted-comment lines with the old ``prefix`` lines replaced by ``notes`` (each line once, in order)."""
    lines = [ln for ln in "\n".join(extracted).splitlines() if not ln.startswith(prefix)]
    for note in notes:
        if note not in lines:
            lines.append(note)
    return tuple(lines)

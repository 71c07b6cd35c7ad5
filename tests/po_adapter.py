"""Reading PO files into the neutral model for the interchange tests.

Uses the project's PO reader when main has one (``newsl10n.formats.po``), else
a small local reading with polib, enough for counting and exporting.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from newsl10n.catalog_model import Catalog, Entry, Origin, OriginKind, Reference

REPO = Path(__file__).resolve().parent.parent
GOLDEN_LOCALES = REPO / "tests" / "golden" / "data" / "locales"
NOTE = "newsl10n: "


def corpus_catalogs(lang: str | None = None) -> list[Path]:
    pattern = f"{lang or '*'}/LC_MESSAGES/*.po"
    return sorted(GOLDEN_LOCALES.glob(pattern))


def read_catalog(path: Path) -> Catalog:
    try:
        po = importlib.import_module("newsl10n.formats.po")
    except ModuleNotFoundError:
        return _read_with_polib(path)
    catalog: Catalog = po.parse_po(path.read_bytes(), path=str(path))
    return catalog


def _origin(notes: list[str]) -> Origin:
    if not notes:
        return Origin(OriginKind.HUMAN)
    head, rest = notes[0], tuple(notes[1:])
    if head.startswith("mt "):
        return Origin(OriginKind.MT, head[3:], notes=rest)
    if head.startswith("tm "):
        words = head[3:].split(" ", 1)
        if len(words) == 2 and words[0].endswith("%"):
            return Origin(OriginKind.TM, words[1], float(words[0][:-1]), notes=rest)
        return Origin(OriginKind.TM, head[3:], 100.0, notes=rest)
    if head == "interface string":
        return Origin(OriginKind.INTERFACE, notes=rest)
    return Origin(OriginKind.HUMAN, notes=tuple(notes))


def _read_with_polib(path: Path) -> Catalog:
    import polib

    po = polib.pofile(str(path), wrapwidth=0)
    entries: list[Entry] = []
    obsolete: list[Entry] = []
    for e in po:
        lines = e.tcomment.split("\n") if e.tcomment else []
        notes = [line[len(NOTE):] for line in lines if line.startswith(NOTE)]
        comments = tuple(line for line in lines if not line.startswith(NOTE))
        entry = Entry(
            msgid=e.msgid,
            msgstr=e.msgstr,
            msgctxt=e.msgctxt,
            msgid_plural=e.msgid_plural or "",
            msgstr_plural=tuple(e.msgstr_plural[i] for i in sorted(e.msgstr_plural)) if e.msgid_plural else (),
            fuzzy="fuzzy" in e.flags,
            flags=tuple(f for f in e.flags if f != "fuzzy"),
            origin=_origin(notes),
            comments=comments,
            extracted=tuple(e.comment.split("\n")) if e.comment else (),
            references=tuple(Reference(p, line) for p, line in e.occurrences),
            previous_msgctxt=e.previous_msgctxt,
            previous_msgid=e.previous_msgid,
            previous_msgid_plural=e.previous_msgid_plural,
            obsolete=bool(e.obsolete),
        )
        (obsolete if e.obsolete else entries).append(entry)
    return Catalog(header=dict(po.metadata), entries=tuple(entries), obsolete=tuple(obsolete))


def write_catalog(catalog: Catalog) -> str:
    """The project's PO writer when main has one, else a small local writing with polib."""
    try:
        po = importlib.import_module("newsl10n.formats.po")
    except ModuleNotFoundError:
        return _write_with_polib(catalog)
    text: str = po.generate_po(catalog)
    return text


def _origin_lines(origin: Origin) -> list[str]:
    if origin.kind is OriginKind.HUMAN:
        head: list[str] = []
    elif origin.kind is OriginKind.MT:
        head = [f"mt {origin.source}"]
    elif origin.kind is OriginKind.INTERFACE:
        head = ["interface string"]
    elif origin.score is not None and origin.score < 100:
        head = [f"tm {origin.score:.0f}% {origin.source}"]
    else:
        head = [f"tm {origin.source}"]
    return [NOTE + line for line in [*head, *origin.notes]]


def _write_with_polib(catalog: Catalog) -> str:
    import polib

    po = polib.POFile(wrapwidth=0)
    po.metadata = dict(catalog.header)
    for e in (*catalog.entries, *catalog.obsolete):
        entry = polib.POEntry(
            msgid=e.msgid,
            msgstr=e.msgstr,
            msgctxt=e.msgctxt,
            tcomment="\n".join([*_origin_lines(e.origin), *e.comments]),
            comment="\n".join(e.extracted),
            occurrences=[(r.path, r.line) for r in e.references],
            flags=(["fuzzy"] if e.fuzzy else []) + list(e.flags),
            previous_msgid=e.previous_msgid,
            previous_msgctxt=e.previous_msgctxt,
            obsolete=e.obsolete,
        )
        po.append(entry)
    return str(po)

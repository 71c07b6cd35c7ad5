"""Bringing a translator's work back from a CAT tool: the rules, whatever the file format.

A format reader (XLIFF 2.0 in :mod:`newsl10n.formats.xliff`) turns each unit it
finds into a :class:`ReturnedUnit`; :func:`merge_returned` decides, entry by
entry, what lands in the catalog:

* a unit whose inline codes do not match its source, whose target holds HTML
  markup or control characters its source does not have, that cannot be read,
  or whose source is no longer in the catalog is refused (with its id and line);
* translator work (an approved entry) is only replaced by a unit marked
  final (or reviewed);
* a unit with no target text changes nothing;
* a final or reviewed unit makes the entry approved; any other state leaves
  (or makes) it fuzzy, waiting for review;
* a unit whose target and state say what the entry already says changes
  nothing, so exporting and importing again is a no-op.

Pure: no files, no printing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from .catalog_model import HUMAN, Catalog, Entry
from .model import check_codes, stray_controls, stray_markup


@dataclass(frozen=True)
class ReturnedUnit:
    """One translation unit as a CAT tool sent it back."""

    unit_id: str
    line: int
    msgid: str  # the source, inline codes written the catalog's way (<1>…</1>, <2/>)
    msgctxt: str | None = None
    target: str | None = None  # None: no target element (or not readable, see ``problem``)
    final: bool = False  # marked final or reviewed
    problem: str | None = None  # why the unit cannot be taken at all


@dataclass(frozen=True)
class Refusal:
    unit_id: str
    line: int
    reason: str


@dataclass(frozen=True)
class MergeOutcome:
    catalog: Catalog
    updated: int = 0
    unchanged: int = 0
    refusals: tuple[Refusal, ...] = ()

    @property
    def changed(self) -> bool:
        return self.updated > 0


def _refusal(unit: ReturnedUnit, entry: Entry | None) -> str | None:
    if unit.problem is not None:
        return unit.problem
    if entry is None:
        return "its source is not in the catalog (the article changed since the export?)"
    if entry.msgid_plural:
        return "plural entries are not exchanged through this format"
    if unit.target:
        codes = check_codes(entry.msgid, unit.target)
        if not codes.ok:
            return "inline codes do not match the source: " + "; ".join(codes.problems)
        markup = stray_markup(entry.msgid, unit.target)
        if markup:
            return "the target holds markup the source does not have: " + ", ".join(repr(m) for m in markup)
        controls = stray_controls(entry.msgid, unit.target)
        if controls:
            return "the target holds control characters the source does not have: " + ", ".join(controls)
    return None


def _merged(entry: Entry, unit: ReturnedUnit) -> Entry | None:
    """The entry after taking ``unit``, or None when the unit changes nothing."""
    target = unit.target or ""
    if not target:
        return None
    if entry.approved and not unit.final:
        return None  # translator work is only replaced by final/reviewed units
    fuzzy = not unit.final
    if target == entry.msgstr and fuzzy == entry.fuzzy:
        return None
    new = replace(entry, msgstr=target, fuzzy=fuzzy)
    if target != entry.msgstr:
        new = replace(new, origin=HUMAN)
    if not fuzzy:
        new = replace(new, previous_msgid=None, previous_msgctxt=None, previous_msgid_plural=None)
    return new


def merge_returned(catalog: Catalog, units: Iterable[ReturnedUnit]) -> MergeOutcome:
    """Apply the units to the catalog's entries (matched by msgctxt and msgid)."""
    index = {entry.key: i for i, entry in enumerate(catalog.entries)}
    entries = list(catalog.entries)
    updated = unchanged = 0
    refusals: list[Refusal] = []
    for unit in units:
        pos = index.get((unit.msgctxt, unit.msgid))
        entry = entries[pos] if pos is not None else None
        reason = _refusal(unit, entry)
        if reason is not None or entry is None or pos is None:
            refusals.append(Refusal(unit.unit_id, unit.line, reason or "not in the catalog"))
            continue
        new = _merged(entry, unit)
        if new is None:
            unchanged += 1
        else:
            entries[pos] = new
            updated += 1
    out = catalog.replace_entries(entries) if updated else catalog
    return MergeOutcome(out, updated, unchanged, tuple(refusals))

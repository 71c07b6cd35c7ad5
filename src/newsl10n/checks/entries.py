"""Checks on one catalog entry at a time, and the cross-catalog consistency check.

The content checks (``codes``, ``numbers``) look at translated entries only;
``untranslated`` and ``fuzzy`` report the state of an entry.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from decimal import Decimal

from ..model import Finding, Severity, check_codes, emptied_pairs, stray_controls, stray_markup
from .base import CheckContext, EntryView, catalog_check, check
from .numtext import NumberMention, numbers_in


@check("codes", severity=Severity.ERROR)
def codes(ctx: CheckContext, entry: EntryView) -> Iterator[Finding]:
    """Inline codes of the translation match the msgid.

    Each code of the msgid appears exactly once, pairs open before they close
    and nest properly; the order may change.  One finding lists all problems.
    HTML markup that is not a code (``<script>``, ``</p><p>``) is reported
    too: translations are inserted as text, so it would show on the page.
    """
    if not entry.translated:
        return
    result = check_codes(entry.msgid, entry.msgstr)
    if not result.ok:
        yield entry.finding("inline codes do not match the msgid: " + "; ".join(result.problems))
    else:
        emptied = emptied_pairs(entry.msgid, entry.msgstr)
        if emptied:
            shown = ", ".join(f"<{n}>…</{n}>" for n in emptied)
            yield entry.finding(f"{shown} wraps text in the msgid but nothing in the translation (an invisible link)")
    markup = stray_markup(entry.msgid, entry.msgstr)
    if markup:
        shown = ", ".join(m if len(m) <= 40 else m[:37] + "..." for m in markup[:3])
        yield entry.finding(f"HTML markup in the translation (it would show as text; use the inline codes): {shown}")
    controls = stray_controls(entry.msgid, entry.msgstr)
    if controls:
        yield entry.finding(f"control characters in the translation: {', '.join(controls)}")


@check("numbers", severity=Severity.ERROR, needs=("source", "target"))
def numbers(ctx: CheckContext, entry: EntryView) -> Iterator[Finding]:
    """Numbers of the translation match the msgid.

    Compared by value, each side read with its own language's conventions
    (``1,250`` in English = ``1 250`` in Russian = ``1.250`` in Spanish), as a
    multiset: order may change, a number used twice must appear twice.  A
    number written the same in both (``21.809``, a code, a date) always
    matches, whatever the conventions would read.
    """
    if not entry.translated:
        return
    source, target = _unequal_text(numbers_in(entry.msgid, entry.src_lang), numbers_in(entry.msgstr, entry.tgt_lang))
    missing = _difference(source, target)
    extra = _difference(target, source)
    if not missing and not extra:
        return
    parts = []
    if missing:
        parts.append("missing " + ", ".join(n.describe() for n in missing))
    if extra:
        lang = f" (read as {entry.tgt_lang})" if entry.tgt_lang else ""
        parts.append("not in the msgid " + ", ".join(n.describe() for n in extra) + lang)
    yield entry.finding("numbers differ from the msgid: " + "; ".join(parts))


def _unequal_text(source: list[NumberMention], target: list[NumberMention]) -> tuple[list[NumberMention], list[NumberMention]]:
    """Both sides without the numbers written identically on the other (``21.809`` copied as is is never wrong)."""
    left: Counter[str] = Counter(n.text for n in target)
    kept_source: list[NumberMention] = []
    for n in source:
        if left[n.text] > 0:
            left[n.text] -= 1
        else:
            kept_source.append(n)
    right: Counter[str] = Counter(n.text for n in source) - Counter(n.text for n in kept_source)
    kept_target: list[NumberMention] = []
    for n in target:
        if right[n.text] > 0:
            right[n.text] -= 1
        else:
            kept_target.append(n)
    return kept_source, kept_target


def _difference(have: list[NumberMention], other: list[NumberMention]) -> list[NumberMention]:
    """The mentions of ``have`` whose values ``other`` lacks (counting repeats)."""
    left: Counter[Decimal] = Counter(n.value for n in other)
    out: list[NumberMention] = []
    for n in have:
        if left[n.value] > 0:
            left[n.value] -= 1
        else:
            out.append(n)
    return out


@check("untranslated", severity=Severity.INFO)
def untranslated(ctx: CheckContext, entry: EntryView) -> Iterator[Finding]:
    """Entry has no translation."""
    if not entry.translated:
        yield entry.finding("not translated yet")


@check("fuzzy", severity=Severity.INFO, sees_fuzzy=True)
def fuzzy(ctx: CheckContext, entry: EntryView) -> Iterator[Finding]:
    """Entry is marked fuzzy and needs review.

    Machine output (``newsl10n: mt``) and other fuzzy translations of the
    current msgid; stale ones (the ``stale`` check) are not counted here.
    Says whether ``build`` publishes it, and so whether the other checks
    looked at it.
    """
    if not entry.fuzzy or entry.stale:
        return
    what = "machine translation, not reviewed yet" if entry.machine else "marked fuzzy, needs review"
    if ctx.publishes(entry):
        yield entry.finding(f"{what}: build publishes it as is (checked)")
    else:
        yield entry.finding(f"{what}: not published with --approved-only / build --no-fuzzy (not checked)")


@check("stale", severity=Severity.INFO, sees_fuzzy=True)
def stale(ctx: CheckContext, entry: EntryView) -> Iterator[Finding]:
    """Entry is stale: its translation is of another sentence.

    Fuzzy with a ``#|`` previous msgid: the source changed since it was
    translated, or a memory offered a similar sentence's translation.  Build
    shows the source sentence instead unless asked for stale translations.
    """
    if not entry.stale:
        return
    what = "stale: translated from the #| previous msgid, not from this one"
    if ctx.publishes(entry):
        yield entry.finding(f"{what}: build --include-stale publishes it (checked)")
    else:
        yield entry.finding(
            f"{what}: not published, the page keeps the source sentence until a translator updates it "
            "(not checked; --include-stale to check it)"
        )


@catalog_check("consistency", severity=Severity.WARNING)
def consistency(ctx: CheckContext, entries: Sequence[EntryView]) -> Iterator[Finding]:
    """Same source sentence is translated the same way across catalogs.

    Entries with the same languages, msgctxt and msgid are grouped; every
    entry whose translation differs from the group's most common one (ties:
    the first by path and line) is reported, naming where that one is.
    """
    groups: dict[tuple[str, str, str | None, str], list[EntryView]] = defaultdict(list)
    for e in entries:
        if e.translated:
            groups[(e.src_lang, e.tgt_lang, e.msgctxt, e.msgid)].append(e)
    for group in groups.values():
        if len({e.msgstr for e in group}) < 2:
            continue
        group.sort(key=lambda e: (e.path, e.line))
        counts = Counter(e.msgstr for e in group)
        best = max(counts.values())
        usual = next(e for e in group if counts[e.msgstr] == best)
        for e in group:
            if e.msgstr != usual.msgstr:
                shown = usual.msgstr if len(usual.msgstr) <= 80 else usual.msgstr[:79] + "…"
                yield e.finding(f'translated differently in {usual.path}:{usual.line}: "{shown}"')

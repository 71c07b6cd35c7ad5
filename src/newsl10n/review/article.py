"""What an article's review page shows: its entries with findings and the page as it would be built."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..catalog_model import Entry, Key, OriginKind
from ..model import Finding, strip_codes
from .workspace import Action, Counts, Loaded, counts, edited, origin_label

if TYPE_CHECKING:
    from ..checks import CheckContext
    from ..enforce import TermForm
    from ..terms import Terminology
    from ..tm import Match, Memory, TranslationMemory

#: How many memory matches an entry shows.
MEMORY_MATCHES = 3


@dataclass(frozen=True)
class EntryRow:
    """One entry as the review page lists it."""

    index: int
    entry: Entry
    origin: str
    findings: tuple[Finding, ...]
    terms: tuple[str, ...]  # the glossary hints ("X → Y") the catalog carries for this sentence
    legend: tuple[str, ...]  # what each inline code stands for
    shown: str  # the text the built page shows for this sentence (codes stripped)
    forms: tuple[TermForm, ...] = ()  # with a glossary: each term's approved target in the form this sentence needs
    memories: tuple[Match, ...] = ()  # approved translations of close sentences, best first

    @property
    def status(self) -> str:
        e = self.entry
        if e.approved:
            return "approved"
        if not e.translated_text:
            return "untranslated"
        return "stale" if e.stale else "machine"


@dataclass(frozen=True)
class ArticleView:
    loaded: Loaded
    rows: tuple[EntryRow, ...]
    counts: Counts


def findings_of(loaded: Loaded, ctx: CheckContext | None = None) -> list[Finding]:
    """The findings ``newsl10n check`` reports on one catalog by default (what ``build`` publishes)."""
    from ..checks import CatalogInput, CheckContext, run_checks
    from ..fsio import display_path

    return run_checks([CatalogInput(display_path(loaded.ref.po), loaded.catalog)], ctx or CheckContext())


def article_view(
    loaded: Loaded,
    findings: Sequence[Finding],
    *,
    terminology: Terminology | None = None,
    memory: TranslationMemory | None = None,
) -> ArticleView:
    """The page's rows; ``terminology`` (the glossary for this pair) and ``memory`` add the hints."""
    from ..enforce import term_forms
    from ..fsio import display_path

    own = display_path(loaded.ref.po)
    by_key: dict[Key, list[Finding]] = defaultdict(list)
    for f in findings:
        if f.msgid is not None:
            by_key[(f.msgctxt, f.msgid)].append(f)
    rows = []
    for i, entry in enumerate(loaded.catalog.entries):
        terms = tuple(line[len("term: "):] for line in entry.extracted if line.startswith("term: "))
        shown = entry.msgstr if entry.msgstr else entry.msgid
        forms: tuple[TermForm, ...] = ()
        if terminology is not None and not entry.msgid_plural:
            rules = terminology.rules(entry.msgid)
            forms = tuple(term_forms(entry.msgid, entry.msgstr, rules, tgt_lang=loaded.ref.lang))
        memories: tuple[Match, ...] = ()
        if memory is not None:
            msgid = entry.msgid

            def itself(m: Memory, msgid: str = msgid) -> bool:
                return m.path == own and m.msgid == msgid

            memories = tuple(memory.matches(msgid, limit=MEMORY_MATCHES, skip=itself))
        rows.append(
            EntryRow(
                index=i,
                entry=entry,
                origin=origin_label(entry),
                findings=tuple(by_key.get(entry.key, ())),
                terms=terms,
                legend=entry.legend,
                shown=" ".join(strip_codes(shown).split()),
                forms=forms,
                memories=memories,
            )
        )
    return ArticleView(loaded, tuple(rows), counts(loaded.catalog, findings))


@dataclass(frozen=True)
class Draft:
    """A translation as typed, checked: ``check``'s findings on it and its glossary terms' forms."""

    findings: tuple[Finding, ...]
    forms: tuple[TermForm, ...]
    total: int = 0  # the catalog's findings with the draft in place (the page's count)


def check_draft(
    loaded: Loaded, key: Key, text: str, ctx: CheckContext | None = None, terminology: Terminology | None = None
) -> Draft | None:
    """What the page would show for the entry ``key`` if its translation were ``text`` (nothing saved).

    The whole catalog is checked (some checks compare entries), with the
    draft in place of the entry's msgstr and its state kept; None: no such entry.
    """
    from ..enforce import term_forms

    entry = loaded.catalog.find(key[1], key[0])
    if entry is None:
        return None
    draft = edited(entry, text, Action.SAVE)
    catalog = loaded.catalog.replace_entries(draft if e.key == key else e for e in loaded.catalog.entries)
    every = findings_of(replace(loaded, catalog=catalog), ctx)
    findings = tuple(f for f in every if (f.msgctxt, f.msgid) == key)
    forms: tuple[TermForm, ...] = ()
    if terminology is not None:
        forms = tuple(term_forms(entry.msgid, draft.msgstr, terminology.rules(entry.msgid), tgt_lang=loaded.ref.lang))
    return Draft(findings, forms, total=len(every))


def clean_machine(loaded: Loaded, ctx: CheckContext | None = None) -> list[Key]:
    """Machine proposals with no finding but ``fuzzy`` itself: what "approve all clean machine entries" approves."""
    flagged = {(f.msgctxt, f.msgid) for f in findings_of(loaded, ctx) if f.code != "fuzzy"}
    return [
        e.key
        for e in loaded.catalog.entries
        if e.fuzzy and e.translated_text and not e.stale and not e.msgid_plural
        and e.origin.kind is OriginKind.MT and e.key not in flagged
    ]

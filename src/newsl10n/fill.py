"""Filling catalogs: translation memory, interface strings, then one batched engine call per language pair.

Each stage looks at the entries of a merged catalog (see
:func:`newsl10n.catalog.merge`) that are still empty and RETURNS what it
proposes for them (:class:`~newsl10n.catalog_model.Fill`, with the
:class:`~newsl10n.catalog_model.Origin` of the text);
:func:`~newsl10n.catalog_model.apply_fills` is the one place that puts fills
into a catalog, so a translator's work is never touched.  Everything not
exact is fuzzy, for review.  The PO format writes each origin as a translator
comment (``newsl10n: tm …``, ``newsl10n: mt …``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .catalog_model import Catalog, Entry, Fill, Origin, OriginKind, apply_fills
from .enforce import enforce_terms, fill_placeholders, protect_terms, repair_codes
from .engines.base import Engine
from .model import writable
from .postedit import post_edit
from .terms import Terminology, TermRule
from .tm import DEFAULT_THRESHOLD, TranslationMemory

#: The header field naming the engine that filled a catalog.
ENGINE_FIELD = "X-Newsl10n-Engine"


@dataclass(frozen=True)
class Job:
    """One article into one language: its merged catalog, as filled so far."""

    name: str  # the article, for messages
    src_lang: str
    tgt_lang: str
    catalog: Catalog


@dataclass(frozen=True)
class JobFills:
    """What machine translation proposes for one job, and the engine's signature (None: nothing was asked)."""

    fills: tuple[Fill, ...] = ()
    engine: str | None = None

    def apply(self, catalog: Catalog) -> Catalog:
        """``catalog`` with these fills (through :func:`apply_fills`) and the engine named in its header."""
        filled = apply_fills(catalog, self.fills)
        return filled if self.engine is None else filled.with_header(**{ENGINE_FIELD.replace("-", "_"): self.engine})


@dataclass
class FillStats:
    tm_exact: int = 0
    tm_fuzzy: int = 0
    ui: int = 0
    mt: int = 0
    mt_flagged: int = 0
    terms: int = 0
    engines: dict[str, str] = field(default_factory=dict)  # "en→ru": signature

    def add(self, other: FillStats) -> None:
        """Count ``other``'s fills too (parts of one run counted apart: per article, per worker)."""
        for name in ("tm_exact", "tm_fuzzy", "ui", "mt", "mt_flagged", "terms"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.engines.update(other.engines)

    def summary(self) -> str:
        parts = [f"{self.tm_exact} from memory", f"{self.tm_fuzzy} fuzzy from memory", f"{self.mt} machine-translated"]
        if self.ui:
            parts.append(f"{self.ui} interface strings")
        if self.mt_flagged:
            parts.append(f"{self.mt_flagged} need code review")
        if self.terms:
            parts.append(f"{self.terms} terms enforced")
        return ", ".join(parts)


def _empty(catalog: Catalog) -> list[Entry]:
    return [e for e in catalog.entries if not e.msgstr and e.msgid]


def memory_fills(
    catalog: Catalog, tm: TranslationMemory, stats: FillStats, *, threshold: float = DEFAULT_THRESHOLD
) -> list[Fill]:
    """Approved translations of the same sentence reused; similar ones offered as fuzzy."""
    fills = []
    for entry in _empty(catalog):
        match = tm.lookup(entry.msgid, entry.msgctxt, threshold=threshold, markup=entry.markup)
        if match is None:
            continue
        memory = match.memory
        if match.exact:
            fills.append(Fill(entry.key, memory.msgstr, Origin(OriginKind.TM, memory.path, 100.0), fuzzy=entry.fuzzy))
            stats.tm_exact += 1
        else:
            origin = Origin(OriginKind.TM, memory.path, match.score)
            fills.append(
                Fill(entry.key, memory.msgstr, origin, previous_msgid=memory.msgid, previous_msgctxt=memory.msgctxt)
            )
            stats.tm_fuzzy += 1
    return fills


def interface_fills(catalog: Catalog, tgt_lang: str, stats: FillStats) -> list[Fill]:
    """Page furniture (``>>Перейти к новости``, a publication-date label) from the team's fixed table."""
    from .ui import translate_ui

    fills = []
    for entry in _empty(catalog):
        text = translate_ui(entry.msgid, tgt_lang)
        if text is not None:
            fills.append(Fill(entry.key, text, Origin(OriginKind.INTERFACE), fuzzy=entry.fuzzy))
            stats.ui += 1
    return fills


def machine_fills(
    jobs: Sequence[Job],
    engine_for: Callable[[str, str], Engine | None],
    stats: FillStats,
    *,
    terminology_for: Callable[[str, str], Terminology | None] = lambda src, tgt: None,
) -> list[JobFills]:
    """Every still-empty entry of every job, one deduplicated batch per language pair; one result per job.

    The glossary's source terms of those entries go into the same batch, so
    that enforcement knows what the engine makes of each term on its own.
    """
    wanted: dict[tuple[str, str], list[tuple[int, Entry]]] = {}
    for index, job in enumerate(jobs):
        for entry in _empty(job.catalog):
            wanted.setdefault((job.src_lang, job.tgt_lang), []).append((index, entry))
    fills: list[list[Fill]] = [[] for _ in jobs]
    engines: list[str | None] = [None for _ in jobs]
    for (src, tgt), items in wanted.items():
        engine = engine_for(src, tgt)
        if engine is None:
            continue
        signature, pair_fills = _translate_pair(engine, src, tgt, items, terminology_for(src, tgt), stats)
        for index, fill in pair_fills:
            fills[index].append(fill)
        for index, _entry in items:
            engines[index] = signature
    return [JobFills(tuple(f), e) for f, e in zip(fills, engines)]


def _translate_pair(
    engine: Engine,
    src: str,
    tgt: str,
    items: list[tuple[int, Entry]],
    terms: Terminology | None,
    stats: FillStats,
) -> tuple[str, list[tuple[int, Fill]]]:
    """The engine's signature and the fills for ``items`` (index of the job, entry)."""
    texts = list(dict.fromkeys(entry.msgid for _, entry in items))
    sources: list[str] = []
    if terms is not None:
        sources = list(dict.fromkeys(r.source for t in texts for r in terms.rules(t) if r.target and not r.exact))
    batch = texts + [s for s in sources if s not in set(texts)]
    by_text = dict(zip(batch, (writable(t) for t in engine.translate_batch(batch, src, tgt))))
    renderings = {s: by_text.get(s, "") for s in sources}
    signature = str(engine.signature(src, tgt))  # after the first batch: an engine may know its model only then
    stats.engines[f"{src}→{tgt}"] = signature

    first: dict[str, tuple[str, list[str], bool, tuple[TermRule, ...]]] = {}
    for msgid in texts:
        raw = by_text.get(msgid, "")
        rules = terms.rules(msgid) if terms is not None else ()
        if not rules or not raw.strip():
            first[msgid] = (raw, [], False, ())
            continue
        enforced = enforce_terms(msgid, raw, rules, tgt_lang=tgt, renderings=renderings)
        stats.terms += enforced.replaced
        first[msgid] = (enforced.text, list(enforced.notes), enforced.review, enforced.missing)

    # Second try, in one more batch: terms the engine's wording hid go through as placeholders.
    retry = {m: protect_terms(m, terms.rules(m)) for m, r in first.items() if r[3] and terms is not None}
    retry = {m: (p, placed) for m, (p, placed) in retry.items() if placed}
    if retry:
        protected = list(dict.fromkeys(p for p, _ in retry.values()))
        redone = dict(zip(protected, (writable(t) for t in engine.translate_batch(protected, src, tgt))))
        for msgid, (prot, placed) in retry.items():
            filled = fill_placeholders(redone.get(prot, ""), placed, tgt_lang=tgt)
            if filled is None:
                continue
            check = enforce_terms(msgid, filled.text, terms.rules(msgid) if terms else (), tgt_lang=tgt)
            if check.missing:
                continue
            stats.terms += filled.replaced
            first[msgid] = (filled.text, list(filled.notes), filled.review, ())

    out: list[tuple[int, Fill]] = []
    for index, entry in items:
        text, notes, review, missing = first.get(entry.msgid, ("", [], False, ()))
        if not text.strip():
            continue
        notes = list(notes)
        for rule in missing:
            review = True
            notes.append(f"term {rule.source} → {rule.target} is missing from the translation")
        repaired = repair_codes(entry.msgid, text)
        if repaired.ok:
            edited = post_edit(entry.msgid, repaired.text, tgt_lang=tgt)
            text = edited.text
            notes.extend(repaired.notes + edited.notes)
        else:
            review = True
            notes.append("inline codes need review: " + "; ".join(repaired.notes))
            stats.mt_flagged += 1
        if review:
            notes.append("needs review")
        out.append((index, Fill(entry.key, text, Origin(OriginKind.MT, signature, notes=tuple(notes)))))
        stats.mt += 1
    return signature, out

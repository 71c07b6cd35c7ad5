"""Filling catalogs: translation memory first, then one batched engine call per language pair.

Works on catalogs already merged (see :func:`newsl10n.catalog.merge`): only
entries with an empty msgstr are filled, so a translator's work is never
touched.  Every filled entry says where its text came from in a translator
comment (``newsl10n: tm …``, ``newsl10n: mt …``); everything not exact is
fuzzy, for review.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import polib

from .enforce import enforce_terms, fill_placeholders, protect_terms, repair_codes
from .engines.base import Engine
from .model import writable
from .postedit import post_edit
from .terms import Terminology, TermRule
from .tm import DEFAULT_THRESHOLD, TranslationMemory

ORIGIN = "newsl10n:"


@dataclass
class Job:
    """One article into one language: its merged catalog, filled in place."""

    name: str  # the article, for messages
    src_lang: str
    tgt_lang: str
    po: polib.POFile


@dataclass
class FillStats:
    tm_exact: int = 0
    tm_fuzzy: int = 0
    ui: int = 0
    mt: int = 0
    mt_flagged: int = 0
    terms: int = 0
    engines: dict[str, str] = field(default_factory=dict)  # "en→ru": signature

    def summary(self) -> str:
        parts = [f"{self.tm_exact} from memory", f"{self.tm_fuzzy} fuzzy from memory", f"{self.mt} machine-translated"]
        if self.ui:
            parts.append(f"{self.ui} interface strings")
        if self.mt_flagged:
            parts.append(f"{self.mt_flagged} need code review")
        if self.terms:
            parts.append(f"{self.terms} terms enforced")
        return ", ".join(parts)


def _note(entry: polib.POEntry, line: str) -> None:
    lines = [ln for ln in (entry.tcomment or "").splitlines() if ln]
    if line not in lines:
        lines.append(line)
    entry.tcomment = "\n".join(lines)


def _empty(po: polib.POFile) -> list[polib.POEntry]:
    return [e for e in po if not e.obsolete and not e.msgstr and e.msgid]


def fill_from_memory(job: Job, tm: TranslationMemory, stats: FillStats, *, threshold: float = DEFAULT_THRESHOLD) -> None:
    """Approved translations of the same sentence reused; similar ones offered as fuzzy."""
    for entry in _empty(job.po):
        match = tm.lookup(entry.msgid, entry.msgctxt, threshold=threshold)
        if match is None:
            continue
        entry.msgstr = match.memory.msgstr
        if match.exact:
            _note(entry, f"{ORIGIN} tm {match.memory.path}")
            stats.tm_exact += 1
        else:
            entry.flags = sorted(set(entry.flags) | {"fuzzy"})
            entry.previous_msgid = match.memory.msgid
            entry.previous_msgctxt = match.memory.msgctxt
            _note(entry, f"{ORIGIN} tm {match.score:.0f}% {match.memory.path}")
            stats.tm_fuzzy += 1


def fill_interface_strings(job: Job, stats: FillStats) -> None:
    """Page furniture (``>>Перейти к новости``, a publication-date label) from the team's fixed table."""
    from .ui import translate_ui

    for entry in _empty(job.po):
        text = translate_ui(entry.msgid, job.tgt_lang)
        if text is not None:
            entry.msgstr = text
            _note(entry, f"{ORIGIN} interface string")
            stats.ui += 1


def machine_translate(
    jobs: Sequence[Job],
    engine_for: Callable[[str, str], Engine | None],
    stats: FillStats,
    *,
    terminology_for: Callable[[str, str], Terminology | None] = lambda src, tgt: None,
) -> None:
    """Every still-empty entry of every job, one deduplicated batch per language pair.

    The glossary's source terms of those entries go into the same batch, so
    that enforcement knows what the engine makes of each term on its own.
    """
    wanted: dict[tuple[str, str], list[tuple[Job, polib.POEntry]]] = {}
    for job in jobs:
        for entry in _empty(job.po):
            wanted.setdefault((job.src_lang, job.tgt_lang), []).append((job, entry))
    for (src, tgt), items in wanted.items():
        engine = engine_for(src, tgt)
        if engine is not None:
            _translate_pair(engine, src, tgt, items, terminology_for(src, tgt), stats)


def _translate_pair(
    engine: Engine,
    src: str,
    tgt: str,
    items: list[tuple[Job, polib.POEntry]],
    terms: Terminology | None,
    stats: FillStats,
) -> None:
    texts = list(dict.fromkeys(entry.msgid for _, entry in items))
    sources: list[str] = []
    if terms is not None:
        sources = list(dict.fromkeys(r.source for t in texts for r in terms.rules(t) if r.target and not r.exact))
    batch = texts + [s for s in sources if s not in set(texts)]
    by_text = dict(zip(batch, (writable(t) for t in engine.translate_batch(batch, src, tgt))))
    renderings = {s: by_text.get(s, "") for s in sources}
    signature = str(engine.signature(src, tgt))
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

    for job, entry in items:
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
        entry.msgstr = text
        entry.flags = sorted(set(entry.flags) | {"fuzzy"})
        _note(entry, f"{ORIGIN} mt {signature}")
        for note in notes:
            _note(entry, f"{ORIGIN} {note}")
        stats.mt += 1
        if review:
            _note(entry, f"{ORIGIN} needs review")
    for job in {id(j): j for j, _ in items}.values():
        job.po.metadata["X-Newsl10n-Engine"] = signature

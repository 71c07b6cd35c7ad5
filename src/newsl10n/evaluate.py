"""How well does an engine translate this team's own texts?  Scores against approved translations.

The reference set is the approved translator work of the catalogs: approved
entries (non-empty, not fuzzy) whose text a person wrote or reused (origin
human or translation memory), singular, each (msgctxt, msgid, msgstr) once.
Machine output a translator approved unchanged and the interface-string
table are left out: they would favour the engine that wrote them.

Each engine translates the msgids (inline codes included, as in ``translate``;
raw engine output, before glossary enforcement and code repair) and is scored
with sacrebleu on the texts with the inline codes taken out: chrF and BLEU,
with sacrebleu's signatures.  Two figures of our own:

* term accuracy: of the glossary terms the ``term-missing`` check asks for in
  these sentences, the share the output has (in any grammatical form, counted
  by that check);
* code accuracy: the share of outputs whose inline codes match the msgid
  (:func:`newsl10n.model.check_codes`, as ``build`` requires).

Pure but for the engines: nothing here reads or writes files.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from .catalog_model import Catalog, OriginKind
from .model import check_codes, normalize_space, strip_codes

if TYPE_CHECKING:
    from .engines.base import Engine
    from .glossary.model import Glossary

#: Counts the glossary terms of one translation: (terms required, terms missing) for (reference, output).
TermCounter = Callable[["Reference", str], tuple[int, int]]


@dataclass(frozen=True)
class Reference:
    """One approved pair to translate again."""

    src_lang: str
    tgt_lang: str
    msgctxt: str | None
    msgid: str
    msgstr: str
    path: str


@dataclass(frozen=True)
class EngineScore:
    engine: str  # the engine's signature (name:model@version settings)
    segments: int
    chrf: float
    bleu: float
    chrf_signature: str
    bleu_signature: str
    terms: int  # glossary terms required across the segments
    terms_found: int
    codes_ok: int  # outputs whose inline codes match their msgid

    @property
    def term_accuracy(self) -> float | None:
        return None if self.terms == 0 else 100.0 * self.terms_found / self.terms

    @property
    def code_accuracy(self) -> float | None:
        return None if self.segments == 0 else 100.0 * self.codes_ok / self.segments


def references(catalogs: Iterable[tuple[str, Catalog]], *, tgt_lang: str) -> list[Reference]:
    """The approved human pairs of ``catalogs`` (path, catalog), in order, each once."""
    seen: set[tuple[str, str | None, str, str]] = set()
    out: list[Reference] = []
    for path, catalog in catalogs:
        src = catalog.source_language or ""
        for entry in catalog.entries:
            if not entry.approved or entry.msgid_plural or not entry.msgid:
                continue
            if entry.origin.kind not in (OriginKind.HUMAN, OriginKind.TM):
                continue
            key = (src, entry.msgctxt, entry.msgid, entry.msgstr)
            if key in seen:
                continue
            seen.add(key)
            out.append(Reference(src, tgt_lang, entry.msgctxt, entry.msgid, entry.msgstr, path))
    return out


def plain(coded: str) -> str:
    """What the metrics compare: the text without inline codes, spaces collapsed."""
    return normalize_space(strip_codes(coded))


def score(
    engine: str, refs: Sequence[Reference], outputs: Sequence[str], *, count_terms: TermCounter | None = None
) -> EngineScore:
    """Score ``outputs`` (one per reference, in order) against the references."""
    from sacrebleu.metrics.bleu import BLEU
    from sacrebleu.metrics.chrf import CHRF

    if len(outputs) != len(refs):
        raise ValueError(f"{engine}: {len(outputs)} outputs for {len(refs)} references")
    hyps = [plain(o) for o in outputs]
    gold = [[plain(r.msgstr) for r in refs]]
    bleu, chrf = BLEU(), CHRF()
    bleu_score = bleu.corpus_score(hyps, gold)
    chrf_score = chrf.corpus_score(hyps, gold)
    terms = missing = 0
    if count_terms is not None:
        for ref, out in zip(refs, outputs, strict=True):
            need, lack = count_terms(ref, out)
            terms += need
            missing += lack
    codes_ok = sum(check_codes(r.msgid, o).ok for r, o in zip(refs, outputs, strict=True))
    return EngineScore(
        engine=engine,
        segments=len(refs),
        chrf=round(chrf_score.score, 2),
        bleu=round(bleu_score.score, 2),
        chrf_signature=f"{chrf_score.name}|{chrf.get_signature()}",
        bleu_signature=f"{bleu_score.name}|{bleu.get_signature()}",
        terms=terms,
        terms_found=terms - missing,
        codes_ok=codes_ok,
    )


def translate(engine: Engine, refs: Sequence[Reference]) -> list[str]:
    """The engine's output for every reference's msgid, in order: one batch per language pair."""
    outputs: list[str] = [""] * len(refs)
    by_pair: dict[tuple[str, str], list[int]] = {}
    for i, ref in enumerate(refs):
        by_pair.setdefault((ref.src_lang, ref.tgt_lang), []).append(i)
    for (src, tgt), positions in by_pair.items():
        unique = list(dict.fromkeys(refs[i].msgid for i in positions))
        done = dict(zip(unique, engine.translate_batch(unique, src, tgt), strict=True))
        for i in positions:
            outputs[i] = done[refs[i].msgid]
    return outputs


def term_counter(glossary: Glossary) -> TermCounter:
    """(terms required, terms missing) of a translation, as the ``term-missing`` check counts them."""
    from .checks.base import CheckContext, EntryView
    from .checks.terms import TermOracle, required_terms, term_missing
    from .localize import primary_lang

    oracle = TermOracle(glossary)
    ctx = CheckContext(glossary=oracle)

    def count(ref: Reference, output: str) -> tuple[int, int]:
        src, tgt = primary_lang(ref.src_lang), primary_lang(ref.tgt_lang)
        view = EntryView(ref.path, 0, ref.msgid, output, ref.msgctxt, False, False, (), src, tgt)
        required = required_terms(oracle, view)
        if not output.strip():
            return required, required
        return required, sum(1 for _ in term_missing(ctx, view))

    return count


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}%"


def generate_text(scores: Sequence[EngineScore]) -> str:
    """One row per engine, then sacrebleu's signatures."""
    head = ("engine", "segments", "chrF", "BLEU", "terms", "codes")
    rows = [
        (s.engine, str(s.segments), f"{s.chrf:.2f}", f"{s.bleu:.2f}",
         f"{_percent(s.term_accuracy)} ({s.terms_found}/{s.terms})", f"{_percent(s.code_accuracy)}")
        for s in scores
    ]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(head)]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True)))
             for row in (head, *rows)]
    signatures = dict.fromkeys(s.chrf_signature for s in scores) | dict.fromkeys(s.bleu_signature for s in scores)
    lines.extend(f"sacrebleu: {sig}" for sig in signatures)
    return "\n".join(line.rstrip() for line in lines) + "\n"


def generate_json(scores: Sequence[EngineScore]) -> str:
    data = [asdict(s) | {"term_accuracy": s.term_accuracy, "code_accuracy": s.code_accuracy} for s in scores]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

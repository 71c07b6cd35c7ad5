"""newsl10n.evaluate: engines scored against approved Spanish with sacrebleu, terms and codes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from newsl10n.catalog_model import Catalog, Entry, Origin, OriginKind
from newsl10n.engines.apertium import ApertiumEngine
from newsl10n.engines.base import Pair
from newsl10n.evaluate import (
    EngineScore,
    Reference,
    generate_json,
    generate_text,
    plain,
    references,
    score,
    term_counter,
    translate,
)
from tests.conftest import REPO
from tests.corpus_catalogs import read_catalog

APPROVED = Path(__file__).parent / "data" / "eval" / "approved.po"
needs_apertium = pytest.mark.skipif(
    Pair("en", "es") not in ApertiumEngine().pairs(), reason="apertium-eng-spa is not installed"
)


def approved_refs() -> list[Reference]:
    return references([(str(APPROVED), read_catalog(APPROVED))], tgt_lang="es")


def test_references_are_the_approved_human_pairs() -> None:
    refs = approved_refs()
    assert len(refs) == 16  # the translator's 16; not the interface string, not the 9 machine proposals
    catalog = Catalog(
        header={"X-Source-Language": "en"},
        entries=(
            Entry("Human.", "Humano."),
            Entry("Memory.", "Memoria.", origin=Origin(OriginKind.TM, "x.po", 100.0)),
            Entry("Machine approved.", "Máquina.", origin=Origin(OriginKind.MT, "apertium")),
            Entry("Interface.", "Interfaz.", origin=Origin(OriginKind.INTERFACE)),
            Entry("Fuzzy.", "Difuso.", fuzzy=True),
            Entry("Empty."),
            Entry("Human.", "Humano."),
        ),
    )
    assert [r.msgid for r in references([("a.po", catalog)], tgt_lang="es")] == ["Human.", "Memory."]


class Echo:
    """An engine that returns fixed outputs (and records its batches)."""

    name = "echo"

    def __init__(self, outputs: dict[str, str]) -> None:
        self.outputs = outputs
        self.batches: list[tuple[str, str, int]] = []

    def pairs(self) -> Sequence[Pair]:
        return [Pair("en", "es")]

    def translate_batch(self, segments: Sequence[str], src: str, tgt: str) -> list[str]:
        self.batches.append((src, tgt, len(segments)))
        return [self.outputs.get(s, s) for s in segments]


def test_perfect_output_scores_100_and_source_copy_scores_low() -> None:
    refs = approved_refs()
    perfect = score("perfect", refs, [r.msgstr for r in refs])
    copy = score("copy", refs, [r.msgid for r in refs])
    assert (perfect.chrf, perfect.bleu, perfect.code_accuracy) == (100.0, 100.0, 100.0)
    assert copy.chrf < 50 and copy.bleu < 20
    assert "chrF2" in perfect.chrf_signature and "tok:13a" in perfect.bleu_signature


def test_code_accuracy_counts_outputs_whose_codes_match() -> None:
    refs = approved_refs()
    broken = [r.msgstr.replace("</1>", "") for r in refs]
    with_codes = sum("<1>" in r.msgid for r in refs)
    assert with_codes == 1
    assert score("x", refs, broken).codes_ok == len(refs) - with_codes


def test_one_batch_per_language_pair_deduplicated() -> None:
    refs = approved_refs()
    engine = Echo({})
    outputs = translate(engine, [*refs, refs[0]])
    assert engine.batches == [("en", "es", len(refs))]
    assert outputs[-1] == outputs[0] == refs[0].msgid


@pytest.fixture(scope="module")
def glossary() -> object:
    from newsl10n.glossary import load_glossary

    return load_glossary([REPO / "glossary"])


def test_term_accuracy_as_the_check_counts_it(glossary: object) -> None:
    counter = term_counter(glossary)  # type: ignore[arg-type]

    def count(msgid: str, output: str) -> tuple[int, int]:
        return counter(Reference("en", "es", None, msgid, "", "t.po"), output)

    msgid = (
        "The rectors of Peter the Great St. Petersburg Polytechnic University and the Technical University of Madrid "
        "have signed a new cooperation agreement."
    )
    good = (
        "Los rectores de la Universidad Estatal Politécnica de San Petersburgo Pedro el Grande y de la Universidad "
        "Politécnica de Madrid han firmado un nuevo acuerdo."
    )
    bad = "Los directores de la Universidad Técnica de Madrid y del Politécnico de San Petersburgo firmaron un acuerdo."
    need, missing = count(msgid, good)
    assert (need, missing) == (3, 0)  # rector (inflected: rectores), the two universities
    assert count(msgid, bad) == (need, need)
    assert count(msgid, "") == (need, need)


@needs_apertium
def test_apertium_on_the_approved_spanish_matches_sacrebleu_called_directly(glossary: object) -> None:
    import sacrebleu

    refs = approved_refs()
    with ApertiumEngine() as engine:
        outputs = translate(engine, refs)
        name = str(engine.signature("en", "es"))
    result = score(name, refs, outputs, count_terms=term_counter(glossary))  # type: ignore[arg-type]
    hyps = [plain(o) for o in outputs]
    gold = [[plain(r.msgstr) for r in refs]]
    assert result.chrf == round(sacrebleu.corpus_chrf(hyps, gold).score, 2)
    assert result.bleu == round(sacrebleu.corpus_bleu(hyps, gold).score, 2)
    assert 20 < result.chrf < 100 and 0 < result.bleu < 100
    assert result.terms > 5 and 0 <= result.terms_found <= result.terms
    assert result.segments == 16 and result.codes_ok <= 16
    text = generate_text([result])
    assert name in text and "sacrebleu: chrF2|" in text and "sacrebleu: BLEU|" in text
    data = json.loads(generate_json([result]))
    assert data[0]["chrf"] == result.chrf and data[0]["term_accuracy"] == result.term_accuracy


def test_side_by_side_table() -> None:
    scores = [
        EngineScore("a:x@1", 10, 55.5, 20.25, "chrF2|sig", "BLEU|sig", 4, 3, 10),
        EngineScore("bb:y@2", 10, 60.0, 30.0, "chrF2|sig", "BLEU|sig", 0, 0, 9),
    ]
    lines = generate_text(scores).splitlines()
    assert lines[0].split() == ["engine", "segments", "chrF", "BLEU", "terms", "codes"]
    assert "75.0% (3/4)" in lines[1] and "- (0/0)" in lines[2] and "90.0%" in lines[2]
    assert lines[3:] == ["sacrebleu: chrF2|sig", "sacrebleu: BLEU|sig"]

"""bench/run.py keeps working: its input generators at tiny sizes (no timing, nothing asserted about speed)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

run = pytest.importorskip("bench.run")
from bench import argos_model, corpus

from newsl10n.glossary import TermMatcher, load_glossary

REPO = Path(__file__).resolve().parent.parent


def test_articles_are_realistic_and_deterministic(tmp_path: Path) -> None:
    paths = corpus.write_corpus(tmp_path / "a", 3)
    again = corpus.write_corpus(tmp_path / "b", 3)
    assert [p.read_bytes() for p in paths] == [p.read_bytes() for p in again]
    for path in paths:
        html = path.read_text(encoding="utf-8")
        words = len(re.sub(r"<[^>]+>", " ", html).split())
        assert 300 <= words <= 1100
        assert "<a href=" in html and "<br>" in html and 'translate="no"' in html
    segments, paragraphs, articles = run.mt_inputs(paths)
    assert len(articles) == 3 and len(paragraphs) < len(segments)
    assert any("<1>" in s for s in segments)


def test_glossaries_are_nested_and_load(tmp_path: Path) -> None:
    files = corpus.write_glossaries(tmp_path, [5, 50])
    small = load_glossary([files[5], REPO / "glossary"])
    large = load_glossary([files[50], REPO / "glossary"])
    assert len(large) - len(small) == 45
    name = corpus.generated_names(5)[0]
    hits = TermMatcher(large, "en").find(f"The {name} opened.")
    assert [h.matched for h in hits] == [name]


def test_model_keeps_output_length_equal_to_input_length(tmp_path: Path) -> None:
    import ctranslate2
    import sentencepiece

    texts = corpus.training_text(40)
    built = argos_model.build_package(tmp_path, texts, vocab_size=1000)
    folder = tmp_path / f"{built.name}.build" / built.name
    sp = sentencepiece.SentencePieceProcessor(model_file=str(folder / "sentencepiece.model"))
    translator = ctranslate2.Translator(str(folder / "model"), compute_type="int8", intra_threads=1)
    batch = [sp.encode(t, out_type=str) for t in texts[:6]]
    assert argos_model.check_lengths(translator, batch, beam_size=2) == []


def test_fill_catalogs_and_targets(tmp_path: Path) -> None:
    (tmp_path / "a.pot").write_text('msgid ""\nmsgstr ""\n\nmsgid "One."\nmsgstr ""\n', encoding="utf-8")
    assert run.fill_catalogs(tmp_path, ".pot") == 1
    assert 'msgstr "One."' in (tmp_path / "a.po").read_text(encoding="utf-8")
    assert run._meets(2.5, "≥ 2×") and not run._meets(0.85, "≥ 90%") and run._meets(0.1, "< 0.3 s")


def test_stage_breakdown_runs_every_stage(capsys: pytest.CaptureFixture[str]) -> None:
    from bench import stages

    assert stages.main(["--articles", "2", "--repeat", "1"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    import json

    times = json.loads(last)
    assert {"extract: parse", "build: rebuild", "extract", "build"} <= set(times)
    assert all(value > 0 for value in times.values())

"""The Argos engine through real SentencePiece and CTranslate2 inference, with tiny packages."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ctranslate2
import pytest

from newsl10n.engines.argos import ArgosEngine, _peel, bpe_pieces, bpe_tokens
from newsl10n.engines.base import Engine, Pair, Signature
from newsl10n.errors import InputError, UsageError

SEGMENTS = [
    "The minister said on Monday that prices rose.",
    "Read the <1>full report</1> on our website.",
    "Photo: <2/> the delegation at the university.",
    "Click <1>here</1>, then <3>sign <4/> in</3>.",
    "<1>The rector signed the agreement.</1>",
    "Университет подписал соглашение о сотрудничестве с «UPM» — № 5…",
    "¿Qué año? La delegación visitó la universidad; el niño y el pingüino.",
    "Ёжик, 42% and 3.5 km/h (approx.) — 'quoted' \"twice\" & <more> [brackets] {braces} @home #tag",
    "Emoji 🎉 and 中文 go through byte fallback.",
    "<2/>",
    "",
]


@dataclass
class Counter:
    loads: list[str] = field(default_factory=list)
    calls: list[int] = field(default_factory=list)
    attention: list[bool] = field(default_factory=list)  # return_attention of each call


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Counter:
    """Count Translator loads and translate_batch calls (the real Translator does the work)."""
    real = ctranslate2.Translator
    counter = Counter()

    class Counting:
        def __init__(self, model_path: str, *args: Any, **kwargs: Any) -> None:
            counter.loads.append(model_path)
            self._real = real(model_path, *args, **kwargs)

        def translate_batch(self, source: list[list[str]], *args: Any, **kwargs: Any) -> Any:
            counter.calls.append(len(source))
            counter.attention.append(bool(kwargs.get("return_attention")))
            return self._real.translate_batch(source, *args, **kwargs)

    monkeypatch.setattr(ctranslate2, "Translator", Counting)
    return counter


def test_engine_follows_the_protocol(models_dir: Path) -> None:
    assert isinstance(ArgosEngine(models_dir), Engine)


def test_copy_model_returns_inputs_unchanged(install: Callable[..., Path], models_dir: Path) -> None:
    install("en", "ru")
    engine = ArgosEngine(models_dir)
    assert engine.translate_batch(SEGMENTS, "en", "ru") == SEGMENTS


def test_swap_model_gives_the_known_translation(install: Callable[..., Path], models_dir: Path) -> None:
    install("en", "ru", swaps={"police": "court", "rose": "fell"})
    engine = ArgosEngine(models_dir)
    out = engine.translate_batch(["The police said prices rose.", "<1>Police</1> police <2/>"], "en", "ru")
    assert out == ["The court said prices fell.", "<1>Police</1> court <2/>"]


def test_empty_input_loads_nothing(install: Callable[..., Path], models_dir: Path, counted: Counter) -> None:
    install("en", "ru")
    assert ArgosEngine(models_dir).translate_batch([], "en", "ru") == []
    assert counted.loads == []


def test_one_load_per_package_one_call_per_batch_deduplicated(
    install: Callable[..., Path], models_dir: Path, counted: Counter
) -> None:
    install("en", "ru")
    engine = ArgosEngine(models_dir)
    batch = ["One.", "Two.", "One.", "Three.", "Two."]
    assert engine.translate_batch(batch, "en", "ru") == batch
    assert engine.translate_batch(["Four.", "One."], "en", "ru") == ["Four.", "One."]
    assert engine.translate_batch(["<1>Five.</1>"], "en", "ru") == ["<1>Five.</1>"]
    assert len(counted.loads) == 1
    assert counted.calls == [3, 2, 1]


def test_segments_of_only_codes_never_reach_the_model(
    install: Callable[..., Path], models_dir: Path, counted: Counter
) -> None:
    install("en", "ru")
    assert ArgosEngine(models_dir).translate_batch(["<2/>", " ", "<1></1>"], "en", "ru") == ["<2/>", " ", "<1></1>"]
    assert counted.calls == []


def test_pivot_through_english(install: Callable[..., Path], models_dir: Path, counted: Counter) -> None:
    install("ru", "en", swaps={"police": "court"})
    install("en", "es", swaps={"court": "war"})
    engine = ArgosEngine(models_dir)
    assert Pair("ru", "es", via="en") in engine.pairs()
    assert Pair("es", "ru", via="en") not in engine.pairs()
    segments = ["The police ruled.", "Университет <1>подписал</1> соглашение.", "The police ruled."]
    assert engine.translate_batch(segments, "ru", "es") == ["The war ruled.", segments[1], "The war ruled."]
    assert len(counted.loads) == 2 and counted.calls == [2, 2]
    assert engine.signature("ru", "es") == Signature(
        "argos", "translate-ru_en-1_0+translate-en_es-1_0", "1.0+1.0", "beam=4 int8 threads=2"
    )


def test_pairs_and_signature(install: Callable[..., Path], models_dir: Path) -> None:
    install("en", "ru")
    install("en", "es")
    install("es", "en")
    engine = ArgosEngine(models_dir, beam_size=2, threads=1)
    assert engine.pairs() == [Pair("en", "es"), Pair("en", "ru"), Pair("es", "en"), Pair("es", "ru", via="en")]
    assert str(engine.signature("en-GB", "ru")) == "argos:translate-en_ru-1_0@1.0 beam=2 int8 threads=1"


def test_newest_version_wins(install: Callable[..., Path], models_dir: Path) -> None:
    install("en", "ru", version="1.9")
    install("en", "ru", version="1.10", swaps={"police": "court"})
    engine = ArgosEngine(models_dir)
    assert engine.signature("en", "ru").version == "1.10"
    assert engine.translate_batch(["police"], "en", "ru") == ["court"]


def test_unknown_pair_says_what_to_install(install: Callable[..., Path], models_dir: Path) -> None:
    install("en", "ru")
    with pytest.raises(UsageError, match=r"no Argos package for ru→es .*`newsl10n models install ru es`"):
        ArgosEngine(models_dir).translate_batch(["x"], "ru", "es")


def test_lost_codes_are_placed_from_the_attention_of_the_one_decode(
    install: Callable[..., Path], models_dir: Path, counted: Counter
) -> None:
    install("en", "ru", swaps={"<": "["})  # the model breaks every code it sees
    engine = ArgosEngine(models_dir)
    segments = ["Click <1>here</1> now.", "a < b", "<1>Whole.</1>", "Read <1>the <2/> report</1>.", "<1>1 < 2</1>"]
    out = engine.translate_batch(segments, "en", "ru")
    assert out == ["Click <1>here</1> now.", "a [ b", "<1>Whole.</1>", "Read <1>the <2/> report</1>.", "<1>1 < 2</1>"]
    assert counted.calls == [4]  # the bodies, decoded once: no second call for the segments that lost codes
    assert counted.attention == [True]


def test_dropped_codes_come_back_around_the_translated_words(
    install: Callable[..., Path], models_dir: Path
) -> None:
    install("en", "ru", swaps={"<": "", "police": "court"})  # "▁<" becomes "▁": codes lose their "<"
    segments = [
        "Read <1>the police report</1> today.",
        "The police said <2/> prices rose.",
        "Click <1>here</1>, then <3>sign <4/> in</3>.",
        "The police <1>rose</1> <2>fell</2>.",
    ]
    assert ArgosEngine(models_dir).translate_batch(segments, "en", "ru") == [
        "Read <1>the court report</1> today.",
        "The court said <2/> prices rose.",
        "Click <1>here</1>, then <3>sign <4/> in</3>.",
        "The court <1>rose</1> <2>fell</2>.",
    ]


def test_a_batch_that_loses_codes_is_one_translate_batch_call(
    install: Callable[..., Path], models_dir: Path, counted: Counter
) -> None:
    install("en", "ru", swaps={"<": "["})
    engine = ArgosEngine(models_dir)
    segments = [f"Item {n}: read <1>the report</1> and <2>the news</2> <3/> now." for n in range(20)]
    out = engine.translate_batch(segments + ["Plain text."], "en", "ru")
    assert out == segments + ["Plain text."]
    assert counted.calls == [21]


def test_attention_is_asked_for_only_when_codes_reach_the_model(
    install: Callable[..., Path], models_dir: Path, counted: Counter
) -> None:
    install("en", "ru")
    engine = ArgosEngine(models_dir)
    assert engine.translate_batch(["Plain.", "<1>Wrapped whole.</1>", "<2/> Peeled."], "en", "ru")[0] == "Plain."
    assert engine.translate_batch(["Read <1>this</1> now."], "en", "ru") == ["Read <1>this</1> now."]
    assert counted.calls == [3, 1]
    assert counted.attention == [False, True]


def test_pivot_places_codes_with_the_attention_of_each_hop(
    install: Callable[..., Path], models_dir: Path, counted: Counter
) -> None:
    install("ru", "en", swaps={"<": "["})
    install("en", "es", swaps={"<": "[", "police": "court"})
    engine = ArgosEngine(models_dir)
    segments = ["Университет <1>подписал</1> соглашение.", "The <1>big police</1> ruled <2/> today."]
    out = engine.translate_batch(segments, "ru", "es")
    assert out == ["Университет <1>подписал</1> соглашение.", "The <1>big court</1> ruled <2/> today."]
    assert counted.calls == [2, 2]
    assert counted.attention == [True, True]


def test_codes_around_the_whole_text_when_placement_disagrees_with_the_segment(
    install: Callable[..., Path], models_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsl10n.engines import argos

    install("en", "ru", swaps={"<": "["})
    monkeypatch.setattr(argos, "project_codes", lambda *args, **kwargs: "<9>Click</9> here now.")
    out = ArgosEngine(models_dir).translate_batch(["Click <1>here</1> now."], "en", "ru")
    assert out == ["<1>Click here now.</1>"]  # never a second decode


BPE = [
    ("plain", ["Read", "the", "re@@", "port", "."], ["▁Read", "▁the", "▁re", "port", "▁."], None),
    ("escaped", ["a", "&lt;", "b", "&amp;", "c"], ["▁a", "▁<", "▁b", "▁&", "▁c"], ["a", "<", "b", "&", "c"]),
    ("codes-glued", ["&lt;", "1", "&gt;", "x", "&lt;", "/", "1", "&gt;", "&lt;", "2", "/", "&gt;"],
     ["▁<", "1", ">", "▁x", "▁<", "/", "1", ">", "▁<", "2", "/", ">"],
     ["<@@", "1@@", ">", "x", "<@@", "/@@", "1@@", ">", "<@@", "2@@", "/@@", ">"]),
]


@pytest.mark.parametrize(("tokens", "pieces", "back"), [c[1:] for c in BPE], ids=[c[0] for c in BPE])
def test_bpe_tokens_as_pieces(tokens: list[str], pieces: list[str], back: list[str] | None) -> None:
    """Older packages tokenize with Moses + BPE: code placement sees their tokens as pieces."""
    assert bpe_pieces(tokens) == pieces
    assert bpe_tokens(pieces) == (back or tokens)


def test_random_model_loads_and_returns_text(install: Callable[..., Path], models_dir: Path) -> None:
    install("en", "ru", mode="random")
    out = ArgosEngine(models_dir, beam_size=1).translate_batch(["Hello there.", "Second."], "en", "ru")
    assert len(out) == 2 and all(isinstance(s, str) for s in out)


def test_broken_model_is_an_input_error_naming_the_package(install: Callable[..., Path], models_dir: Path) -> None:
    folder = install("en", "ru")
    (folder / "model" / "model.bin").write_bytes(b"garbage")
    with pytest.raises(InputError) as info:
        ArgosEngine(models_dir).translate_batch(["Hello."], "en", "ru")
    assert str(info.value).startswith(f"{folder}: cannot load the model")


def test_broken_tokenizer_is_an_input_error(install: Callable[..., Path], models_dir: Path) -> None:
    folder = install("en", "ru")
    (folder / "sentencepiece.model").write_bytes(b"garbage")
    with pytest.raises(InputError, match=str(folder)):
        ArgosEngine(models_dir).translate_batch(["Hello."], "en", "ru")


def test_engine_ignores_broken_folders(install: Callable[..., Path], models_dir: Path) -> None:
    install("en", "ru")
    (models_dir / "junk").mkdir()
    assert ArgosEngine(models_dir).pairs() == [Pair("en", "ru")]


PEEL = [
    ("plain", "Plain text.", ("", "Plain text.", "")),
    ("spaces", "  Plain.  ", ("  ", "Plain.", "  ")),
    ("wrapping-pair", "<1>Whole sentence.</1>", ("<1>", "Whole sentence.", "</1>")),
    ("leading-empty", "<2/> Photo: the rector.", ("<2/> ", "Photo: the rector.", "")),
    ("trailing-empty", "Text.<3/>", ("", "Text.", "<3/>")),
    ("nested-edges", "<1><2/>Text <3>x</3>.</1><4/>", ("<1><2/>", "Text <3>x</3>.", "</1><4/>")),
    ("pair-at-start-only", "<1>Read</1> more.", ("", "<1>Read</1> more.", "")),
    ("pair-at-end-only", "Read <1>more</1>", ("", "Read <1>more</1>", "")),
    ("two-pairs", "<1>A</1> and <2>B</2>", ("", "<1>A</1> and <2>B</2>", "")),
    ("empty-then-pair-inside", "<2/><1>A</1> b", ("<2/>", "<1>A</1> b", "")),
    ("dangling-opener-at-end", "<1>x</1> y<3>", ("", "<1>x</1> y<3>", "")),
    ("only-codes", "<1></1> <2/>", ("<1></1> <2/>", "", "")),
]


@pytest.mark.parametrize(("segment", "expected"), [c[1:] for c in PEEL], ids=[c[0] for c in PEEL])
def test_peel(segment: str, expected: tuple[str, str, str]) -> None:
    peeled = _peel(segment)
    assert (peeled.head, peeled.body, peeled.tail) == expected
    assert peeled.head + peeled.body + peeled.tail == segment


def test_nothing_heavy_at_import_and_no_argostranslate_translate(install: Callable[..., Path], models_dir: Path) -> None:
    install("en", "ru")
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        import newsl10n.engines.registry
        heavy = [m for m in ("ctranslate2", "sentencepiece", "torch", "argostranslate") if m in sys.modules]
        assert not heavy, heavy
        from newsl10n.engines.argos import ArgosEngine
        out = ArgosEngine(Path({str(models_dir)!r})).translate_batch(["Hello <1>world</1>."], "en", "ru")
        assert out == ["Hello <1>world</1>."], out
        bad = [m for m in ("argostranslate.translate", "torch", "stanza", "spacy") if m in sys.modules]
        assert not bad, bad
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr


def test_pieces_outside_the_vocabulary_decode_with_spaces(install: Callable[..., Path]) -> None:
    from newsl10n.engines.argos import _SentencePiece

    folder = install("en", "ru")
    sp = _SentencePiece(folder / "sentencepiece.model")
    assert sp.decode(["▁Hello", "▁🎉", "▁x_y"]).strip() == "Hello 🎉 x_y"  # what replace_unknowns copies


def test_compute_type_falls_back_to_default(
    install: Callable[..., Path], models_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install("en", "ru")
    real = ctranslate2.Translator
    asked: list[str] = []

    def picky(model_path: str, *args: Any, compute_type: str = "default", **kwargs: Any) -> Any:
        asked.append(compute_type)
        if compute_type == "int8":
            raise ValueError("Requested int8 compute type, but the target device does not support it")
        return real(model_path, *args, compute_type=compute_type, **kwargs)

    monkeypatch.setattr(ctranslate2, "Translator", picky)
    engine = ArgosEngine(models_dir)
    assert engine.translate_batch(["Hello."], "en", "ru") == ["Hello."]
    assert asked == ["int8", "default"]
    assert engine.signature("en", "ru").settings == "beam=4 default threads=2"


def test_unsupported_compute_type_is_not_requested(
    install: Callable[..., Path], models_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install("en", "ru")
    monkeypatch.setattr(ctranslate2, "get_supported_compute_types", lambda device: {"float32"})
    assert ArgosEngine(models_dir).signature("en", "ru").settings == "beam=4 default threads=2"

"""The MT stage, four ways, on the same model, beam size and threads.

* ``newsl10n``: ``ArgosEngine.translate_batch`` over the articles' segments
  (sentences with inline codes), as ``newsl10n translate`` calls it;
* ``raw``: one ``ctranslate2.Translator.translate_batch`` call over the same
  segments, tokenized beforehand (the machine's limit);
* ``argostranslate``: ``argostranslate.translate.translate()`` per paragraph;
* ``translatehtml``: ``translatehtml.translate_html()`` per article.

Every ``Translator.translate_batch`` call in this process is counted
(calls, sentences, source pieces): since the bench model always outputs as
many pieces as its input has, pieces in = pieces decoded, so the table shows
how much decoding work each contender asked for.

``argostranslate`` must be imported after ``ARGOS_*`` are set (``run.py``
does it first thing); its sentence splitter is replaced by a regex split,
because the default one downloads MiniSBD on first use.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Work:
    calls: int = 0
    sentences: int = 0
    pieces: int = 0


@dataclass
class MtResult:
    name: str
    seconds: float
    work: Work
    note: str = ""


@dataclass
class Counter:
    """Wraps ``ctranslate2.Translator.translate_batch`` to count what every caller asks for."""

    current: Work = field(default_factory=Work)
    installed: bool = False

    def install(self) -> None:
        if self.installed:
            return
        import ctranslate2

        original = ctranslate2.Translator.translate_batch
        counter = self

        def counted(translator: Any, source: Any, *args: Any, **kwargs: Any) -> Any:
            counter.current.calls += 1
            counter.current.sentences += len(source)
            counter.current.pieces += sum(len(s) for s in source)
            return original(translator, source, *args, **kwargs)

        ctranslate2.Translator.translate_batch = counted
        self.installed = True

    def measure(self, name: str, warm: Callable[[], object], run: Callable[[], object], note: str = "") -> MtResult:
        warm()  # loads the model; not timed
        self.current = Work()
        started = time.perf_counter()
        run()
        seconds = time.perf_counter() - started
        done, self.current = self.current, Work()  # later warm-ups count into a fresh Work, not this result
        return MtResult(name, seconds, done, note)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _offline_sentencizer() -> None:
    import argostranslate.sbd

    def split(self: Any, text: str) -> list[str]:
        return [s for s in _SENTENCE_END.split(text) if s] or [text]

    argostranslate.sbd.MiniSBDSentencizer.split_sentences = split  # type: ignore[method-assign]


def run_newsl10n(counter: Counter, models_dir: Path, segments: Sequence[str], *, beam: int, threads: int) -> MtResult:
    from newsl10n.engines.argos import ArgosEngine

    engine = ArgosEngine(models_dir, beam_size=beam, threads=threads)
    return counter.measure(
        "newsl10n ArgosEngine.translate_batch (all segments, one call)",
        lambda: engine.translate_batch(["Warm up."], "en", "ru"),
        lambda: engine.translate_batch(list(segments), "en", "ru"),
    )


def run_raw(counter: Counter, package: Path, segments: Sequence[str], *, beam: int, threads: int,
            batch_size: int = 64) -> MtResult:
    import ctranslate2
    import sentencepiece

    sp = sentencepiece.SentencePieceProcessor(model_file=str(package / "sentencepiece.model"))
    translator = ctranslate2.Translator(str(package / "model"), device="cpu", compute_type="int8",
                                        inter_threads=1, intra_threads=threads)
    unique = list(dict.fromkeys(segments))
    tokens = [sp.encode(s, out_type=str) for s in unique]  # tokenized beforehand: not timed

    def run() -> object:
        return translator.translate_batch(tokens, max_batch_size=batch_size, beam_size=beam, num_hypotheses=1,
                                          length_penalty=0.2, replace_unknowns=True, max_decoding_length=1024)

    return counter.measure(
        "raw ctranslate2 translate_batch (same segments, pre-tokenized)",
        lambda: translator.translate_batch([["▁Warm", "▁up", "."]], beam_size=beam),
        run,
    )


def run_argostranslate(counter: Counter, paragraphs: Sequence[str]) -> MtResult:
    _offline_sentencizer()
    import argostranslate.translate

    def run() -> object:
        return [argostranslate.translate.translate(p, "en", "ru") for p in paragraphs]

    return counter.measure(
        "argostranslate.translate.translate() per paragraph",
        lambda: argostranslate.translate.translate("Warm up.", "en", "ru"),
        run,
        note=f"{len(paragraphs)} paragraphs",
    )


def run_translatehtml(counter: Counter, articles: Sequence[str]) -> MtResult:
    _offline_sentencizer()
    import argostranslate.translate
    import translatehtml

    translation = argostranslate.translate.get_translation_from_codes("en", "ru")

    def run() -> object:
        return [translatehtml.translate_html(translation, html) for html in articles]

    return counter.measure(
        "translatehtml.translate_html() per article",
        lambda: translatehtml.translate_html(translation, "<p>Warm up.</p>"),
        run,
        note=f"{len(articles)} articles",
    )

"""The MT stage on segments with inline codes: ArgosEngine against one raw ``translate_batch``, as ratios.

    python bench/mt_codes.py [--articles N] [--repeats R] [--old PATH]

Builds the bench model (``bench/argos_model.py``, random weights, output
length = input length) once in a temporary directory, takes the segments of
the first N generated articles (default 2) and times, best of R rounds
(default 3) taking turns:

* ``newsl10n``: ``ArgosEngine.translate_batch`` over the segments (as ``bench/run.py`` does);
* ``old``: the same with the engine module at PATH, e.g. an earlier version saved with
  ``git show HEAD:src/newsl10n/engines/argos.py > /tmp/argos_old.py``;
* ``raw``: one ``ctranslate2.Translator.translate_batch`` over the same segments, pre-tokenized,
  with newsl10n's options (``bench/mt.py``);
* ``raw+attention``: the same call with ``return_attention=True``.

Prints each contender's best time and decoding work, then ``raw / contender``
(the share of the machine's limit a contender reaches; the target is ≥ 90 %).
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "src"), str(REPO)]

from bench import corpus, mt, run  # after the path set-up, as bench/run.py does


def load_engine_module(path: Path) -> ModuleType:
    """An engine module from a file, imported inside ``newsl10n.engines`` so that its relative imports work."""
    name = "newsl10n.engines._bench_" + path.stem
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def run_engine(counter: mt.Counter, module: ModuleType, label: str, models_dir: Path, segments: Sequence[str]
               ) -> mt.MtResult:
    engine = module.ArgosEngine(models_dir, beam_size=run.BEAM, threads=run.THREADS)
    return counter.measure(
        label,
        lambda: engine.translate_batch(["Warm up."], "en", "ru"),
        lambda: engine.translate_batch(list(segments), "en", "ru"),
    )


def run_raw_attention(counter: mt.Counter, package: Path, segments: Sequence[str]) -> mt.MtResult:
    """``mt.run_raw`` with ``return_attention=True``: what asking for the attention costs."""
    import ctranslate2
    import sentencepiece

    sp = sentencepiece.SentencePieceProcessor(model_file=str(package / "sentencepiece.model"))
    translator = ctranslate2.Translator(str(package / "model"), device="cpu", compute_type="int8",
                                        inter_threads=1, intra_threads=run.THREADS)
    tokens = [sp.encode(s, out_type=str) for s in dict.fromkeys(segments)]

    def once() -> object:
        return translator.translate_batch(tokens, max_batch_size=64, beam_size=run.BEAM, num_hypotheses=1,
                                          length_penalty=0.2, replace_unknowns=True, max_decoding_length=1024,
                                          return_attention=True)

    return counter.measure(
        "raw ctranslate2 translate_batch, return_attention=True",
        lambda: translator.translate_batch([["▁Warm", "▁up", "."]], beam_size=run.BEAM),
        once,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2, help="bench articles whose segments are translated")
    parser.add_argument("--repeats", type=int, default=3, help="rounds; each contender keeps its best")
    parser.add_argument("--old", type=Path, help="an earlier argos.py to compare with")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="newsl10n-mt-codes-"))
    try:
        _, models_dir, package = run.build_model(work)
        paths = corpus.write_corpus(work / "corpus", args.articles)
        segments = run.mt_inputs(paths)[0]
        unique = list(dict.fromkeys(segments))
        print(f"{len(segments)} segments ({len(unique)} unique, {sum('<' in s for s in unique)} with inline codes) "
              f"from {args.articles} articles; beam {run.BEAM}, {run.THREADS} threads, int8", flush=True)
        import newsl10n.engines.argos as new

        contenders: dict[str, Callable[[mt.Counter], mt.MtResult]] = {
            "newsl10n": lambda c: run_engine(c, new, "newsl10n ArgosEngine.translate_batch", models_dir, segments),
        }
        if args.old:
            old = load_engine_module(args.old.resolve())
            contenders["old"] = lambda c: run_engine(c, old, f"old ArgosEngine ({args.old.name})", models_dir,
                                                     segments)
        contenders["raw"] = lambda c: mt.run_raw(c, package, segments, beam=run.BEAM, threads=run.THREADS)
        contenders["raw+attention"] = lambda c: run_raw_attention(c, package, segments)
        counter = mt.Counter()
        counter.install()
        runs: dict[str, list[mt.MtResult]] = {key: [] for key in contenders}
        started = time.perf_counter()
        for _ in range(args.repeats):
            for key, contender in contenders.items():
                runs[key].append(contender(counter))
                counter.current = mt.Work()  # Counter.measure keeps counting into the Work it returned
        best = {key: min(results, key=lambda r: r.seconds) for key, results in runs.items()}
        print(f"({time.perf_counter() - started:.0f} s of measuring)\n")
        for key, r in best.items():
            times = " ".join(f"{x.seconds:.2f}" for x in runs[key])
            print(f"{key:<14} {r.seconds:6.2f} s  {r.work.calls:3d} calls {r.work.sentences:5d} inputs "
                  f"{r.work.pieces:6d} pieces  (runs: {times})  {r.name}")
        raw = best["raw"].seconds
        print()
        ratios = {key: raw / r.seconds for key, r in best.items() if key != "raw"}
        for key, ratio in ratios.items():
            print(f"raw / {key:<14} {ratio:6.1%}")
        print({key: round(ratio, 4) for key, ratio in ratios.items()})
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

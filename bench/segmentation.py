"""Sentence segmentation speed: the segmenter against the one it replaced (tests/segment/_oracle.py).

    python bench/segmentation.py [--articles N] [--corpus DIR] [--lang LANG] [--repeat K]

Reads every block of N generated news articles (default 300, written to a
temporary directory by bench/corpus.py) or of the articles in ``--corpus``,
the way ``newsl10n extract`` does, segments each block with both
implementations (``split_block``, SRX breaks included), checks that the
results are identical and prints both times (the best of ``--repeat`` runs,
after one warm-up run that builds the compiled-rule caches; the garbage
collector off while timing, as :mod:`timeit` does) and their ratio.
The language of an article is ``--lang`` or, as in the pipeline, the one it
declares or the detected one.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path, PurePath

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "src"), str(REPO)]

from bench import corpus as gen
from tests.segment._oracle import oracle_split_block

from newsl10n.model import Block, SegmentedBlock
from newsl10n.segment.blocks import split_block
from newsl10n.stages import load_source, parse, source_language

ARTICLE_SUFFIXES = (".html", ".htm", ".md", ".txt")
Segmenter = Callable[[Block, str], SegmentedBlock]


def read_blocks(paths: list[Path], lang: str | None) -> list[tuple[Block, str]]:
    """Every block of every article with the language it is segmented in."""
    blocks: list[tuple[Block, str]] = []
    for path in paths:
        source = load_source(path.read_bytes(), path=PurePath(path.name), display=path.name)
        parsed = parse(source)
        text = " ".join(run.text for run in parsed.runs)
        article_lang = source_language(given=lang, declared=parsed.lang, text=text)
        blocks.extend((run.block(), article_lang) for run in parsed.runs)
    return blocks


def run(segment: Segmenter, blocks: list[tuple[Block, str]]) -> tuple[float, list[SegmentedBlock]]:
    """One pass over the blocks, timed with the garbage collector off (as :mod:`timeit` does)."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        results = [segment(block, lang) for block, lang in blocks]
        return time.perf_counter() - start, results
    finally:
        gc.enable()


def best_of(segment: Segmenter, blocks: list[tuple[Block, str]], repeat: int) -> tuple[float, list[SegmentedBlock]]:
    _, results = run(segment, blocks)  # warm-up: rule plans, compiled patterns
    return min(run(segment, blocks)[0] for _ in range(repeat)), results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=300, help="generated articles (default 300)")
    parser.add_argument("--corpus", type=Path, help="segment the articles in this folder instead")
    parser.add_argument("--lang", help="source language (default: declared or detected, as the pipeline does)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each implementation (default 3)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="newsl10n-seg-") as tmp:
        if args.corpus is not None:
            paths = sorted(p for p in args.corpus.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES)
            where = str(args.corpus)
        else:
            paths = gen.write_corpus(Path(tmp), args.articles)
            where = f"{args.articles} generated articles"
        if not paths:
            parser.error(f"no articles ({', '.join(ARTICLE_SUFFIXES)}) under {args.corpus}")
        blocks = read_blocks(paths, args.lang)

    old_time, old = best_of(oracle_split_block, blocks, args.repeat)
    new_time, new = best_of(split_block, blocks, args.repeat)
    mismatches = sum(a != b for a, b in zip(old, new, strict=True))
    chars = sum(len(block.text) for block, _ in blocks)
    segments = sum(len(result.segments) for result in new)
    print(f"{where}: {len(paths)} articles, {len(blocks)} blocks, {chars} characters, {segments} segments")
    print(f"old (per-character atoms, every rule over the whole text): {old_time:8.3f} s")
    print(f"new (spans between codes, planned rule scan):              {new_time:8.3f} s")
    print(f"ratio: {old_time / new_time:.1f}x   identical results: {'yes' if not mismatches else 'NO'}")
    if mismatches:
        print(f"{mismatches} blocks differ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Glossary scaling alone: matching cost per segment with 100, 10,000 and 100,000 terms, and TBX load time.

    python bench/glossary_scaling.py [--quick]

The same measurement as section 3 of ``bench/run.py`` (which runs it with all
the others); kept as a shortcut while working on the glossary code.  Prints a
table, then one JSON line with the ratios.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent.parent / "src"), str(Path(__file__).resolve().parent.parent)]

from bench import corpus
from bench.run import bench_glossary, mt_inputs


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer passes")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newsl10n-glossary-bench-"))
    try:
        paths = corpus.write_corpus(work / "corpus", 100)
        segments = list(dict.fromkeys(mt_inputs(paths)[0]))
        rows, result, lines = bench_glossary(work, segments, 3 if args.quick else 9)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("\n".join(lines))
    for row in rows:
        print(f"{row.measure}: {row.ours} vs {row.theirs}: {row.ratio:.2f} (target {row.target}) {row.met}")
    print(json.dumps({k: round(v, 3) for k, v in result.items()}, sort_keys=True))


if __name__ == "__main__":
    main()

"""Glossary scaling: matching cost per segment with 100, 10,000 and 100,000 terms, and TBX load time.

    python bench/glossary_scaling.py [--quick]

Generates its own glossaries (the project's glossary plus generated multi-word
names) as TBX files in a temporary directory, loads each, and matches every
sentence of the corpus against it.  Prints a table, then one JSON line with
the ratios.  Target: match time per segment with 100k terms / with 100 terms ≤ 2.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from newsl10n.glossary import TermMatcher, load_glossary  # noqa: E402
from newsl10n.pipeline import extract, load_source  # noqa: E402

WORDS = (
    "applied advanced digital energy materials nuclear polar marine urban rural solar quantum laser optical civil "
    "industrial chemical bio data cyber smart green space aero transport mining power thermal water forest arctic"
).split()
HEADS = "Institute Laboratory Centre School Department Office Faculty Council Committee Programme".split()


def generated_names(n: int, rng: random.Random) -> list[str]:
    names: set[str] = set()
    while len(names) < n:
        words = " ".join(w.capitalize() for w in rng.sample(WORDS, rng.randint(1, 3)))
        names.add(f"{rng.choice(HEADS)} of {words} {rng.randint(1, 99_999)}")
    return sorted(names)


def write_tbx(path: Path, names: list[str]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX" xml:lang="en"><text><body>\n')
        for i, name in enumerate(names):
            fh.write(
                f'<termEntry id="g{i}"><langSet xml:lang="en"><tig><term>{escape(name)}</term></tig></langSet>'
                f'<langSet xml:lang="ru"><tig><term>{escape(name)} (ru)</term></tig></langSet></termEntry>\n'
            )
        fh.write("</body></text></martif>\n")


def corpus_segments() -> list[str]:
    segments: list[str] = []
    for path in sorted((REPO / "corpus" / "en").glob("*.html")):
        source = load_source(path.read_bytes(), path=path, display=path.name)
        segments.extend(s.msgid for s in extract(source, given_lang="en").segments)
    return segments


def time_matching(matcher: TermMatcher, segments: list[str], repeats: int) -> float:
    """Median seconds per segment over several passes."""
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        for seg in segments:
            matcher.find(seg)
        runs.append((time.perf_counter() - start) / len(segments))
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer passes")
    args = parser.parse_args()
    rng = random.Random(0)
    segments = corpus_segments()
    repeats = 3 if args.quick else 9
    sizes = [100, 10_000, 100_000]
    rows = []
    with tempfile.TemporaryDirectory(prefix="newsl10n-bench-") as tmp:
        for size in sizes:
            tbx = Path(tmp) / f"g{size}.tbx"
            write_tbx(tbx, generated_names(size, rng))
            start = time.perf_counter()
            glossary = load_glossary([tbx, REPO / "glossary"])
            load = time.perf_counter() - start
            start = time.perf_counter()
            matcher = TermMatcher(glossary, "en")
            build = time.perf_counter() - start
            per_segment = time_matching(matcher, segments, repeats)
            rows.append({"terms": size, "load_s": load, "build_s": build, "match_us": per_segment * 1e6})
    print(f"{len(segments)} corpus segments, {repeats} passes (median)")
    print(f"{'terms':>8} {'TBX load s':>11} {'matcher s':>10} {'µs/segment':>11}")
    for row in rows:
        print(f"{row['terms']:>8,} {row['load_s']:>11.2f} {row['build_s']:>10.2f} {row['match_us']:>11.1f}")
    ratio = rows[-1]["match_us"] / rows[0]["match_us"]
    result = {
        "match_100k_over_100": round(ratio, 3),
        "match_10k_over_100": round(rows[1]["match_us"] / rows[0]["match_us"], 3),
        "load_100k_s": round(rows[-1]["load_s"], 3),
        "target_match_ratio_max": 2.0,
        "target_load_s_max": 2.0,
    }
    print(json.dumps(result, sort_keys=True))


if __name__ == "__main__":
    main()

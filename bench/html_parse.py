"""The cost of reading HTML as browsers do: html5lib (WHATWG, pure Python) against libxml2 (lxml).

    python bench/html_parse.py [--articles N] [--big-kb K] [--repeat R]

Parses N generated news articles (bench/corpus.py) and one page of about K kilobytes
(many paragraphs with links) three ways, best of R runs each: libxml2's HTML parser (what
newsl10n used before issue #16), html5lib into lxml (``newsl10n.formats.html5_parse``) and
the whole reader plus writer (``parse_html`` + ``serialize``).  Prints a table and, last,
one JSON object.  See docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "src"), str(REPO)]

import lxml.html
from bench import corpus as gen

from newsl10n.formats.html import parse_html
from newsl10n.formats.html5_parse import parse_document
from newsl10n.formats.html_write import serialize


def best(fn: Callable[..., object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def big_page(kilobytes: int) -> str:
    para = '<p>The university and its partner <a href="/partners/upm/">UPM</a> signed a <b>new</b> agreement today.</p>\n'
    count = kilobytes * 1024 // len(para) + 1
    return "<!DOCTYPE html>\n<html lang='en'><head><title>Big</title></head><body>\n" + para * count + "</body></html>\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--big-kb", type=int, default=1024)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    articles = [gen.article(i) for i in range(args.articles)]
    inputs = {f"{args.articles} articles": articles, f"one {args.big_kb} KB page": [big_page(args.big_kb)]}
    result: dict[str, dict[str, float]] = {}
    print(f"{'input':<22} {'MB':>6} {'libxml2 s':>10} {'html5lib s':>11} {'ratio':>7} {'read+write s':>13}")
    for name, pages in inputs.items():
        size = sum(len(p.encode("utf-8")) for p in pages) / 1e6
        old = best(lambda pages=pages: [lxml.html.document_fromstring(p) for p in pages], args.repeat)
        new = best(lambda pages=pages: [parse_document(p) for p in pages], args.repeat)
        whole = best(lambda pages=pages: [serialize(parse_html(p, path="b.html"), nbsp_entities=False) for p in pages], args.repeat)
        result[name] = {"mb": round(size, 2), "libxml2_s": round(old, 3), "html5lib_s": round(new, 3),
                        "ratio": round(new / old, 1), "read_write_s": round(whole, 3),
                        "html5lib_mb_per_s": round(size / new, 3)}
        print(f"{name:<22} {size:>6.2f} {old:>10.3f} {new:>11.3f} {new / old:>7.1f} {whole:>13.3f}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()

"""The cost of reading HTML as browsers do, against libxml2 (lxml), which does not.

    python bench/html_parse.py [--articles N] [--big-kb K] [--repeat R]

Parses N generated news articles (bench/corpus.py) and one page of about K kilobytes
(many paragraphs with links), best of R runs each: libxml2's HTML parser (what
newsl10n used before issue #16), the two fast WHATWG parsers that were candidates
(html5ever through markupever, lexbor through selectolax; their own trees, no copy),
html5lib into lxml (what newsl10n used from #16 to #10, when installed), newsl10n's
reader (``newsl10n.formats.html5_parse``: html5ever, the copy into lxml and the start
tag lines) and the whole reader plus writer (``parse_html`` + ``serialize``).  Prints a
table and, last, one JSON object.  See docs/benchmarks.md.
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


def candidates() -> dict[str, Callable[[str], object]]:
    """The parsers to time, each reading one page into its own tree."""
    import markupever

    from newsl10n.formats.html5_parse import parse_document

    found: dict[str, Callable[[str], object]] = {
        "libxml2": lxml.html.document_fromstring,
        "html5ever": markupever.parse,
    }
    try:
        from selectolax.lexbor import LexborHTMLParser

        found["lexbor"] = lambda page: LexborHTMLParser(page, scripting=True)
    except ImportError:
        pass
    try:
        import html5lib  # type: ignore[import-untyped]

        found["html5lib"] = lambda page: html5lib.parse(page, treebuilder="lxml", namespaceHTMLElements=False)
    except ImportError:
        pass
    found["newsl10n reader"] = parse_document
    found["read+write"] = lambda page: serialize(parse_html(page, path="b.html"), nbsp_entities=False)
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--big-kb", type=int, default=1024)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    articles = [gen.article(i) for i in range(args.articles)]
    inputs = {f"{args.articles} articles": articles, f"one {args.big_kb} KB page": [big_page(args.big_kb)]}
    parsers = candidates()
    result: dict[str, dict[str, float]] = {}
    print(f"{'input':<20} {'MB':>5} " + " ".join(f"{name + ' s':>16}" for name in parsers))
    for name, pages in inputs.items():
        size = sum(len(p.encode("utf-8")) for p in pages) / 1e6
        row = {"mb": round(size, 2)}
        for parser, parse in parsers.items():
            row[parser] = round(best(lambda pages=pages, parse=parse: [parse(p) for p in pages], args.repeat), 4)
        result[name] = row
        print(f"{name:<20} {size:>5.2f} " + " ".join(f"{row[p]:>16.4f}" for p in parsers))
    print(json.dumps(result))


if __name__ == "__main__":
    main()

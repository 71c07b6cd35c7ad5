"""Where ``extract`` and ``build`` spend their time per article, stage by stage, in one process.

    python bench/stages.py [--articles N] [--repeat R]

Generates N articles (bench/corpus.py, default 300), then times each stage of
``extract`` (read, parse, segment, glossary notes and template, PO text) and of
``build`` (PO read, parse, rebuild and write the page) on every article, with the
project's glossary, as the CLI's workers run them.  Each stage's total is the
best of R passes (default 3), reported in milliseconds per article; the last
line is one JSON object.  Row 1 of ``bench/run.py`` times the two commands
whole; this says which stage to work on.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "src"), str(REPO)]

from bench import corpus as gen

from newsl10n import stages
from newsl10n.catalog import translations
from newsl10n.formats.po import generate_po, parse_po
from newsl10n.workflow.context import RunTerms
from newsl10n.workflow.inputs import read_source
from newsl10n.workflow.project import Project
from newsl10n.workflow.steps import template_for

EXTRACT = ("read", "parse", "segment", "notes+template", "po text")
BUILD = ("po read", "parse", "rebuild")


def run_once(project: Project, articles: list[Any]) -> dict[str, float]:
    """One pass over every article; seconds spent in each stage (the glossary's caches start empty)."""
    terms = RunTerms(project.glossary_choice().glossary)
    terms.prepare(["en"])
    spent = dict.fromkeys([f"extract: {s}" for s in EXTRACT] + [f"build: {s}" for s in BUILD], 0.0)

    def timed(name: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        value = fn(*args, **kwargs)
        spent[name] += time.perf_counter() - start
        return value

    for article in articles:
        source = timed("extract: read", read_source, article, encoding=None, lang="en")
        parsed = timed("extract: parse", stages.parse, source)
        extraction = timed("extract: segment", stages.extract, source, given_lang="en", parsed=parsed)
        template = timed("extract: notes+template", template_for, source, extraction, terms)
        text = timed("extract: po text", generate_po, template)
        catalog = timed("build: po read", parse_po, filled(text).encode(), path=article.shown)
        lookup = translations(catalog, use_fuzzy=True, use_stale=False)
        parsed = timed("build: parse", stages.parse, source)
        timed("build: rebuild", stages.build, source, src_lang="en", tgt_lang="ru", lookup=lookup, parsed=parsed)
    return spent


def filled(template: str) -> str:
    """The template as a catalog whose every msgstr is its msgid (as ``bench/run.py`` fills them)."""
    import polib

    po = polib.pofile(template)
    for entry in po:
        if entry.msgid and not entry.msgid_plural:
            entry.msgstr = entry.msgid
    return str(po)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="newsl10n-stages-") as tmp:
        work = Path(tmp)
        gen.write_corpus(work / "corpus", args.articles)
        project = Project(locales=str(work / "locales"), glossary=[str(REPO / "glossary")], source_lang="en")
        articles = project.articles([work / "corpus"])
        best: dict[str, float] = {}
        for _ in range(args.repeat):
            for name, seconds in run_once(project, articles).items():
                best[name] = min(best.get(name, seconds), seconds)
    per = {name: 1000 * seconds / len(articles) for name, seconds in best.items()}
    for side in ("extract", "build"):
        rows = {k: v for k, v in per.items() if k.startswith(side)}
        for name, ms in rows.items():
            print(f"{name:<28} {ms:7.3f} ms/article")
        print(f"{side + ' total':<28} {sum(rows.values()):7.3f} ms/article\n")
    per["extract"] = sum(v for k, v in per.items() if k.startswith("extract:"))
    per["build"] = sum(v for k, v in per.items() if k.startswith("build:"))
    print(json.dumps({k: round(v, 4) for k, v in per.items()}, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())

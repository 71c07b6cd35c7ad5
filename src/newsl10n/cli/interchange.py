"""``stats``, ``export``, ``import`` and ``eval``: argv in, the exchange workflow, printing out."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import Any

from ..errors import FindingsError, UsageError
from ..workflow.results import Output, write_outputs
from .common import Out


def add_commands(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("stats", help="how much is translated, per language and article (entries and source words)")
    p.add_argument("paths", nargs="*", metavar="PATH", help="PO files or directories (default: ./locales)")
    p.add_argument("--format", default="text", choices=("text", "json", "csv"), help="output format (default: text)")

    p = sub.add_parser("export", help="write catalogs as XLIFF 2.0 for CAT tools, or approved pairs as TMX 1.4b")
    p.add_argument("articles", nargs="*", metavar="ARTICLE", help="articles (paths or names) to export (XLIFF)")
    p.add_argument("--format", required=True, choices=("xliff2", "tmx"), help="xliff2 (one language) or tmx (all)")
    p.add_argument("--to", metavar="LANG", help="target language (XLIFF: required; TMX: only this language)")
    p.add_argument("--all", action="store_true", help="every catalog of the language (XLIFF)")
    p.add_argument("-o", "--output", metavar="FILE|DIR",
                   help="output file, or a directory for one file per source language "
                        "(default: ./<from>-<to>.xlf for each source language; ./memory.tmx)")
    p.add_argument("--locales", default="locales", metavar="DIR", help="catalog directory (default: ./locales)")

    p = sub.add_parser("import", help="merge a translator's XLIFF 2.0 file into the catalogs")
    p.add_argument("file", metavar="FILE.xlf")
    p.add_argument("--locales", default="locales", metavar="DIR", help="catalog directory (default: ./locales)")
    p.add_argument("-q", "--quiet", action="store_true", help="print only problems")

    p = sub.add_parser("eval", help="score engines against the approved translations of the catalogs (writes nothing)")
    p.add_argument("paths", nargs="*", metavar="PATH", help="PO files or directories (default: ./locales)")
    p.add_argument("--engine", action="append", required=True, metavar="NAME",
                   choices=("auto", "argos", "apertium"), help="an engine to score (repeat to compare)")
    p.add_argument("--to", required=True, metavar="LANG", help="the catalogs' language")
    p.add_argument("--format", default="text", choices=("text", "json"), help="output format (default: text)")
    p.add_argument("--models-dir", metavar="DIR", help="Argos packages (default: $NEWSL10N_MODELS_DIR, else XDG data dir)")
    p.add_argument("--glossary", nargs="+", metavar="PATH", help="glossary for term accuracy (default: ./glossary)")
    p.add_argument("--no-glossary", action="store_true", help="no term accuracy")


def _paths(names: list[str]) -> list[Path]:
    return [Path(n) for n in names] or [Path("locales")]


def cmd_stats(args: argparse.Namespace) -> int:
    from .. import exchange
    from ..stats import generate

    report = exchange.stats(_paths(args.paths))
    sys.stdout.write(generate(report, args.format, width=shutil.get_terminal_size().columns))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .. import exchange
    from ..localize import normalize_lang

    locales = Path(args.locales)
    if args.format == "tmx":
        if args.articles or args.all:
            raise UsageError("a TMX export holds every approved pair: name no articles (use --to for one language)")
        paths = [locales / normalize_lang(args.to)] if args.to else [locales]
        catalogs = [c for c in exchange.load_catalogs(paths) if c.language]
        tmx = Path(args.output or "memory.tmx")
        if tmx.is_dir():
            tmx = tmx / "memory.tmx"
        _output_suffix(tmx, (".tmx",))
        write_outputs([Output(tmx, exchange.export_tmx(catalogs))])
        Out(False).info(f"{tmx}: approved pairs of {len(catalogs)} catalogs")
        return 0
    if not args.to:
        raise UsageError("export --format xliff2 needs --to LANG")
    if bool(args.articles) == bool(args.all):
        raise UsageError("name the articles to export, or --all")
    lang = normalize_lang(args.to)
    docs = exchange.export_xliff(exchange.catalogs_for(locales, lang, args.articles), tgt_lang=lang)
    target = Path(args.output) if args.output else None
    outputs = []
    for doc in docs:
        name = f"{doc.src_lang}-{lang}.xlf"
        if target is None:
            path = Path(name)
        elif target.is_dir() or args.output.endswith(("/", "\\")):
            path = target / name
        elif len(docs) > 1:
            langs = ", ".join(d.src_lang for d in docs)
            raise UsageError(f"the catalogs have {len(docs)} source languages ({langs}): give -o a directory")
        else:
            path = target
        _output_suffix(path, (".xlf", ".xliff"))
        outputs.append(Output(path, doc.text))
    write_outputs(outputs)
    for doc, out in zip(docs, outputs, strict=True):
        Out(False).info(f"{out.path}: {len(doc.articles)} articles, {doc.src_lang}→{doc.tgt_lang}")
    return 0


def _output_suffix(path: Path, suffixes: tuple[str, ...]) -> None:
    """An export never replaces a catalog, an article or a glossary: its file must be named for its format."""
    if path.suffix.lower() not in suffixes:
        raise UsageError(f"{path}: an export file is named *{' or *'.join(suffixes)} (a directory: end it with /)")


def cmd_import(args: argparse.Namespace) -> int:
    from .. import exchange
    from ..fsio import display_path, locked_dir, read_bytes

    path = Path(args.file)
    data = read_bytes(path, what="the XLIFF file")
    locales = Path(args.locales)
    with locked_dir(locales):
        result = exchange.import_xliff(data, path=display_path(path), locales=locales)
    out = Out(args.quiet)
    for refusal in result.refused:
        out.warn(str(refusal))
    out.info(result.summary())
    if result.refused:
        n = len(result.refused)
        raise FindingsError(f"{n} unit{'' if n == 1 else 's'} refused; the others were imported")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    import os

    from .. import exchange
    from ..engines.models import resolve_models_dir
    from ..evaluate import generate_json, generate_text
    from ..localize import normalize_lang
    from .common import glossary_of

    models_dir = resolve_models_dir(args.models_dir, os.environ)
    run = exchange.evaluate_engines(
        _paths(args.paths),
        engines=list(dict.fromkeys(args.engine)),
        tgt_lang=normalize_lang(args.to),
        models_dir=models_dir,
        glossary=glossary_of(args),
    )
    for src, n in sorted(run.skipped.items()):
        Out.warn(f"newsl10n: {n} approved entries from {src} left out: not every engine has {src}→{args.to}")
    sys.stdout.write(generate_json(run.scores) if args.format == "json" else generate_text(run.scores))
    return 0

"""The command line: the only place that reads argv, prints and exits.

Exit codes: 0 fine, 1 findings, 2 bad input or usage (one line on stderr,
no traceback).  Heavy modules are imported inside the commands so that
``newsl10n --help`` stays instant.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .. import __version__
from ..engines.registry import ENGINES
from ..errors import Newsl10nError, UsageError

EXAMPLES = """\
examples:
  newsl10n translate corpus/en/upm-delegation-visit.html --to es          (Apertium, offline)
  newsl10n models install en ru && newsl10n translate corpus/en/ --to ru  (Argos)
  newsl10n translate article.html --to ru,es --engine none                (memory and glossary only)
  newsl10n build corpus/en/upm-delegation-visit.html --to ru --no-fuzzy
  newsl10n check locales/ --format github
  newsl10n glossary lint glossary/
  newsl10n stats locales/ --format csv
  newsl10n export --format xliff2 --to es --all -o es.xlf  &&  newsl10n import es.xlf
  newsl10n export --format tmx -o memory.tmx;  newsl10n translate article.html --to es --tm memory.tmx
  newsl10n eval --engine apertium --engine argos --to es locales/es
  newsl10n review corpus/en/ --to es                                      (review page in the browser)

Catalogs live in LOCALES/<lang>/LC_MESSAGES/<slug>.po, templates in
LOCALES/templates/<slug>.pot, localized pages in OUT/<lang>/<slug>.html.
exit codes: 0 ok, 1 findings, 2 bad input or usage
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def make_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="newsl10n",
        description="Offline translation and localization of news articles: segment, catalog, translate, build, check.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"newsl10n {__version__}")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only problems (any command)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def quiet_option(p: argparse.ArgumentParser, what: str = "print only problems") -> None:
        # SUPPRESS: a subcommand that is not given -q keeps the value of ``newsl10n -q COMMAND``.
        p.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help=what)

    def glossary_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--glossary", nargs="+", metavar="PATH",
                       help="TBX/CSV glossary files or directories (default: ./glossary if present)")
        p.add_argument("--no-glossary", action="store_true", help="use no glossary")

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("articles", nargs="+", metavar="ARTICLE", help="HTML, Markdown or text files, or directories of them")
        p.add_argument("--locales", default="locales", metavar="DIR", help="catalog directory (default: ./locales)")
        p.add_argument("--from", dest="src", metavar="LANG", help="source language (default: declared by the page, else detected)")
        p.add_argument("--encoding", metavar="NAME", help="source encoding (default: BOM, declared charset, else detected)")
        quiet_option(p)
        p.add_argument("--front-matter-keys", metavar="KEY[,KEY…]",
                       help="Markdown front matter keys that are text (default: title,description,summary,subtitle,"
                            "caption,alt)")
        p.add_argument("--shortcode-params", metavar="NAME:PARAM[,…]",
                       help="shortcode parameters that are text (default: figure:alt,figure:caption,figure:title)")

    def jobs_option(p: argparse.ArgumentParser, default: str = "the CPU cores, at most 8; 1: none") -> None:
        p.add_argument("-j", "--jobs", type=int, metavar="N",
                       help=f"worker processes for many articles (default: {default})")

    def output_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--layout", default="build", choices=("build", "hugo-name", "hugo-dir", "jekyll"),
                       help="where localized articles go: build/<lang>/<path> (default), beside the source as "
                            "name.<lang>.md (hugo-name, jekyll), or content/<lang>/… (hugo-dir)")
        p.add_argument("--markdown-html", action="store_true", help="build Markdown articles as HTML pages")

    p = sub.add_parser("extract", help="write the POT template of each article", epilog=EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    common(p)
    glossary_option(p)
    jobs_option(p)

    p = sub.add_parser("translate", help="update catalogs (memory, MT, glossary) and build localized pages",
                       epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    common(p)
    p.add_argument("--to", required=True, metavar="LANG[,LANG…]", help="target languages, comma-separated")
    p.add_argument("--engine", default="auto", choices=ENGINES.names(), help=ENGINES.help())
    p.add_argument("--out", default="build", metavar="DIR", help="where localized pages go (default: ./build)")
    p.add_argument("--no-fuzzy", dest="use_fuzzy", action="store_false", help="do not use fuzzy translations in pages")
    p.add_argument("--include-stale", action="store_true",
                   help="also use stale translations (fuzzy with a #| previous msgid: the source changed since)")
    output_options(p)
    glossary_option(p)
    p.add_argument("--models-dir", metavar="DIR", help="Argos packages (default: $NEWSL10N_MODELS_DIR, else XDG data dir)")
    p.add_argument("--beam", type=int, default=4, metavar="N", help="beam size for Argos (default: 4)")
    p.add_argument("--threads", type=int, default=2, metavar="N", help="CPU threads for Argos (default: 2)")
    p.add_argument("--tm-threshold", type=float, default=75.0, metavar="PERCENT",
                   help="offer memory matches at least this similar, as fuzzy (default: 75)")
    p.add_argument("--tm", nargs="+", default=[], metavar="FILE.tmx",
                   help="TMX files to use as translation memory too (the catalogs' own approved work first)")
    p.add_argument("--cluster", metavar="local:N | tcp://HOST:PORT",
                   help="run on Dask: N worker processes here, or a scheduler's workers (pip install 'newsl10n[cluster]')")
    jobs_option(p, "1: one process; machine translation and writing stay in the main one")

    p = sub.add_parser("build", help="rebuild localized pages from the source and its catalog", epilog=EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    common(p)
    p.add_argument("--to", required=True, metavar="LANG[,LANG…]", help="target languages, comma-separated")
    p.add_argument("--out", default="build", metavar="DIR", help="where localized pages go (default: ./build)")
    p.add_argument("--no-fuzzy", dest="use_fuzzy", action="store_false", help="do not use fuzzy translations")
    p.add_argument("--include-stale", action="store_true",
                   help="also use stale translations (fuzzy with a #| previous msgid: the source changed since)")
    p.add_argument("--strict", action="store_true", help="exit 1 when a translation could not be used")
    output_options(p)
    jobs_option(p)

    p = sub.add_parser("check", help="check catalogs (and built pages) for CI", epilog=EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="*", metavar="PATH", help="PO files, built HTML pages or directories (default: ./locales)")
    glossary_option(p)
    p.add_argument("--format", default="text", choices=("text", "json", "junit", "github"), help="report format")
    p.add_argument("--from", dest="src", metavar="LANG",
                   help="source language of catalogs without an X-Source-Language header (default: detected)")
    scope = p.add_mutually_exclusive_group()
    scope.add_argument("--approved-only", action="store_true",
                       help="check approved entries only (what build --no-fuzzy publishes)")
    scope.add_argument("--include-fuzzy", action="store_true",
                       help="check fuzzy machine output too (the default: build publishes it)")
    p.add_argument("--include-stale", action="store_true",
                   help="check stale entries too (what build --include-stale publishes)")
    quiet_option(p, "print only the findings (no summary line)")
    p.add_argument("--fail-on", default="error", choices=("error", "warning", "info"),
                   help="lowest severity that fails the run (default: error)")
    p.add_argument("--only", metavar="CODE[,CODE…]", help="run only these checks")
    p.add_argument("--output", metavar="FILE", help="write the report to FILE instead of standard output")
    p.add_argument("--list", action="store_true", help="list the checks and exit")

    p = sub.add_parser("review", help="review translations in the browser, next to the built page (local only)",
                       epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="*", metavar="ARTICLE", help="articles or directories of them (default: ./corpus)")
    p.add_argument("--locales", default="locales", metavar="DIR", help="catalog directory (default: ./locales)")
    p.add_argument("--to", metavar="LANG[,LANG…]", help="only these target languages (default: every one found)")
    p.add_argument("--port", type=int, default=0, metavar="N", help="port on 127.0.0.1 (default: a free one)")
    p.add_argument("--no-browser", action="store_true", help="print the URL, do not open a browser")
    glossary_option(p)

    p = sub.add_parser("glossary", help="glossary tools")
    gsub = p.add_subparsers(dest="glossary_command", metavar="ACTION", parser_class=_Parser, required=True)
    lint = gsub.add_parser("lint", help="report duplicates, conflicts and gaps in glossary files")
    lint.add_argument("paths", nargs="*", metavar="PATH", help="TBX/CSV files or directories (default: ./glossary)")
    lint.add_argument("--languages", default="en,ru,es", metavar="LANG[,LANG…]",
                      help="languages every concept should have (default: en,ru,es)")
    lint.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    quiet_option(lint, "print only the problems (no summary line)")
    lint.add_argument("--format", default="text", choices=("text", "json", "junit", "github"), help="report format")
    lint.add_argument("--output", metavar="FILE", help="write the report to FILE instead of standard output")

    from .interchange import add_commands

    add_commands(sub)

    p = sub.add_parser("models", help="list, install and remove Argos Translate packages")
    p.add_argument("--models-dir", metavar="DIR", help="package directory (default: $NEWSL10N_MODELS_DIR, else XDG data dir)")
    msub = p.add_subparsers(dest="models_command", metavar="ACTION", parser_class=_Parser, required=True)
    quiet_option(p, "print no confirmations")
    quiet_option(msub.add_parser("list", help="installed packages and the pairs engines can translate"), "(accepted)")
    inst = msub.add_parser("install", help="install FROM TO from the Argos index (online), or a downloaded FILE.argosmodel")
    quiet_option(inst, "print no confirmation")
    inst.add_argument("what", nargs="+", metavar="FROM TO | FILE")
    inst.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS", help="network timeout (default: 10)")
    inst.add_argument("--index-url", metavar="URL", help="Argos package index to use (default: the Argos project's)")
    rm = msub.add_parser("remove", help="remove an installed package")
    rm.add_argument("name", metavar="NAME")
    quiet_option(rm, "print no confirmation")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = make_parser().parse_args(argv)
        if args.command is None:
            make_parser().print_help()
            return 2
        return _run(args.command, args)
    except Newsl10nError as exc:
        print(f"newsl10n: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("newsl10n: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1


def _run(command: str, args: argparse.Namespace) -> int:
    if command in ("extract", "translate", "build"):
        import gc

        from . import articles

        # A run makes millions of short-lived objects and few cycles: the cyclic collector runs a fourteenth
        # as often as by default (build about 5 % faster, no change in peak memory: docs/benchmarks.md).
        gc.set_threshold(10_000, 10, 10)

        return int(getattr(articles, f"cmd_{command}")(args))
    if command in ("stats", "export", "import", "eval"):
        from . import interchange

        return int(getattr(interchange, f"cmd_{command}")(args))
    if command in ("check", "glossary"):
        from . import quality

        return int(getattr(quality, f"cmd_{command}")(args))
    if command == "review":
        from . import review

        return int(review.cmd_review(args))
    from . import models

    return int(models.cmd_models(args))

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
from ..errors import Newsl10nError, UsageError

EXAMPLES = """\
examples:
  newsl10n extract corpus/en/upm-delegation-visit.html
  newsl10n translate corpus/en/upm-delegation-visit.html --to ru,es --engine none
  newsl10n build corpus/en/upm-delegation-visit.html --to ru --out build
  newsl10n translate corpus/ --to ru --engine none --locales locales

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
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("articles", nargs="+", metavar="ARTICLE", help="HTML, Markdown or text files, or directories of them")
        p.add_argument("--locales", default="locales", metavar="DIR", help="catalog directory (default: ./locales)")
        p.add_argument("--from", dest="src", metavar="LANG", help="source language (default: declared by the page, else detected)")
        p.add_argument("--encoding", metavar="NAME", help="source encoding (default: BOM, declared charset, else detected)")
        p.add_argument("-q", "--quiet", action="store_true", help="print only problems")

    p = sub.add_parser("extract", help="write the POT template of each article", epilog=EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    common(p)

    p = sub.add_parser("translate", help="update catalogs for target languages and build localized pages", epilog=EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    common(p)
    p.add_argument("--to", required=True, metavar="LANG[,LANG…]", help="target languages, comma-separated")
    p.add_argument("--engine", default="auto", metavar="NAME", help="machine translation engine: auto or none (default: auto)")
    p.add_argument("--out", default="build", metavar="DIR", help="where localized pages go (default: ./build)")
    p.add_argument("--no-fuzzy", dest="use_fuzzy", action="store_false", help="do not use fuzzy translations in pages")

    p = sub.add_parser("build", help="rebuild localized pages from the source and its catalog", epilog=EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    common(p)
    p.add_argument("--to", required=True, metavar="LANG[,LANG…]", help="target languages, comma-separated")
    p.add_argument("--out", default="build", metavar="DIR", help="where localized pages go (default: ./build)")
    p.add_argument("--no-fuzzy", dest="use_fuzzy", action="store_false", help="do not use fuzzy translations")
    p.add_argument("--strict", action="store_true", help="exit 1 when a translation could not be used")
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
    from . import articles

    handlers = {"extract": articles.cmd_extract, "translate": articles.cmd_translate, "build": articles.cmd_build}
    return int(handlers[command](args))

"""Printing for the commands: results on standard output, problems on standard error, progress on a terminal."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import one_line

if TYPE_CHECKING:
    from ..glossary import Glossary
    from ..workflow import Page


@dataclass
class Out:
    """Where a command prints; ``quiet`` keeps only problems.  Every line goes out as one line (``errors.one_line``)."""

    quiet: bool

    def info(self, message: str) -> None:
        if not self.quiet:
            print(one_line(message))

    @staticmethod
    def warn(message: str) -> None:
        print(one_line(message), file=sys.stderr)

    def progress(self, message: str) -> None:
        """A status line that rewrites itself; only on a terminal and without --quiet."""
        if self.quiet or not sys.stderr.isatty():
            return
        print(f"\r\033[K{one_line(message)}", end="" if message else "\r", file=sys.stderr, flush=True)

    def page(self, page: Page) -> None:
        """A built page: the translations it could not use (warnings, at their catalog entries), then its counts."""
        from ..checks.report import shorten
        from ..fsio import display_path

        for problem in page.built.problems:
            where = f"{page.catalog}:{problem.entry_line}" if problem.entry_line else page.catalog
            self.warn(
                f"{where}: warning: translation not used ({one_line(problem.reason)}); "
                f'{page.article}:{problem.line} keeps the source sentence: "{shorten(one_line(problem.msgid), 80)}"'
            )
        self.info(f"  {display_path(page.path)}: {page.built.translated}/{page.built.total} sentences translated")


def glossary_of(args: argparse.Namespace) -> Glossary | None:
    """``--glossary PATH…``, else ./glossary when it exists; None with ``--no-glossary`` (the Project's reading)."""
    from ..workflow.inputs import load_glossary

    names = [] if getattr(args, "no_glossary", False) else getattr(args, "glossary", None)
    return load_glossary(names).glossary

"""check and glossary lint: the commands CI runs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _emit(text: str, output: str | None, *, checked: bool = False, was: bytes | None = None) -> None:
    """The report on standard output, or written (atomically) to ``output`` (``checked``: it held ``was``)."""
    if output:
        from ..fsio import UNCHECKED, FileWrite, write_files

        write_files([FileWrite(Path(output), text.encode("utf-8"), was if checked else UNCHECKED)])
    else:
        sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")


def cmd_check(args: argparse.Namespace) -> int:
    from ..checks import registered_checks
    from ..checks.report import exit_code, render
    from ..model import Severity
    from ..workflow import Project

    if args.list:
        for info in registered_checks():
            print(f"{info.name:<20} {info.severity.value:<8} {info.title}")
        return 0
    only = {c.strip() for c in args.only.split(",") if c.strip()} if args.only else None
    glossary = [] if args.no_glossary else args.glossary
    report_was: bytes | None = None
    if args.output:
        from ..outputs import check_report_path
        from ..workflow.project import check_inputs

        names = args.paths or ["locales"]
        catalog_paths, page_paths = check_inputs(names)
        folders = [Path(name) for name in names if Path(name).is_dir()] + [Path("locales")]
        report_was = check_report_path(Path(args.output), inputs=catalog_paths + page_paths, folders=folders)
    result = Project(glossary=glossary, source_lang=args.src).check(
        args.paths, include_fuzzy=not args.approved_only, include_stale=args.include_stale, only=only
    )
    fail_on = Severity(args.fail_on)
    files = result.files
    report = render(
        result.findings, args.format, files_checked=len(files), files=files, fail_on=fail_on, summary=not args.quiet
    )
    _emit(report, args.output, checked=bool(args.output), was=report_was)
    return exit_code(result.findings, fail_on)


def cmd_glossary(args: argparse.Namespace) -> int:
    from ..checks.report import render, text_lines
    from ..model import Severity
    from ..workflow import Project

    languages = [lang.strip() for lang in args.languages.split(",") if lang.strip()]
    report = Project(glossary=[]).lint_glossary(args.paths, languages=languages)
    fail_on = Severity.WARNING if args.strict else Severity.ERROR
    if args.format == "text":
        text = "".join(line + "\n" for f in report.findings for line in text_lines(f))
        text += "" if args.quiet else report.summary() + "\n"
    else:
        files = list(report.paths)
        text = render(report.findings, args.format, files_checked=len(files), files=files, checks=[], fail_on=fail_on)
    _emit(text, args.output)
    return 1 if any(f.severity.rank >= fail_on.rank for f in report.findings) else 0

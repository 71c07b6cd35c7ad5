"""check and glossary lint: the commands CI runs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import UsageError
from .common import _load_glossary, _read_catalog


def _check_inputs(names: list[str]) -> tuple[list[Path], list[Path]]:
    """PO files and built HTML pages named or found in directories (templates are not checked)."""
    catalogs: list[Path] = []
    pages: list[Path] = []
    for name in names or ["locales"]:
        path = Path(name)
        if path.is_dir():
            catalogs.extend(sorted(path.rglob("*.po")))
            pages.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in (".html", ".htm")))
        elif path.is_file():
            (pages if path.suffix.lower() in (".html", ".htm") else catalogs).append(path)
        else:
            raise UsageError(f"{name}: no such file or directory")
    from ..fsio import unique_files

    return unique_files(catalogs), unique_files(pages)


def cmd_check(args: argparse.Namespace) -> int:
    from ..checks import CatalogInput, CheckContext, registered_checks, run_checks
    from ..checks.leftover import leftover_in_page
    from ..checks.report import exit_code, render
    from ..checks.terms import TermOracle
    from ..fsio import decode, display_path, read_bytes
    from ..localize import normalize_lang
    from ..model import Severity

    if args.list:
        for info in registered_checks():
            print(f"{info.name:<20} {info.severity.value:<8} {info.title}")
        return 0
    if args.approved_only and args.include_stale:
        raise UsageError("--approved-only and --include-stale contradict each other (stale entries are fuzzy)")
    only = {c.strip() for c in args.only.split(",") if c.strip()} if args.only else None
    catalog_paths, page_paths = _check_inputs(args.paths)
    if not catalog_paths and not page_paths:
        raise UsageError(f"nothing to check in {', '.join(args.paths or ['locales'])} (no .po or .html files)")
    report_was: bytes | None = None
    if args.output:
        from ..outputs import check_report_path

        folders = [Path(name) for name in args.paths or ["locales"] if Path(name).is_dir()] + [Path("locales")]
        report_was = check_report_path(Path(args.output), inputs=catalog_paths + page_paths, folders=folders)
    catalogs = []
    for path in catalog_paths:
        catalog = _read_catalog(path)
        assert catalog is not None
        catalogs.append(CatalogInput(display_path(path), catalog))
    glossary = _load_glossary(args)
    ctx = CheckContext(
        include_fuzzy=not args.approved_only,
        include_stale=args.include_stale,
        glossary=TermOracle(glossary) if glossary else None,
        source_lang=normalize_lang(args.src) if args.src else "",
    )
    findings = run_checks(catalogs, ctx, only=only)
    if only is None or "leftover" in only:
        for path in page_paths:
            shown = display_path(path)
            html = decode(read_bytes(path), path=shown).text
            findings.extend(leftover_in_page(html, path=shown))
    fail_on = Severity(args.fail_on)
    files = [c.path for c in catalogs] + [display_path(p) for p in page_paths]
    report = render(
        findings, args.format, files_checked=len(files), files=files, fail_on=fail_on, summary=not args.quiet
    )
    if args.output:
        from ..fsio import FileWrite, write_files

        write_files([FileWrite(Path(args.output), report.encode("utf-8"), report_was)])
    else:
        sys.stdout.write(report if report.endswith("\n") or not report else report + "\n")
    return exit_code(findings, fail_on)


def cmd_glossary(args: argparse.Namespace) -> int:
    from ..checks.report import render, text_lines
    from ..glossary import LintReport, conflict_findings, lint, load_glossary_report
    from ..localize import normalize_lang
    from ..model import Severity

    names = args.paths or ["glossary"]
    for name in names:
        if not Path(name).exists():
            raise UsageError(f"{name}: no such glossary file or directory")
    languages = [lang.strip() for lang in args.languages.split(",") if lang.strip()]
    for lang in languages:
        normalize_lang(lang)  # an unknown code is a usage error, not 74 warnings
    result = load_glossary_report([Path(n) for n in names])
    findings = conflict_findings(result.conflicts) + lint(result.glossary, languages=languages)
    report = LintReport(len(result.glossary.concepts), len(result.files), tuple(findings))
    fail_on = Severity.WARNING if args.strict else Severity.ERROR
    if args.format == "text":
        text = "".join(line + "\n" for f in findings for line in text_lines(f))
        text += "" if args.quiet else report.summary() + "\n"
    else:
        files = [str(p) for p in result.files]
        text = render(findings, args.format, files_checked=len(files), files=files, checks=[], fail_on=fail_on)
    if args.output:
        from ..fsio import FileWrite, write_files

        write_files([FileWrite(Path(args.output), text.encode("utf-8"))])
    else:
        sys.stdout.write(text)
    return 1 if any(f.severity.rank >= fail_on.rank for f in findings) else 0

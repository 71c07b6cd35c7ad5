"""Quality checks on catalogs and built pages, and their reports for people and CI.

::

    findings = run_checks([CatalogInput(path, parse_po(data, path=path))], CheckContext())
    sys.stdout.write(render(findings, "text", files_checked=1))
    raise SystemExit(exit_code(findings, Severity.ERROR))

The built-in checks (``codes``, ``numbers``, ``untranslated``, ``fuzzy``,
``stale``, ``consistency``, ``language``, ``leftover``, ``urls``,
``term-missing``, ``term-forbidden``, ``term-inconsistent``) are listed in
:mod:`newsl10n.checks.builtin`, the one place that registers them;
:func:`registered_checks` lists them with their titles and severities.
"""

from __future__ import annotations

from ..model import Finding, Severity
from .base import (
    REGISTRY,
    CatalogInput,
    CheckContext,
    CheckInfo,
    Declared,
    EntryView,
    Registry,
    catalog_check,
    check,
    registered_checks,
    run_checks,
)
from .leftover import leftover_in_html
from .report import FORMATS, exit_code, render, summary_line

__all__ = [
    "FORMATS",
    "REGISTRY",
    "CatalogInput",
    "CheckContext",
    "CheckInfo",
    "Declared",
    "EntryView",
    "Finding",
    "Registry",
    "Severity",
    "catalog_check",
    "check",
    "exit_code",
    "leftover_in_html",
    "registered_checks",
    "render",
    "run_checks",
    "summary_line",
]

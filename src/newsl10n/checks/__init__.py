"""Quality checks on catalogs and built pages, and their reports for people and CI.

::

    findings = run_checks([CatalogInput(path, parse_po(data, path=path))], CheckContext())
    sys.stdout.write(render(findings, "text", files_checked=1))
    raise SystemExit(exit_code(findings, Severity.ERROR))

Importing this package registers the built-in checks (``codes``,
``numbers``, ``untranslated``, ``fuzzy``, ``stale``, ``consistency``,
``leftover``, ``language``; ``urls`` and the terminology checks of
:mod:`.terms`);
:func:`registered_checks` lists them with their titles and severities.
"""

from __future__ import annotations

from ..model import Finding, Severity
from . import entries as _entries  # noqa: F401  (registers its checks)
from . import language as _language  # noqa: F401  (registers its check)
from . import leftover as _leftover  # noqa: F401  (registers its check)
from . import links as _links  # noqa: F401  (registers its check)
from .base import (
    REGISTRY,
    CatalogInput,
    CheckContext,
    CheckInfo,
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

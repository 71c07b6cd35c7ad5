"""The workflow: what the command line, the review server and a cluster runner all call.

:class:`Project` is the entry point; its methods return results that write
only when asked (:meth:`Result.write`).  See ``docs/api.md``.
"""

from __future__ import annotations

from .inputs import Article, GlossaryChoice
from .project import CheckResult, Project
from .results import (
    ArticleRun,
    BuildResult,
    CatalogUpdate,
    Extracted,
    ExtractResult,
    Output,
    Outputs,
    Page,
    Problem,
    Result,
    TranslateResult,
)

__all__ = [
    "Article",
    "ArticleRun",
    "BuildResult",
    "CatalogUpdate",
    "CheckResult",
    "ExtractResult",
    "Extracted",
    "GlossaryChoice",
    "Output",
    "Outputs",
    "Page",
    "Problem",
    "Project",
    "Result",
    "TranslateResult",
]

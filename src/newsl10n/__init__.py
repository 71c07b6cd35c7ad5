"""newsl10n: offline translation and localization toolkit for news articles.

The public API is :class:`newsl10n.Project` (see ``docs/api.md``); it is
imported on first use, so ``import newsl10n`` stays instant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Project", "__version__"]

if TYPE_CHECKING:
    from .workflow import Project


def __getattr__(name: str) -> Any:
    if name == "Project":
        from .workflow import Project

        return Project
    raise AttributeError(f"module 'newsl10n' has no attribute {name!r}")

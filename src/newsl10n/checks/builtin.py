"""The package's checks, registered here and nowhere else.

Adding a check is one function (declared with ``@check`` or
``@catalog_check`` in its module) and one line in :data:`BUILTIN_CHECKS`.
The registry (:data:`newsl10n.checks.base.REGISTRY`) reads this list the
first time it is used, so ``newsl10n check --list`` and ``registered_checks()``
show the same checks whatever was imported before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..model import Finding
from . import entries, language, leftover, links, terms

BUILTIN_CHECKS: tuple[Callable[..., Iterator[Finding]], ...] = (
    entries.codes,
    entries.numbers,
    entries.untranslated,
    entries.fuzzy,
    entries.stale,
    entries.consistency,
    language.language,
    leftover.leftover,
    links.urls,
    terms.term_missing,
    terms.term_forbidden,
    terms.term_inconsistent,
)

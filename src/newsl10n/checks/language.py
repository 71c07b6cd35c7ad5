"""The ``language`` check: a catalog whose source or target language is unknown.

Checks that need a language (``needs=("source", ...)``) do not run on such a
catalog; this check says so, once per catalog, naming them and how to tell
the language, so that a catalog made by another tool is never passed
silently.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..model import Finding, Severity
from .base import CheckContext, EntryView, catalog_check

_HOW = {
    "source": "no X-Source-Language header and the msgids do not show it; give check --from LANG",
    "target": "no Language header and the path is not locales/<lang>/LC_MESSAGES/…; add the Language header",
}


@catalog_check("language", severity=Severity.ERROR)
def language(ctx: CheckContext, views: Sequence[EntryView]) -> Iterator[Finding]:
    """Catalog's source and target languages are known (else the checks that need them cannot run)."""
    first: dict[str, EntryView] = {}
    for view in views:
        if view.translated:  # only a translation is compared with its msgid: nothing to check otherwise
            first.setdefault(view.path, view)
    for view in first.values():
        for need, have in (("source", view.src_lang), ("target", view.tgt_lang)):
            blocked = ctx.needing.get(need, ())
            if have or not blocked:
                continue
            yield Finding(
                code="",
                severity=Severity.INFO,
                message=f"{need} language unknown ({_HOW[need]}): not checked: {', '.join(blocked)}",
                path=view.path,
                lang=view.tgt_lang or None,
            )

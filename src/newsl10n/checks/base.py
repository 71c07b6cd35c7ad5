"""The check registry and the runner.

A check is a small function that yields :class:`~newsl10n.model.Finding`\\ s.
It is registered with its code name and default severity; the first line of
its docstring is its title::

    @check("codes", severity=Severity.ERROR)
    def codes(ctx: CheckContext, entry: EntryView) -> Iterator[Finding]:
        \"\"\"Inline codes match the msgid.\"\"\"
        ...
        yield entry.finding("code 2 is missing")

The registry stamps the check's code and severity (the declared one, or the
override in ``CheckContext.severities``) on every finding its check yields,
so a check cannot disagree with its declaration.

Two kinds of checks:

* entry checks (``@check``) see one :class:`EntryView` at a time;
* catalog checks (``@catalog_check``) run once and see the entries of all
  catalogs of the run together (consistency across articles and the like).

Which entries the checks see: obsolete entries never; fuzzy entries only with
``CheckContext.include_fuzzy``, except for checks registered with
``sees_fuzzy=True`` (the ``fuzzy`` check), which always see them.
"""

from __future__ import annotations

import dataclasses
import inspect
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from ..catalog_model import Catalog
from ..errors import UsageError
from ..model import Finding, Severity

EntryFunc = Callable[["CheckContext", "EntryView"], Iterator[Finding]]
CatalogFunc = Callable[["CheckContext", Sequence["EntryView"]], Iterator[Finding]]
Scope = Literal["entry", "catalog"]


class CatalogInput(NamedTuple):
    """One catalog to check: where it was read from and its parsed content."""

    path: str
    catalog: Catalog


@dataclass(frozen=True)
class CheckContext:
    """The options of a check run.

    ``glossary`` is for the terminology checks (typed loosely so this module
    does not depend on the glossary package); ``allowed_words`` are words the
    ``leftover`` check accepts in any script (brand names, for instance);
    ``severities`` overrides the declared severity of a check by its code.
    """

    include_fuzzy: bool = False
    glossary: object | None = None
    allowed_words: frozenset[str] = frozenset()
    severities: Mapping[str, Severity] = field(default_factory=dict)


@dataclass(frozen=True)
class EntryView:
    """One catalog entry as the checks see it, with the languages of its catalog.

    ``line`` is where the entry starts in its file (its first line, comments included),
    ``comments`` the extracted (``#.``) then translator (``#``) comment lines, provenance included.
    Languages are lower-case primary subtags (``ru`` for ``ru_RU``), or ``""``
    when the catalog does not say.  For a plural entry, ``msgstr`` is the
    first form.
    """

    path: str
    line: int
    msgid: str
    msgstr: str
    msgctxt: str | None
    fuzzy: bool
    obsolete: bool
    comments: tuple[str, ...]
    src_lang: str
    tgt_lang: str

    @property
    def translated(self) -> bool:
        return bool(self.msgstr)

    def finding(self, message: str) -> Finding:
        """A finding about this entry; the registry fills in the check's code and severity."""
        return Finding(
            code="",
            severity=Severity.INFO,
            message=message,
            path=self.path,
            line=self.line,
            msgid=self.msgid,
            msgctxt=self.msgctxt,
            lang=self.tgt_lang or None,
        )


@dataclass(frozen=True)
class CheckInfo:
    """A registered check: what ``newsl10n check --list`` shows."""

    name: str
    title: str
    severity: Severity
    scope: Scope
    sees_fuzzy: bool
    func: Callable[..., Iterator[Finding]] = field(repr=False, compare=False)

    def severity_in(self, ctx: CheckContext) -> Severity:
        return ctx.severities.get(self.name, self.severity)


_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class Registry:
    """Checks by name.  The package has one (:data:`REGISTRY`); tests may make their own."""

    def __init__(self) -> None:
        self._checks: dict[str, CheckInfo] = {}

    def add(
        self,
        name: str,
        func: Callable[..., Iterator[Finding]],
        *,
        severity: Severity,
        scope: Scope,
        sees_fuzzy: bool = False,
    ) -> CheckInfo:
        if not _NAME.match(name):
            raise ValueError(f"check name {name!r} is not lower-case-with-hyphens")
        if name in self._checks:
            raise ValueError(f"a check named {name!r} is already registered")
        doc = inspect.getdoc(func)
        title = doc.strip().splitlines()[0].strip() if doc and doc.strip() else ""
        if not title:
            raise ValueError(f"check {name!r} has no docstring: its first line is the check's title")
        info = CheckInfo(name, title.rstrip("."), severity, scope, sees_fuzzy, func)
        self._checks[name] = info
        return info

    def check(self, name: str, *, severity: Severity, sees_fuzzy: bool = False) -> Callable[[EntryFunc], EntryFunc]:
        """Register an entry check: ``(ctx, entry) -> Iterator[Finding]``."""

        def register(func: EntryFunc) -> EntryFunc:
            self.add(name, func, severity=severity, scope="entry", sees_fuzzy=sees_fuzzy)
            return func

        return register

    def catalog_check(self, name: str, *, severity: Severity) -> Callable[[CatalogFunc], CatalogFunc]:
        """Register a catalog check: ``(ctx, entries of all catalogs) -> Iterator[Finding]``."""

        def register(func: CatalogFunc) -> CatalogFunc:
            self.add(name, func, severity=severity, scope="catalog")
            return func

        return register

    def checks(self) -> list[CheckInfo]:
        return sorted(self._checks.values(), key=lambda c: c.name)

    def get(self, name: str) -> CheckInfo:
        return self._checks[name]

    def names(self) -> frozenset[str]:
        return frozenset(self._checks)


#: The package's registry, filled by the check modules as they are imported.
REGISTRY = Registry()


def check(name: str, *, severity: Severity, sees_fuzzy: bool = False) -> Callable[[EntryFunc], EntryFunc]:
    """Decorator: register an entry check in the package's registry."""
    return REGISTRY.check(name, severity=severity, sees_fuzzy=sees_fuzzy)


def catalog_check(name: str, *, severity: Severity) -> Callable[[CatalogFunc], CatalogFunc]:
    """Decorator: register a catalog check in the package's registry."""
    return REGISTRY.catalog_check(name, severity=severity)


def registered_checks(registry: Registry | None = None) -> list[CheckInfo]:
    """All registered checks, by name, with their titles and default severities."""
    return (registry or REGISTRY).checks()


# -- reading catalogs -------------------------------------------------------------------------------------


def primary_lang(code: str | None) -> str:
    """``ru_RU`` / ``es-ES`` / ``EN`` → ``ru`` / ``es`` / ``en``; ``""`` for nothing."""
    if not code:
        return ""
    return re.split(r"[-_@.]", code.strip(), maxsplit=1)[0].lower()


def _lang_from_path(path: str) -> str:
    parts = re.split(r"[\\/]", path)
    for i, part in enumerate(parts[1:], start=1):
        if part == "LC_MESSAGES":
            return primary_lang(parts[i - 1])
    return ""


def entry_views(cat: CatalogInput) -> Iterator[EntryView]:
    """The entries of one catalog (obsolete ones included, flagged), as the checks see them."""
    from ..formats.po import comment_lines

    header = cat.catalog.header
    tgt = primary_lang(header.get("Language")) or _lang_from_path(cat.path)
    src = primary_lang(header.get("X-Source-Language"))
    for e in (*cat.catalog.entries, *cat.catalog.obsolete):
        msgstr = e.msgstr
        if e.msgid_plural:
            msgstr = e.msgstr_plural[0] if e.msgstr_plural else ""
        yield EntryView(
            path=cat.path,
            line=e.line,
            msgid=e.msgid,
            msgstr=msgstr,
            msgctxt=e.msgctxt,
            fuzzy=e.fuzzy,
            obsolete=e.obsolete,
            comments=e.extracted + comment_lines(e),
            src_lang=src,
            tgt_lang=tgt,
        )


# -- running ----------------------------------------------------------------------------------------------


def _stamp(findings: Iterable[Finding], info: CheckInfo, ctx: CheckContext) -> Iterator[Finding]:
    severity = info.severity_in(ctx)
    for f in findings:
        yield dataclasses.replace(f, code=info.name, severity=severity)


def sort_key(f: Finding) -> tuple[str, int, str, str]:
    """Findings are ordered by path, line (file-level ones first), code, then message."""
    return (f.path, f.line if f.line is not None else 0, f.code, f.message)


def run_checks(
    catalogs: Sequence[CatalogInput],
    ctx: CheckContext,
    *,
    only: set[str] | frozenset[str] | None = None,
    registry: Registry | None = None,
) -> list[Finding]:
    """Run the registered checks (or ``only`` those named) over the catalogs.

    Returns the findings sorted by path, line and code.  An unknown name in
    ``only`` is a :class:`~newsl10n.errors.UsageError`.
    """
    reg = registry or REGISTRY
    if only is not None:
        unknown = sorted(set(only) - reg.names())
        if unknown:
            known = ", ".join(sorted(reg.names()))
            raise UsageError(f"unknown check {', '.join(unknown)} (known: {known})")
    selected = [c for c in reg.checks() if only is None or c.name in only]
    live = [v for cat in catalogs for v in entry_views(cat) if not v.obsolete]
    checked = [v for v in live if ctx.include_fuzzy or not v.fuzzy]
    findings: list[Finding] = []
    for info in selected:
        if info.scope == "catalog":
            findings.extend(_stamp(info.func(ctx, checked), info, ctx))
            continue
        for view in live if info.sees_fuzzy else checked:
            findings.extend(_stamp(info.func(ctx, view), info, ctx))
    findings.sort(key=sort_key)
    return findings

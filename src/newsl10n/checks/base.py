"""The check registry and the runner.

A check is a small function that yields :class:`~newsl10n.model.Finding`\\ s.
It is declared with its code name and default severity; the first line of
its docstring is its title::

    @check("codes", severity=Severity.ERROR)
    def codes(ctx: CheckContext, entry: EntryView) -> Iterator[Finding]:
        \"\"\"Inline codes match the msgid.\"\"\"
        ...
        yield entry.finding("code 2 is missing")

Declaring does not register: the package's checks are registered in one
place, the explicit list of :mod:`newsl10n.checks.builtin`, so the registry
holds the same checks whatever modules happen to be imported.  A check from
outside the package is added with ``REGISTRY.register(func)`` (a declared
function) or ``REGISTRY.check(name, severity=...)`` (a decorator that
registers).

The registry stamps the check's code and severity (the declared one, or the
override in ``CheckContext.severities``) on every finding its check yields,
so a check cannot disagree with its declaration.

Two kinds of checks:

* entry checks (``@check``) see one :class:`EntryView` at a time;
* catalog checks (``@catalog_check``) run once and see the entries of all
  catalogs of the run together (consistency across articles and the like).

Which entries the checks see: exactly what ``build`` would publish with the
same options (:func:`newsl10n.catalog_model.published`): approved entries,
machine output (fuzzy) unless ``CheckContext.include_fuzzy`` is off, stale
entries (fuzzy with a ``#|`` previous msgid) only with ``include_stale``;
untranslated entries too (the content checks skip them), obsolete ones never.
Checks registered with ``sees_fuzzy=True`` (``fuzzy``, ``stale``) see every
live entry.

A check that needs a language (``needs={"source", "target"}``) does not run
on a catalog whose language is unknown; the ``language`` check reports that
catalog, naming the checks that could not run, so nothing is skipped
silently.  A check that ``needs`` the ``"glossary"`` runs only with one.
"""

from __future__ import annotations

import dataclasses
import inspect
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from ..catalog_model import Catalog, OriginKind, published
from ..errors import UsageError
from ..localize import primary_lang
from ..model import Finding, Severity

EntryFunc = Callable[["CheckContext", "EntryView"], Iterator[Finding]]
CatalogFunc = Callable[["CheckContext", Sequence["EntryView"]], Iterator[Finding]]
Scope = Literal["entry", "catalog"]
Need = Literal["source", "target", "glossary"]


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

    include_fuzzy: bool = True
    include_stale: bool = False
    glossary: object | None = None
    allowed_words: frozenset[str] = frozenset()
    severities: Mapping[str, Severity] = field(default_factory=dict)
    #: The source language of catalogs that do not declare one (``check --from``).
    source_lang: str = ""
    #: Set by the runner for the ``language`` check: the checks that need a source / a target language.
    needing: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def publishes(self, view: EntryView) -> bool:
        """Would ``build`` (with the matching options) put this entry's translation on the page?"""
        return published(
            fuzzy=view.fuzzy, stale=view.stale, use_fuzzy=self.include_fuzzy, use_stale=self.include_stale
        )


@dataclass(frozen=True)
class EntryView:
    """One catalog entry as the checks see it, with the languages of its catalog.

    ``line`` is where the entry starts in its file (its first line, comments included),
    ``comments`` the extracted (``#.``) then translator (``#``) comment lines, provenance included.
    Languages are lower-case primary subtags (``ru`` for ``ru_RU``), or ``""``
    when unknown (see :func:`catalog_languages`).  For a plural entry,
    ``msgstr`` is the first form.  ``stale``: fuzzy with a ``#|`` previous
    msgid; ``machine``: written by an engine (``newsl10n: mt``).
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
    stale: bool = False
    machine: bool = False

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
    needs: frozenset[Need] = frozenset()

    def severity_in(self, ctx: CheckContext) -> Severity:
        return ctx.severities.get(self.name, self.severity)


_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Declared:
    """What ``@check``/``@catalog_check`` say about a function; :meth:`Registry.register` reads it."""

    name: str
    severity: Severity
    scope: Scope
    sees_fuzzy: bool = False
    needs: frozenset[Need] = frozenset()


_DECLARATION = "__newsl10n_check__"


def declaration(func: Callable[..., Iterator[Finding]]) -> Declared | None:
    found = getattr(func, _DECLARATION, None)
    return found if isinstance(found, Declared) else None


class Registry:
    """Checks by name.  The package has one (:data:`REGISTRY`); tests may make their own.

    ``load`` gives the checks a registry starts with (declared functions),
    called when the registry is first used.
    """

    def __init__(self, load: Callable[[], Iterable[Callable[..., Iterator[Finding]]]] | None = None) -> None:
        self._checks: dict[str, CheckInfo] = {}
        self._load = load

    def _loaded(self) -> dict[str, CheckInfo]:
        if self._load is not None:
            load, self._load = self._load, None
            for func in load():
                self.register(func)
        return self._checks

    def register(self, func: Callable[..., Iterator[Finding]]) -> CheckInfo:
        """Register a function declared with ``@check`` or ``@catalog_check``."""
        found = declaration(func)
        if found is None:
            raise ValueError(f"{getattr(func, '__name__', func)!r} is not declared with @check or @catalog_check")
        return self.add(
            found.name, func, severity=found.severity, scope=found.scope, sees_fuzzy=found.sees_fuzzy, needs=found.needs
        )

    def unregister(self, name: str) -> None:
        del self._loaded()[name]

    def add(
        self,
        name: str,
        func: Callable[..., Iterator[Finding]],
        *,
        severity: Severity,
        scope: Scope,
        sees_fuzzy: bool = False,
        needs: Iterable[Need] = (),
    ) -> CheckInfo:
        self._loaded()
        if not _NAME.match(name):
            raise ValueError(f"check name {name!r} is not lower-case-with-hyphens")
        if name in self._checks:
            raise ValueError(f"a check named {name!r} is already registered")
        doc = inspect.getdoc(func)
        title = doc.strip().splitlines()[0].strip() if doc and doc.strip() else ""
        if not title:
            raise ValueError(f"check {name!r} has no docstring: its first line is the check's title")
        info = CheckInfo(name, title.rstrip("."), severity, scope, sees_fuzzy, func, frozenset(needs))
        self._checks[name] = info
        return info

    def check(
        self, name: str, *, severity: Severity, sees_fuzzy: bool = False, needs: Iterable[Need] = ()
    ) -> Callable[[EntryFunc], EntryFunc]:
        """Register an entry check: ``(ctx, entry) -> Iterator[Finding]``."""

        def register(func: EntryFunc) -> EntryFunc:
            self.add(name, func, severity=severity, scope="entry", sees_fuzzy=sees_fuzzy, needs=needs)
            return func

        return register

    def catalog_check(
        self, name: str, *, severity: Severity, needs: Iterable[Need] = ()
    ) -> Callable[[CatalogFunc], CatalogFunc]:
        """Register a catalog check: ``(ctx, entries of all catalogs) -> Iterator[Finding]``."""

        def register(func: CatalogFunc) -> CatalogFunc:
            self.add(name, func, severity=severity, scope="catalog", needs=needs)
            return func

        return register

    def checks(self) -> list[CheckInfo]:
        return sorted(self._loaded().values(), key=lambda c: c.name)

    def get(self, name: str) -> CheckInfo:
        return self._loaded()[name]

    def names(self) -> frozenset[str]:
        return frozenset(self._loaded())


def _builtin() -> tuple[Callable[..., Iterator[Finding]], ...]:
    from .builtin import BUILTIN_CHECKS

    return BUILTIN_CHECKS


#: The package's registry: the checks listed in :mod:`newsl10n.checks.builtin`, plus any registered later.
REGISTRY = Registry(load=_builtin)


def check(
    name: str, *, severity: Severity, sees_fuzzy: bool = False, needs: Iterable[Need] = ()
) -> Callable[[EntryFunc], EntryFunc]:
    """Decorator: declare an entry check (its code name, default severity, needs); it registers nothing."""

    def declare(func: EntryFunc) -> EntryFunc:
        setattr(func, _DECLARATION, Declared(name, severity, "entry", sees_fuzzy, frozenset(needs)))
        return func

    return declare


def catalog_check(name: str, *, severity: Severity, needs: Iterable[Need] = ()) -> Callable[[CatalogFunc], CatalogFunc]:
    """Decorator: declare a catalog check (its code name, default severity, needs); it registers nothing."""

    def declare(func: CatalogFunc) -> CatalogFunc:
        setattr(func, _DECLARATION, Declared(name, severity, "catalog", needs=frozenset(needs)))
        return func

    return declare


def registered_checks(registry: Registry | None = None) -> list[CheckInfo]:
    """All registered checks, by name, with their titles and default severities."""
    return (registry or REGISTRY).checks()


# -- reading catalogs -------------------------------------------------------------------------------------


def lang_from_path(path: str) -> str:
    """``ru`` for ``locales/ru/LC_MESSAGES/x.po`` (the gettext layout); ``""`` otherwise."""
    parts = re.split(r"[\\/]", path)
    for i, part in enumerate(parts[1:], start=1):
        if part == "LC_MESSAGES":
            return primary_lang(parts[i - 1])
    return ""


@dataclass(frozen=True)
class CatalogLanguages:
    """A catalog's languages and how each was found (``""``: unknown)."""

    source: str
    target: str
    source_from: Literal["X-Source-Language", "--from", "the msgids", ""]
    target_from: Literal["Language", "the path", ""]


def catalog_languages(
    path: str, header: Mapping[str, str], msgids: Iterable[str], *, given_source: str = ""
) -> CatalogLanguages:
    """Source: the ``X-Source-Language`` header, else ``given_source`` (``--from``), else detected from the msgids.

    Target: the ``Language`` header, else the ``locales/<lang>/LC_MESSAGES``
    folder of ``path``.  What none of these tell stays ``""``.
    """
    from ..langdetect import detect_language
    from ..model import strip_codes

    src = primary_lang(header.get("X-Source-Language"))
    source_from: Literal["X-Source-Language", "--from", "the msgids", ""] = "X-Source-Language" if src else ""
    if not src and given_source:
        src, source_from = primary_lang(given_source), "--from"
    if not src:
        src = detect_language(" ".join(strip_codes(m) for m in msgids), default="")
        source_from = "the msgids" if src else ""
    tgt = primary_lang(header.get("Language"))
    target_from: Literal["Language", "the path", ""] = "Language" if tgt else ""
    if not tgt:
        tgt = lang_from_path(path)
        target_from = "the path" if tgt else ""
    return CatalogLanguages(src, tgt, source_from, target_from)


def entry_views(cat: CatalogInput, *, given_source: str = "") -> Iterator[EntryView]:
    """The entries of one catalog (obsolete ones included, flagged), as the checks see them."""
    from ..formats.po import comment_lines

    catalog = cat.catalog
    langs = catalog_languages(cat.path, catalog.header, (e.msgid for e in catalog.entries), given_source=given_source)
    for e in (*catalog.entries, *catalog.obsolete):
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
            src_lang=langs.source,
            tgt_lang=langs.target,
            stale=e.stale,
            machine=e.origin.kind is OriginKind.MT,
        )


# -- running ----------------------------------------------------------------------------------------------


def _stamp(findings: Iterable[Finding], info: CheckInfo, ctx: CheckContext) -> Iterator[Finding]:
    severity = info.severity_in(ctx)
    for f in findings:
        yield dataclasses.replace(f, code=info.name, severity=severity)


def sort_key(f: Finding) -> tuple[str, int, str, str]:
    """Findings are ordered by path, line (file-level ones first), code, then message."""
    return (f.path, f.line if f.line is not None else 0, f.code, f.message)


def _runs_on(info: CheckInfo, view: EntryView) -> bool:
    """Has the view the languages the check needs?"""
    return ("source" not in info.needs or bool(view.src_lang)) and ("target" not in info.needs or bool(view.tgt_lang))


def run_checks(
    catalogs: Sequence[CatalogInput],
    ctx: CheckContext,
    *,
    only: set[str] | frozenset[str] | None = None,
    registry: Registry | None = None,
) -> list[Finding]:
    """Run the registered checks (or ``only`` those named) over the catalogs.

    Returns the findings sorted by path, line and code.  An unknown name in
    ``only`` is a :class:`~newsl10n.errors.UsageError`.  The ``language``
    check (when registered) runs whenever a selected check needs a language.
    """
    reg = registry or REGISTRY
    if only is not None:
        unknown = sorted(set(only) - reg.names())
        if unknown:
            known = ", ".join(sorted(reg.names()))
            raise UsageError(f"unknown check {', '.join(unknown)} (known: {known})")
    selected = [
        c
        for c in reg.checks()
        if (only is None or c.name in only) and ("glossary" not in c.needs or ctx.glossary is not None)
    ]
    needing = {
        need: tuple(c.name for c in selected if need in c.needs) for need in ("source", "target")
    }
    wants_language = (needing["source"] or needing["target"]) and "language" in reg.names()
    if wants_language and all(c.name != "language" for c in selected):
        selected.append(reg.get("language"))
    ctx = dataclasses.replace(ctx, needing=needing)
    live = [v for cat in catalogs for v in entry_views(cat, given_source=ctx.source_lang) if not v.obsolete]
    checked = [v for v in live if ctx.publishes(v)]
    findings: list[Finding] = []
    for info in selected:
        if info.scope == "catalog":
            views = [v for v in checked if _runs_on(info, v)]
            findings.extend(_stamp(info.func(ctx, views), info, ctx))
            continue
        for view in live if info.sees_fuzzy else checked:
            if _runs_on(info, view):
                findings.extend(_stamp(info.func(ctx, view), info, ctx))
    findings.sort(key=sort_key)
    return findings

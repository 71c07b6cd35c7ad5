"""The registry and the runner: which entries checks see, stamping, ordering, languages."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from newsl10n.checks import (
    CatalogInput,
    CheckContext,
    EntryView,
    Finding,
    Registry,
    Severity,
    registered_checks,
    run_checks,
)
from newsl10n.errors import UsageError

from .helpers import E, entry_line, write_catalog


@pytest.mark.parametrize(
    ("name", "severity", "scope", "title"),
    [
        ("codes", Severity.ERROR, "entry", "Inline codes of the translation match the msgid"),
        ("consistency", Severity.WARNING, "catalog", "Same source sentence is translated the same way across catalogs"),
        ("fuzzy", Severity.INFO, "entry", "Entry is marked fuzzy and needs review"),
        ("leftover", Severity.ERROR, "entry", "Translation has no text left in the wrong language or script"),
        ("numbers", Severity.ERROR, "entry", "Numbers of the translation match the msgid"),
        ("untranslated", Severity.INFO, "entry", "Entry has no translation"),
        ("stale", Severity.INFO, "entry", "Entry is stale: its translation is of another sentence"),
        ("urls", Severity.ERROR, "entry", "URLs and e-mail addresses of the msgid are in the translation, exactly"),
        (
            "language",
            Severity.ERROR,
            "catalog",
            "Catalog's source and target languages are known (else the checks that need them cannot run)",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) and " " not in v else None,
)
def test_built_in_checks_are_registered(name: str, severity: Severity, scope: str, title: str) -> None:
    info = {c.name: c for c in registered_checks()}[name]
    assert (info.severity, info.scope, info.title) == (severity, scope, title)


def test_registered_checks_are_sorted_by_name() -> None:
    names = [c.name for c in registered_checks()]
    assert names == sorted(names)
    assert {"codes", "numbers", "untranslated", "fuzzy", "leftover", "consistency"} <= set(names)


def _toy_registry() -> Registry:
    """A registry with one entry check that flags every entry, and one catalog check."""
    reg = Registry()

    @reg.check("every", severity=Severity.WARNING)
    def every(ctx: CheckContext, entry: EntryView) -> Iterator[Finding]:
        """Flags every entry it sees.

        More text that is not part of the title.
        """
        yield entry.finding(f"saw {entry.msgid}")

    @reg.check("always", severity=Severity.INFO, sees_fuzzy=True)
    def always(ctx: CheckContext, entry: EntryView) -> Iterator[Finding]:
        """Sees fuzzy entries too."""
        yield entry.finding("seen")

    @reg.catalog_check("census", severity=Severity.ERROR)
    def census(ctx: CheckContext, entries: Sequence[EntryView]) -> Iterator[Finding]:
        """Counts the entries of all catalogs."""
        first = entries[0]
        yield first.finding(f"{len(entries)} entries: " + " ".join(sorted(e.msgid for e in entries)))

    return reg


@pytest.fixture
def two_catalogs(tmp_path: Path) -> list[CatalogInput]:
    ru = write_catalog(
        tmp_path,
        [E("One", "Один"), E("Two", "Два", fuzzy=True), E("Old", "Старый", obsolete=True), E("Three")],
        lang="ru",
    )
    es = write_catalog(tmp_path, [E("Four", "Cuatro")], lang="es")
    return [es, ru]


def _seen(findings: list[Finding], code: str) -> list[str]:
    return [f.msgid or "" for f in findings if f.code == code]


@pytest.mark.parametrize(
    ("include_fuzzy", "every", "census"),
    [
        (False, ["Four", "One", "Three"], "3 entries: Four One Three"),
        (True, ["Four", "One", "Two", "Three"], "4 entries: Four One Three Two"),
    ],
    ids=["without-fuzzy", "with-fuzzy"],
)
def test_which_entries_checks_see(
    two_catalogs: list[CatalogInput], include_fuzzy: bool, every: list[str], census: str
) -> None:
    findings = run_checks(two_catalogs, CheckContext(include_fuzzy=include_fuzzy), registry=_toy_registry())
    assert _seen(findings, "every") == every  # obsolete never; fuzzy only when asked
    assert _seen(findings, "always") == ["Four", "One", "Two", "Three"]  # sees_fuzzy: always
    assert [f.message for f in findings if f.code == "census"] == [census]


def test_code_and_severity_are_stamped_from_the_registration(two_catalogs: list[CatalogInput]) -> None:
    findings = run_checks(two_catalogs, CheckContext(), registry=_toy_registry())
    assert {(f.code, f.severity) for f in findings} == {
        ("every", Severity.WARNING),
        ("always", Severity.INFO),
        ("census", Severity.ERROR),
    }


def test_severity_can_be_overridden_by_the_context(two_catalogs: list[CatalogInput]) -> None:
    ctx = CheckContext(severities={"every": Severity.ERROR})
    findings = run_checks(two_catalogs, ctx, registry=_toy_registry())
    assert {f.severity for f in findings if f.code == "every"} == {Severity.ERROR}


def test_findings_are_sorted_by_path_line_code(two_catalogs: list[CatalogInput]) -> None:
    findings = run_checks(two_catalogs, CheckContext(), registry=_toy_registry())
    keys = [(f.path, f.line or 0, f.code) for f in findings]
    assert keys == sorted(keys)
    assert findings[0].path.endswith("es/LC_MESSAGES/article.po")


@pytest.mark.parametrize(
    ("only", "codes"),
    [({"every"}, {"every"}), ({"census", "always"}, {"census", "always"}), (set(), set())],
    ids=["one", "two", "none"],
)
def test_only_runs_the_named_checks(two_catalogs: list[CatalogInput], only: set[str], codes: set[str]) -> None:
    findings = run_checks(two_catalogs, CheckContext(), only=only, registry=_toy_registry())
    assert {f.code for f in findings} == codes


def test_an_unknown_check_name_is_a_usage_error(two_catalogs: list[CatalogInput]) -> None:
    with pytest.raises(UsageError, match=r"unknown check nope \(known: always, census, every\)") as info:
        run_checks(two_catalogs, CheckContext(), only={"nope", "every"}, registry=_toy_registry())
    assert info.value.exit_code == 2


def test_finding_lines_are_where_the_entries_start(two_catalogs: list[CatalogInput]) -> None:
    findings = run_checks(two_catalogs, CheckContext(include_fuzzy=True), only={"every"}, registry=_toy_registry())
    assert findings
    for f in findings:
        assert f.line == entry_line(f.path, f.msgid or "")


def _no_doc(ctx: CheckContext, entry: EntryView) -> Iterator[Finding]:
    yield entry.finding("x")


def _doc(ctx: CheckContext, entry: EntryView) -> Iterator[Finding]:
    """Has a title."""
    yield entry.finding("x")


@pytest.mark.parametrize(
    ("name", "func", "error"),
    [
        ("no-doc", _no_doc, "has no docstring"),
        ("Bad_Name", _doc, "is not lower-case-with-hyphens"),
        ("taken", _doc, "already registered"),
    ],
    ids=["missing-docstring", "bad-name", "duplicate"],
)
def test_registration_mistakes_are_caught(name: str, func: object, error: str) -> None:
    reg = Registry()
    reg.add("taken", _doc, severity=Severity.INFO, scope="entry")
    with pytest.raises(ValueError, match=error):
        reg.add(name, func, severity=Severity.INFO, scope="entry")  # type: ignore[arg-type]


def test_title_is_the_docstring_first_line_without_its_period() -> None:
    reg = Registry()
    info = reg.add("doc", _doc, severity=Severity.WARNING, scope="entry")
    assert (info.title, info.severity) == ("Has a title", Severity.WARNING)
    assert registered_checks(reg) == [info]


@pytest.mark.parametrize(
    ("lang", "src", "layout", "tgt_lang", "src_lang"),
    [
        ("ru_RU", "en_US", True, "ru", "en"),
        ("es-ES", "EN", True, "es", "en"),
        (None, "en", True, "xx", "en"),  # no Language header: the gettext layout's folder
        (None, None, False, "", ""),  # nothing says: unknown
    ],
    ids=["underscore", "hyphen-upper", "from-path", "unknown"],
)
def test_languages_come_from_the_header_or_the_path(
    tmp_path: Path, lang: str | None, src: str | None, layout: bool, tgt_lang: str, src_lang: str
) -> None:
    seen: list[EntryView] = []
    reg = Registry()

    @reg.check("spy", severity=Severity.INFO)
    def spy(ctx: CheckContext, entry: EntryView) -> Iterator[Finding]:
        """Records the entries."""
        seen.append(entry)
        return iter(())

    cat = write_catalog(tmp_path, [E("Hello", "Hola")], lang=lang, src=src, layout=layout)
    run_checks([cat], CheckContext(), registry=reg)
    assert [(e.tgt_lang, e.src_lang) for e in seen] == [(tgt_lang, src_lang)]
    assert seen[0].comments == ("codes: none",)
    assert seen[0].translated and not seen[0].fuzzy and not seen[0].obsolete


def test_the_registry_is_the_same_whatever_was_imported(tmp_path: Path) -> None:
    """Before: the terminology checks only if newsl10n.checks.terms happened to be imported."""
    import subprocess
    import sys

    code = "from newsl10n.checks import registered_checks; print(' '.join(c.name for c in registered_checks()))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path).stdout
    assert out.split() == ["codes", "consistency", "fuzzy", "language", "leftover", "numbers", "stale",
                           "term-forbidden", "term-inconsistent", "term-missing", "untranslated", "urls"]


def test_declaring_a_check_registers_nothing_until_it_is_listed() -> None:
    from newsl10n.checks import Declared, check

    @check("declared-only", severity=Severity.WARNING)
    def declared_only(ctx: CheckContext, entry: EntryView) -> Iterator[Finding]:
        """Declared here."""
        yield from ()

    assert "declared-only" not in {c.name for c in registered_checks()}
    reg = Registry()
    info = reg.register(declared_only)
    assert (info.name, info.severity, info.title) == ("declared-only", Severity.WARNING, "Declared here")
    assert isinstance(Declared("x", Severity.INFO, "entry"), Declared)
    with pytest.raises(ValueError, match="not declared"):
        reg.register(_doc)  # type: ignore[arg-type]

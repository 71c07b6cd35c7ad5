"""Reviewed entries survive every tool command.

A translator approves entries of every kind -- plain, with inline codes, with
a msgctxt, with a comment of their own, obsolete ones (one of them plural) --
and then every command newsl10n has runs on the project,
with each engine the tests have (a tiny real Argos package, Apertium when
installed, none).  After each command every approved entry (not fuzzy, with
a translation) reads exactly as before: msgstr, plural forms, flags and
translator comment.  Commands that do not write catalogs leave them byte for
byte as they were.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from ..conftest import CORPUS, REPO, BuildPackage, Result

Cli = Callable[..., Result]
Key = tuple[str, bool, str | None, str]
Value = tuple[str, tuple[tuple[int, str], ...], tuple[str, ...], str]
HAS_APERTIUM = shutil.which("apertium") is not None

CONTEXTS = (
    "<html lang='en'><body><p>Click <a href='/apply'>here</a> to apply.</p>"
    "<p>Click <b>here</b> to apply.</p><p>The deadline is in May.</p></body></html>\n"
)
NOTE = "Approved after a call with the press office"


def approved(root: Path) -> dict[Key, Value]:
    found: dict[Key, Value] = {}
    for path in sorted((root / "locales").rglob("*.po")):
        for e in polib.pofile(str(path)):
            if e.fuzzy or not (e.msgstr or any(e.msgstr_plural.values())):
                continue
            key = (path.relative_to(root).as_posix(), e.obsolete, e.msgctxt, e.msgid)
            found[key] = (e.msgstr, tuple(sorted(e.msgstr_plural.items())), tuple(sorted(e.flags)), e.tcomment)
    return found


def catalogs(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "locales").rglob("*.po"))}


def approve_some(path: Path, count: int) -> None:
    """Approve the first ``count`` entries (msgstr = a marked copy of the msgid, codes kept)."""
    po = polib.pofile(str(path), wrapwidth=0)
    for e in [e for e in po if not e.obsolete][:count]:
        e.msgstr = "✓ " + e.msgid
        e.flags = [f for f in e.flags if f != "fuzzy"]
    po.save(str(path))


@pytest.fixture
def project(cli: Cli, tmp_path: Path, tiny_package: BuildPackage) -> Path:
    shutil.copytree(REPO / "glossary", tmp_path / "glossary")
    shutil.copyfile(CORPUS / "en" / "upm-delegation-visit.html", tmp_path / "visit.html")
    (tmp_path / "contexts.html").write_text(CONTEXTS, encoding="utf-8")
    (tmp_path / "note.md").write_text("# Summer school\n\nThe **summer school** opens on [Monday](/news/).\n", encoding="utf-8")
    assert cli("translate", "visit.html", "contexts.html", "note.md", "--to", "ru,es", "--engine", "none").code == 0
    for lang in ("ru", "es"):
        for slug in ("visit", "contexts", "note"):
            approve_some(tmp_path / f"locales/{lang}/LC_MESSAGES/{slug}.po", 6)
    ru = tmp_path / "locales/ru/LC_MESSAGES/visit.po"
    po = polib.pofile(str(ru), wrapwidth=0)
    places = po.find("More places for students in both directions")
    assert places is not None
    places.msgstr, places.tcomment = "✓ More places for students in both directions", NOTE
    po.save(str(ru))
    text = ru.read_text(encoding="utf-8")
    text += (
        '\n#~ msgid "One file"\n#~ msgid_plural "%d files"\n#~ msgstr[0] "%d файл"\n#~ msgstr[1] "%d файла"\n#~ msgstr[2] "%d файлов"\n'
        '\n#~ msgid "A sentence that left the article."\n#~ msgstr "Предложение, которого больше нет."\n'
    )
    ru.write_text(text, encoding="utf-8")
    contexts = polib.pofile(str(tmp_path / "locales/ru/LC_MESSAGES/contexts.po"))
    assert sum(1 for e in contexts if e.msgid.startswith("Click") and e.msgstr) == 2  # both "Click <1>here</1>" approved
    models = tmp_path / "models"
    assert cli("models", "--models-dir", models, "install", tiny_package("en", "ru")).code == 0
    return tmp_path


ARTICLES = ["visit.html", "contexts.html", "note.md"]
ARGOS = ["--models-dir", "models", "--beam", "1"]
# (id, command, writes catalogs)
COMMANDS: list[tuple[str, list[str], bool]] = [
    ("extract", ["extract", *ARTICLES], False),
    ("translate-none", ["translate", *ARTICLES, "--to", "ru,es", "--engine", "none"], True),
    ("translate-argos", ["translate", *ARTICLES, "--to", "ru", "--engine", "argos", *ARGOS], True),
    ("translate-auto", ["translate", *ARTICLES, "--to", "ru", *ARGOS], True),
    ("translate-memory-50", ["translate", *ARTICLES, "--to", "ru", "--engine", "none", "--tm-threshold", "50"], True),
    ("translate-no-glossary", ["translate", *ARTICLES, "--to", "ru,es", "--engine", "none", "--no-glossary"], True),
    ("build", ["build", *ARTICLES, "--to", "ru,es"], False),
    ("build-no-fuzzy-strict", ["build", *ARTICLES, "--to", "ru,es", "--no-fuzzy", "--strict"], False),
    ("check", ["check"], False),
    ("check-json-output", ["check", "locales", "build", "--format", "json", "--include-fuzzy", "--output", "report.json"], False),
    ("check-junit", ["check", "--format", "junit", "--fail-on", "info"], False),
    ("check-github", ["check", "--format", "github", "--only", "codes,numbers"], False),
    ("glossary-lint", ["glossary", "lint"], False),
    ("models-list", ["models", "--models-dir", "models", "list"], False),
    ("models-remove", ["models", "--models-dir", "models", "remove", "translate-en_ru-1_0"], False),
]
if HAS_APERTIUM:
    COMMANDS.append(("translate-apertium", ["translate", *ARTICLES, "--to", "es", "--engine", "apertium"], True))


def test_approved_entries_survive_every_command(cli: Cli, project: Path) -> None:
    reviewed = approved(project)
    assert len(reviewed) >= 25
    assert any(key[1] for key in reviewed) and any(value[1] for value in reviewed.values())  # obsolete, plural
    assert any(value[3] == NOTE for value in reviewed.values())
    for name, command, writes in COMMANDS:
        before = catalogs(project)
        result = cli(*command)
        assert result.code in (0, 1) and "Traceback" not in result.err, (name, result.err)
        now = approved(project)
        lost = {key: (value, now.get(key)) for key, value in reviewed.items() if now.get(key) != value}
        assert not lost, f"{name} changed approved entries: {lost}"
        if not writes:
            assert catalogs(project) == before, f"{name} rewrote a catalog"
    # The source changes: approved sentences that stay keep their translation, the others stay as obsolete.
    article = project / "visit.html"
    article.write_text(article.read_text(encoding="utf-8").replace("More places for students", "More seats for students"), encoding="utf-8")
    assert cli("translate", *ARTICLES, "--to", "ru", "--engine", "none").code == 0
    po = polib.pofile(str(project / "locales/ru/LC_MESSAGES/visit.po"))
    moved = po.find("More seats for students in both directions")
    assert moved is not None and moved.fuzzy and moved.msgstr == "✓ More places for students in both directions"
    assert moved.previous_msgid == "More places for students in both directions"
    for (path, obsolete, msgctxt, msgid), value in reviewed.items():
        if path.endswith("ru/LC_MESSAGES/visit.po") and msgid.startswith("More places"):
            continue
        entry = next(e for e in polib.pofile(str(project / path)) if (e.msgctxt, e.msgid) == (msgctxt, msgid))
        assert entry.msgstr == value[0] and tuple(sorted(entry.msgstr_plural.items())) == value[1]

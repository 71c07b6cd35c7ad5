"""What CI checks is what is published: ``check`` covers exactly what ``build`` puts on the page.

On a real article translated by Apertium: machine output (fuzzy) is published, so it is checked by
default; a stale entry (the source changed since: ``#|`` previous msgid) is not published, and
``check`` says so; ``--approved-only`` / ``--include-stale`` move both the same way.
"""

from __future__ import annotations

import html
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from .conftest import CORPUS, Result

Cli = Callable[..., Result]
ARTICLE = "summer-school-2024.html"
CATALOG = Path("locales/es/LC_MESSAGES/summer-school-2024.po")
OLD = "A successfully completed module brings 3.5\u00a0ECTS credits"

pytestmark = pytest.mark.skipif(shutil.which("apertium") is None, reason="Apertium is not installed (scripts/setup.sh)")


@pytest.fixture
def translated(cli: Cli, tmp_path: Path) -> Path:
    shutil.copy(CORPUS / "en" / ARTICLE, tmp_path / ARTICLE)
    result = cli("translate", ARTICLE, "--to", "es", "--engine", "apertium", "--no-glossary")
    assert result.code == 0, result.err
    return tmp_path


def _page(root: Path) -> str:
    """The built page's text, entities resolved (``&nbsp;``)."""
    return html.unescape((root / "build" / "es" / ARTICLE).read_text(encoding="utf-8"))


def _findings(cli: Cli, *args: str) -> list[dict[str, object]]:
    result = cli("check", "locales", "--format", "json", *args)
    assert result.code in (0, 1), result.err
    findings: list[dict[str, object]] = json.loads(result.out)["findings"]
    return findings


def test_source_change_makes_a_stale_entry_that_is_not_published(
    cli: Cli, translated: Path, msgfmt: Callable[[Path], None]
) -> None:
    article = translated / ARTICLE
    article.write_text(article.read_text(encoding="utf-8").replace("3.5&nbsp;ECTS", "4.5&nbsp;ECTS"), encoding="utf-8")
    assert cli("translate", ARTICLE, "--to", "es", "--engine", "none", "--no-glossary").code == 0
    msgfmt(translated / CATALOG)
    po = polib.pofile(str(translated / CATALOG))
    [entry] = [e for e in po if e.previous_msgid and OLD in e.previous_msgid]
    assert "fuzzy" in entry.flags and "4.5" in entry.msgid and "3.5" in entry.msgstr
    old_translation = entry.msgstr

    page = _page(translated)
    assert old_translation not in page  # the page says 4.5, in the source language, until a translator updates it
    assert entry.msgid in page

    findings = _findings(cli)
    mine = [f for f in findings if f["msgid"] == entry.msgid]
    assert [(f["code"], f["severity"]) for f in mine] == [("stale", "info")]
    assert "not published" in str(mine[0]["message"])
    assert cli("check", "locales").code == 0  # not published, so nothing on the page is wrong

    # Asked for, the old translation is published, and then it is checked: its number is wrong.
    assert cli("build", ARTICLE, "--to", "es", "--include-stale").code == 0
    assert old_translation in _page(translated)
    mine = [f for f in _findings(cli, "--include-stale") if f["msgid"] == entry.msgid]
    assert sorted(str(f["code"]) for f in mine) == ["numbers", "stale"]


def test_machine_output_is_published_so_it_is_checked_by_default(cli: Cli, translated: Path) -> None:
    path = translated / CATALOG
    po = polib.pofile(str(path), wrapwidth=0)
    entry = next(e for e in po if "<1>" in e.msgid and "fuzzy" in e.flags)
    assert "newsl10n: mt apertium" in entry.tcomment
    entry.msgstr = entry.msgstr.replace("<1>", "").replace("</1>", "")  # an engine that lost a link
    po.save(str(path))

    default = _findings(cli)
    assert [f["code"] for f in default if f["msgid"] == entry.msgid] == ["codes", "fuzzy"]
    fuzzy = next(f for f in default if f["msgid"] == entry.msgid and f["code"] == "fuzzy")
    assert str(fuzzy["message"]).startswith("machine translation, not reviewed yet: build publishes it")
    assert _findings(cli, "--include-fuzzy") == default  # still accepted; the default now
    assert [f["code"] for f in _findings(cli, "--approved-only") if f["msgid"] == entry.msgid] == ["fuzzy"]
    assert cli("check", "locales").code == 1

    # build agrees: it publishes machine output by default, and not with --no-fuzzy.
    result = cli("build", ARTICLE, "--to", "es")
    assert "translation not used (code 1 is missing" in result.err
    assert "translation not used" not in cli("build", ARTICLE, "--to", "es", "--no-fuzzy").err

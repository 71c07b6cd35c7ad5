"""The ``urls`` check: an address that differs between msgid and msgstr is an error; real catalogs pass."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from newsl10n.checks import CheckContext, run_checks
from newsl10n.checks.links import addresses

from ..conftest import REPO, Result
from .helpers import E, write_catalog

GOLDEN = REPO / "tests" / "golden" / "data" / "locales"
#: The corpus's own addresses (corpus/en/summer-school-2024.html), inside a sentence.
SENTENCE = "Questions go to summer.school@spbpu.example, and the form is at https://summer.spbpu.example/apply."


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (SENTENCE, ["summer.school@spbpu.example", "https://summer.spbpu.example/apply"]),
        ("See (https://en.wikipedia.org/wiki/Madrid_(city)).", ["https://en.wikipedia.org/wiki/Madrid_(city)"]),
        ("«www.upm.es/Internacional»; <1>mailto</1> a@b.es!", ["www.upm.es/Internacional", "a@b.es"]),
        ("Link <2>https://x.example/a</2>", ["https://x.example/a"]),
        ("Nothing here: 3.5 ECTS, St. Petersburg.", []),
    ],
    ids=["corpus-addresses", "balanced-parenthesis", "quotes-and-codes", "inside-a-code-pair", "none"],
)
def test_addresses(text: str, found: list[str]) -> None:
    assert addresses(text) == found


@pytest.mark.parametrize(
    ("msgstr", "message"),
    [
        ("Las preguntas a summer.school@spbpu.example; el formulario está en https://summer.spbpu.example/apply.", None),
        ("El formulario: https://summer.spbpu.example/apply. Preguntas: summer.school@spbpu.example.", None),
        (
            "Preguntas a Summer.School@spbpu.example, formulario en https://summer.spbpu.example/apply.",
            "'summer.school@spbpu.example' became 'Summer.School@spbpu.example'",
        ),
        (
            "Preguntas a summer.school@spbpu.example, formulario en https://verano.spbpu.example/aplicar.",
            "'https://summer.spbpu.example/apply' became 'https://verano.spbpu.example/aplicar'",
        ),
        ("Preguntas a summer.school@spbpu.example.", "'https://summer.spbpu.example/apply' is missing"),
    ],
    ids=["same", "reordered", "case-changed", "translated", "dropped"],
)
def test_urls_check(tmp_path: Path, msgstr: str, message: str | None) -> None:
    cat = write_catalog(tmp_path, [E(SENTENCE, msgstr)], lang="es")
    found = run_checks([cat], CheckContext(), only={"urls"})
    if message is None:
        assert found == []
    else:
        assert [(f.code, f.severity.value) for f in found] == [("urls", "error")]
        assert found[0].message == f"URL or e-mail address differs from the msgid: {message}"


def test_real_catalogs_have_no_false_urls_findings(cli: Callable[..., Result], tmp_path: Path) -> None:
    shutil.copytree(GOLDEN, tmp_path / "locales")
    result = cli("check", "locales", "--only", "urls")
    assert result.code == 0 and result.out.endswith("no problems found in 12 catalogs\n"), result.out


@pytest.mark.skipif(shutil.which("apertium") is None, reason="Apertium is not installed (scripts/setup.sh)")
def test_real_engine_output_that_breaks_an_address_is_reported(cli: Callable[..., Result], tmp_path: Path) -> None:
    """Apertium, given the address as words, writes another one; check names it among the real catalogs."""
    from newsl10n.engines.apertium import ApertiumEngine

    [raw] = ApertiumEngine().translate_batch([SENTENCE], "en", "es")
    assert "https://summer.spbpu.example/apply" not in raw  # what the engine does to it today
    shutil.copytree(GOLDEN, tmp_path / "locales")
    path = tmp_path / "locales" / "es" / "LC_MESSAGES" / "summer-school-2024.po"
    po = polib.pofile(str(path), wrapwidth=0)
    po.append(polib.POEntry(msgid=SENTENCE, msgstr=raw, flags=["fuzzy"], tcomment="newsl10n: mt apertium:eng-spa"))
    po.save(str(path))
    result = cli("check", "locales", "--only", "urls", "--format", "json")
    assert result.code == 1
    [finding] = json.loads(result.out)["findings"]
    assert (finding["path"], finding["msgid"], finding["code"]) == ("locales/es/LC_MESSAGES/summer-school-2024.po", SENTENCE, "urls")
    assert "'https://summer.spbpu.example/apply'" in finding["message"]

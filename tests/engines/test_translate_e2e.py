"""`newsl10n translate` end to end through real engines: Argos (a tiny CTranslate2 model) and Apertium.

Sockets are blocked for every test here (conftest.no_network).
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import lxml.html
import polib
import pytest

from newsl10n.engines.models import install_file

from ..conftest import CORPUS, REPO, Result

Cli = Callable[..., Result]
ARTICLE = CORPUS / "en" / "upm-delegation-visit.html"
INLINE = ("a", "strong", "em", "b", "i", "img", "code", "time", "span", "br")


def inline_elements(html: str) -> Counter[tuple[str, tuple[tuple[str, str], ...]]]:
    root = lxml.html.document_fromstring(html)
    body = root.find("body")
    assert body is not None
    return Counter(
        (el.tag, tuple(sorted((k, v) for k, v in el.attrib.items() if k not in ("alt", "title", "aria-label"))))
        for el in body.iter(*INLINE)
    )


@pytest.fixture
def argos_dir(tmp_path: Path, tiny_package: Callable[..., Path]) -> Path:
    models = tmp_path / "models"
    install_file(tiny_package(from_code="en", to_code="ru", swaps={"delegation": "делегация", "visit": "визит"}), models)
    return models


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "glossary", tmp_path / "glossary")
    shutil.copyfile(ARTICLE, tmp_path / ARTICLE.name)
    return tmp_path


def test_argos_end_to_end(cli: Cli, project: Path, argos_dir: Path, msgfmt: Callable[[Path], None]) -> None:
    result = cli("translate", ARTICLE.name, "--to", "ru", "--engine", "argos", "--models-dir", argos_dir)
    assert result.code == 0, result.err
    assert "machine-translated" in result.out and "argos:translate-en_ru-1_0@1.0" in result.out
    po_path = project / "locales" / "ru" / "LC_MESSAGES" / "upm-delegation-visit.po"
    msgfmt(po_path)
    po = polib.pofile(str(po_path))
    assert po.metadata["X-Newsl10n-Engine"].startswith("argos:translate-en_ru-1_0@1.0")
    translated = [e for e in po if e.msgstr and "newsl10n: mt argos:" in e.tcomment]
    assert len(translated) > 20 and all(e.fuzzy for e in translated)
    label = po.find("Publication date: <1/>")
    assert label is not None and label.msgstr == "Дата публикации: <1/>" and not label.fuzzy
    assert "newsl10n: interface string" in label.tcomment
    # The swap model really ran: its two word swaps show in the output.
    assert any("делегация" in e.msgstr for e in translated) and any("визит" in e.msgstr for e in translated)
    # Glossary names come out as the approved Russian terms; do-not-translate names pass through.
    energy = next(e for e in po if "at the Institute of Energy (IE)" in e.msgid)
    assert "Институт энергетики" in energy.msgstr and "term Institute of Energy" in energy.tcomment
    spbpu = next(e for e in po if e.msgid.startswith("UPM has been a <2>strategic partner</2> of Peter the Great"))
    assert "Санкт-Петербургский политехнический университет Петра Великого" in spbpu.msgstr
    assert "<2>strategic partner</2>" in spbpu.msgstr  # codes carried by the model
    # check passes for terms and codes on the result, fuzzy entries included.
    checked = cli("check", "--include-fuzzy", "--only", "term-missing,term-forbidden,codes")
    assert checked.code == 0, checked.out
    page = (project / "build" / "ru" / "upm-delegation-visit.html").read_text(encoding="utf-8")
    assert inline_elements(page) == inline_elements(ARTICLE.read_text(encoding="utf-8"))
    assert '<html lang="ru">' in page and "Институт энергетики" in page

    again = cli("translate", ARTICLE.name, "--to", "ru", "--engine", "argos", "--models-dir", argos_dir)
    assert again.code == 0
    assert "0 from memory, 0 fuzzy from memory, 0 machine-translated" in again.out


def test_rerun_after_edit_keeps_translator_work(cli: Cli, project: Path, argos_dir: Path) -> None:
    article = project / ARTICLE.name
    assert cli("translate", article.name, "--to", "ru", "--engine", "argos", "--models-dir", argos_dir).code == 0
    po_path = project / "locales" / "ru" / "LC_MESSAGES" / "upm-delegation-visit.po"
    po = polib.pofile(str(po_path))
    approved = po.find("More places for students in both directions")
    changed = po.find("On the second day the delegation discussed student mobility.")
    assert approved is not None and changed is not None
    approved.msgstr, approved.flags = "Больше мест для студентов в обе стороны", []
    changed.msgstr, changed.flags = "На второй день делегация обсудила мобильность студентов.", []
    po.save(str(po_path))
    text = article.read_text(encoding="utf-8")
    article.write_text(
        text.replace("On the second day the delegation discussed student mobility.", "On the second day the delegation discussed academic mobility.")
        .replace("Energy research at the centre of the talks", "A brand new heading about something else entirely"),
        encoding="utf-8",
    )
    result = cli("translate", article.name, "--to", "ru", "--engine", "argos", "--models-dir", argos_dir)
    assert result.code == 0, result.err
    assert "1 new, 1 fuzzy, 1 obsolete" in result.out
    po = polib.pofile(str(po_path))
    kept = po.find("More places for students in both directions")
    assert kept is not None and kept.msgstr == "Больше мест для студентов в обе стороны" and not kept.fuzzy
    fuzzy = po.find("On the second day the delegation discussed academic mobility.")
    assert fuzzy is not None and fuzzy.fuzzy and fuzzy.msgstr.startswith("На второй день")
    assert fuzzy.previous_msgid == "On the second day the delegation discussed student mobility."
    assert any(e.obsolete and e.msgid == "Energy research at the centre of the talks" for e in po)


def test_memory_across_articles_before_mt(cli: Cli, project: Path, argos_dir: Path) -> None:
    assert cli("translate", ARTICLE.name, "--to", "ru", "--engine", "argos", "--models-dir", argos_dir).code == 0
    po_path = project / "locales" / "ru" / "LC_MESSAGES" / "upm-delegation-visit.po"
    po = polib.pofile(str(po_path))
    entry = po.find("On the second day the delegation discussed student mobility.")
    assert entry is not None
    entry.msgstr, entry.flags = "На второй день делегация обсудила мобильность студентов.", []
    po.save(str(po_path))
    other = project / "other-news.html"
    other.write_text(
        "<html lang='en'><body><p>On the second day the delegation discussed student mobility. "
        "The rector closed the day.</p></body></html>",
        encoding="utf-8",
    )
    result = cli("translate", other.name, "--to", "ru", "--engine", "argos", "--models-dir", argos_dir)
    assert result.code == 0, result.err
    assert "1 from memory, 0 fuzzy from memory, 1 machine-translated" in result.out
    reused = polib.pofile(str(project / "locales" / "ru" / "LC_MESSAGES" / "other-news.po")).find(
        "On the second day the delegation discussed student mobility."
    )
    assert reused is not None and not reused.fuzzy
    assert reused.msgstr == "На второй день делегация обсудила мобильность студентов."
    assert "newsl10n: tm locales/ru/LC_MESSAGES/upm-delegation-visit.po" in reused.tcomment


def test_no_engine_for_pair_fails_before_writing(cli: Cli, project: Path, tmp_path: Path) -> None:
    result = cli("translate", ARTICLE.name, "--to", "ru", "--engine", "argos", "--models-dir", tmp_path / "empty")
    assert result.code == 2 and "newsl10n models install en ru" in result.err
    assert not (project / "locales").exists() and not (project / "build").exists()


def test_models_commands(cli: Cli, tmp_path: Path, tiny_package: Callable[..., Path]) -> None:
    models = tmp_path / "m"
    archive = tiny_package(from_code="en", to_code="es")
    assert cli("models", "--models-dir", models, "install", archive).code == 0
    listed = cli("models", "--models-dir", models, "list")
    assert "translate-en_es-1_0: en→es 1.0" in listed.out and "argos: en→es" in listed.out
    offline = cli("models", "--models-dir", models, "install", "en", "ru", "--timeout", "2", "--index-url", "http://127.0.0.1:9/index.json")
    assert offline.code == 2 and "cannot reach the Argos package index" in offline.err
    assert cli("models", "--models-dir", models, "remove", "translate-en_es-1_0").code == 0
    assert "no Argos packages installed" in cli("models", "--models-dir", models, "list").out


apertium = pytest.mark.skipif(shutil.which("apertium") is None, reason="needs Debian's apertium and apertium-eng-spa")


@apertium
def test_apertium_end_to_end(cli: Cli, project: Path, msgfmt: Callable[[Path], None]) -> None:
    result = cli("translate", ARTICLE.name, "--to", "es", "--engine", "apertium")
    assert result.code == 0, result.err
    po_path = project / "locales" / "es" / "LC_MESSAGES" / "upm-delegation-visit.po"
    msgfmt(po_path)
    po = polib.pofile(str(po_path))
    assert po.metadata["X-Newsl10n-Engine"].startswith("apertium:eng-spa@")
    upm = [e for e in po if "Technical University of Madrid" in e.msgid]
    assert upm and all("Universidad Politécnica de Madrid" in e.msgstr for e in upm)
    checked = cli("check", "--include-fuzzy", "--only", "term-missing,term-forbidden,codes")
    assert checked.code == 0, checked.out
    page = (project / "build" / "es" / "upm-delegation-visit.html").read_text(encoding="utf-8")
    assert inline_elements(page) == inline_elements(ARTICLE.read_text(encoding="utf-8"))
    assert "4 de marzo de 2024" in page

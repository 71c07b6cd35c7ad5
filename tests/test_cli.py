"""End to end: the newsl10n command on real files, exit codes and messages."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from .conftest import CORPUS, REPO, Result, run_subprocess

EN = CORPUS / "en" / "upm-delegation-visit.html"
RU = CORPUS / "ru" / "vizit-delegatsii-upm.html"
Cli = Callable[..., Result]


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_help_lists_examples_and_is_light() -> None:
    code = (
        "import sys\nfrom newsl10n.cli import make_parser\nmake_parser().format_help()\n"
        "heavy = [m for m in ('lxml', 'polib', 'babel', 'argostranslate', 'ctranslate2', 'regex') if m in sys.modules]\n"
        "print(heavy)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"
    result = run_subprocess("--help", cwd=REPO)
    assert result.code == 0 and "examples:" in result.out and "newsl10n translate" in result.out


def test_extract_writes_a_valid_template(cli: Cli, tmp_path: Path, msgfmt: Callable[[Path], None]) -> None:
    result = cli("extract", EN)
    assert result.code == 0, result.err
    pot = tmp_path / "locales" / "templates" / "upm-delegation-visit.pot"
    msgfmt(pot)
    cat = polib.pofile(str(pot))
    assert cat.metadata["X-Source-Language"] == "en"
    assert len(cat) > 25
    assert any("<1>" in e.msgid for e in cat)


def test_translate_none_writes_catalogs_and_pages(cli: Cli, tmp_path: Path, msgfmt: Callable[[Path], None]) -> None:
    result = cli("translate", EN, "--to", "ru,es", "--engine", "none")
    assert result.code == 0, result.err
    for lang in ("ru", "es"):
        po_path = tmp_path / "locales" / lang / "LC_MESSAGES" / "upm-delegation-visit.po"
        msgfmt(po_path)
        po = polib.pofile(str(po_path))
        assert po.metadata["Language"] == lang and po.metadata["X-Source-Language"] == "en"
        page = (tmp_path / "build" / lang / "upm-delegation-visit.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}">' in page
    assert "4 марта 2024" in (tmp_path / "build" / "ru" / "upm-delegation-visit.html").read_text(encoding="utf-8")
    assert "4 de marzo de 2024" in (tmp_path / "build" / "es" / "upm-delegation-visit.html").read_text(encoding="utf-8")
    assert "new, 0 fuzzy, 0 obsolete, 0 unchanged" in result.out


def test_rerun_changes_nothing_and_keeps_approved_work(cli: Cli, tmp_path: Path) -> None:
    assert cli("translate", EN, "--to", "ru", "--engine", "none").code == 0
    po_path = tmp_path / "locales" / "ru" / "LC_MESSAGES" / "upm-delegation-visit.po"
    po = polib.pofile(str(po_path))
    entry = next(e for e in po if e.msgid.startswith("UPM has been a <2>strategic partner</2>"))
    entry.msgstr = "UPM – <2>стратегический партнёр</2> СПбПУ с 2017 года: <3>одиннадцать гостей</3>."
    po.save(str(po_path))
    before = snapshot(tmp_path / "locales")
    result = cli("translate", EN, "--to", "ru", "--engine", "none")
    assert result.code == 0 and "0 new, 0 fuzzy, 0 obsolete" in result.out
    assert snapshot(tmp_path / "locales") == before
    page = (tmp_path / "build" / "ru" / "upm-delegation-visit.html").read_text(encoding="utf-8")
    assert '<a href="/partners/upm/">стратегический партнёр</a> СПбПУ с 2017 года: <strong>одиннадцать гостей</strong>.' in page


def test_build_escapes_markup_and_falls_back_on_broken_codes(cli: Cli, tmp_path: Path) -> None:
    assert cli("translate", EN, "--to", "ru", "--engine", "none").code == 0
    po_path = tmp_path / "locales" / "ru" / "LC_MESSAGES" / "upm-delegation-visit.po"
    po = polib.pofile(str(po_path))
    heading = po.find("Energy research at the centre of the talks")
    linked = next(e for e in po if e.msgid.startswith("UPM has been a <2>strategic partner</2>"))
    assert heading is not None
    heading.msgstr = "<script>alert(1)</script></h2><p>Энергетика"
    linked.msgstr = "UPM – стратегический партнёр без ссылки, <3>одиннадцать гостей</3>."
    po.save(str(po_path))
    result = cli("build", EN, "--to", "ru")
    assert result.code == 0
    assert "warning: translation not used (code 2 is missing" in result.err
    assert "warning: translation not used (HTML markup is not allowed in a translation, only inline codes: <script>" in result.err
    page = (tmp_path / "build" / "ru" / "upm-delegation-visit.html").read_text(encoding="utf-8")
    assert "alert(1)" not in page and '<h2 lang="en">Energy research at the centre of the talks</h2>' in page  # fallback, marked
    assert '<a href="/partners/upm/">strategic partner</a>' in page  # the source sentence, links intact
    assert cli("build", EN, "--to", "ru", "--strict").code == 1
    # Text that merely contains < and & is used, and escaped.
    heading.msgstr = "Энергетика: 5 < 6 & R&D"
    po.save(str(po_path))
    assert cli("build", EN, "--to", "ru").code == 0
    page = (tmp_path / "build" / "ru" / "upm-delegation-visit.html").read_text(encoding="utf-8")
    assert "<h2>Энергетика: 5 &lt; 6 &amp; R&amp;D</h2>" in page


def test_windows_1251_article_and_markdown(cli: Cli, tmp_path: Path, msgfmt: Callable[[Path], None]) -> None:
    md = tmp_path / "note.md"
    md.write_text("# Summer school\n\nThe **summer school** opens on [Monday](/news/). Prof. Ivanova leads it.\n", encoding="utf-8")
    result = cli("translate", RU, md, "--to", "en", "--engine", "none")
    assert result.code == 0, result.err
    # Markdown is read as Markdown: no <title> copy of the heading any more (was 4 sentences)
    assert "note.md: 3 sentences, 3 entries (en)\n  already in en; nothing to translate" in result.out
    assert not (tmp_path / "locales" / "en" / "LC_MESSAGES" / "note.po").exists()
    po = polib.pofile(str(tmp_path / "locales" / "en" / "LC_MESSAGES" / "vizit-delegatsii-upm.po"))
    assert po.metadata["X-Source-Language"] == "ru"
    assert any("Институте энергетики" in e.msgid for e in po)
    page = (tmp_path / "build" / "en" / "vizit-delegatsii-upm.html").read_bytes().decode("utf-8")
    assert "charset=utf-8" in page and "windows-1251" not in page
    assert "March 4, 2021" in page

    assert cli("translate", md, "--to", "es", "--engine", "none").code == 0
    md_po = tmp_path / "locales" / "es" / "LC_MESSAGES" / "note.po"
    msgfmt(md_po)
    cat = polib.pofile(str(md_po))
    assert [e.msgid for e in cat][:3] == [
        "Summer school",
        "The <1>summer school</1> opens on <2>Monday</2>.",
        "Prof. Ivanova leads it.",
    ]
    assert ("note.md", "3") in cat.find("Prof. Ivanova leads it.").occurrences
    # Markdown comes out as Markdown (the source, byte for byte, where nothing is translated) ...
    assert (tmp_path / "build" / "es" / "note.md").read_text(encoding="utf-8") == md.read_text(encoding="utf-8")
    # ... and as an HTML page when asked
    assert cli("build", md, "--to", "es", "--markdown-html").code == 0
    assert '<a href="/news/">Monday</a>' in (tmp_path / "build" / "es" / "note.html").read_text(encoding="utf-8")


def test_seed_article(cli: Cli, tmp_path: Path, seed_article: Path, msgfmt: Callable[[Path], None]) -> None:
    local = tmp_path / seed_article.name
    shutil.copyfile(seed_article, local)
    result = cli("translate", local.name, "--to", "ru", "--engine", "none")
    assert result.code == 0, result.err
    po_path = tmp_path / "locales" / "ru" / "LC_MESSAGES" / "spbpu-upm-online-talks.po"
    msgfmt(po_path)
    msgids = [e.msgid for e in polib.pofile(str(po_path))]
    assert "This week, Peter the Great St. Petersburg Polytechnic University held a series of online meetings with its <1>strategic partner</1>, Technical University of Madrid (UPM; Spain)." in msgids


@pytest.mark.parametrize(
    "args, message",
    [
        pytest.param(["translate", "missing.html", "--to", "ru", "--engine", "none"], "missing.html: no such file", id="missing"),
        pytest.param(["translate", str(EN), "--to", "xx-nope", "--engine", "none"], "unknown language", id="bad-lang"),
        pytest.param(["translate", str(EN), "--to", "C", "--engine", "none"], "unknown language code 'C'", id="posix-lang"),
        pytest.param(["translate", str(EN), "--to", "ru", "--engine", "babelfish"], "invalid choice: 'babelfish'", id="bad-engine"),
        pytest.param(["translate", str(EN)], "--to", id="missing-option"),
        pytest.param(["frobnicate"], "invalid choice", id="bad-command"),
        pytest.param(["build", str(EN), "--to", "ru"], "no catalog for ru", id="build-without-catalog"),
    ],
)
def test_usage_and_input_errors(cli: Cli, tmp_path: Path, args: list[str], message: str) -> None:
    result = cli(*args)
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsl10n: error: ") and message in lines[0]
    assert "Traceback" not in result.err
    assert not (tmp_path / "build").exists()
    assert not (tmp_path / "locales").exists()


def test_bad_input_leaves_no_partial_output(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.html"
    bad.write_bytes(b'<html><head><meta charset="utf-8"></head><body><p>\xcf\xf0\xe8\xe2\xe5\xf2</p></body></html>')
    result = cli("translate", EN, bad, "--to", "ru", "--engine", "none")
    assert result.code == 2
    assert result.err.strip() == (
        "newsl10n: error: bad.html:1: byte 0xcf is not valid utf-8 "
        "(the declared charset is wrong? give the real one with --encoding)"
    )
    assert list(tmp_path.iterdir()) == [bad]
    assert cli("translate", bad, "--to", "en", "--engine", "none", "--encoding", "cp1251").code == 0


def test_broken_po_is_reported_and_left_alone(cli: Cli, tmp_path: Path) -> None:
    po_path = tmp_path / "locales" / "ru" / "LC_MESSAGES" / "upm-delegation-visit.po"
    po_path.parent.mkdir(parents=True)
    po_path.write_text('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b"\nmsgid\n', encoding="utf-8")
    before = po_path.read_bytes()
    result = cli("translate", EN, "--to", "ru", "--engine", "none")
    assert result.code == 2 and "upm-delegation-visit.po:6: broken catalog" in result.err
    assert po_path.read_bytes() == before
    assert not (tmp_path / "build").exists()


def test_output_location_that_is_a_file(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "build").write_text("not a directory", encoding="utf-8")
    result = cli("translate", EN, "--to", "ru", "--engine", "none")
    assert result.code == 2 and result.err.startswith("newsl10n: error: build")
    assert (tmp_path / "build").read_text(encoding="utf-8") == "not a directory"


def test_python_dash_m_and_directories(tmp_path: Path) -> None:
    shutil.copytree(CORPUS, tmp_path / "corpus")
    result = run_subprocess("translate", "corpus", "--to", "es", "--engine", "none", "-q", cwd=tmp_path)
    assert result.code == 0, result.err
    assert result.out == ""
    built = sorted(p.name for p in (tmp_path / "build" / "es").glob("*.html"))
    assert len(built) == len([p for p in (tmp_path / "corpus").rglob("*.html")])
    # Markdown posts keep their path below the folder named; the Spanish one has nothing to translate into Spanish
    posts = sorted(p.relative_to(tmp_path / "build" / "es").as_posix() for p in (tmp_path / "build" / "es").rglob("*.md"))
    assert posts == [
        "md/hugo/content/en/posts/buddy-programme/index.md",
        "md/hugo/content/en/posts/erasmus-open-day/index.md",
        "md/hugo/content/ru/posts/letnyaya-shkola/index.md",
        "md/jekyll/_posts/2024-10-21-welcome-week.md",
    ]


def test_term_matcher_built_once_per_source_language(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsl10n import terms

    built: list[str] = []
    real = terms.TermMatcher

    class Counting(real):  # type: ignore[misc, valid-type]
        def __init__(self, glossary, src_lang):  # type: ignore[no-untyped-def]
            built.append(src_lang)
            super().__init__(glossary, src_lang)

    monkeypatch.setattr(terms, "TermMatcher", Counting)
    result = cli("translate", EN, "--to", "ru,es", "--engine", "none", "--glossary", REPO / "glossary")
    assert result.code == 0, result.err
    assert built == ["en"]


LINKED_REPORT = "<p>Read the report <a href='/report'>here</a>.</p>"
BOLD_REPORT = "<p>Read the report <b>here</b>.</p>"


@pytest.mark.parametrize("where", ["after", "before"])
def test_a_same_text_sentence_with_other_markup_leaves_the_approved_entry_alone(cli: Cli, tmp_path: Path, where: str) -> None:
    """Issue 16, item 8: the approved ``Read the report <1>here</1>.`` (a link) stays approved under its key."""
    page = tmp_path / "report.html"
    page.write_text(f"<html lang='en'><body>{LINKED_REPORT}<p>The end.</p></body></html>\n", encoding="utf-8")
    assert cli("translate", page.name, "--to", "ru", "--engine", "none").code == 0
    po_path = tmp_path / "locales/ru/LC_MESSAGES/report.po"
    po = polib.pofile(str(po_path), wrapwidth=0)
    (entry,) = [e for e in po if e.msgid == "Read the report <1>here</1>."]
    assert entry.msgctxt is None
    entry.msgstr = "Прочтите <1>отчёт</1>."
    po.save(str(po_path))

    added = f"{LINKED_REPORT}{BOLD_REPORT}" if where == "after" else f"{BOLD_REPORT}{LINKED_REPORT}"
    page.write_text(f"<html lang='en'><body>{added}<p>The end.</p></body></html>\n", encoding="utf-8")
    result = cli("translate", page.name, "--to", "ru", "--engine", "none", "--no-fuzzy")
    assert result.code == 0, result.err
    assert "1 new, 0 fuzzy, 0 obsolete, 2 unchanged" in result.out, result.out
    entries = {e.msgctxt: e for e in polib.pofile(str(po_path)) if e.msgid == "Read the report <1>here</1>." and not e.obsolete}
    assert len(entries) == 2
    approved = [e for e in entries.values() if e.msgstr == "Прочтите <1>отчёт</1>." and not e.fuzzy]
    assert len(approved) == 1 and '<1> = <a href="/report">' in approved[0].comment  # still approved, still the link's
    other = next(e for e in entries.values() if e is not approved[0])
    assert "<1> = <b>" in other.comment and (other.fuzzy or not other.msgstr)  # the new one: offered, for review
    built = (tmp_path / "build/ru/report.html").read_text(encoding="utf-8")
    assert '<a href="/report">отчёт</a>' in built  # --no-fuzzy: the approved translation is still published
    if where == "after":  # the entry keeps its very key; the new sentence gets the context
        assert approved[0].msgctxt is None and other.msgctxt == "codes: 1=b"

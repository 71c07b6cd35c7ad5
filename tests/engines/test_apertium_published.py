"""What a page translated by real Apertium (eng-spa) publishes: the team's corpus and the seed, end to end.

One `newsl10n translate` run per module; each test reads the catalog or the page it wrote.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import lxml.html
import polib
import pytest

from ..conftest import CORPUS, REPO, SEED, run_subprocess

pytestmark = pytest.mark.skipif(shutil.which("apertium") is None, reason="needs Debian's apertium and apertium-eng-spa")

ARTICLE = CORPUS / "en" / "upm-delegation-visit.html"


def seed_as_page(seed: str) -> str:
    """The seed article as its page has it: paragraphs, and the ``>>`` links to the news."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", seed) if p.strip()]
    body: list[str] = []
    for para in paragraphs:
        if para.startswith(">>"):
            body.append(f'<p>&gt;&gt;<a href="/news/">{html.escape(para[2:])}</a></p>')
        else:
            body.append(f"<p>{html.escape(para)}</p>")
    return '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>News</title></head><body>\n' + "\n".join(body) + "\n</body></html>\n"


#: An article the team never had: a call for applications with a form, an address and a page to read.
RUBY_SENTENCE = (
    "Download the application form …/RubyAward_ApplicationForm_2020.doc, fill it in and send it to "
    "Ruby.Award@SPbSTU.ru before March 1; the rules are at https://www.spbstu.ru/Ruby-Award/Rules_2020.html."
)
RUBY_VERBATIM = ("/RubyAward_ApplicationForm_2020.doc", "Ruby.Award@SPbSTU.ru", "https://www.spbstu.ru/Ruby-Award/Rules_2020.html")
RUBY_PAGE = (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Ruby Award 2020</title></head><body>\n'
    f"<h1>Ruby Award 2020</h1>\n<p>The Ruby Award is open to students of SPbPU. {html.escape(RUBY_SENTENCE)}</p>\n"
    '<p>Questions: <a href="mailto:Ruby.Award@SPbSTU.ru">write to Ruby.Award@SPbSTU.ru</a>.</p>\n</body></html>\n'
)
RUBY_TEXT = f"Ruby Award 2020\n\nThe Ruby Award is open to students of SPbPU. {RUBY_SENTENCE}\n"


def needs_seed() -> None:
    if not SEED.is_file():
        pytest.skip("../shared/seeds is not present (a user's clone)")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("published")
    shutil.copytree(REPO / "glossary", root / "glossary")
    articles = root / "articles"
    articles.mkdir()
    for article in sorted((CORPUS / "en").glob("*.html")):
        shutil.copyfile(article, articles / article.name)
    if SEED.is_file():
        shutil.copyfile(SEED, articles / SEED.name)
        (articles / "seed-page.html").write_text(seed_as_page(SEED.read_text(encoding="utf-8")), encoding="utf-8")
    (articles / "ruby-award.html").write_text(RUBY_PAGE, encoding="utf-8")
    (articles / "ruby-award-text.txt").write_text(RUBY_TEXT, encoding="utf-8")
    result = run_subprocess("translate", "articles", "--to", "es", "--engine", "apertium", cwd=root)
    assert result.code == 0, result.err
    return root


def page(project: Path, slug: str) -> str:
    return (project / "build" / "es" / f"{slug}.html").read_text(encoding="utf-8")


def catalog(project: Path, slug: str) -> polib.POFile:
    return polib.pofile(str(project / "locales" / "es" / "LC_MESSAGES" / f"{slug}.po"))


# --- 11.5: interface strings split by markup ---------------------------------------------------------------


def test_breadcrumb_home_is_the_tables_string(project: Path) -> None:
    root = lxml.html.document_fromstring(page(project, "upm-delegation-visit"))
    links = {a.get("href"): a.text_content() for a in root.iter("a")}
    assert links["/"] == "Inicio"  # the table's Home, not the engine's "En casa"
    assert links["/news/"] == "Noticias"


@pytest.mark.parametrize("slug", ["seed-page", SEED.stem])
def test_news_links_of_the_seed_are_translated(project: Path, slug: str) -> None:
    needs_seed()
    text = lxml.html.document_fromstring(page(project, slug)).text_content()
    assert "Перейти" not in text
    assert ">>Ir a todas las noticias" in text and ">>Ir a la noticia" in text


def test_seed_page_keeps_its_links(project: Path) -> None:
    needs_seed()
    root = lxml.html.document_fromstring(page(project, "seed-page"))
    assert [a.text_content() for a in root.iter("a") if a.get("href") == "/news/"] == [
        "Ir a la noticia",
        "Ir a todas las noticias",
    ]
    entry = catalog(project, "seed-page").find(">><1>Перейти ко всем новостям</1>")
    assert entry is not None and entry.msgstr == ">><1>Ir a todas las noticias</1>"
    assert "interface string" in entry.tcomment


# --- 11.7: determiners agree with enforced terms --------------------------------------------------------------

DISAGREE = re.compile(
    r"\b(?:el|del|al|un)\s+(?:<[^>]*>\s*)*(?:Universidad|Escuela|Oficina)\b"
    r"|\b(?:la|de la|a la|una)\s+(?:<[^>]*>\s*)*(?:Instituto|Centro|Comité)\b",
    re.IGNORECASE,
)


def test_no_article_disagrees_with_a_term(project: Path) -> None:
    pages = sorted((project / "build" / "es").glob("*.html"))
    assert len(pages) >= 5
    found = {p.name: DISAGREE.findall(p.read_text(encoding="utf-8")) for p in pages}
    assert not any(found.values()), found
    marathon = lxml.html.document_fromstring(page(project, "student-project-marathon")).text_content()
    assert "semana la Universidad Politécnica" in marathon


# --- 11.15: URLs, e-mail addresses and file names are kept verbatim -------------------------------------------


@pytest.mark.parametrize("slug", ["ruby-award", "ruby-award-text"])
def test_urls_addresses_and_file_names_are_published_verbatim(project: Path, slug: str) -> None:
    text = lxml.html.document_fromstring(page(project, slug)).text_content()
    for verbatim in RUBY_VERBATIM:
        assert verbatim in text
    assert "Descarga" in text or "Descargar" in text  # the sentence around them was translated
    po = catalog(project, slug)
    entry = next(e for e in po if "RubyAward" in e.comment)
    assert "RubyAward" not in entry.msgid and "<" in entry.msgid
    assert "= the text '/RubyAward_ApplicationForm_2020.doc'" in entry.comment


def test_link_text_with_an_address_keeps_its_case(project: Path) -> None:
    assert catalog(project, "ruby-award").find("Questions: <1>write to <2/></1>.") is not None
    root = lxml.html.document_fromstring(page(project, "ruby-award"))
    (link,) = [a for a in root.iter("a") if a.get("href") == "mailto:Ruby.Award@SPbSTU.ru"]
    paragraph = link.getparent()
    assert paragraph is not None and "Ruby.Award@SPbSTU.ru" in paragraph.text_content()


# --- 11.17: the engine's spacing artifacts do not reach the page ------------------------------------------------

SPACING = re.compile(r'(?:^|\s)" [A-ZÁÉÍÓÚ]|“ \w|\( \w|\w [.,;:!?](?:\s|$)')


@pytest.mark.parametrize("slug", ["seed-page", SEED.stem])
def test_seed_quotes_are_closed_up(project: Path, slug: str) -> None:
    needs_seed()
    text = lxml.html.document_fromstring(page(project, slug)).text_content()
    assert '"Apreciamos' in text and "“Notamos" in text
    assert '" Apreciamos' not in text and "“ Notamos" not in text


def test_no_machine_entry_has_spacing_artifacts(project: Path) -> None:
    entries = [
        e for path in sorted((project / "locales" / "es" / "LC_MESSAGES").glob("*.po"))
        for e in polib.pofile(str(path)) if "newsl10n: mt " in e.tcomment
    ]
    assert len(entries) > 50
    bad = [e.msgstr for e in entries if SPACING.search(e.msgstr) and not SPACING.search(e.msgid)]
    assert not bad

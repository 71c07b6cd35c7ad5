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


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SEED.is_file():
        pytest.skip("../shared/seeds is not present (a user's clone)")
    root = tmp_path_factory.mktemp("published")
    shutil.copytree(REPO / "glossary", root / "glossary")
    articles = root / "articles"
    articles.mkdir()
    for article in sorted((CORPUS / "en").glob("*.html")):
        shutil.copyfile(article, articles / article.name)
    shutil.copyfile(SEED, articles / SEED.name)
    (articles / "seed-page.html").write_text(seed_as_page(SEED.read_text(encoding="utf-8")), encoding="utf-8")
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
    text = lxml.html.document_fromstring(page(project, slug)).text_content()
    assert "Перейти" not in text
    assert ">>Ir a todas las noticias" in text and ">>Ir a la noticia" in text


def test_seed_page_keeps_its_links(project: Path) -> None:
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
    assert len(pages) >= 7
    found = {p.name: DISAGREE.findall(p.read_text(encoding="utf-8")) for p in pages}
    assert not any(found.values()), found
    marathon = lxml.html.document_fromstring(page(project, "student-project-marathon")).text_content()
    assert "semana la Universidad Politécnica" in marathon

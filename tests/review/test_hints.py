"""What the review page shows beside each entry: glossary terms in the form the sentence needs, memory matches."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

from starlette.testclient import TestClient

from newsl10n.formats.po import parse_po
from newsl10n.glossary import load_glossary
from newsl10n.review.app import create_app
from newsl10n.review.security import Gate
from newsl10n.review.workspace import Workspace

from ..conftest import Result
from .conftest import ARTICLE, ORIGIN, PORT, Project, form_for

MADRID_SPB = (
    "A delegation from the Technical University of Madrid spent three days at Peter the Great St. Petersburg "
    "Polytechnic University discussing joint research, student mobility and a new energy laboratory."
)
RU = (
    "Делегация Политехнического университета Мадрида провела три дня в Санкт-Петербургском политехническом "
    "университете Петра Великого, обсуждая совместные исследования."
)
HEADLINE = "UPM delegation visits SPbPU to plan the next stage of partnership"
TITLE = HEADLINE + " | International Office"


def client_for(project: Project, *, glossary: bool = True) -> TestClient:
    gloss = load_glossary([project.root / "glossary"]) if glossary else None
    workspace = Workspace(project.root / "locales", [project.root / "corpus"], glossary=gloss)
    client = TestClient(create_app(workspace, Gate("s3cret-token", PORT)), base_url=ORIGIN, follow_redirects=False)
    assert client.get("/?token=s3cret-token").status_code == 303
    return client


def entry_html(page: str, msgid: str) -> str:
    """The ``<li>`` of the entry whose msgid is ``msgid`` (as the page holds it, escaped)."""
    for chunk in re.split(r'(?=<li id="e\d+")', page):
        if f'name="msgid" value="{html.escape(msgid)}"' in chunk:
            return chunk
    raise AssertionError(f"no entry for {msgid!r}")


def texts(chunk: str, cls: str) -> list[str]:
    return [html.unescape(t) for t in re.findall(rf'class="{cls}"[^>]*>([^<]*)<', chunk)]


def test_terms_show_the_approved_target_and_the_form_this_sentence_needs(
    project: Project, cli: Callable[..., Result], msgfmt: Callable[[Path], None]
) -> None:
    assert cli("translate", "corpus/en", "--to", "ru", "--engine", "none", "-q").code == 0
    client = client_for(project)
    page = f"/a/ru/{ARTICLE}"
    before = entry_html(client.get(page).text, MADRID_SPB)
    assert texts(before, "term-target") == [
        "Мадридский политехнический университет", "Санкт-Петербургский политехнический университет Петра Великого"
    ]
    assert texts(before, "term-form") == []  # nothing translated yet: no form to read

    got = client.get(page).text
    csrf = re.search(r'name="csrf" value="([^"]+)"', got)
    base = re.search(r'name="base" value="([0-9a-f]+)"', got)
    assert csrf and base
    data = {"csrf": csrf.group(1), "base": base.group(1), "msgid": MADRID_SPB, "text": RU, "action": "save"}
    assert client.post(f"{page}/entry", data=data, headers={"origin": ORIGIN}).status_code == 303
    after = entry_html(client.get(page).text, MADRID_SPB)
    assert texts(after, "term-form") == [
        "Мадридского политехнического университета", "Санкт-Петербургском политехническом университете Петра Великого"
    ]
    assert texts(after, "term-case") == ["genitive", "prepositional"]
    assert texts(after, "term-replaces") == ["Политехнического университета Мадрида"]
    msgfmt(project.po.parent.parent.parent / "ru" / "LC_MESSAGES" / project.po.name)


def test_without_a_glossary_the_catalog_notes_are_shown(project: Project) -> None:
    chunk = entry_html(client_for(project, glossary=False).get(f"/a/es/{ARTICLE}").text, MADRID_SPB)
    assert "Technical University of Madrid → Universidad Politécnica de Madrid" in html.unescape(chunk)
    assert texts(chunk, "term-target") == []


def test_memory_matches_show_score_path_and_text_escaped(project: Project) -> None:
    client = client_for(project)
    page = f"/a/es/{ARTICLE}"
    assert "class=\"memory\"" not in entry_html(client.get(page).text, TITLE)
    approved = "La delegación de la UPM visita la SPbPU <script>alert(1)</script>"
    data = {**form_for(client, HEADLINE), "text": approved, "action": "approve"}
    assert client.post(f"{page}/entry", data=data, headers={"origin": ORIGIN}).status_code == 303
    text = client.get(page).text
    title = entry_html(text, TITLE)
    assert texts(title, "tm-text") == [approved]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in title and "<script>alert" not in text
    score = texts(title, "tm-score")
    assert len(score) == 1 and 75 <= int(score[0].rstrip("%")) < 100
    assert texts(title, "tm-path")[0].endswith(f"locales/es/LC_MESSAGES/{ARTICLE}.po")
    assert texts(title, "tm-source") == [HEADLINE]
    # the approved entry is not offered as a memory of itself; its terms stand there as approved
    headline = entry_html(text, HEADLINE)
    assert "tm-text" not in headline
    assert texts(headline, "term-target") == ["UPM", "SPbPU"] and texts(headline, "term-here") == ["in the translation"] * 2
    saved = parse_po(project.po.read_bytes(), path="po").find(HEADLINE)
    assert saved is not None and saved.approved


def test_a_draft_gets_its_term_forms_live(project: Project, cli: Callable[..., Result]) -> None:
    """The live check answers with the terms list for the draft, rendered by the page's own template (escaped)."""
    assert cli("translate", "corpus/en", "--to", "ru", "--engine", "none", "-q").code == 0
    client = client_for(project)
    page = f"/a/ru/{ARTICLE}"
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get(page).text)
    assert csrf
    before = (project.root / "locales" / "ru" / "LC_MESSAGES" / f"{ARTICLE}.po").read_bytes()
    data = {"csrf": csrf.group(1), "msgid": MADRID_SPB, "text": RU + " <script>alert(1)</script>"}
    answer = client.post(f"{page}/check", data=data, headers={"origin": ORIGIN})
    assert answer.status_code == 200
    terms = answer.json()["terms"]
    assert texts(terms, "term-form") == [
        "Мадридского политехнического университета", "Санкт-Петербургском политехническом университете Петра Великого"
    ]
    assert texts(terms, "term-case") == ["genitive", "prepositional"]
    assert "<script" not in terms and "codes" in {f["code"] for f in answer.json()["findings"]}
    assert (project.root / "locales" / "ru" / "LC_MESSAGES" / f"{ARTICLE}.po").read_bytes() == before


def test_the_memory_is_read_again_only_when_a_catalog_of_its_language_changed(project: Project) -> None:
    workspace = Workspace(project.root / "locales", [project.root / "corpus"])
    es = [workspace.load(ref) for ref in workspace.refs() if ref.lang == "es"]
    assert es, "the fixture has a Spanish catalog"
    first = workspace.memory(es[0])
    assert first is not None and workspace.memory(es[0]) is first  # nothing changed: the same memory
    client = TestClient(create_app(workspace, Gate("s3cret-token", PORT)), base_url=ORIGIN, follow_redirects=False)
    assert client.get("/?token=s3cret-token").status_code == 303
    data = {**form_for(client, HEADLINE), "text": "La delegación de la UPM visita la SPbPU", "action": "approve"}
    assert client.post(f"/a/es/{ARTICLE}/entry", data=data, headers={"origin": ORIGIN}).status_code == 303
    again = workspace.memory(workspace.load(es[0].ref))
    assert again is not None and again is not first
    assert [m.memory.msgstr for m in again.matches(TITLE, limit=1)] == ["La delegación de la UPM visita la SPbPU"]

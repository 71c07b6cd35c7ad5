"""The review app through Starlette's TestClient: every security rule, and edit / approve / reject / conflict on disk."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from httpx2 import Response
from starlette.testclient import TestClient

from newsl10n.catalog_model import Entry
from newsl10n.formats.po import parse_po
from newsl10n.review.app import create_app
from newsl10n.review.security import Gate
from newsl10n.review.workspace import Workspace

from ..conftest import Result
from .conftest import ARTICLE, ORIGIN, PAGE, PORT, SENTENCE, Project, form_for, make_client


def post(client: TestClient, data: dict[str, str], *, origin: str | None = ORIGIN) -> Response:
    headers = {"origin": origin} if origin is not None else {}
    return client.post(f"{PAGE}/entry", data=data, headers=headers)


def entry_on_disk(project: Project, msgid: str) -> Entry:
    catalog = parse_po(project.po.read_bytes(), path=str(project.po))
    entry = catalog.find(msgid)
    assert entry is not None
    return entry


# -- security --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", PAGE, f"{PAGE}/page", "/static/review.js"], ids=["overview", "article", "page", "js"])
def test_without_the_token_every_page_is_403(project: Project, path: str) -> None:
    client = make_client(project, token=False)
    assert client.get(path).status_code == 403
    assert client.get(path, params={"token": "wrong"}).status_code == 403
    client.cookies.set(f"newsl10n-review-{PORT}", "wrong")
    assert client.get(path).status_code == 403


def test_the_token_in_the_url_becomes_a_strict_cookie(project: Project) -> None:
    client = make_client(project, token=False)
    answer = client.get("/?token=s3cret-token")
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert client.get("/").status_code == 200


def test_post_without_the_token_is_403_and_writes_nothing(project: Project, client: TestClient) -> None:
    data = {**form_for(client, SENTENCE), "text": "x", "action": "approve"}
    before = project.po.read_bytes()
    stranger = make_client(project, token=False)
    assert stranger.post(f"{PAGE}/entry", data=data, headers={"origin": ORIGIN}).status_code == 403
    assert project.po.read_bytes() == before


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8765", "127.0.0.1:9999", "0.0.0.0:8765", ""])
def test_a_wrong_host_header_is_refused(project: Project, client: TestClient, host: str) -> None:
    answer = client.get("/", headers={"host": host})
    assert answer.status_code == 400
    assert client.get("/", headers={"host": f"localhost:{PORT}"}).status_code == 200


@pytest.mark.parametrize(
    ("headers", "with_csrf"),
    [
        ({"origin": "http://evil.example"}, True),
        ({"origin": "null"}, True),
        ({"referer": "http://evil.example/page"}, True),
        ({"referer": f"{ORIGIN}.evil.example/"}, True),
        ({}, True),  # neither Origin nor Referer
        ({"origin": ORIGIN}, False),  # same origin but no CSRF value
    ],
    ids=["origin", "null-origin", "referer", "lookalike-referer", "none", "no-csrf"],
)
def test_a_cross_site_post_is_refused(project: Project, client: TestClient, headers: dict[str, str], with_csrf: bool) -> None:
    data = {**form_for(client, SENTENCE), "text": "hijacked", "action": "approve"}
    if not with_csrf:
        del data["csrf"]
    before = project.po.read_bytes()
    answer = client.post(f"{PAGE}/entry", data=data, headers=headers)
    assert answer.status_code == 403
    assert project.po.read_bytes() == before


def test_a_same_origin_post_with_only_a_referer_is_accepted(project: Project, client: TestClient) -> None:
    data = {**form_for(client, SENTENCE), "text": "Tres días.", "action": "save"}
    answer = client.post(f"{PAGE}/entry", data=data, headers={"referer": f"{ORIGIN}{PAGE}"})
    assert answer.status_code == 303


@pytest.mark.parametrize(
    "path",
    [
        "/a/es/..%2F..%2F..%2Fetc%2Fpasswd",
        "/a/..%2F..%2Fetc/passwd",
        "/a/es/%2e%2e",
        "/a/es/../../locales/es/page",
        "/a/%2e%2e/upm-delegation-visit",
        "/a/templates/upm-delegation-visit",
        "/a/es/not-an-article",
        "/static/..%2Freview%2Fapp.py",
        "/static/preview.js",
    ],
)
def test_paths_outside_the_catalogs_are_404(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404
    assert client.get(path + "/page").status_code == 404


def test_markup_in_a_translation_is_shown_as_text(project: Project, client: TestClient) -> None:
    evil = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    assert post(client, {**form_for(client, SENTENCE), "text": evil, "action": "save"}).status_code == 303
    page = client.get(PAGE).text
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    preview = client.get(f"{PAGE}/page")
    assert "alert(" not in preview.text  # build refuses markup the source lacks: the source sentence is shown
    assert "script-src 'nonce-" in preview.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in client.get(PAGE).headers["content-security-policy"]


# -- editing ---------------------------------------------------------------------------------------------


def test_fix_and_approve_writes_the_po(
    project: Project, client: TestClient, msgfmt: Callable[[Path], None], cli: Callable[..., Result]
) -> None:
    fixed = "Tres días de reuniones en San Petersburgo: investigación conjunta en energía, dobles titulaciones y más plazas de intercambio para estudiantes."
    before = entry_on_disk(project, SENTENCE)
    assert before.fuzzy
    answer = post(client, {**form_for(client, SENTENCE), "text": fixed + "\r\n", "action": "approve"})
    assert answer.status_code == 303 and answer.headers["location"].startswith(PAGE)
    after = entry_on_disk(project, SENTENCE)
    assert after.msgstr == fixed and after.approved
    msgfmt(project.po)
    assert fixed in client.get(f"{PAGE}/page").text  # the page is built from the saved catalog
    assert cli("translate", "corpus/en", "--to", "es", "--engine", "apertium", "-q").code == 0
    assert entry_on_disk(project, SENTENCE) == after
    msgfmt(project.po)


def test_approve_keeps_the_machine_text_and_its_origin(project: Project, client: TestClient) -> None:
    machine = entry_on_disk(project, SENTENCE)
    answer = post(client, {**form_for(client, SENTENCE), "text": machine.msgstr, "action": "approve"})
    assert answer.status_code == 303
    after = entry_on_disk(project, SENTENCE)
    assert after.approved and after.origin == machine.origin


def test_reject_puts_an_approved_entry_back_to_fuzzy(project: Project, client: TestClient, msgfmt: Callable[[Path], None]) -> None:
    post(client, {**form_for(client, SENTENCE), "text": "Tres días.", "action": "approve"})
    assert entry_on_disk(project, SENTENCE).approved
    assert post(client, {**form_for(client, SENTENCE), "action": "reject"}).status_code == 303
    after = entry_on_disk(project, SENTENCE)
    assert after.fuzzy and after.msgstr == "Tres días."
    msgfmt(project.po)


def test_overview_counts_follow_the_catalog(project: Project, client: TestClient) -> None:
    def counts() -> dict[str, int]:
        row = client.get("/").text
        return {k: int(v) for k, v in re.findall(r'class="n (\w+)">(\d+)<', row)}

    first = counts()
    assert first["machine"] > 0 and first["untranslated"] == 0
    post(client, {**form_for(client, SENTENCE), "text": "Tres días.", "action": "approve"})
    second = counts()
    assert second["approved"] == first["approved"] + 1 and second["machine"] == first["machine"] - 1
    assert client.get("/", params={"lang": "ru"}).text.count('class="n approved"') == 0


def test_a_catalog_changed_on_disk_is_not_overwritten(project: Project, client: TestClient) -> None:
    data = {**form_for(client, SENTENCE), "text": "Mi versión.", "action": "approve"}
    theirs = project.po.read_text(encoding="utf-8").replace(
        "Tres días de reuniones en San Petersburgo", "Tres jornadas de reuniones en San Petersburgo"
    )
    assert theirs != project.po.read_text(encoding="utf-8")
    project.po.write_text(theirs, encoding="utf-8")
    answer = post(client, data)
    assert answer.status_code == 409
    assert project.po.read_text(encoding="utf-8") == theirs
    assert "changed on disk" in answer.text and "Mi versión." in answer.text and "Tres jornadas de reuniones" in answer.text
    # the page now carries the new digest: the same change saved again goes through
    assert post(client, {**form_for(client, SENTENCE), "text": "Mi versión.", "action": "approve"}).status_code == 303
    assert entry_on_disk(project, SENTENCE).msgstr == "Mi versión."


def test_a_broken_catalog_is_one_line_not_a_traceback(project: Project, client: TestClient) -> None:
    project.po.write_bytes(project.po.read_bytes() + b'\nmsgid "unclosed\n')
    for path in ("/", PAGE, f"{PAGE}/page"):
        answer = client.get(path)
        assert answer.status_code == 409
        assert str(project.po.name) in answer.text and "Traceback" not in answer.text
        assert answer.text.count("\n") == 0


def test_approve_all_clean_machine_entries(project: Project, client: TestClient, msgfmt: Callable[[Path], None]) -> None:
    from newsl10n.review.article import findings_of

    lines = project.po.read_text(encoding="utf-8").splitlines(keepends=True)
    wrong = [ln.replace("2017", "2019") if ln.startswith("msgstr") else ln for ln in lines]
    assert wrong != lines
    project.po.write_text("".join(wrong), encoding="utf-8")  # a machine translation with a wrong year
    workspace = Workspace(project.root / "locales", [project.root / "corpus"])
    ref = workspace.find("es", ARTICLE)
    assert ref is not None
    before = workspace.load(ref)
    flagged = {(f.msgctxt, f.msgid) for f in findings_of(before) if f.code != "fuzzy"}
    assert flagged
    fields = form_for(client, SENTENCE)
    data = {"csrf": fields["csrf"], "base": fields["base"]}
    assert client.post(f"{PAGE}/approve-machine", data=data, headers={"origin": "http://evil.example"}).status_code == 403
    assert project.po.read_bytes() == before.data
    assert client.post(f"{PAGE}/approve-machine", data=data, headers={"origin": ORIGIN}).status_code == 303
    after = parse_po(project.po.read_bytes(), path=str(project.po))
    approved_now = [e for e, old in zip(after.entries, before.catalog.entries, strict=True) if e.approved and not old.approved]
    assert approved_now
    for e, old in zip(after.entries, before.catalog.entries, strict=True):
        assert e.msgstr == old.msgstr
        if e.key in flagged or old.origin.kind.value != "mt":
            assert e.approved == old.approved
    msgfmt(project.po)
    # the page of before is stale now: the same request again is a conflict, nothing written
    again = project.po.read_bytes()
    assert client.post(f"{PAGE}/approve-machine", data=data, headers={"origin": ORIGIN}).status_code == 409
    assert project.po.read_bytes() == again


def test_glossary_findings_are_shown_with_the_entry(project: Project, msgfmt: Callable[[Path], None]) -> None:
    from newsl10n.glossary import load_glossary

    workspace = Workspace(project.root / "locales", [project.root / "corpus"], glossary=load_glossary([project.root / "glossary"]))
    client = TestClient(create_app(workspace, Gate("s3cret-token", PORT)), base_url=ORIGIN, follow_redirects=False)
    client.get("/?token=s3cret-token")
    msgid = next(e.msgid for e in parse_po(project.po.read_bytes(), path="po") if "Technical University of Madrid" in e.msgid)
    assert "term-missing" not in client.get(PAGE).text
    text = "Una delegación de la Universidad Técnica de Madrid pasó tres días en San Petersburgo."
    assert post(client, {**form_for(client, msgid), "text": text, "action": "save"}).status_code == 303
    page = client.get(PAGE).text
    assert "term-missing" in page and "Universidad Politécnica de Madrid" in page
    msgfmt(project.po)


def test_an_article_name_that_needs_quoting_in_a_url(project: Project, cli: Callable[..., Result]) -> None:
    odd = project.article.with_name("visit #2 & more.html")
    odd.write_bytes(project.article.read_bytes())
    assert cli("translate", str(odd), "--to", "es", "--engine", "none", "-q").code == 0
    client = make_client(project)
    overview = client.get("/").text
    assert 'href="/a/es/visit%20%232%20%26%20more"' in overview
    page = client.get("/a/es/visit%20%232%20%26%20more")
    assert page.status_code == 200 and 'action="/a/es/visit%20%232%20%26%20more/entry"' in page.text


def test_the_preview_is_built_by_the_projects_build(project: Project) -> None:
    """The page in the frame is what ``Project.build`` makes with the workspace's project and its options."""
    from newsl10n.workflow import Project as Library

    machine = entry_on_disk(project, SENTENCE)
    assert machine.fuzzy and machine.msgstr
    for use_fuzzy, shown in ((True, machine.msgstr), (False, SENTENCE)):
        library = Library(locales=project.root / "locales", glossary=[], jobs=1, use_fuzzy=use_fuzzy)
        workspace = Workspace(project.root / "locales", [project.root / "corpus"], project=library)
        client = TestClient(create_app(workspace, Gate("s3cret-token", PORT)), base_url=ORIGIN, follow_redirects=False)
        client.get("/?token=s3cret-token")
        page = client.get(f"{PAGE}/page").text
        expected = library.build([project.article], to="es").pages[0].built.html
        assert shown in page and page.startswith(expected[: expected.lower().rindex("</body")])


def test_a_markdown_page_bundle_is_reviewed_under_its_folder_name(cli: Callable[..., Result], tmp_path: Path) -> None:
    """Articles are found and named as the library names them (``post/index.md`` → ``post``); the preview is HTML."""
    import shutil

    from ..conftest import CORPUS

    shutil.copytree(CORPUS / "md" / "hugo" / "content" / "en", tmp_path / "content" / "en")
    assert cli("translate", "content/en", "--to", "es", "--engine", "none", "-q").code == 0
    workspace = Workspace(tmp_path / "locales", [tmp_path / "content"])
    assert [r.slug for r in workspace.refs()] == ["buddy-programme", "erasmus-open-day"]
    client = TestClient(create_app(workspace, Gate("s3cret-token", PORT)), base_url=ORIGIN, follow_redirects=False)
    client.get("/?token=s3cret-token")
    assert client.get("/a/es/buddy-programme").status_code == 200
    page = client.get("/a/es/buddy-programme/page")
    assert page.status_code == 200 and "<p>" in page.text and page.headers["content-type"].startswith("text/html")

"""Live checks: a draft translation checked through the ``newsl10n check`` registry without being saved."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from newsl10n.formats.po import parse_po

from .conftest import ORIGIN, PAGE, Project, form_for

PARTNER = (
    "UPM has been a <2>strategic partner</2> of Peter the Great St. Petersburg Polytechnic University (SPbPU) since 2017,"
    " and this was the largest Spanish group to visit the campus so far: <3>eleven professors and administrators</3>"
    " from four schools of the Madrid university."
)
GOOD = (
    "La UPM es <2>socia estratégica</2> de la Universidad Politécnica de San Petersburgo (SPbPU) desde 2017, y este fue"
    " el mayor grupo español en visitar el campus: <3>once profesores y administradores</3> de cuatro escuelas."
)


def draft(client: TestClient, text: str, *, origin: str | None = ORIGIN, csrf: bool = True) -> object:
    fields = form_for(client, PARTNER)
    data = {"csrf": fields["csrf"], "base": fields["base"], "msgid": PARTNER, "text": text}
    if not csrf:
        del data["csrf"]
    return client.post(f"{PAGE}/check", data=data, headers={"origin": origin} if origin else {})


def codes_of(answer: object) -> dict[str, str]:
    body = answer.json()  # type: ignore[attr-defined]
    return {f["code"]: f["message"] for f in body["findings"]}


def test_a_draft_is_checked_and_nothing_is_written(project: Project, client: TestClient) -> None:
    before = project.po.read_bytes()
    answer = draft(client, GOOD.replace("2017", "2019").replace("<3>", "").replace("</3>", ""))
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/json")  # type: ignore[attr-defined]
    found = codes_of(answer)
    assert "2017" in found["numbers"] and "3" in found["codes"]
    assert codes_of(draft(client, GOOD)).keys() <= {"fuzzy", "term-missing"}  # the state is the entry's: still fuzzy
    assert "numbers" not in codes_of(draft(client, GOOD)) and "codes" not in codes_of(draft(client, GOOD))
    assert project.po.read_bytes() == before
    entry = parse_po(before, path="po").find(PARTNER)
    assert entry is not None and entry.msgstr != GOOD


def test_markup_in_a_draft_is_a_finding_returned_as_json_text(client: TestClient) -> None:
    answer = draft(client, GOOD + '<img src=x onerror="alert(1)">')
    assert "codes" in codes_of(answer)
    assert answer.headers["x-content-type-options"] == "nosniff"  # type: ignore[attr-defined]
    csp = answer.headers["content-security-policy"]  # type: ignore[attr-defined]
    assert "connect-src 'self'" in csp and "script-src 'self'" in csp and "default-src 'none'" in csp


@pytest.mark.parametrize(("origin", "csrf"), [("http://evil.example", True), (None, True), (ORIGIN, False)])
def test_a_cross_site_draft_check_is_refused(client: TestClient, origin: str | None, csrf: bool) -> None:
    assert draft(client, GOOD, origin=origin, csrf=csrf).status_code == 403  # type: ignore[attr-defined]


def test_a_draft_for_an_unknown_entry_is_404(client: TestClient) -> None:
    fields = form_for(client, PARTNER)
    data = {"csrf": fields["csrf"], "msgid": "no such sentence", "text": "x"}
    assert client.post(f"{PAGE}/check", data=data, headers={"origin": ORIGIN}).status_code == 404


def test_the_answer_carries_the_catalogs_finding_count_with_the_draft_in_place(client: TestClient) -> None:
    page = client.get(PAGE).text
    shown = int(page.split('id="finding-count">', 1)[1].split("<", 1)[0])  # the count with the saved text
    good, bad = draft(client, GOOD).json(), draft(client, GOOD.replace("2017", "2019").replace("<3>", "")).json()  # type: ignore[attr-defined]
    mine = len(good["findings"])
    assert good["total"] - mine == bad["total"] - len(bad["findings"])  # the other entries' findings are the same
    assert bad["total"] == good["total"] + len(bad["findings"]) - mine and len(bad["findings"]) > mine
    assert shown >= good["total"] - mine  # the saved text has findings of its own on top of the others'

"""The real TBX files in ../shared/tbx (skipped when that folder is absent)."""

from __future__ import annotations

import socket
from collections import Counter
from pathlib import Path

import pytest

from newsl10n.glossary import TermStatus, lint, load_glossary, read_tbx


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: socket.socket, address: object) -> None:
        raise AssertionError(f"network access attempted: {address!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)


def test_termate_tbx_basic_v3(shared_tbx: Path) -> None:
    g = read_tbx(shared_tbx / "termate-Example_Astronomy_DCA_VALID.en-es.tbx")
    assert len(g) == 45
    assert g.languages == ("en", "es", "zu")
    assert sum(len(c.terms) for c in g) == 113
    statuses = Counter(t.status for c in g for t in c.terms)
    assert statuses[TermStatus.PREFERRED] == 12 and statuses[TermStatus.DEPRECATED] == 3
    assert statuses[TermStatus.SUPERSEDED] == 1
    c1 = g.concept("c1")
    assert c1 is not None and c1.subject == "General"
    assert [(t.text, t.status) for t in c1.terms_for("en")] == [
        ("open cluster", TermStatus.PREFERRED),
        ("galactic cluster", TermStatus.SUPERSEDED),
    ]
    assert [t.text for t in c1.terms_for("es")] == ["cúmulo abierto"]
    assert [t.text for c in g for t in c.terms if t.is_abbreviation] == ["GRB"]


def test_iate_old_form_with_external_dtd_and_curly_stylesheet(shared_tbx: Path) -> None:
    g = read_tbx(shared_tbx / "iate-sample-tbx2solrschema.en-es.tbx")
    assert [c.id for c in g] == ["IATE-84", "IATE-290", "IATE-662", "IATE-1326"]
    assert {c.subject for c in g} == {"1011"}
    c = g.concept("IATE-290")
    assert c is not None
    assert [(t.lang, t.text) for t in c.terms] == [
        ("en", "public health protection"),
        ("es", "protección de la salud pública"),
    ]


def test_weblate_en_cs(shared_tbx: Path) -> None:
    g = read_tbx(shared_tbx / "weblate-test-cs.en-cs.tbx")
    assert g.languages == ("en", "cs") and len(g) == 4
    assert [(c.terms[0].text, c.terms[1].text) for c in g][:2] == [
        ("address bar", "adresní řádek"),
        ("administrator", "správce"),
    ]
    assert all(t.status is TermStatus.ADMITTED for c in g for t in c.terms)


def test_the_whole_folder_loads_and_lints(shared_tbx: Path) -> None:
    g = load_glossary([shared_tbx])
    assert len(g) == 45 + 4 + 4
    assert not [f for f in lint(g, languages=["en"]) if f.severity == "error"]

"""Hostile TBX: entity declarations refused, external DTDs never fetched, size limits."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from newsl10n.errors import InputError
from newsl10n.glossary import load_glossary, parse_tbx, read_tbx
from newsl10n.glossary.xmlguard import entity_declaration_offset

from .helpers import entry, langset, martif, tig

BODY = entry("c1", langset("en", tig("Rector", "preferred")))
LAUGHS = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, 10))


@pytest.mark.parametrize(
    ("prolog", "term", "line"),
    [
        ('<!DOCTYPE martif [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n', "&xxe;", 3),
        ('<!DOCTYPE martif [<!ENTITY xxe SYSTEM "http://127.0.0.1:9/x">]>\n', "&xxe;", 2),
        ('<!DOCTYPE martif [\n<!ENTITY lol0 "lol">\n' + LAUGHS + "]>\n", "&lol9;", 3),
        ('<!DOCTYPE martif [\n<!ENTITY % p SYSTEM "http://127.0.0.1:9/p.dtd">\n%p;\n]>\n', "x", 3),
        ('<!DOCTYPE martif SYSTEM "odd]name>.dtd" [\n<!-- ] > -->\n<!ENTITY x "y">\n]>\n', "&x;", 4),
        ('<!DOCTYPE martif [\n<!ATTLIST p v CDATA "]>">\n<!ENTITY x "y">]>\n', "&x;", 4),
    ],
    ids=["file-entity", "http-entity", "billion-laughs", "parameter-entity", "tricky-quotes", "attlist-literal"],
)
def test_entity_declarations_are_refused_with_their_line(prolog: str, term: str, line: int) -> None:
    doc = martif(entry("c1", langset("en", tig(term))), prolog=prolog)
    with pytest.raises(InputError) as err:
        parse_tbx(doc.encode("utf-8"), path="evil.tbx")
    assert "ENTITY" in err.value.message
    assert (err.value.path, err.value.line) == ("evil.tbx", line)


def test_entity_declarations_are_refused_in_utf16() -> None:
    doc = martif(BODY, prolog='<!DOCTYPE martif [<!ENTITY x "y">]>\n').replace("UTF-8", "UTF-16")
    with pytest.raises(InputError, match="ENTITY"):
        parse_tbx(doc.encode("utf-16"), path="evil16.tbx")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<martif/>", None),
        ('<?xml version="1.0"?><!-- <!ENTITY x "y"> --><martif/>', None),
        ('<!DOCTYPE martif SYSTEM "a[b.dtd"><martif>&lt;!ENTITY</martif>', None),
        ('<!DOCTYPE martif [<!-- <!ENTITY x "y"> -->]><martif/>', None),
        ('<!DOCTYPE martif [<!ENTITY x "y">]><martif/>', 18),
    ],
    ids=["no-doctype", "comment-in-prolog", "bracket-in-system-id", "comment-in-subset", "declared"],
)
def test_entity_scanner(text: str, expected: int | None) -> None:
    assert entity_declaration_offset(text) == expected


@pytest.fixture
def dtd_server(http_recorder: tuple[str, list[str]]) -> tuple[str, list[str]]:
    """A local HTTP server that records every request (none may arrive)."""
    return http_recorder


@pytest.fixture
def no_sockets(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Make every Python-level socket connection fail, and record the attempts."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("network access is not allowed in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


def test_external_dtd_url_is_allowed_but_never_fetched(
    dtd_server: tuple[str, list[str]], no_sockets: list[object]
) -> None:
    url, requests = dtd_server
    doc = martif(BODY, prolog=f'<!DOCTYPE martif SYSTEM "{url}/TBXcoreStructV02.dtd">\n')
    g = parse_tbx(doc.encode(), path="remote-dtd.tbx")
    assert [t.text for t in g.concepts[0].terms] == ["Rector"]
    assert requests == []
    assert no_sockets == []


def test_entity_from_an_unread_dtd_is_an_error_not_a_leak(
    tmp_path: Path, dtd_server: tuple[str, list[str]], no_sockets: list[object]
) -> None:
    url, requests = dtd_server
    local_dtd = tmp_path / "evil.dtd"
    local_dtd.write_text('<!ENTITY secret "LEAKED">', encoding="utf-8")
    for system_id in (local_dtd.as_uri(), f"{url}/evil.dtd", "evil.dtd"):
        doc = tmp_path / "doc.tbx"
        doc.write_text(
            martif(entry("c1", langset("en", tig("x &secret; y"))), prolog=f'<!DOCTYPE martif SYSTEM "{system_id}">\n'),
            encoding="utf-8",
        )
        with pytest.raises(InputError) as err:
            read_tbx(doc)
        assert "&secret;" in err.value.message and "LEAKED" not in str(err.value)
        assert err.value.line == 6
    assert requests == []
    assert no_sockets == []


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    doc = martif(BODY).encode()
    f = tmp_path / "big.tbx"
    f.write_bytes(doc)
    with pytest.raises(InputError, match="limit") as err:
        read_tbx(f, max_bytes=len(doc) - 1)
    assert err.value.path == str(f)
    with pytest.raises(InputError, match="limit"):
        parse_tbx(doc, path="big.tbx", max_bytes=100)
    with pytest.raises(InputError, match="limit"):
        load_glossary([tmp_path], max_bytes=100)
    assert len(read_tbx(f, max_bytes=len(doc))) == 1

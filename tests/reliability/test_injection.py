"""No injection: text from MT, memory or a catalog never becomes markup; attributes come only from the source.

The built page has exactly the source's elements and attribute names, in the
same order; ``href``/``src`` values are the source's; translated attributes
(``alt``, ``title``…) hold whatever text they were given, as text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import lxml.html
import polib
import pytest

from newsl10n.engines.base import Pair, Signature
from newsl10n.formats.html5_parse import parse_document

from ..conftest import Result
from ..page_shape import unmark_fallbacks

Cli = Callable[..., Result]

ARTICLE = """<html lang="en"><head><title>Partners visit</title></head><body>
<h1>The delegation arrived</h1>
<p>The rector met the <a href="/partners/upm/" title="Partner page">partner university</a>. It was a good day.</p>
<p><img src="/img/rector.jpg" alt="The rector and the guests"> The guests stayed for three days.</p>
<p>Read the <a href="https://example.org/report.pdf">full report</a>.</p>
</body></html>
"""
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</p><p onclick=alert(1)>",
    '"><svg onload=alert(1)>',
    "<a href='javascript:alert(1)'>",
    "<!--",
]


def shape(html: str) -> list[tuple[str, tuple[str, ...]]]:
    """Every element and its attribute names, in document order (the builder's ``<meta charset>`` and
    the ``lang`` marks of sentences left in the source language aside)."""
    root = unmark_fallbacks(parse_document(html))
    found = [(el.tag, tuple(el.attrib.keys())) for el in root.iter() if isinstance(el.tag, str)]
    return [item for item in found if item != ("meta", ("charset",))]


def links(html: str) -> list[str]:
    root = parse_document(html)
    return [el.get(a) for el in root.iter() if isinstance(el.tag, str) for a in ("href", "src") if el.get(a) is not None]


def assert_safe(page: str) -> None:
    assert shape(page) == shape(ARTICLE)
    assert links(page) == links(ARTICLE)
    assert "<script" not in page and "onerror" not in page.replace("&lt;", "") and "javascript:" not in page


class HostileEngine:
    """An engine whose every output carries markup (what a poisoned model could produce)."""

    name = "hostile"

    def pairs(self) -> Sequence[Pair]:
        return [Pair("en", "ru")]

    def signature(self, src: str, tgt: str) -> Signature:
        return Signature("hostile", "payloads", "1")

    def translate_batch(self, segments: Sequence[str], src: str, tgt: str) -> list[str]:
        return [f"{PAYLOADS[i % len(PAYLOADS)]}{text}" for i, text in enumerate(segments)]

    def close(self) -> None:
        pass


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "visit.html"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_machine_translation_with_markup(cli: Cli, article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsl10n.engines import registry

    monkeypatch.setattr(registry, "choose_engine", lambda *args, **kwargs: HostileEngine())
    result = cli("translate", article.name, "--to", "ru", "--engine", "argos")
    assert result.code == 0, result.err
    assert "machine-translated" in result.out and "HTML markup is not allowed" in result.err
    page = (tmp_path / "build/ru/visit.html").read_text(encoding="utf-8")
    assert_safe(page)
    checked = cli("check", "--include-fuzzy", "--only", "codes")
    assert checked.code == 1 and "HTML markup in the translation" in checked.out


@pytest.mark.parametrize("payload", PAYLOADS)
def test_catalog_translations_with_markup(payload: str, cli: Cli, article: Path, tmp_path: Path) -> None:
    assert cli("translate", article.name, "--to", "ru", "--engine", "none").code == 0
    catalog = tmp_path / "locales/ru/LC_MESSAGES/visit.po"
    po = polib.pofile(str(catalog), wrapwidth=0)
    for entry in po:
        entry.msgstr = entry.msgid.replace("The ", payload, 1) if "The " in entry.msgid else payload + entry.msgid
    po.save(str(catalog))
    result = cli("build", article.name, "--to", "ru")
    assert result.code == 0 and "warning: translation not used" in result.err
    assert_safe((tmp_path / "build/ru/visit.html").read_text(encoding="utf-8"))


def test_memory_with_markup(cli: Cli, article: Path, tmp_path: Path) -> None:
    """A poisoned approved entry elsewhere is reused by memory, and still never becomes markup."""
    other = tmp_path / "other.html"
    other.write_text("<html lang='en'><body><h1>The delegation arrived</h1></body></html>", encoding="utf-8")
    assert cli("translate", other.name, "--to", "ru", "--engine", "none").code == 0
    catalog = tmp_path / "locales/ru/LC_MESSAGES/other.po"
    po = polib.pofile(str(catalog), wrapwidth=0)
    po.find("The delegation arrived").msgstr = "<img src=x onerror=alert(1)>Делегация прибыла"
    po.save(str(catalog))
    result = cli("translate", article.name, "--to", "ru", "--engine", "none")
    assert result.code == 0 and "1 from memory" in result.out
    assert_safe((tmp_path / "build/ru/visit.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "value",
    ["javascript:alert(1)", '" onmouseover="alert(1)', "' onfocus='alert(1)' autofocus='", "x\" src=\"javascript:alert(1)"],
    ids=["javascript-url", "double-quote-breakout", "single-quote-breakout", "src-breakout"],
)
def test_attribute_translations_stay_attribute_text(value: str, cli: Cli, article: Path, tmp_path: Path) -> None:
    assert cli("translate", article.name, "--to", "ru", "--engine", "none").code == 0
    catalog = tmp_path / "locales/ru/LC_MESSAGES/visit.po"
    po = polib.pofile(str(catalog), wrapwidth=0)
    for msgid in ("Partner page", "The rector and the guests"):
        entry = po.find(msgid)
        assert entry is not None and entry.comment.startswith("block: ")  # attribute runs: a title, an alt
        entry.msgstr = value
    po.append(polib.POEntry(msgid="/partners/upm/", msgstr="javascript:alert(1)"))  # hrefs are never looked up
    po.save(str(catalog))
    assert cli("build", article.name, "--to", "ru").code == 0
    page = (tmp_path / "build/ru/visit.html").read_text(encoding="utf-8")
    assert shape(page) == shape(ARTICLE) and links(page) == links(ARTICLE)
    root = lxml.html.document_fromstring(page)
    assert root.find(".//a[@title]").get("title") == value
    assert root.find(".//img").get("alt") == value


def test_markdown_reader_neutralizes_javascript_links(cli: Cli, tmp_path: Path) -> None:
    note = tmp_path / "note.md"
    note.write_text(
        "# Links\n\n"
        "Click [here](javascript:alert(1)) or [there](JaVaScRiPt:alert(2)) or [space]( javascript:alert(3)).\n\n"
        "An image ![pic](javascript:alert(4)), an autolink <javascript:alert(5)>, [data](data:text/html;base64,PHNjcmlwdD4=).\n\n"
        'Raw <a href="javascript:alert(6)">html</a> and <script>alert(7)</script>, [ent](&#106;avascript:alert(9)).\n\n'
        "A [good](https://example.org/ok) link.\n",
        encoding="utf-8",
    )
    assert cli("translate", note.name, "--to", "ru", "--engine", "none", "--markdown-html").code == 0
    page = (tmp_path / "build/ru/note.html").read_text(encoding="utf-8")
    root = lxml.html.document_fromstring(page)
    hrefs = [el.get("href") or el.get("src") or "" for el in root.iter("a", "img")]
    assert hrefs == ["https://example.org/ok"]  # unsafe schemes (also written with a reference) are never links
    assert root.find(".//script") is None and not any(
        name.startswith("on") for el in root.iter() if isinstance(el.tag, str) for name in el.attrib
    )

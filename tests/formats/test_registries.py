"""Article readers and catalog formats are looked up in registries, by suffix and by name."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

import pytest

from newsl10n.formats.catalogs import CATALOG_FORMATS, CatalogFormat, CatalogFormatRegistry
from newsl10n.formats.readers import READERS, ArticleReader, Converted, ReaderRegistry
from newsl10n.stages import load_source


@pytest.mark.parametrize(
    ("name", "data", "reader"),
    [("a.html", b"<p>x</p>", "html"), ("a.HTM", b"<p>x</p>", "html"), ("a.md", b"# x", "markdown"),
     ("a.txt", b"<p> x", "text"), ("a", b"  <p>x</p>", "html"), ("a.news", b"x", "text")],
    ids=["html", "upper-suffix", "markdown", "text-even-if-it-starts-with-<", "no-suffix-markup", "unknown-suffix"],
)
def test_the_reader_is_chosen_by_suffix(name: str, data: bytes, reader: str) -> None:
    assert READERS.for_article(PurePath(name), data).name == reader


def test_a_registered_reader_converts_its_suffix() -> None:
    reg = ReaderRegistry()
    reg.register(ArticleReader("html", (".html",), lambda text, lang: Converted(text), markup=True))
    reg.register(ArticleReader("shout", (".shout",), lambda text, lang: Converted(f"<p>{text.upper()}</p>")))
    assert reg.suffixes() == (".html", ".shout")
    assert reg.for_article(PurePath("a.SHOUT"), b"hi").convert("hi", None) == Converted("<p>HI</p>")
    with pytest.raises(ValueError, match="taken"):
        reg.register(ArticleReader("other", (".shout",), lambda text, lang: Converted(text)))


def test_load_source_goes_through_the_registry() -> None:
    READERS.register(ArticleReader("shout", (".shout",), lambda text, lang: Converted(f"<p>{text.upper()}</p>")))
    try:
        source = load_source(b"hello", path=PurePath("a.shout"), display="a.shout")
    finally:
        READERS.unregister("shout")
    assert (source.format, source.html, source.slug) == ("shout", "<p>HELLO</p>", "a")
    assert READERS.for_suffix(".shout") is None


def test_catalog_formats_by_name_and_suffix() -> None:
    po = CATALOG_FORMATS.get("po")
    assert (po.module, po.parse, po.generate) == ("newsl10n.formats.po", "parse_po", "generate_po")
    assert CATALOG_FORMATS.for_path(PurePath("locales/ru/LC_MESSAGES/a.PO")) is po
    assert CATALOG_FORMATS.for_path(PurePath("locales/templates/a.pot")) is po
    assert CATALOG_FORMATS.for_path(PurePath("a.xlf")) is None


def test_a_catalog_format_module_is_imported_only_when_used() -> None:
    reg = CatalogFormatRegistry()
    fmt = reg.register(CatalogFormat("json", (".json",), "json", parse="loads", generate="dumps"))
    assert fmt.parser()('{"a": 1}') == {"a": 1}  # any module with the two functions
    missing = reg.register(CatalogFormat("nope", (".nope",), "newsl10n.formats.no_such_module"))
    with pytest.raises(LookupError, match="newsl10n.formats.no_such_module.parse is not available"):
        missing.parser()


@pytest.mark.parametrize("registry", [ReaderRegistry(), CatalogFormatRegistry()], ids=["readers", "catalog-formats"])
def test_both_registries_refuse_a_taken_name_and_suffixes_without_a_dot(registry: object) -> None:
    def part(name: str, suffixes: tuple[str, ...]) -> object:
        if isinstance(registry, ReaderRegistry):
            return ArticleReader(name, suffixes, lambda text, lang: Converted(text))
        return CatalogFormat(name, suffixes, "json", parse="loads", generate="dumps")

    reg: Any = registry
    reg.register(part("a", (".a",)))
    for name, suffixes, why in (("a", (".b",), "already registered"), ("b", ("b",), "must start with"),
                                ("b", (), "must start with"), ("b", (".A",), "taken")):
        with pytest.raises(ValueError, match=why):
            reg.register(part(name, suffixes))
    assert reg.names() == ("a",) and reg.suffixes() == (".a",)
    reg.unregister("a")
    assert reg.for_suffix(".a") is None

"""Adding a part from outside the package: one registration each, then used through the command line.

An engine, an article reader, a check and a catalog format, all defined in this test module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import polib
import pytest

from newsl10n.catalog_model import Catalog, Entry
from newsl10n.checks import REGISTRY, CheckContext, EntryView, Finding, Severity, check
from newsl10n.engines.base import Pair, Signature
from newsl10n.engines.registry import ENGINES, EngineOptions
from newsl10n.formats.catalogs import CATALOG_FORMATS, CatalogFormat
from newsl10n.formats.readers import READERS, ArticleReader, Converted

from ..conftest import Result


class ShoutEngine:
    """Upper-cases the text between inline codes: enough to see it went through the engine."""

    name = "shout"
    closed = 0

    def pairs(self) -> list[Pair]:
        return [Pair("en", "ru")]

    def signature(self, src: str, tgt: str) -> Signature:
        return Signature("shout", "upper", "1")

    def translate_batch(self, segments: Sequence[str], src: str, tgt: str) -> list[str]:
        return [s.upper() for s in segments]

    def close(self) -> None:
        ShoutEngine.closed += 1


def shout_factory(options: EngineOptions) -> ShoutEngine:
    return ShoutEngine()


def notes_to_html(text: str, lang: str | None) -> Converted:
    """A made-up article format: one paragraph per line starting with '- '."""
    paras = [line[2:] for line in text.splitlines() if line.startswith("- ")]
    body = "".join(f"<p>{p}</p>\n" for p in paras)
    return Converted(f'<!DOCTYPE html>\n<html lang="{lang or "en"}"><body>\n{body}</body></html>\n')


@check("exclamation", severity=Severity.WARNING)
def exclamation(ctx: CheckContext, entry: EntryView) -> Iterator[Finding]:
    """Translation does not shout with an exclamation mark."""
    if entry.msgstr.endswith("!") and not entry.msgid.endswith("!"):
        yield entry.finding("an exclamation mark the msgid does not have")


def parse_tsv(data: bytes | str, *, path: str) -> Catalog:
    """A made-up catalog format: "# Field: value" header lines, then one "msgid<TAB>msgstr" per line."""
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    header: dict[str, str] = {}
    entries = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("# "):
            name, _, value = line[2:].partition(": ")
            header[name] = value
        elif line:
            msgid, _, msgstr = line.partition("\t")
            entries.append(Entry(msgid=msgid, msgstr=msgstr, line=number))
    return Catalog(header=header, entries=tuple(entries))


def generate_tsv(catalog: Catalog) -> str:
    head = "".join(f"# {k}: {v}\n" for k, v in catalog.header.items())
    return head + "".join(f"{e.msgid}\t{e.msgstr}\n" for e in catalog.entries)


@pytest.fixture
def plugins() -> Iterator[None]:
    ENGINES.register("shout", shout_factory, help="upper case, for tests")
    READERS.register(ArticleReader("notes", (".notes",), notes_to_html))
    REGISTRY.register(exclamation)
    CATALOG_FORMATS.register(CatalogFormat("tsv", (".tsv",), __name__, parse="parse_tsv", generate="generate_tsv"))
    try:
        yield
    finally:
        ENGINES.unregister("shout")
        READERS.unregister("notes")
        REGISTRY.unregister("exclamation")
        CATALOG_FORMATS.unregister("tsv")


def translate_help(cli: Callable[..., Result], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit):
        cli("translate", "--help")
    return " ".join(capsys.readouterr().out.split())


def test_an_engine_a_reader_and_a_check_from_outside(
    plugins: None, cli: Callable[..., Result], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "{auto,argos,apertium,shout,none}" in translate_help(cli, capsys)
    assert "shout (upper case, for tests)" in translate_help(cli, capsys)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "visit.notes").write_text("- The delegation arrived.\n- Talks went well.\n", encoding="utf-8")

    # the reader: a folder walk picks up .notes, and extract reads it
    extracted = cli("extract", "news", "--no-glossary")
    assert extracted.code == 0, extracted.err
    assert [e.msgid for e in polib.pofile(str(tmp_path / "locales/templates/visit.pot"))] == [
        "The delegation arrived.", "Talks went well."
    ]

    # the engine: chosen by name, its output in the catalog and on the page, closed at the end
    closed = ShoutEngine.closed
    translated = cli("translate", "news", "--to", "ru", "--engine", "shout", "--no-glossary")
    assert translated.code == 0, translated.err
    po = polib.pofile(str(tmp_path / "locales/ru/LC_MESSAGES/visit.po"))
    assert [e.msgstr for e in po] == ["THE DELEGATION ARRIVED.", "TALKS WENT WELL."]
    assert po.metadata["X-Newsl10n-Engine"] == "shout:upper@1"
    assert "<p>THE DELEGATION ARRIVED.</p>" in (tmp_path / "build/ru/visit.html").read_text(encoding="utf-8")
    assert ShoutEngine.closed == closed + 1

    # the check: listed, run, reported
    assert "exclamation          warning  Translation does not shout with an exclamation mark" in cli(
        "check", "--list").out
    po[0].msgstr = "ДЕЛЕГАЦИЯ ПРИБЫЛА!"
    po[0].flags = []
    po.save()
    checked = cli("check", "--only", "exclamation", "--fail-on", "warning")
    assert checked.code == 1
    assert "visit.po:" in checked.out and "warning[exclamation] an exclamation mark the msgid does not have" in checked.out


def test_a_catalog_format_from_outside(plugins: None, cli: Callable[..., Result], tmp_path: Path) -> None:
    """check reads a catalog in a registered format, found by its suffix in a folder, and its checks run on it."""
    folder = tmp_path / "other-tool" / "ru" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "visit.tsv").write_text(
        "# Language: ru\n# X-Source-Language: en\nThe delegation arrived.\tДелегация прибыла!\n"
        "Read <1>more</1>.\tЧитайте <1>далее.\n",
        encoding="utf-8",
    )
    checked = cli("check", "other-tool", "--no-glossary", "--fail-on", "warning")
    assert checked.code == 1
    assert "other-tool/ru/LC_MESSAGES/visit.tsv:3: warning[exclamation]" in checked.out
    assert "other-tool/ru/LC_MESSAGES/visit.tsv:4: error[codes]" in checked.out
    assert checked.out.rstrip().endswith("in 1 catalog")
    text = generate_tsv(parse_tsv((folder / "visit.tsv").read_bytes(), path="visit.tsv"))
    assert text == (folder / "visit.tsv").read_text(encoding="utf-8")


def test_unregistered_parts_are_gone(cli: Callable[..., Result], capsys: pytest.CaptureFixture[str]) -> None:
    assert "shout" not in translate_help(cli, capsys)
    assert "exclamation" not in cli("check", "--list").out

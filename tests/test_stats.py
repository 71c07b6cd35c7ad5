"""newsl10n.stats: counts that match msgfmt --statistics and a hand-counted fixture."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from newsl10n.catalog_model import Catalog, Entry, Origin, OriginKind
from newsl10n.stats import CatalogStats, Counts, bucket, count, generate, source_words, tally
from tests.corpus_catalogs import corpus_catalogs, read_catalog

DATA = Path(__file__).parent / "data" / "stats"
MSGFMT_LINE = re.compile(
    r"(?:(\d+) translated messages?)?(?:, )?(?:(\d+) fuzzy translations?)?(?:, )?(?:(\d+) untranslated messages?)?\.$"
)


def msgfmt_statistics(path: Path) -> tuple[int, int, int]:
    exe = shutil.which("msgfmt")
    if exe is None:
        pytest.fail("msgfmt is missing: run scripts/setup.sh (installs Debian's gettext)")
    proc = subprocess.run([exe, "--statistics", "-o", "/dev/null", str(path)], capture_output=True, text=True, check=True)
    match = MSGFMT_LINE.search(proc.stderr.strip().splitlines()[-1])
    assert match, proc.stderr
    translated, fuzzy, untranslated = (int(g or 0) for g in match.groups())
    return translated, fuzzy, untranslated


def test_corpus_has_catalogs() -> None:
    assert len(corpus_catalogs()) >= 12


@pytest.mark.parametrize("path", corpus_catalogs(), ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_entries_match_msgfmt_statistics_on_every_corpus_catalog(path: Path) -> None:
    entries, _ = count(read_catalog(path))
    assert (entries.translated, entries.fuzzy, entries.untranslated) == msgfmt_statistics(path)


def test_hand_counted_fixture() -> None:
    path = DATA / "counted.po"
    entries, words = count(read_catalog(path))
    assert entries == Counts(translated=1, machine=1, stale=2, untranslated=2)
    assert (entries.translated, entries.fuzzy, entries.untranslated) == msgfmt_statistics(path)
    assert words == Counts(translated=8, machine=10, stale=9, untranslated=10)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The <1>strategic partner</1> of SPbPU.", 5),
        ("Publication date: <1/>", 2),
        ("<1/>", 0),
        ("A — B", 2),
        ("e.g. 3.5 km, i.e. double-degree", 5),
        ("Х. М. Гарсия, т. е. проф.", 6),
    ],
    ids=["codes", "standalone", "code-only", "dash", "abbreviations", "russian"],
)
def test_source_words(text: str, words: int) -> None:
    assert source_words(text) == words


def test_machine_and_stale_are_told_apart() -> None:
    """Stale is the project's one rule (Entry.stale, what build leaves out): fuzzy with a #| previous msgid."""
    mt = Entry("Hello.", "Hola.", fuzzy=True, origin=Origin(OriginKind.MT, "apertium"))
    mt_old_source = replace(mt, previous_msgid="Hi.")
    tm_fuzzy = Entry("Hello.", "Hola.", fuzzy=True, origin=Origin(OriginKind.TM, "x.po", 80.0), previous_msgid="Hi.")
    stale_human = Entry("Hello.", "Hola.", fuzzy=True, previous_msgid="Hi.")
    proposal_no_previous = Entry("Hello.", "Hola.", fuzzy=True)
    cases = (mt, mt_old_source, tm_fuzzy, stale_human, proposal_no_previous)
    assert [bucket(e) for e in cases] == ["machine", "stale", "stale", "stale", "machine"]
    assert all((bucket(e) == "stale") == e.stale for e in cases)


def _report_of_corpus() -> tuple[list[Path], object]:
    paths = corpus_catalogs()
    items = [CatalogStats(p.parent.parent.name, p.stem, read_catalog(p)) for p in paths]
    return paths, tally(items)


def test_totals_per_language_and_overall() -> None:
    paths, report = _report_of_corpus()
    from newsl10n.stats import Report

    assert isinstance(report, Report)
    assert len(report.rows) == len(paths)
    for lang_row in report.languages:
        rows = [r for r in report.rows if r.language == lang_row.language]
        assert lang_row.entries.total == sum(r.entries.total for r in rows)
        assert lang_row.words.translated == sum(r.words.translated for r in rows)
    assert report.total.entries.total == sum(
        msgfmt_statistics(p)[0] + msgfmt_statistics(p)[1] + msgfmt_statistics(p)[2] for p in paths
    )


def test_text_table_fits_the_terminal() -> None:
    long_name = "a-very-long-article-slug-that-would-never-fit-in-a-terminal-line-at-all"
    report = tally([CatalogStats("es", long_name, read_catalog(DATA / "counted.po"))])
    for width in (80, 100):
        text = generate(report, "text", width=width)
        assert all(len(line) <= width for line in text.splitlines()), text
        assert f"  {long_name}\n" in text  # a line of its own
    assert f"  {long_name} " in generate(report, "text", width=200)  # fits: on the numbers' line


def test_json_and_csv_carry_the_same_numbers() -> None:
    report = tally([CatalogStats("es", "counted", read_catalog(DATA / "counted.po"))])
    data = json.loads(generate(report, "json"))
    first = data["catalogs"][0]
    assert first["entries"] == {
        "translated": 1, "machine": 1, "stale": 2, "untranslated": 2, "fuzzy": 3, "total": 6, "percent_translated": 16.7,
    }
    assert first["words"]["total"] == 37
    rows = list(csv.DictReader(io.StringIO(generate(report, "csv"))))
    assert [r["article"] for r in rows] == ["counted", "(all)", "(all)"]
    assert rows[0]["words_machine"] == "10" and rows[0]["entries_stale"] == "2"


def test_empty_catalog_counts_as_done() -> None:
    entries, words = count(Catalog())
    assert entries.total == 0 and entries.percent == 100.0 and words.total == 0


def test_names_in_the_text_table_stay_on_one_line() -> None:
    report = tally([CatalogStats("es", "evil\nname\x1b[2J", read_catalog(DATA / "counted.po"))])
    text = generate(report, "text")
    assert "evil\\nname\\x1b[2J" in text and "\x1b" not in text
    assert len(text.splitlines()) == 5  # two headings, the language, the article, the total

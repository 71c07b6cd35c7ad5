"""How much is left: entries and source words per language and article.

Pure: takes catalogs already read (:class:`CatalogStats` is one of them with
its language and article) and returns a :class:`Report`; the three
``generate_*`` functions turn a report into text, JSON or CSV.  Counting rules
match GNU ``msgfmt --statistics`` for entries: the header and obsolete entries
do not count; an entry with an empty msgstr (or a missing plural form) is
untranslated whether or not it is marked fuzzy.  (One difference: a plural entry
with some forms empty is untranslated here; msgfmt counts it translated.)  Fuzzy
entries are told apart by the project's one rule,
:attr:`Entry.stale <newsl10n.catalog_model.Entry.stale>` (what ``build`` leaves out):

* ``stale`` — the translation of another sentence (a ``#|`` previous msgid): the
  source changed since, or the memory offered a similar sentence's translation;
* ``machine`` — every other fuzzy entry: an engine's proposal for this very
  sentence, waiting for review.

Source words are counted in the msgid (and msgid_plural) with the inline codes
taken out: a word is a run of letters or digits, joined by inner ``.``, ``-``,
``'`` or ``’`` (``3.5``, ``double-degree``, ``e.g`` are one word each; a dash
or a code alone is none).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from .catalog_model import Catalog, Entry, State
from .errors import one_line

_CODE = re.compile(r"</?\d+/?>")
_WORD = re.compile(r"[^\W_](?:[\w.'’-]*[^\W_])?")
BUCKETS = ("translated", "machine", "stale", "untranslated")
TOTAL = "(all)"


def source_words(text: str) -> int:
    """Words of a msgid, inline codes not counted."""
    return len(_WORD.findall(_CODE.sub("", text)))


def entry_words(entry: Entry) -> int:
    return source_words(entry.msgid) + source_words(entry.msgid_plural)


def bucket(entry: Entry) -> str:
    """One of :data:`BUCKETS`."""
    state = entry.state
    if state is State.UNTRANSLATED:
        return "untranslated"
    if state is State.TRANSLATED:
        return "translated"
    return "stale" if entry.stale else "machine"


@dataclass(frozen=True)
class Counts:
    """Entries (or words) in each bucket."""

    translated: int = 0
    machine: int = 0
    stale: int = 0
    untranslated: int = 0

    @property
    def fuzzy(self) -> int:
        return self.machine + self.stale

    @property
    def total(self) -> int:
        return self.translated + self.machine + self.stale + self.untranslated

    @property
    def percent(self) -> float:
        """Share translated (approved), 0–100; an empty catalog counts as done."""
        return 100.0 if self.total == 0 else 100.0 * self.translated / self.total

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(getattr(self, b) + getattr(other, b) for b in BUCKETS))


@dataclass(frozen=True)
class CatalogStats:
    """One catalog to count, with what it is about."""

    language: str
    article: str
    catalog: Catalog


@dataclass(frozen=True)
class Row:
    language: str  # TOTAL on the grand total
    article: str  # TOTAL on a language's (or the grand) total
    entries: Counts
    words: Counts


@dataclass(frozen=True)
class Report:
    """Per catalog rows, then one total per language, then the grand total."""

    rows: tuple[Row, ...] = ()
    languages: tuple[Row, ...] = ()
    total: Row = field(default_factory=lambda: Row(TOTAL, TOTAL, Counts(), Counts()))


def count(catalog: Catalog) -> tuple[Counts, Counts]:
    """(entries, words) of one catalog."""
    entries = dict.fromkeys(BUCKETS, 0)
    words = dict.fromkeys(BUCKETS, 0)
    for entry in catalog.entries:
        if entry.obsolete or not entry.msgid:
            continue
        b = bucket(entry)
        entries[b] += 1
        words[b] += entry_words(entry)
    return Counts(**entries), Counts(**words)


def tally(catalogs: Iterable[CatalogStats]) -> Report:
    rows = []
    for item in catalogs:
        entries, words = count(item.catalog)
        rows.append(Row(item.language, item.article, entries, words))
    rows.sort(key=lambda r: (r.language, r.article))
    by_lang: dict[str, Row] = {}
    for row in rows:
        prev = by_lang.get(row.language, Row(row.language, TOTAL, Counts(), Counts()))
        by_lang[row.language] = Row(row.language, TOTAL, prev.entries + row.entries, prev.words + row.words)
    total = Row(TOTAL, TOTAL, Counts(), Counts())
    for row in by_lang.values():
        total = Row(TOTAL, TOTAL, total.entries + row.entries, total.words + row.words)
    return Report(tuple(rows), tuple(by_lang.values()), total)


def _all_rows(report: Report) -> list[Row]:
    return [*report.rows, *report.languages, report.total]


def _row_dict(row: Row) -> dict[str, object]:
    out: dict[str, object] = {"language": row.language, "article": row.article}
    for name, counts in (("entries", row.entries), ("words", row.words)):
        block: dict[str, object] = asdict(counts)
        block["fuzzy"] = counts.fuzzy
        block["total"] = counts.total
        block["percent_translated"] = round(counts.percent, 1)
        out[name] = block
    return out


def generate_json(report: Report) -> str:
    data = {
        "catalogs": [_row_dict(r) for r in report.rows],
        "languages": [_row_dict(r) for r in report.languages],
        "total": _row_dict(report.total),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def generate_csv(report: Report) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    cols = [*BUCKETS, "total", "percent_translated"]
    writer.writerow(["language", "article", *(f"entries_{c}" for c in cols), *(f"words_{c}" for c in cols)])
    for row in _all_rows(report):
        cells: list[object] = [row.language, row.article]
        for counts in (row.entries, row.words):
            cells.extend(getattr(counts, b) for b in BUCKETS)
            cells.extend([counts.total, f"{counts.percent:.1f}"])
        writer.writerow(cells)
    return buf.getvalue()


_NUMERIC = (
    # heading, value; a column is as wide as its widest cell
    ("all", lambda r: r.entries.total),
    ("done", lambda r: r.entries.translated),
    ("mt", lambda r: r.entries.machine),
    ("stale", lambda r: r.entries.stale),
    ("todo", lambda r: r.entries.untranslated),
    ("words", lambda r: r.words.total),
    ("done", lambda r: r.words.translated),
    ("fuzzy", lambda r: r.words.fuzzy),
    ("todo", lambda r: r.words.untranslated),
    ("%", lambda r: f"{r.words.percent:.0f}"),
)
_ENTRY_COLUMNS = 5


def generate_text(report: Report, *, width: int = 80) -> str:
    """A table that fits ``width`` columns: a name too long for its column gets a line of its own.

    Each language's total, then its articles (indented), then the grand total: entries approved
    (done), machine proposals (mt), stale (#|), untranslated (todo); source words approved,
    fuzzy, untranslated, and the share of source words approved (%).
    """
    ordered: list[tuple[str, Row]] = []
    for lang_row in report.languages:
        ordered.append((one_line(lang_row.language), lang_row))
        ordered.extend(("  " + one_line(r.article), r) for r in report.rows if r.language == lang_row.language)
    ordered.append(("total", report.total))
    cells = [[str(value(row)) for _, value in _NUMERIC] for _, row in ordered]
    widths = [max(len(head), *(len(c[i]) for c in cells)) for i, (head, _) in enumerate(_NUMERIC)]
    numeric = sum(w + 1 for w in widths)
    name_w = max(8, min(max(len(name) for name, _ in ordered), width - numeric))
    entries_w = sum(w + 1 for w in widths[:_ENTRY_COLUMNS]) - 1
    lines = [
        " " * name_w + f" {'entries':-^{entries_w}} {'source words':-^{numeric - entries_w - 2}}",
        f"{'catalog':<{name_w}}" + "".join(f" {head:>{w}}" for (head, _), w in zip(_NUMERIC, widths, strict=True)),
    ]
    for (name, _), row_cells in zip(ordered, cells, strict=True):
        if len(name) > name_w:
            lines.append(name)
            name = ""
        lines.append(f"{name:<{name_w}}" + "".join(f" {c:>{w}}" for c, w in zip(row_cells, widths, strict=True)))
    return "\n".join(lines) + "\n"


def generate(report: Report, fmt: str, *, width: int = 80) -> str:
    if fmt == "json":
        return generate_json(report)
    if fmt == "csv":
        return generate_csv(report)
    return generate_text(report, width=width)


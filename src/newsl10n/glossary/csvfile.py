"""CSV and TSV glossaries: OmegaT's headerless three columns, or a header naming columns.

Headerless (OmegaT): ``source, target[, comment]``; the languages come from
the caller, else from the file name (``names.en-ru.tsv``), else en → ru.

With a header: the first row names every column.  Accepted names (case does
not matter):

* a language tag starting in lower case (``en``, ``ru``, ``es-ES``) or
  ``term:<lang>``: that language's term (each language once);
* ``<lang>_status`` or ``status:<lang>``; ``<lang>_note`` or ``note:<lang>``;
* ``id``, ``kind``, ``status`` (for terms without their own), ``note``
  (alias ``comment``), ``subject``, ``source``, ``dnt`` (alias
  ``do_not_translate``; yes/true/1).

Rows with the same ``id`` are one concept (the way to list synonyms); rows
without an id are one concept each.  Blank rows and rows whose first cell
starts with ``#`` are skipped.  The delimiter follows the extension (tab
for ``.tsv``, comma otherwise) with the csv module's quoting.

Encoding: UTF-8, or UTF-8/UTF-16 with a BOM.  Anything else (including a
file that mixes encodings) is refused with the line of the first bad byte.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import InputError
from ..fsio import decode, read_bytes
from ..localize import tag_key
from .model import Concept, Glossary, Term, TermKind, TermStatus, parse_kind, parse_status
from .tbx import DEFAULT_MAX_BYTES

_LANG_TAG = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
_PAIR_IN_NAME = re.compile(r"\.([a-z]{2,3}(?:_[a-z]{2})?)-([a-z]{2,3}(?:_[a-z]{2})?)$", re.IGNORECASE)
_FIELDS = {
    "id": "id",
    "kind": "kind",
    "status": "status",
    "note": "note",
    "comment": "note",
    "subject": "subject",
    "source": "source",
    "dnt": "dnt",
    "do_not_translate": "dnt",
}
_YES = frozenset({"yes", "true", "1", "y"})
_NO = frozenset({"", "no", "false", "0", "n"})
_UNICODE_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass(frozen=True)
class Column:
    """What one header cell means: a concept field, or a field of one language's term."""

    field: str  # "term", "status", "note" for a language; else a key of _FIELDS' values
    lang: str | None = None


def parse_header_cell(cell: str) -> Column | None:
    """``'en'`` → Column('term', 'en'); ``'ru_status'`` → Column('status', 'ru'); None if unknown.

    Field names ignore case; a language tag must start in lower case (``en``,
    ``pt-BR``), so that a first row of abbreviations (``UPM``, ``IE``) is
    never taken for a header.
    """
    name = cell.strip()
    low = name.lower()
    if low in _FIELDS:
        return Column(_FIELDS[low])
    if ":" in name:
        what, _, lang = name.partition(":")
        if what.lower() in ("term", "status", "note") and _LANG_TAG.match(lang):
            return Column(what.lower(), tag_key(lang))
        return None
    for suffix in ("_status", "_note"):
        if low.endswith(suffix) and _LANG_TAG.match(name[: -len(suffix)]):
            return Column(suffix[1:], tag_key(name[: -len(suffix)]))
    if _LANG_TAG.match(name):
        return Column("term", tag_key(name))
    return None


def _is_header(columns: list[Column | None]) -> bool:
    """Every cell names a column, and the term columns name distinct languages."""
    if any(c is None for c in columns):
        return False
    langs = [c.lang for c in columns if c is not None and c.field == "term"]
    return bool(langs) and len(set(langs)) == len(langs)


def languages_from_name(path: Path) -> tuple[str, str] | None:
    """``terms.en-ru.tsv`` → ("en", "ru")."""
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    m = _PAIR_IN_NAME.search(stem)
    return (tag_key(m.group(1)), tag_key(m.group(2))) if m else None


def read_csv(
    path: Path,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Glossary:
    """Read a CSV/TSV glossary; the delimiter follows the extension."""
    data = read_bytes(path, limit=max_bytes)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    named = languages_from_name(path)
    src = src_lang or (named[0] if named else "en")
    tgt = tgt_lang or (named[1] if named else "ru")
    return parse_csv(data, path=str(path), delimiter=delimiter, src_lang=src, tgt_lang=tgt)


def _decode(data: bytes, path: str) -> str:
    if data.startswith(_UNICODE_BOMS):
        text = decode(data, path=path, markup=False).text
    else:
        text = decode(data, path=path, encoding="utf-8").text
    nul = text.find("\0")
    if nul >= 0:
        raise InputError(
            "NUL character in text (UTF-16 without a BOM? save as UTF-8)",
            path=path,
            line=text.count("\n", 0, nul) + 1,
        )
    return text


def _rows(text: str, delimiter: str, path: str) -> Iterator[tuple[int, list[str]]]:
    """(line where the row starts, cells) for each row that is not blank or a comment."""
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter, strict=True)
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(f"bad CSV quoting: {exc}", path=path, line=reader.line_num) from None
        line, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
            continue
        yield line, row


def parse_csv(
    data: bytes,
    *,
    path: str,
    delimiter: str = ",",
    src_lang: str = "en",
    tgt_lang: str = "ru",
) -> Glossary:
    """Parse CSV/TSV bytes (see the module docstring for the accepted layouts)."""
    text = _decode(data, path)
    rows = _rows(text, delimiter, path)
    first = next(rows, None)
    if first is None:
        return Glossary()
    columns = [parse_header_cell(c) for c in first[1]]
    if _is_header(columns):
        header = [c for c in columns if c is not None]
        builder = _Builder(path)
        for line, row in rows:
            builder.add_row(header, row, line)
        return builder.glossary()
    return _headerless(first, rows, path, tag_key(src_lang), tag_key(tgt_lang))


def _headerless(
    first: tuple[int, list[str]],
    rest: Iterator[tuple[int, list[str]]],
    path: str,
    src: str,
    tgt: str,
) -> Glossary:
    concepts: list[Concept] = []
    for line, row in (first, *rest):
        if len(row) not in (2, 3):
            raise InputError(
                f"expected 2 or 3 columns (source, target, comment), found {len(row)}",
                path=path,
                line=line,
            )
        source, target = row[0].strip(), row[1].strip()
        if not source:
            raise InputError("empty source term", path=path, line=line)
        comment = row[2].strip() if len(row) == 3 and row[2].strip() else None
        terms = [Term(text=source, lang=src, source_file=path, line=line)]
        if target:
            terms.append(Term(text=target, lang=tgt, source_file=path, line=line))
        concepts.append(
            Concept(
                id=f"{Path(path).name}:{line}",
                terms=tuple(terms),
                note=comment,
                source_file=path,
                line=line,
            )
        )
    return Glossary.of(concepts)


@dataclass
class _Pending:
    """A concept being assembled from the rows that share its id (private, mutable)."""

    id: str
    line: int
    terms: list[Term] = field(default_factory=list)
    kind: TermKind | None = None
    note: str | None = None
    subject: str | None = None
    source: str | None = None


class _Builder:
    def __init__(self, path: str) -> None:
        self.path = path
        self.pending: dict[str, _Pending] = {}

    def fail(self, message: str, line: int) -> InputError:
        return InputError(message, path=self.path, line=line)

    def add_row(self, header: list[Column], row: list[str], line: int) -> None:
        if len(row) != len(header):
            raise self.fail(f"expected {len(header)} columns as in the header, found {len(row)}", line)
        plain: dict[str, str] = {}
        per_lang: dict[str, dict[str, str]] = {}
        for column, raw in zip(header, row):
            value = raw.strip()
            if column.lang is None:
                plain[column.field] = value
            else:
                per_lang.setdefault(column.lang, {})[column.field] = value
        kind = self.kind(plain.get("kind", ""), line)
        default_status = self.status(plain.get("status", ""), line)
        dnt = plain.get("dnt", "").lower()
        if dnt not in _YES and dnt not in _NO:
            raise self.fail(f"dnt must be yes or no, not {plain['dnt']!r}", line)
        cid = plain.get("id") or f"{Path(self.path).name}:{line}"
        concept = self.pending.setdefault(cid, _Pending(cid, line))
        if kind is not None:
            if concept.kind is not None and concept.kind is not kind:
                raise self.fail(f"concept {cid!r} was given kind {concept.kind.value!r} before", line)
            concept.kind = kind
        concept.note = concept.note or plain.get("note") or None
        concept.subject = concept.subject or plain.get("subject") or None
        concept.source = concept.source or plain.get("source") or None
        for lang, cells in per_lang.items():
            text = " ".join(cells.get("term", "").split())
            if not text:
                if cells.get("status") or cells.get("note"):
                    raise self.fail(f"a status or note for {lang} but no {lang} term", line)
                continue
            status = self.status(cells.get("status", ""), line) or default_status
            concept.terms.append(
                Term(
                    text=text,
                    lang=lang,
                    status=status or TermStatus.ADMITTED,
                    kind=kind,
                    is_abbreviation=kind is TermKind.ABBREVIATION,
                    note=cells.get("note") or None,
                    do_not_translate=dnt in _YES,
                    source_file=self.path,
                    line=line,
                )
            )

    def kind(self, value: str, line: int) -> TermKind | None:
        if not value:
            return None
        kind = parse_kind(value)
        if kind is None:
            allowed = ", ".join(k.value for k in TermKind)
            raise self.fail(f"unknown kind {value!r} (one of: {allowed})", line)
        return kind

    def status(self, value: str, line: int) -> TermStatus | None:
        if not value:
            return None
        status = parse_status(value)
        if status is None:
            allowed = ", ".join(s.value for s in TermStatus)
            raise self.fail(f"unknown status {value!r} (one of: {allowed})", line)
        return status

    def glossary(self) -> Glossary:
        concepts = []
        for p in self.pending.values():
            if not p.terms:
                raise self.fail(f"concept {p.id!r} has no term", p.line)
            terms = tuple(t if t.kind is not None or p.kind is None else _with_kind(t, p.kind) for t in p.terms)
            concepts.append(
                Concept(
                    id=p.id,
                    terms=terms,
                    kind=p.kind,
                    note=p.note,
                    subject=p.subject,
                    source=p.source,
                    source_file=self.path,
                    line=p.line,
                )
            )
        return Glossary.of(concepts)


def _with_kind(term: Term, kind: TermKind) -> Term:
    return replace(term, kind=kind, is_abbreviation=term.is_abbreviation or kind is TermKind.ABBREVIATION)

"""What a workflow run returns: files it would write, what it found, and the one writer.

Nothing is written while a run computes.  A result holds every file as text
(:class:`Output`) with the bytes each existing catalog had when the run read
it; :meth:`Outputs.write` writes them atomically, under the locales lock,
group by group (a translate run's groups are its articles: an article's
template, catalogs and pages are replaced together, all or none, so a run
killed while it writes leaves whole articles done and the rest untouched),
skipping files whose content did not change (a catalog that differs only in
its dates counts as unchanged), and refusing to replace a file someone
changed since it was read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ConflictError
from ..model import MergeStats

if TYPE_CHECKING:
    from ..catalog_model import Catalog
    from ..fill import FillStats
    from ..stages import Built


@dataclass(frozen=True)
class Output:
    """A file a run produces.  Catalogs (``catalog=True``) compare apart from their dates."""

    path: Path
    text: str
    catalog: bool = False
    group: int = 0  # outputs of one group are written together; groups in order
    page: bool = False  # a localized page (placed by the layout)


@dataclass(frozen=True)
class Problem:
    """Something a run could not do for one article (and language), and why: one line for the user."""

    article: str
    message: str
    lang: str | None = None

    def __str__(self) -> str:
        where = f"{self.article} → {self.lang}" if self.lang else self.article
        return f"{where}: {self.message}"


@dataclass
class Outputs:
    """Files to write, with what the run saw of them (path → bytes as read; None: absent)."""

    files: list[Output] = field(default_factory=list)
    seen: dict[Path, bytes | None] = field(default_factory=dict)
    lock: Path | None = None  # the folder whose lock the writer holds (the locales)

    def write(self) -> list[Path]:
        """Write what changed, each group all or nothing; return the paths written."""
        from contextlib import nullcontext

        from .locking import hold

        groups: dict[int, list[Output]] = {}
        for out in self.files:
            groups.setdefault(out.group, []).append(out)
        written: list[Path] = []
        with hold(self.lock) if self.lock is not None else nullcontext():
            for group in groups.values():
                done = write_outputs(group, self.seen)
                texts = {out.path: out.text for out in group}
                self.seen.update({path: texts[path].encode("utf-8") for path in done if path in self.seen})
                written += done
        return written


def write_outputs(outputs: Sequence[Output], seen: Mapping[Path, bytes | None] | None = None) -> list[Path]:
    """Write the outputs whose content changed, all or none of them; return the paths written.

    A file in ``seen`` (read earlier in the run) that no longer has the
    bytes read then was changed by someone else while we ran: nothing is
    written and a ConflictError names it.
    """
    from ..formats.po import same_apart_from_dates
    from ..fsio import UNCHECKED, FileWrite, current_bytes, display_path, write_files

    writes: list[FileWrite] = []
    for out in outputs:
        now = current_bytes(out.path)
        if seen is not None and out.path in seen and now != seen[out.path]:
            raise ConflictError("changed on disk while newsl10n was running; run again", path=display_path(out.path))
        if now is not None:
            try:
                old: str | None = now.decode("utf-8")
            except UnicodeDecodeError:
                old = None
            if old is not None and (old == out.text or (out.catalog and same_apart_from_dates(old, out.text))):
                continue
        expect = seen[out.path] if seen is not None and out.path in seen else (now if out.catalog else UNCHECKED)
        writes.append(FileWrite(out.path, out.text.encode("utf-8"), expect))
    write_files(writes)
    return [w.path for w in writes]


# -- what each workflow returns ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Extracted:
    """One article's template: where it goes, how many entries, the source language found."""

    article: str
    path: Path
    entries: int  # distinct (msgctxt, msgid) pairs
    lang: str
    sentences: int = 0  # every place a sentence occurs (what build counts)

    def counts(self) -> str:
        return counts(self.sentences, self.entries)


@dataclass(frozen=True)
class CatalogUpdate:
    """One catalog of a translate run: where it goes, its language, what merging did, the catalog itself
    (None once a run that writes as it goes has written it)."""

    path: Path
    lang: str
    merged: MergeStats
    catalog: Catalog | None = field(compare=False, repr=False)


@dataclass(frozen=True)
class Page:
    """One localized page: the article, its language, where it goes, and what building it found."""

    article: str
    lang: str
    path: Path
    built: Built = field(repr=False)
    catalog: str = ""  # the catalog it was built from, as shown (where a translation not used is)


@dataclass
class ArticleRun:
    """What a translate run did with one article."""

    article: str
    lang: str  # the source language
    entries: int
    template: Path
    sentences: int = 0
    same_language: list[str] = field(default_factory=list)  # targets the article is already in
    catalogs: list[CatalogUpdate] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)


def counts(sentences: int, entries: int) -> str:
    """``35 sentences, 34 entries``: build counts sentences (every place), a catalog entries (distinct ones)."""
    return f"{sentences} sentence{'s' if sentences != 1 else ''}, {entries} entr{'ies' if entries != 1 else 'y'}"


@dataclass
class Result:
    """Files to write and what the run found.  Nothing is written until :meth:`write`."""

    outputs: Outputs
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the run chose by default (no glossary found…)

    def write(self) -> list[Path]:
        """Write what changed, all or nothing, atomically (under the locales lock where catalogs are written)."""
        return self.outputs.write()


@dataclass
class ExtractResult(Result):
    templates: list[Extracted] = field(default_factory=list)


@dataclass
class TranslateResult(Result):
    """With ``translate(..., write=True)`` the files are written as the run goes: ``written`` lists them,
    ``outputs`` is left empty, and the pages' text and catalogs are not kept (they are on disk)."""

    articles: list[ArticleRun] = field(default_factory=list)
    stats: FillStats = field(default_factory=lambda: _fill_stats())
    written: list[Path] = field(default_factory=list)

    @property
    def pages(self) -> list[Page]:
        return [page for article in self.articles for page in article.pages]


@dataclass
class BuildResult(Result):
    pages: list[Page] = field(default_factory=list)


def _fill_stats() -> FillStats:
    from ..fill import FillStats

    return FillStats()

"""What the review app works on: the articles given, their catalogs, and the edits a translator makes.

No web here: the app (:mod:`newsl10n.review.app`) asks this module.  Reading
goes through :mod:`newsl10n.fsio`; every write is atomic, made while holding
the locales lock (the one ``newsl10n translate`` takes), and only if the
catalog still has the bytes the translator's page was made from — otherwise a
:class:`Conflict` says what is on disk now.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from ..catalog_model import HUMAN, Catalog, Entry, Key, OriginKind
from ..errors import ConflictError, UsageError
from ..fsio import FileWrite, display_path, locked_dir, read_bytes, write_files
from ..model import Finding
from ..workflow.inputs import catalog_path

if TYPE_CHECKING:
    from ..checks import CheckContext
    from ..glossary.model import Glossary
    from ..terms import Terminology
    from ..tm import TranslationMemory
    from ..workflow import Article, Project


@dataclass(frozen=True)
class Counts:
    """Progress of one catalog: live entries by where they stand, and check findings."""

    approved: int = 0
    machine: int = 0  # fuzzy proposals (MT, memory, interface strings) waiting for review
    stale: int = 0  # fuzzy because the source changed
    untranslated: int = 0
    findings: int = 0

    @property
    def total(self) -> int:
        return self.approved + self.machine + self.stale + self.untranslated


@dataclass(frozen=True)
class CatalogRef:
    """One (language, article) pair the app may show: its catalog and its source article."""

    lang: str
    slug: str
    po: Path
    article: Path


@dataclass(frozen=True)
class Loaded:
    """A catalog as read now, with the digest of its bytes (what a later save must still find)."""

    ref: CatalogRef
    catalog: Catalog
    digest: str
    data: bytes


class Action(str, Enum):
    SAVE = "save"  # new text, state kept (an untranslated entry becomes fuzzy)
    APPROVE = "approve"  # (new) text, not fuzzy any more
    REJECT = "reject"  # back to fuzzy


@dataclass(frozen=True)
class Conflict:
    """A save refused because the catalog changed on disk since the page was made."""

    ref: CatalogRef
    entry: Entry | None  # the entry as it is on disk now (None: gone)
    yours: str


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def counts(catalog: Catalog, findings: Sequence[Finding] = ()) -> Counts:
    approved = machine = stale = untranslated = 0
    for entry in catalog.entries:
        if entry.approved:
            approved += 1
        elif not entry.translated_text:
            untranslated += 1
        elif entry.stale:
            stale += 1
        else:
            machine += 1
    return Counts(approved, machine, stale, untranslated, len(findings))


def _files_stamp(paths: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    """Which files there are, with their modification time and size (a vanished one counts as changed)."""
    stamp = []
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            stamp.append((str(path), -1, -1))
        else:
            stamp.append((str(path), info.st_mtime_ns, info.st_size))
    return tuple(stamp)


def article_paths(paths: Sequence[Path]) -> None:
    """Refuse a path that is not there (the project's article search takes the rest)."""
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path}: no such article file or directory")


class Workspace:
    """The catalogs under ``locales`` that belong to the articles given (and to ``langs``, if given).

    Pages are built and the memory is read through ``project`` (the library's
    :class:`~newsl10n.workflow.Project`; by default one on ``locales``).
    """

    def __init__(
        self,
        locales: Path,
        articles: Sequence[Path],
        *,
        langs: Sequence[str] = (),
        glossary: Glossary | None = None,
        project: Project | None = None,
    ) -> None:
        from ..workflow import Project

        self.locales = locales
        self.langs = tuple(langs)
        self.glossary = glossary
        self.project = project if project is not None else Project(locales=locales, glossary=[], jobs=1, markdown_html=True)
        article_paths(articles)
        self.articles: list[Article] = self.project.articles(articles, to=self.langs)
        self._context: CheckContext | None = None
        self._memories: dict[tuple[str, str], tuple[tuple[tuple[str, int, int], ...], TranslationMemory]] = {}

    def check_context(self) -> CheckContext:
        """What ``newsl10n check`` would use by default, with this workspace's glossary (its morphology cached)."""
        if self._context is None:
            from ..checks import CheckContext
            from ..checks.terms import TermOracle

            self._context = CheckContext(glossary=TermOracle(self.glossary) if self.glossary else None)
        return self._context

    def terminology(self, loaded: Loaded) -> Terminology | None:
        """The glossary prepared for this catalog's language pair (None: no glossary, or no source language)."""
        from ..checks.terms import TermOracle
        from ..localize import primary_lang

        oracle = self.check_context().glossary
        src = loaded.catalog.source_language
        if not isinstance(oracle, TermOracle) or not src:
            return None
        return oracle.terminology(primary_lang(src), primary_lang(loaded.ref.lang))

    def memory(self, loaded: Loaded) -> TranslationMemory | None:
        """What ``translate`` would take from memory for this catalog's pair (None: no source language).

        Kept between pages while no catalog of the language (nor a ``tm`` file) changed on disk: a save
        changes one, and the next page reads them all again.
        """
        src = loaded.catalog.source_language
        if not src:
            return None
        lang = loaded.ref.lang
        stamp = _files_stamp([*sorted((self.locales / lang).rglob("*.po")), *(Path(p) for p in self.project.tm)])
        kept = self._memories.get((src, lang))
        if kept is None or kept[0] != stamp:
            kept = self._memories[(src, lang)] = (stamp, self.project.memory(src_lang=src, lang=lang))
        return kept[1]

    def refs(self) -> list[CatalogRef]:
        """Every catalog the app may show, by language then article: found afresh on each call."""
        out: list[CatalogRef] = []
        if not self.locales.is_dir():
            return out
        langs = self.langs or tuple(
            sorted(d.name for d in self.locales.iterdir() if (d / "LC_MESSAGES").is_dir() and d.name != "templates")
        )
        for lang in langs:
            for article in self.articles:
                po = catalog_path(self.locales, article.slug, lang)
                if po.is_file():
                    out.append(CatalogRef(lang, article.slug, po, article.path))
        return out

    def find(self, lang: str, slug: str) -> CatalogRef | None:
        """The catalog for (lang, slug) if it is one the app may show; names are compared, never joined as paths."""
        for ref in self.refs():
            if ref.lang == lang and ref.slug == slug:
                return ref
        return None

    def load(self, ref: CatalogRef) -> Loaded:
        return self.loaded_from(ref, read_bytes(ref.po))

    def page(self, ref: CatalogRef) -> str:
        """The localized page as ``newsl10n build`` makes it now, through the project's build (nothing written)."""
        built = self.project.build([ref.article], to=[ref.lang])
        return built.pages[0].built.html

    def change(self, ref: CatalogRef, *, key: Key, text: str | None, action: Action, base: str) -> Loaded | Conflict:
        """Apply one translator action to the entry ``key``, if the catalog still has the digest ``base``.

        ``text`` None keeps the current msgstr.  Returns the catalog as saved,
        or a :class:`Conflict` (nothing written).
        """

        def edit(loaded: Loaded) -> Catalog | None:
            entry = loaded.catalog.find(key[1], key[0])
            if entry is None:
                return None
            changed = edited(entry, text, action)
            return loaded.catalog.replace_entries(changed if e.key == key else e for e in loaded.catalog.entries)

        return self.rewrite(ref, edit, base=base, key=key, yours=text or "")

    def approve_all(self, ref: CatalogRef, pick: Callable[[Loaded], Iterable[Key]], *, base: str) -> Loaded | Conflict:
        """Approve, text unchanged, the entries ``pick`` chooses from the catalog (if it still has the digest ``base``)."""

        def edit(loaded: Loaded) -> Catalog:
            keys = set(pick(loaded))
            entries = (edited(e, None, Action.APPROVE) if e.key in keys else e for e in loaded.catalog.entries)
            return loaded.catalog.replace_entries(entries)

        return self.rewrite(ref, edit, base=base)

    def rewrite(
        self,
        ref: CatalogRef,
        edit: Callable[[Loaded], Catalog | None],
        *,
        base: str,
        key: Key | None = None,
        yours: str = "",
    ) -> Loaded | Conflict:
        """Under the locales lock: read the catalog; if it still has the digest ``base``, write ``edit``'s catalog atomically.

        ``edit`` returning None (the entry is gone) or a changed file is a
        :class:`Conflict` naming the entry ``key`` as it is on disk now.
        """
        from ..formats.po import generate_po

        with locked_dir(self.locales):
            loaded = self.load(ref)
            new = edit(loaded) if loaded.digest == base else None
            if new is None:
                return Conflict(ref, loaded.catalog.find(key[1], key[0]) if key else None, yours)
            if new == loaded.catalog:
                return loaded
            out = generate_po(new).encode("utf-8")
            try:
                write_files([FileWrite(ref.po, out, loaded.data)])
            except ConflictError:
                return Conflict(ref, None, yours)
        return self.loaded_from(ref, out)

    def loaded_from(self, ref: CatalogRef, data: bytes) -> Loaded:
        from ..formats.po import parse_po

        return Loaded(ref, parse_po(data, path=display_path(ref.po)), digest(data), data)


def clean_text(msgid: str, text: str) -> str:
    """A translation typed in a browser, made fit for the catalog: LF line ends, the msgid's leading/trailing newlines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    if msgid.startswith("\n"):
        text = "\n" + text
    if msgid.endswith("\n"):
        text += "\n"
    return text


def edited(entry: Entry, text: str | None, action: Action) -> Entry:
    """The entry after a translator's action (pure).  Plural entries are not edited here."""
    if entry.msgid_plural:
        raise UsageError("plural entries are edited in a PO editor, not in the review page")
    msgstr = entry.msgstr if text is None else clean_text(entry.msgid, text)
    origin = entry.origin if msgstr == entry.msgstr else HUMAN
    if not msgstr:
        return replace(entry, msgstr="", fuzzy=False, origin=HUMAN)
    if action is Action.APPROVE:
        return replace(entry, msgstr=msgstr, origin=origin, fuzzy=False, previous_msgid=None, previous_msgctxt=None,
                       previous_msgid_plural=None)
    if action is Action.REJECT:
        return replace(entry, msgstr=msgstr, origin=origin, fuzzy=True)
    fuzzy = entry.fuzzy or not entry.msgstr
    return replace(entry, msgstr=msgstr, origin=origin, fuzzy=fuzzy)


def origin_label(entry: Entry) -> str:
    """Where the translation came from, for people: ``machine: apertium:eng-spa@…``, ``memory 87%: path``."""
    origin = entry.origin
    if not entry.translated_text:
        return "none"
    if origin.kind is OriginKind.MT:
        return f"machine: {origin.source}"
    if origin.kind is OriginKind.TM:
        score = f" {origin.score:.0f}%" if origin.score is not None else ""
        return f"memory{score}: {origin.source}"
    if origin.kind is OriginKind.INTERFACE:
        return "interface string"
    return "human"

"""Where a command may write: outputs never land on inputs or on files newsl10n did not create.

newsl10n writes templates and catalogs (in the locales folder), pages (under
``--out``) and a check report (``--output``).  Catalogs are merged, never
replaced blindly: an existing catalog is read and its translator work kept.
Pages and reports replace what is there, so their places are checked before
a run does any work:

* no output is a file the run reads (an article, a catalog it checks, a glossary): a page
  over its source article (``build corpus/en/a.html --to en --out corpus``) is refused;
* ``--out`` is not inside the locales folder and holds none of the articles
  being translated (in a ``corpus/<lang>/<slug>.html`` layout, ``--out corpus``
  would write Spanish pages over Spanish sources);
* a report is not named like a catalog, an article or a glossary; inside a
  folder of catalogs (the locales folder, a folder being checked) only a
  report's name (``.txt``, ``.log``, ``.json``, ``.xml``) is taken; and an
  existing file is replaced only if it is a newsl10n report (or empty).

Every refusal is a :class:`~newsl10n.errors.UsageError` naming the path: exit 2, nothing written.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from .errors import UsageError
from .fsio import current_bytes, display_path, real_path

CATALOG_SUFFIXES = (".po", ".pot", ".mo")
GLOSSARY_SUFFIXES = (".tbx", ".csv", ".tsv")
#: Names that say "this is a report" (text, JSON, JUnit XML; a log).
REPORT_SUFFIXES = (".txt", ".log", ".json", ".xml")


def _real(path: Path) -> str:
    return real_path(path)


def _inside(path: str, folder: str) -> bool:
    """Whether real path ``path`` is ``folder`` or below it."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _article_suffixes() -> tuple[str, ...]:
    from .formats.readers import READERS

    return tuple(s for s in READERS.suffixes() if READERS.for_suffix(s) != READERS.get("text"))  # a report may be .txt


def check_run_outputs(
    *, catalogs: Iterable[Path], pages: Iterable[Path], inputs: Sequence[Path], locales: Path, out: Path | None = None
) -> None:
    """Refuse a run whose templates and catalogs, or pages, would land on what it reads.

    ``inputs`` are the articles of the run, ``locales`` its catalogs folder,
    ``out`` the pages folder (None for ``extract``).
    """
    display_path(locales)  # names that cannot be shown are refused now, not after the first write
    read = {_real(p): p for p in inputs}
    for path in catalogs:
        if _real(path) in read:
            raise UsageError("is an article of this run; an output would replace it", path=display_path(path))
    if out is None:
        return
    display_path(out)
    shown = out.as_posix()  # as the user wrote it: display_path would resolve a link
    for page in pages:
        source = read.get(_real(page))
        if source is not None:
            raise UsageError(
                f"--out {shown}: the page {display_path(page)} would replace the source article "
                f"{display_path(source)}; choose another --out"
            )
    real_out, real_locales = _real(out), _real(locales)
    if _inside(real_out, real_locales):
        raise UsageError(f"--out is inside the catalogs folder {display_path(locales)}; put pages elsewhere", path=shown)
    for real, article in read.items():
        if _inside(real, real_out):
            raise UsageError(
                f"--out holds {display_path(article)}, an article being translated: pages would be "
                "written among the source articles; put them elsewhere (default: build)",
                path=shown,
            )


def check_report_path(path: Path, *, inputs: Sequence[Path], folders: Sequence[Path]) -> bytes | None:
    """Refuse a report path (``check --output``) that would replace an input or a file newsl10n did not write.

    ``inputs`` are every file the check reads, ``folders`` the folders of
    catalogs (those checked, and the locales folder).  Returns the file's
    bytes as they are (None: no file) so that the writer replaces only that.
    """
    from .checks.report import looks_like_report

    shown = display_path(path)
    real = _real(path)
    if real in {_real(p) for p in inputs}:
        raise UsageError("is a file this check reads; the report would replace it", path=shown)
    suffix = path.suffix.lower()
    if suffix in CATALOG_SUFFIXES + GLOSSARY_SUFFIXES + _article_suffixes():
        raise UsageError(
            f"a report named {suffix} would pass for a catalog, article or glossary; "
            f"name it {', '.join(REPORT_SUFFIXES)}",
            path=shown,
        )
    for folder in folders:
        if suffix not in REPORT_SUFFIXES and _inside(real, _real(folder)):
            raise UsageError(
                f"is inside {display_path(folder)}, a folder of catalogs; a report there must be named "
                f"{', '.join(REPORT_SUFFIXES)}",
                path=shown,
            )
    now = current_bytes(path)
    if now is not None and not looks_like_report(now):
        raise UsageError(
            "exists and is not a newsl10n report; newsl10n replaces only files it wrote "
            "(remove it or choose another name)",
            path=shown,
        )
    return now

"""Loading glossary files and folders into one merged Glossary."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..fsio import unique_files
from .automaton import gc_paused
from .csvfile import read_csv
from .model import Conflict, Glossary
from .tbx import DEFAULT_MAX_BYTES, read_tbx

TBX_SUFFIXES = frozenset({".tbx", ".xml"})
CSV_SUFFIXES = frozenset({".csv", ".tsv"})
#: What a directory contributes (``.xml`` only when named explicitly).
DIRECTORY_SUFFIXES = frozenset({".tbx", ".csv", ".tsv"})


@dataclass(frozen=True)
class LoadResult:
    """The merged glossary, the files it came from and what merging them reported."""

    glossary: Glossary
    files: tuple[Path, ...]
    conflicts: tuple[Conflict, ...]


def expand_paths(paths: Sequence[Path]) -> list[Path]:
    """Files as given; directories replaced by their glossary files, sorted by name; each file once."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in DIRECTORY_SUFFIXES))
        elif path.exists():
            files.append(path)
        else:
            raise InputError("no such file or directory", path=str(path))
    return unique_files(files)


def read_glossary_file(
    path: Path,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Glossary:
    """Read one file, choosing the reader by extension."""
    suffix = path.suffix.lower()
    if suffix in TBX_SUFFIXES:
        return read_tbx(path, max_bytes=max_bytes)
    if suffix in CSV_SUFFIXES:
        return read_csv(path, src_lang=src_lang, tgt_lang=tgt_lang, max_bytes=max_bytes)
    raise InputError("not a glossary file (expected .tbx, .xml, .csv or .tsv)", path=str(path))


def load_glossary_report(
    paths: Sequence[Path],
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> LoadResult:
    """Read and merge every glossary file under ``paths``; keep the merge conflicts."""
    files = expand_paths(paths)
    with gc_paused():  # hundreds of thousands of small acyclic objects for a large glossary
        parts = [read_glossary_file(f, src_lang=src_lang, tgt_lang=tgt_lang, max_bytes=max_bytes) for f in files]
        merged, conflicts = Glossary.merge(*parts)
    return LoadResult(merged, tuple(files), tuple(conflicts))


def load_glossary(
    paths: Sequence[Path],
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Glossary:
    """Read and merge every glossary file under ``paths`` (see :func:`load_glossary_report`).

    ``src_lang``/``tgt_lang`` apply to headerless CSV/TSV files only.
    """
    return load_glossary_report(paths, src_lang=src_lang, tgt_lang=tgt_lang, max_bytes=max_bytes).glossary

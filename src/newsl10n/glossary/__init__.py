"""Terminology: TBX and CSV readers, an immutable Glossary, lint and a term matcher.

Typical use::

    glossary = load_glossary([Path("glossary")])
    problems = lint(glossary, languages=["en", "ru", "es"])
    matcher = TermMatcher(glossary, "en")
    hits = matcher.find("SPbPU and UPM signed the agreement.")
"""

from __future__ import annotations

from .automaton import Automaton, ScanStats
from .csvfile import parse_csv, read_csv
from .lint import LintReport, conflict_findings, lint
from .load import LoadResult, expand_paths, load_glossary, load_glossary_report, read_glossary_file
from .match import TermHit, TermMatcher
from .merge import merge_glossaries
from .model import Concept, Conflict, Glossary, Term, TermKind, TermStatus
from .tbx import DEFAULT_MAX_BYTES, parse_tbx, read_tbx

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Automaton",
    "Concept",
    "Conflict",
    "Glossary",
    "LintReport",
    "LoadResult",
    "ScanStats",
    "Term",
    "TermHit",
    "TermKind",
    "TermMatcher",
    "TermStatus",
    "conflict_findings",
    "expand_paths",
    "lint",
    "load_glossary",
    "load_glossary_report",
    "merge_glossaries",
    "parse_csv",
    "parse_tbx",
    "read_csv",
    "read_glossary_file",
    "read_tbx",
]

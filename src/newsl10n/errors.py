"""One exception tree for the whole package.

Every class carries the process exit code the CLI uses for it: 2, bad
input or usage (0 is fine; 1, findings, is a result, not an exception:
see :func:`newsl10n.checks.report.exit_code`).  Nothing here prints.
"""

from __future__ import annotations

import re

#: What cannot stand in one line of a log: C0 and C1 controls (newlines, ESC, NEL), DEL, line and
#: paragraph separators, bidirectional controls and marks, a BOM, and lone surrogates (the bytes of
#: a file name that is not UTF-8, as Python decodes them).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape): show the byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def one_line(text: str) -> str:
    """User text (a msgid, a msgstr, a file name, engine output) made safe to quote in a message.

    Every character that could start a new line in a log or terminal, steer
    a terminal or reorder what a reader sees is written as an escape
    (``\\n``, ``\\x1b``, ``\\u202e``); a byte of a file name that is not UTF-8
    as ``\\xe9``.  The result is one line, encodes as UTF-8, and is
    unchanged by a second call, so a message can pass through it at
    every edge.  The one helper for this: every message that quotes user
    text uses it.
    """
    return _UNSAFE.sub(_escape, text)


class Newsl10nError(Exception):
    """Base class: a problem the user can act on, reported as one line."""

    exit_code: int = 2

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path if self.line is None else f"{self.path}:{self.line}"
            where += ": "
        return one_line(f"{where}{self.message}")


class InputError(Newsl10nError):
    """A file we were asked to read is missing, unreadable or malformed."""


class UsageError(Newsl10nError):
    """The command line asks for something impossible (bad option, unknown language)."""


class OutputError(Newsl10nError):
    """An output location cannot be written."""


class ConflictError(OutputError):
    """A file we were about to replace changed on disk since we read it (someone else edited it)."""


class BusyError(OutputError):
    """Another newsl10n process holds the lock on a directory we need to write."""


class WorkerError(Newsl10nError):
    """A worker process died (killed, out of memory) before finishing its articles; nothing was written."""


class FindingsError(Newsl10nError):
    """Work done, with refusals to report: exit 1 (``import``: units refused, the others imported)."""

    exit_code = 1

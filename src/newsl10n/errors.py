"""One exception tree for the whole package.

Every class carries the process exit code the CLI uses for it: 0 fine,
1 findings, 2 bad input or usage.  Nothing here prints.
"""

from __future__ import annotations


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
        return f"{where}{self.message}"


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
    """Checks produced findings at or above the failing severity."""

    exit_code = 1

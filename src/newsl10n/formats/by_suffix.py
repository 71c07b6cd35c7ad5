"""A registry of parts known by name and by file suffix: article readers and catalog formats.

Suffixes are kept in lower case with their dot; a suffix belongs to one part only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, Protocol, TypeVar


class Named(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def suffixes(self) -> Sequence[str]: ...


P = TypeVar("P", bound=Named)


class BySuffix(Generic[P]):
    """Parts by name and by suffix; ``kind`` names them in errors ("reader", "catalog format")."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._by_name: dict[str, P] = {}
        self._by_suffix: dict[str, P] = {}

    def register(self, part: P) -> P:
        if part.name in self._by_name:
            raise ValueError(f"a {self.kind} named {part.name!r} is already registered")
        taken = [s for s in part.suffixes if s.lower() in self._by_suffix]
        if taken or not part.suffixes or not all(s.startswith(".") for s in part.suffixes):
            raise ValueError(f"{self.kind} {part.name!r}: suffixes must start with '.' and be new (taken: {taken})")
        self._by_name[part.name] = part
        for suffix in part.suffixes:
            self._by_suffix[suffix.lower()] = part
        return part

    def unregister(self, name: str) -> None:
        part = self._by_name.pop(name)
        for suffix in part.suffixes:
            self._by_suffix.pop(suffix.lower(), None)

    def get(self, name: str) -> P:
        return self._by_name[name]

    def names(self) -> tuple[str, ...]:
        return tuple(self._by_name)

    def suffixes(self) -> tuple[str, ...]:
        """Every registered suffix, in registration order."""
        return tuple(self._by_suffix)

    def for_suffix(self, suffix: str) -> P | None:
        return self._by_suffix.get(suffix.lower())

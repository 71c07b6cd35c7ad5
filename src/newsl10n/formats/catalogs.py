"""Catalog formats by name and suffix: PO now; XLIFF and TMX plug in the same way.

A catalog format is one module with two functions over the neutral
:class:`~newsl10n.catalog_model.Catalog`::

    def parse(data: bytes | str, *, path: str) -> Catalog: ...   # errors name the file and line
    def generate(catalog: Catalog) -> str: ...                    # pure

and one registration, naming the module (imported when the format is first
used, so registering costs nothing)::

    from newsl10n.formats.catalogs import CATALOG_FORMATS, CatalogFormat
    CATALOG_FORMATS.register(CatalogFormat("xliff", (".xlf", ".xliff"), "newsl10n.formats.xliff",
                                           parse="parse_xliff", generate="generate_xliff"))

``po`` is :mod:`newsl10n.formats.po` (``parse_po`` / ``generate_po``), the
only module that imports polib.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING, cast

from .by_suffix import BySuffix

if TYPE_CHECKING:
    from ..catalog_model import Catalog

Parse = Callable[..., "Catalog"]
Generate = Callable[["Catalog"], str]


@dataclass(frozen=True)
class CatalogFormat:
    """A registered catalog format: the module holding its functions and their names there."""

    name: str
    suffixes: tuple[str, ...]
    module: str
    parse: str = "parse"
    generate: str = "generate"

    def _function(self, attr: str) -> object:
        try:
            found = getattr(importlib.import_module(self.module), attr)
        except (ImportError, AttributeError) as exc:
            raise LookupError(f"catalog format {self.name!r}: {self.module}.{attr} is not available ({exc})") from exc
        if not callable(found):
            raise TypeError(f"catalog format {self.name!r}: {self.module}.{attr} is not a function")
        return found

    def parser(self) -> Parse:
        """``parse(data, *, path) -> Catalog``."""
        return cast(Parse, self._function(self.parse))

    def generator(self) -> Generate:
        """``generate(catalog) -> str``."""
        return cast(Generate, self._function(self.generate))

    def read(self, data: bytes | str, *, path: str) -> Catalog:
        return self.parser()(data, path=path)

    def write(self, catalog: Catalog) -> str:
        return self.generator()(catalog)


class CatalogFormatRegistry(BySuffix[CatalogFormat]):
    """Catalog formats by name and by suffix (lower case, with the dot)."""

    def __init__(self) -> None:
        super().__init__("catalog format")

    def for_path(self, path: PurePath) -> CatalogFormat | None:
        return self.for_suffix(path.suffix)


#: The package's catalog formats.
CATALOG_FORMATS = CatalogFormatRegistry()
CATALOG_FORMATS.register(CatalogFormat("po", (".po", ".pot"), "newsl10n.formats.po", parse="parse_po", generate="generate_po"))

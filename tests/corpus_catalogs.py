"""The golden corpus catalogs, read into the neutral model for the interchange tests."""

from __future__ import annotations

from pathlib import Path

from newsl10n.catalog_model import Catalog
from newsl10n.formats.po import parse_po

REPO = Path(__file__).resolve().parent.parent
GOLDEN_LOCALES = REPO / "tests" / "golden" / "data" / "locales"


def corpus_catalogs(lang: str | None = None) -> list[Path]:
    pattern = f"{lang or '*'}/LC_MESSAGES/*.po"
    return sorted(GOLDEN_LOCALES.glob(pattern))


def read_catalog(path: Path) -> Catalog:
    return parse_po(path.read_bytes(), path=str(path))

"""Engine test fixtures: no network at all; tiny real Argos packages come from tests/conftest.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from newsl10n.engines.models import install_file

from ..netguard import block_network

BuildPackage = Callable[..., Path]  # the tiny_package fixture (tests/conftest.py)


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Any connection or name lookup beyond loopback fails the test."""
    block_network(monkeypatch)
    yield


@pytest.fixture
def models_dir(tmp_path: Path) -> Path:
    return tmp_path / "models"


@pytest.fixture
def install(tiny_package: BuildPackage, models_dir: Path) -> Callable[..., Path]:
    """Install a tiny package into ``models_dir``; returns the package folder."""

    def run(from_code: str = "en", to_code: str = "ru", **options: Any) -> Path:
        return install_file(tiny_package(from_code, to_code, **options), models_dir).path

    return run

"""Fixtures for the glossary tests: the shared TBX samples and the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import SEED, SHARED_TBX


@pytest.fixture
def shared_tbx() -> Path:
    if not SHARED_TBX.is_dir():
        pytest.skip("../shared/tbx is not present (a user's clone)")
    return SHARED_TBX


@pytest.fixture
def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip("../shared/seeds is not present (a user's clone)")
    return SEED.read_text(encoding="utf-8")

"""The CLI's outputs for the whole corpus (templates, catalogs, pages) are byte-identical to the golden copy.

The copy was made with ``python -m tests.golden.corpus_run`` before the library redesign; a change that
means to change what users get regenerates it on purpose and says so.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from newsl10n.engines.models import install_file

from ..conftest import Result
from .corpus_run import GOLDEN, SWAPS, outputs, prepare, runs


def golden() -> dict[str, bytes]:
    return {p.relative_to(GOLDEN).as_posix(): p.read_bytes() for p in sorted(GOLDEN.rglob("*")) if p.is_file()}


@pytest.fixture
def work(tmp_path: Path, tiny_package: Callable[..., Path]) -> Path:
    def install(models: Path) -> None:
        install_file(tiny_package("en", "ru", swaps=SWAPS), models)

    prepare(tmp_path, install)
    return tmp_path


def test_cli_outputs_equal_the_golden_copy(cli: Callable[..., Result], work: Path) -> None:
    for args in runs():
        result = cli(*args)
        assert result.code == 0, (args, result.err)
    got, want = outputs(work), golden()
    assert sorted(got) == sorted(want)
    changed = [name for name in want if got[name] != want[name]]
    assert not changed, f"differs from the golden copy: {changed}"

"""docs/checks.md tells CI how to install newsl10n: every `pip install` line it gives works (not on PyPI)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO

DOC = REPO / "docs" / "checks.md"
GIT_PLACEHOLDER = "https://github.com/OWNER/newsl10n@TAG"


def _install_lines() -> list[str]:
    return [m.group(1).strip() for m in re.finditer(r"pip install ([^\n#]+)", DOC.read_text(encoding="utf-8"))]


def test_no_install_from_the_package_index() -> None:
    lines = _install_lines()
    assert lines, "docs/checks.md gives no install line"
    for line in lines:
        assert line.strip("\"'") != "newsl10n", "newsl10n is not published on PyPI"
        assert "git+" in line or line.startswith(("./", ".", "/")), line


def _local(line: str, tmp_path: Path) -> str:
    """The documented line pointed at this repository: its git URL → file://, ./newsl10n → the checkout."""
    if "git+" in line:
        if not (REPO / ".git").exists():
            pytest.skip("not a git checkout")
        return line.strip("\"'").replace(GIT_PLACEHOLDER, REPO.as_uri())
    link = tmp_path / "newsl10n"
    link.symlink_to(REPO, target_is_directory=True)
    return str(tmp_path / line)


@pytest.mark.parametrize("line", _install_lines())
def test_documented_install_line_resolves(line: str, tmp_path: Path) -> None:
    target = _local(line, tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--no-deps", "--no-build-isolation", "--no-index",
         "--disable-pip-version-check", target],
        capture_output=True, text=True, check=False, timeout=300, cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Would install newsl10n-" in proc.stdout

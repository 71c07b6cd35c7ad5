"""fsio.real_path is os.path.realpath (folders remembered), and display_path follows the links it resolves."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsl10n.fsio import display_path, real_path


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with a real folder, a link to it, a linked file, a dangling link and a loop."""
    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    (real / "a.html").write_text("a")
    (real / "sub" / "b.html").write_text("b")
    (tmp_path / "linked").symlink_to(real)
    (real / "alias.html").symlink_to(real / "sub" / "b.html")
    (real / "dangling.html").symlink_to(tmp_path / "nowhere.html")
    (real / "loop").symlink_to(real / "loop")
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "c.html").write_text("c")
    (tmp_path / "away").symlink_to(outside)
    monkeypatch.chdir(tmp_path)
    return tmp_path


NAMES = [
    "real/a.html", "linked/a.html", "linked/sub/b.html", "real/alias.html", "linked/alias.html",
    "real/dangling.html", "real/missing.html", "missing/x.html", "linked/sub/../a.html", "real/./a.html",
    "real//sub/b.html", ".", "real", "linked", "away/c.html", "real/loop", "linked/loop/x",
]


@pytest.mark.parametrize("name", NAMES)
def test_real_path_agrees_with_realpath(tree: Path, name: str) -> None:
    for form in (name, str(tree / name)):
        assert real_path(form) == os.path.realpath(form), form
        assert real_path(form) == os.path.realpath(form), form  # the second time, from the remembered folder


@pytest.mark.parametrize("name", NAMES)
def test_display_path_is_relative_to_the_working_folder_after_links(tree: Path, name: str) -> None:
    real, here = Path(os.path.realpath(name)), Path(os.path.realpath(os.getcwd()))  # a loop is no error
    expected = real.relative_to(here).as_posix() if real.is_relative_to(here) else Path(name).as_posix()
    assert display_path(Path(name)) == expected


def test_a_folder_replaced_by_a_link_is_resolved_again(tree: Path) -> None:
    assert display_path(Path("moved/a.html")) == "moved/a.html"
    os.rename("real", "elsewhere")
    os.symlink("elsewhere", "real")
    assert real_path("real/a.html") == os.path.realpath("real/a.html") == str(tree / "elsewhere" / "a.html")
    Path("moved").mkdir()
    assert real_path("moved/a.html") == str(tree / "moved" / "a.html")
    os.rmdir("moved")
    os.symlink("elsewhere", "moved")
    assert display_path(Path("moved/a.html")) == "elsewhere/a.html"


def test_the_working_folder_moving_is_followed(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert display_path(tree / "real" / "a.html") == "real/a.html"
    monkeypatch.chdir(tree / "real")
    assert display_path(tree / "real" / "a.html") == "a.html"
    assert display_path(Path("a.html")) == "a.html"

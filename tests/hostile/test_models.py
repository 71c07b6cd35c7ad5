"""Hostile model archives through ``newsl10n models install FILE.argosmodel``: refused, models dir unchanged.

Each archive is the tiny real package with one thing made hostile.  The
models directory already holds an installed package, which must stay as it
was, byte for byte, with nothing extracted anywhere else.
"""

from __future__ import annotations

import random
import stat
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from ..archive_edits import TOP, Edit, Extra, edit_metadata, members, set_member, write_zip
from ..conftest import BuildPackage, Result
from .conftest import Cli, Project, snapshot


def _link(name: str, target: str) -> Extra:
    def extra(zf: zipfile.ZipFile) -> None:
        info = zipfile.ZipInfo(name)
        info.create_system = 3
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, target)

    return extra


def _bomb(zf: zipfile.ZipFile) -> None:
    zf.writestr(f"{TOP}/weights.bin", bytes(16 * 1024 * 1024), compress_type=zipfile.ZIP_DEFLATED)


def _many_small_bombs(zf: zipfile.ZipFile) -> None:
    """300 members of 1,048,575 zeros: each just under the per-member ratio floor (a 342 KB archive, 315 MB out)."""
    for number in range(300):
        zf.writestr(f"{TOP}/pad/{number:03}.bin", bytes(1024 * 1024 - 1), compress_type=zipfile.ZIP_DEFLATED)


def _lie_about_size(path: Path) -> None:
    """Rewrite the declared uncompressed size of metadata.json to 10 bytes, in both headers."""
    data = bytearray(path.read_bytes())
    name = f"{TOP}/metadata.json".encode()
    with zipfile.ZipFile(path) as zf:
        local = zf.getinfo(name.decode()).header_offset
        central: int = zf.start_dir  # type: ignore[attr-defined]
    struct.pack_into("<I", data, local + 22, 10)
    while True:
        name_len = struct.unpack_from("<H", data, central + 28)[0]
        if bytes(data[central + 46 : central + 46 + name_len]) == name:
            struct.pack_into("<I", data, central + 24, 10)
            break
        extra_len, comment_len = struct.unpack_from("<HH", data, central + 30)
        central += 46 + name_len + extra_len + comment_len
    path.write_bytes(bytes(data))


@dataclass(frozen=True)
class Case:
    id: str
    fragment: str
    edit: Edit | None = None
    extra: Extra | None = None
    post: Callable[[Path], None] | None = None
    raw: bytes | None = None
    options: dict[str, str] = field(default_factory=dict)


CASES = [
    Case("zip-slip", "'../../evil.txt' has an empty, '.' or '..' path component", set_member("../../evil.txt", b"pwned")),
    Case("zip-slip-inside", "'..' path component", set_member(f"{TOP}/../../evil.txt", b"pwned")),
    Case("absolute-path", "has an absolute path", set_member("/tmp/newsl10n-evil.txt", b"pwned")),
    Case("symlink", "is a symbolic link", extra=_link(f"{TOP}/model/vocab", "/etc/passwd")),
    Case("symlink-top", "is a symbolic link", extra=_link("evil", "/")),
    Case("zip-bomb", "a zip bomb?", extra=_bomb),
    Case("zip-bomb-many-small-members", "expands", extra=_many_small_bombs),
    Case("missing-metadata", "metadata.json is missing", set_member(f"{TOP}/metadata.json", None)),
    Case("metadata-not-json", "metadata.json is not valid JSON", set_member(f"{TOP}/metadata.json", b"{'from_code': 'en'")),
    Case("metadata-unknown-language", "from_code 'klingon' is not a known language code", edit_metadata(from_code="klingon")),
    Case("metadata-not-a-translation", "type is 'sbd', not 'translate'", edit_metadata(type="sbd")),
    Case("metadata-wrong-types", "package_version is not a string", edit_metadata(package_version=["1", "0"])),
    Case("metadata-huge", "too large", set_member(f"{TOP}/metadata.json", b'{"pad": "%s"}' % random.Random(0).randbytes(600_000).hex().encode())),
    Case("no-model", "model/model.bin is missing", set_member(f"{TOP}/model/model.bin", None)),
    Case("size-header-lies", "metadata.json", post=_lie_about_size),
    Case("not-a-zip", "not an .argosmodel (zip) archive", raw=b"this is not a zip file at all"),
    Case("empty-file", "not an .argosmodel (zip) archive", raw=b""),
]


@pytest.fixture
def models(cli: Cli, project: Project, tiny_package: BuildPackage) -> Path:
    """A models directory inside the project, with one package (ru→en) already installed."""
    folder = project.root / "models"
    assert cli("models", "--models-dir", folder, "install", tiny_package("ru", "en")).code == 0
    return folder


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_archive_is_refused(
    case: Case, project: Project, models: Path, tiny_package: BuildPackage, refused: Callable[..., Result], tmp_path: Path
) -> None:
    archive = project.root / "bad.argosmodel"
    if case.raw is not None:
        archive.write_bytes(case.raw)
    else:
        entries = members(tiny_package("en", "ru"))
        if case.edit is not None:
            case.edit(entries)
        write_zip(archive, entries, case.extra)
        if case.post is not None:
            case.post(archive)
    models_before = snapshot(models)
    refused("models", "--models-dir", "models", "install", "bad.argosmodel", where="bad.argosmodel", fragment=case.fragment)
    assert snapshot(models) == models_before
    assert not (tmp_path.parent / "evil.txt").exists() and not Path("/tmp/newsl10n-evil.txt").exists()


def test_install_into_a_models_dir_that_is_a_file(project: Project, tiny_package: BuildPackage, refused: Callable[..., Result]) -> None:
    (project.root / "models").write_text("not a folder", encoding="utf-8")
    archive = tiny_package("en", "ru")
    result = refused("models", "--models-dir", "models", "install", archive, where=None, fragment="models")
    assert "not a folder" == (project.root / "models").read_text(encoding="utf-8") and result.code == 2


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["install", "en", "klingon"], "unknown language code 'klingon'"),
        (["install", "a", "b", "c"], "install takes FROM TO"),
        (["install", "missing.argosmodel"], "no such file"),
        (["remove", "nothing-here"], "no model 'nothing-here'"),
    ],
    ids=["unknown-language", "three-arguments", "missing-file", "remove-unknown"],
)
def test_models_usage_errors(args: list[str], fragment: str, models: Path, refused: Callable[..., Result]) -> None:
    refused("models", "--models-dir", "models", *args, where=None, fragment=fragment)

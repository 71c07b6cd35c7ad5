"""The models directory: where it is, listing, safe install from a file and from the index, removal."""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
import threading
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsl10n.engines import models
from newsl10n.engines.models import (
    default_models_dir,
    install_file,
    install_online,
    list_models,
    remove_model,
    resolve_models_dir,
)
from newsl10n.errors import InputError, OutputError, UsageError

from ..archive_edits import TOP, edit_metadata, members, set_member, write_zip
from .conftest import BuildPackage


def snapshot(root: Path) -> dict[str, str]:
    """Every path under ``root`` with its type and content hash."""
    if not root.exists():
        return {}
    out = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            out[rel] = "link:" + os.readlink(path)
        elif path.is_dir():
            out[rel] = "dir"
        else:
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def _symlink(zf: zipfile.ZipFile) -> None:
    info = zipfile.ZipInfo(f"{TOP}/evil")
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    zf.writestr(info, "/etc/passwd")


def _fifo(zf: zipfile.ZipFile) -> None:
    info = zipfile.ZipInfo(f"{TOP}/pipe")
    info.create_system = 3
    info.external_attr = (stat.S_IFIFO | 0o644) << 16
    zf.writestr(info, "")


def _bomb(zf: zipfile.ZipFile) -> None:
    zf.writestr(f"{TOP}/padding.bin", bytes(8 * 1024 * 1024))  # 8 MiB of zeros deflate about 1000-fold


def _small_bombs(zf: zipfile.ZipFile) -> None:
    """Each member under the per-member floor (1 MiB); together 40 MiB from about 45 KB."""
    for number in range(40):
        zf.writestr(f"{TOP}/pad/{number:02}.bin", bytes(1024 * 1024 - 1))


# (id, edit of the member table, extra writer, install options, text expected in the message)
MALFORMED: list[tuple[str, Any, Any, dict[str, int], str]] = [
    ("zip-slip", set_member("../x", b"pwned"), None, {}, "'../x'"),
    ("zip-slip-inside", set_member(f"{TOP}/../../x", b"pwned"), None, {}, "'..'"),
    ("absolute", set_member("/tmp/x", b"pwned"), None, {}, "absolute"),
    ("drive-letter", set_member("C:/x", b"pwned"), None, {}, "absolute"),
    ("backslash", set_member(f"{TOP}\\..\\x", b"pwned"), None, {}, "backslash"),
    ("symlink", None, _symlink, {}, "symbolic link"),
    ("fifo", None, _fifo, {}, "not a regular file"),
    ("two-top-level", set_member("other/readme.txt", b"hi"), None, {}, "one top-level folder"),
    ("file-at-top", set_member("readme.txt", b"hi"), None, {}, "outside the package folder"),
    ("no-metadata", set_member(f"{TOP}/metadata.json", None), None, {}, "metadata.json is missing"),
    ("invalid-json", set_member(f"{TOP}/metadata.json", b"{not json"), None, {}, "not valid JSON"),
    ("json-list", set_member(f"{TOP}/metadata.json", b"[]"), None, {}, "not a JSON object"),
    ("unknown-language", edit_metadata(from_code="xx"), None, {}, "'xx' is not a known language code"),
    ("not-translate", edit_metadata(type="sbd"), None, {}, "not 'translate'"),
    ("no-model", set_member(f"{TOP}/model/model.bin", None), None, {}, "model/model.bin is missing"),
    ("no-tokenizer", set_member(f"{TOP}/sentencepiece.model", None), None, {}, "sentencepiece.model"),
    ("oversize", None, None, {"max_bytes": 100_000}, "uncompressed size exceeds 100000"),
    ("too-many-members", None, None, {"max_members": 3}, "members (limit 3)"),
    ("bomb", None, _bomb, {}, "zip bomb"),
    ("bomb-in-small-members", None, _small_bombs, {}, "fold as a whole"),
]


@pytest.fixture
def good(tiny_package: BuildPackage) -> Path:
    return tiny_package("en", "ru")


@pytest.mark.parametrize("case", MALFORMED, ids=[c[0] for c in MALFORMED])
def test_install_refuses_malformed_archive_and_changes_nothing(
    case: tuple[str, Any, Any, dict[str, int], str], good: Path, tiny_package: BuildPackage, models_dir: Path,
    tmp_path: Path,
) -> None:
    _id, edit, extra, options, expected = case
    earlier = install_file(tiny_package("ru", "en"), models_dir)
    entries = members(good)
    if edit is not None:
        edit(entries)
    bad = write_zip(tmp_path / "bad.argosmodel", entries, extra)
    before = snapshot(models_dir)
    with pytest.raises(InputError) as info:
        install_file(bad, models_dir, **options)
    message = str(info.value)
    assert message.startswith(str(bad) + ": ") and "\n" not in message
    assert expected in message
    assert snapshot(models_dir) == before
    assert list_models(models_dir) == [earlier]
    assert not (tmp_path / "x").exists()


def test_refused_replacement_keeps_the_installed_package(good: Path, models_dir: Path, tmp_path: Path) -> None:
    install_file(good, models_dir)
    entries = members(good)
    entries[f"{TOP}/metadata.json"] = b"{broken"
    before = snapshot(models_dir)
    with pytest.raises(InputError, match="not valid JSON"):
        install_file(write_zip(tmp_path / f"{TOP}.argosmodel", entries), models_dir)
    assert snapshot(models_dir) == before


@pytest.mark.parametrize("content", [b"", b"not a zip at all", b"PK\x03\x04 truncated"], ids=["empty", "text", "truncated"])
def test_install_refuses_non_zip(content: bytes, models_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.argosmodel"
    bad.write_bytes(content)
    with pytest.raises(InputError, match="not an .argosmodel"):
        install_file(bad, models_dir)
    assert not models_dir.exists()


def test_install_missing_file(models_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        install_file(tmp_path / "nope.argosmodel", models_dir)


def test_install_list_remove(good: Path, models_dir: Path) -> None:
    model = install_file(good, models_dir)
    assert (model.name, model.from_code, model.to_code, model.version, model.ok) == (TOP, "en", "ru", "1.0", True)
    assert model.path == models_dir / TOP and model.size > 0
    assert list_models(models_dir) == [model]
    assert sorted(p.name for p in models_dir.iterdir()) == [TOP]  # no temporary folder left
    assert remove_model(TOP, models_dir) == model
    assert list_models(models_dir) == [] and list(models_dir.iterdir()) == []


def test_install_replaces_same_name(tiny_package: BuildPackage, models_dir: Path) -> None:
    install_file(tiny_package("en", "ru"), models_dir)
    newer = tiny_package("en", "ru", swaps={"police": "court"}, name=TOP)
    install_file(newer, models_dir)
    assert [p.name for p in models_dir.iterdir()] == [TOP]
    assert snapshot(models_dir / TOP) == snapshot_of_archive(newer)


def snapshot_of_archive(archive: Path) -> dict[str, str]:
    out = {}
    for name, data in members(archive).items():
        rel = name.rstrip("/").split("/", 1)[1] if "/" in name.rstrip("/") else ""
        if rel:
            out[rel] = "dir" if name.endswith("/") else hashlib.sha256(data).hexdigest()
    return out


def test_failure_while_extracting_leaves_models_dir_as_it_was(
    good: Path, tiny_package: BuildPackage, models_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_file(good, models_dir)
    before = snapshot(models_dir)
    real = models._extract_member
    calls = []

    def disk_full(zf: zipfile.ZipFile, info: zipfile.ZipInfo, dest: Path, budget: int) -> int:
        calls.append(info.filename)
        if len(calls) > 2:
            raise OSError(28, "No space left on device")
        return real(zf, info, dest, budget)

    monkeypatch.setattr(models, "_extract_member", disk_full)
    with pytest.raises(OutputError, match="No space left"):
        install_file(tiny_package("en", "ru", swaps={"police": "court"}, name=TOP), models_dir)
    assert snapshot(models_dir) == before


def test_failed_install_into_new_dir_leaves_no_dir(good: Path, tmp_path: Path) -> None:
    target = tmp_path / "new" / "models"
    with pytest.raises(InputError):
        install_file(good, target, max_bytes=10)
    assert not target.exists()


def test_listing_tolerates_broken_folders(good: Path, models_dir: Path, tmp_path: Path) -> None:
    model = install_file(good, models_dir)
    (models_dir / "empty").mkdir()
    (models_dir / "bad-json").mkdir()
    (models_dir / "bad-json" / "metadata.json").write_text("{", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (models_dir / "linked").symlink_to(outside)
    (models_dir / "stray.argosmodel").write_bytes(b"not a folder")
    listed = {m.name: m for m in list_models(models_dir)}
    assert set(listed) == {TOP, "empty", "bad-json", "linked"}
    assert listed[TOP] == model
    assert listed["empty"].problem == "metadata.json is missing"
    assert "not valid JSON" in (listed["bad-json"].problem or "")
    assert "symbolic link" in (listed["linked"].problem or "")
    assert "broken" in str(listed["empty"])


def test_list_of_missing_dir_is_empty(tmp_path: Path) -> None:
    assert list_models(tmp_path / "nothing") == []


def test_remove_refuses_unknown_and_symlinks(good: Path, models_dir: Path, tmp_path: Path) -> None:
    install_file(good, models_dir)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious.txt").write_text("keep", encoding="utf-8")
    (models_dir / "linked").symlink_to(outside)
    for name in ("nope", "../outside", "linked", ".", ""):
        with pytest.raises(UsageError):
            remove_model(name, models_dir)
    assert (outside / "precious.txt").read_text(encoding="utf-8") == "keep"
    assert (models_dir / TOP).is_dir()


def test_remove_broken_folder(models_dir: Path) -> None:
    (models_dir / "junk" / "sub").mkdir(parents=True)
    assert remove_model("junk", models_dir).problem == "metadata.json is missing"
    assert list(models_dir.iterdir()) == []


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"NEWSL10N_MODELS_DIR": "/m", "XDG_DATA_HOME": "/x", "HOME": "/h"}, "/m"),
        ({"XDG_DATA_HOME": "/x", "HOME": "/h"}, "/x/newsl10n/models"),
        ({"XDG_DATA_HOME": "relative", "HOME": "/h"}, "/h/.local/share/newsl10n/models"),
        ({"NEWSL10N_MODELS_DIR": "", "HOME": "/h"}, "/h/.local/share/newsl10n/models"),
    ],
    ids=["env", "xdg", "xdg-relative-ignored", "home"],
)
def test_default_models_dir(environ: dict[str, str], expected: str) -> None:
    assert default_models_dir(environ) == Path(expected)


def test_resolve_models_dir_prefers_option() -> None:
    assert resolve_models_dir("/opt/m", {"NEWSL10N_MODELS_DIR": "/m"}) == Path("/opt/m")
    assert resolve_models_dir(None, {"NEWSL10N_MODELS_DIR": "/m"}) == Path("/m")


# -- install_online ---------------------------------------------------------------------------


def test_index_url_is_argostranslates_default() -> None:
    source = Path(__import__("importlib.util").util.find_spec("argostranslate").origin).parent / "settings.py"
    text = source.read_text(encoding="utf-8")
    assert models.ARGOS_INDEX_URL.removesuffix("index.json") in text


def test_network_is_blocked_in_tests() -> None:
    import socket

    with pytest.raises(AssertionError, match="network"):
        socket.create_connection(("192.0.2.1", 80), timeout=0.1)


def test_online_install_unreachable_index_fails_fast(models_dir: Path) -> None:
    started = time.monotonic()
    with pytest.raises(InputError) as info:
        install_online("en", "ru", models_dir, index_url="http://127.0.0.1:9/index.json", timeout=2.0)
    assert time.monotonic() - started < 5
    message = str(info.value)
    assert message.startswith("cannot reach the Argos package index http://127.0.0.1:9/index.json (")
    assert message.endswith("install a downloaded .argosmodel with `newsl10n models install FILE`")
    assert not models_dir.exists()


def test_online_install_offline(models_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def offline(*args: Any, **kwargs: Any) -> Any:
        raise urllib.error.URLError(OSError(-3, "Temporary failure in name resolution"))

    monkeypatch.setattr(urllib.request, "urlopen", offline)
    with pytest.raises(InputError, match=r"cannot reach the Argos package index .*name resolution.*models install FILE"):
        install_online("en", "ru", models_dir)


@pytest.fixture
def hanging(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    release = threading.Event()

    def hang(*args: Any, **kwargs: Any) -> Any:
        release.wait(10)
        raise urllib.error.URLError("released")

    monkeypatch.setattr(urllib.request, "urlopen", hang)
    yield
    release.set()


@pytest.mark.usefixtures("hanging")
def test_online_install_has_a_hard_deadline(models_dir: Path) -> None:
    started = time.monotonic()
    with pytest.raises(InputError, match=r"no answer within 0.2 s"):
        install_online("en", "ru", models_dir, timeout=0.2)
    assert time.monotonic() - started < 3


class FakeResponse(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.headers = {"Content-Length": str(len(data))}


def fake_web(monkeypatch: pytest.MonkeyPatch, pages: dict[str, bytes]) -> list[str]:
    fetched: list[str] = []

    def urlopen(request: urllib.request.Request, timeout: float = 0) -> FakeResponse:
        assert timeout > 0
        fetched.append(request.full_url)
        if request.full_url not in pages:
            raise urllib.error.HTTPError(request.full_url, 404, "Not Found", {}, None)  # type: ignore[arg-type]
        return FakeResponse(pages[request.full_url])

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    return fetched


def test_online_install_picks_newest_and_installs(
    tiny_package: BuildPackage, models_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = [
        {"type": "translate", "from_code": "en", "to_code": "ru", "package_version": "1.0",
         "links": ["https://example.org/old.argosmodel"]},
        {"type": "translate", "from_code": "en", "to_code": "ru", "package_version": "1.10",
         "links": ["https://mirror.invalid/dead.argosmodel", "https://example.org/new.argosmodel"]},
        {"type": "sbd", "from_code": "en", "to_code": "ru", "package_version": "9.0", "links": []},
    ]
    pages = {
        models.ARGOS_INDEX_URL: json.dumps(index).encode(),
        "https://example.org/new.argosmodel": tiny_package("en", "ru", version="1.10").read_bytes(),
    }
    fetched = fake_web(monkeypatch, pages)
    seen: list[tuple[int, int | None]] = []
    model = install_online("en", "ru", models_dir, progress=lambda done, total: seen.append((done, total)))
    assert (model.name, model.version) == ("translate-en_ru-1_10", "1.10")
    assert fetched == [models.ARGOS_INDEX_URL, "https://mirror.invalid/dead.argosmodel",
                       "https://example.org/new.argosmodel"]
    assert seen and seen[-1][0] == seen[-1][1]
    assert [p.name for p in models_dir.iterdir()] == ["translate-en_ru-1_10"]  # the download is gone


def test_online_install_unknown_pair(models_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index = [{"type": "translate", "from_code": "en", "to_code": "es", "package_version": "1.0", "links": []}]
    fake_web(monkeypatch, {models.ARGOS_INDEX_URL: json.dumps(index).encode()})
    with pytest.raises(UsageError, match="no package en→ru; it has: en→es"):
        install_online("en", "ru", models_dir)
    assert not models_dir.exists()


def test_online_install_bad_download_changes_nothing(
    good: Path, models_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_file(good, models_dir)
    before = snapshot(models_dir)
    index = [{"from_code": "en", "to_code": "ru", "package_version": "2.0", "links": ["https://example.org/x"]}]
    fake_web(monkeypatch, {models.ARGOS_INDEX_URL: json.dumps(index).encode(), "https://example.org/x": b"junk"})
    with pytest.raises(InputError, match="not an .argosmodel"):
        install_online("en", "ru", models_dir)
    assert snapshot(models_dir) == before


def test_online_install_all_mirrors_fail(models_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index = [{"from_code": "en", "to_code": "ru", "package_version": "1.0",
              "links": ["https://a.example/p.argosmodel", "ftp://b.example/p.argosmodel", "https://c.example/p"]}]
    fetched = fake_web(monkeypatch, {models.ARGOS_INDEX_URL: json.dumps(index).encode()})
    with pytest.raises(InputError, match=r"cannot download the package \(https://a.example/p.argosmodel: HTTP Error 404"):
        install_online("en", "ru", models_dir)
    assert fetched[1:] == ["https://a.example/p.argosmodel", "https://c.example/p"]  # ftp:// is never tried
    assert not models_dir.exists()

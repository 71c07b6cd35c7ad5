"""Editing the tiny Argos package as a zip, for tests of ``models install``: members in, edits, members out."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

TOP = "translate-en_ru-1_0"  # the one top folder of the tiny en→ru package
Edit = Callable[[dict[str, bytes]], None]
Extra = Callable[[zipfile.ZipFile], None]


def members(archive: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(archive) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def write_zip(path: Path, entries: dict[str, bytes], extra: Extra | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
        if extra is not None:
            extra(zf)
    return path


def set_member(name: str, data: bytes | None) -> Edit:
    """Replace (or, with None, delete) one member."""

    def edit(entries: dict[str, bytes]) -> None:
        if data is None:
            del entries[name]
        else:
            entries[name] = data

    return edit


def edit_metadata(**changes: object) -> Edit:
    """Change fields of the package's metadata.json."""

    def edit(entries: dict[str, bytes]) -> None:
        meta = json.loads(entries[f"{TOP}/metadata.json"])
        meta.update(changes)
        entries[f"{TOP}/metadata.json"] = json.dumps(meta).encode()

    return edit

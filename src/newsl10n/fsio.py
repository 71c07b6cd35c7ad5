"""The file system edge: reading bytes with encoding detection, atomic writes.

Writes go to a temporary file in the target directory, are flushed to disk
and renamed over the target, so a reader sees the old file or the new one,
never half of one.  Nothing here deletes a file it did not create.
"""

from __future__ import annotations

import codecs
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, OutputError

MAX_INPUT_BYTES = 64 * 1024 * 1024

#: Byte-order marks and the codecs they announce, longest first (UTF-32 LE starts like UTF-16 LE).
BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.-]+)""")


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    how: str  # "bom", "declared", "utf-8", "detected", "given"


def read_bytes(path: Path, *, limit: int = MAX_INPUT_BYTES) -> bytes:
    """Read a whole input file, with one-line errors for the usual failures."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(f"file is {size:,} bytes; the limit is {limit:,}", path=str(path))
        return path.read_bytes()
    except IsADirectoryError:
        raise InputError("is a directory, not a file", path=str(path)) from None
    except FileNotFoundError:
        raise InputError("no such file", path=str(path)) from None
    except PermissionError:
        raise InputError("permission denied", path=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=str(path)) from None


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes, *, path: str, encoding: str | None = None, markup: bool = True) -> DecodedText:
    """Bytes → text: the given encoding, else a BOM, else the declared charset,
    else UTF-8, else detection.  Undecodable bytes are an error naming the line."""
    if encoding is not None:
        codec = _codec(encoding)
        if codec is None:
            raise InputError(f"unknown encoding {encoding!r}", path=path)
        return DecodedText(_strict(data, codec, path), codec, "given")
    for bom, codec in BOMS:
        if data.startswith(bom):
            return DecodedText(_strict(data[len(bom) :], codec, path), codec, "bom")
    if markup:
        head = data[:4096]
        declared = _XML_DECL.search(head) or _META_CHARSET.search(head)
        if declared:
            codec = _codec(declared.group(1).decode("ascii"))
            if codec is None:
                raise InputError(f"declares unknown charset {declared.group(1).decode('ascii')!r}", path=path)
            if codec in ("utf-16", "utf-16-le", "utf-16-be", "utf-32"):
                codec = "utf-8"  # an ASCII-compatible file cannot really be UTF-16
            return DecodedText(_strict(data, codec, path, declared=True), codec, "declared")
    try:
        return DecodedText(data.decode("utf-8"), "utf-8", "utf-8")
    except UnicodeDecodeError:
        pass
    return _detect(data, path)


def _detect(data: bytes, path: str) -> DecodedText:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1251", "koi8_r", "cp1252", "latin_1", "utf_16", "mac_cyrillic"]).best()
    if best is None:
        raise InputError("cannot tell the text encoding; give it with --encoding", path=path)
    codec = _codec(best.encoding) or best.encoding
    return DecodedText(str(best), codec, "detected")


def _strict(data: bytes, codec: str, path: str, *, declared: bool = False) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        hint = " (the declared charset is wrong? give the real one with --encoding)" if declared else ""
        raise InputError(f"byte 0x{data[exc.start]:02x} is not valid {codec}{hint}", path=path, line=line) from None


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (temporary file, fsync, rename)."""
    directory = path.parent
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create directory: {exc.strerror or exc}", path=str(directory)) from None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"cannot write here: {exc.strerror or exc}", path=str(directory)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=str(path)) from None
    _fsync_dir(directory)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def display_path(path: Path) -> str:
    """The path as users should read it: relative to the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()

"""The file system edge: reading bytes with encoding detection, atomic writes, locks.

Writes go to a temporary file in the target directory, are flushed to disk
and renamed over the target, so a reader sees the old file or the new one,
never half of one.  :func:`write_files` stages several files before renaming
any, and refuses to replace a file that changed since it was read (a
translator saving a catalog while a run was busy).  :func:`locked_dir` keeps
two newsl10n runs from updating the same catalogs at once.  Nothing here
deletes a file it did not create.
"""

from __future__ import annotations

import codecs
import contextlib
import enum
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .errors import BusyError, ConflictError, InputError, OutputError

MAX_INPUT_BYTES = 64 * 1024 * 1024
#: An article larger than this is refused before it is read: a news article is rarely over 1 MB, and
#: processing costs about 45 bytes of memory per byte of HTML (a 5 MB page: 20 s, 240 MB).
MAX_ARTICLE_BYTES = 10 * 1024 * 1024
TEMP_PREFIX = ".newsl10n-"  # temporary files: hidden, never matched by *.po or *.html

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


def read_bytes(path: Path, *, limit: int = MAX_INPUT_BYTES, what: str = "file") -> bytes:
    """Read a whole input file, with one-line errors for the usual failures.

    Only regular files are read (never a device, pipe or socket such as
    ``/dev/zero``), and never more than ``limit`` bytes, whatever ``stat`` said.
    """
    try:
        with _open_nonblocking(path) as fh:
            info = os.fstat(fh.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError
            if not stat.S_ISREG(info.st_mode):
                raise InputError("not a regular file (a device, pipe or socket?)", path=str(path))
            if info.st_size > limit:
                raise InputError(f"{what} is {info.st_size:,} bytes; the limit is {limit:,}", path=str(path))
            data = fh.read(limit + 1)
    except IsADirectoryError:
        raise InputError("is a directory, not a file", path=str(path)) from None
    except FileNotFoundError:
        raise InputError("no such file", path=str(path)) from None
    except PermissionError:
        raise InputError("permission denied", path=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=str(path)) from None
    if len(data) > limit:
        raise InputError(f"{what} grew past the limit of {limit:,} bytes while being read", path=str(path))
    return data


def _open_nonblocking(path: Path) -> BinaryIO:
    """Open for reading without blocking: opening a FIFO would otherwise wait for a writer."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    return os.fdopen(fd, "rb")


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
            if codec != "utf-8" and not data.isascii() and _is_utf8(data):
                raise InputError(
                    f"declares charset {declared.group(1).decode('ascii')} but the text is UTF-8; "
                    "fix the declaration or give the encoding with --encoding",
                    path=path,
                    line=_first_non_ascii_line(data),
                )
            return DecodedText(_strict(data, codec, path, declared=True), codec, "declared")
    try:
        return DecodedText(data.decode("utf-8"), "utf-8", "utf-8")
    except UnicodeDecodeError as exc:
        if _damaged_utf8(data):
            line = data.count(b"\n", 0, exc.start) + 1
            raise InputError(
                f"byte 0x{data[exc.start]:02x} is not valid utf-8 (the text is UTF-8 but damaged or cut short "
                "here; if it is in another encoding, give it with --encoding)",
                path=path,
                line=line,
            ) from None
    return _detect(data, path)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _first_non_ascii_line(data: bytes) -> int:
    pos = next((i for i, b in enumerate(data) if b > 0x7F), 0)
    return data.count(b"\n", 0, pos) + 1


def _damaged_utf8(data: bytes) -> bool:
    """Mostly valid UTF-8 multi-byte characters with a few bad bytes (a cut or damaged UTF-8 file).

    Text in a single-byte encoding (cp1251, latin-1) almost never forms valid
    multi-byte sequences, so there the bad bytes far outnumber the good characters.
    """
    text = data.decode("utf-8", "surrogateescape")
    bad = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    good = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    return 0 < bad and good >= 2 * bad


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 0x20 and b not in (0x09, 0x0A, 0x0C, 0x0D))
    return b"\x00" in sample or controls * 20 > len(sample)


def _detect(data: bytes, path: str) -> DecodedText:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1251", "koi8_r", "cp1252", "latin_1", "utf_16", "mac_cyrillic"]).best()
    if best is None:
        if _looks_binary(data):
            raise InputError("binary data, not a text file", path=path)
        raise InputError("cannot tell the text encoding; give it with --encoding", path=path)
    codec = _codec(best.encoding) or best.encoding
    text = str(best)
    if _looks_binary(text.encode("utf-8", "surrogatepass")):
        raise InputError("binary data, not a text file", path=path)
    return DecodedText(text, codec, "detected")


def _strict(data: bytes, codec: str, path: str, *, declared: bool = False) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        hint = " (the declared charset is wrong? give the real one with --encoding)" if declared else ""
        raise InputError(f"byte 0x{data[exc.start]:02x} is not valid {codec}{hint}", path=path, line=line) from None


class _Unchecked(enum.Enum):
    UNCHECKED = "unchecked"


#: ``FileWrite.expect`` value for "replace whatever is there".
UNCHECKED = _Unchecked.UNCHECKED


@dataclass(frozen=True)
class FileWrite:
    """One file to write: its new content and, optionally, the content it must still have.

    ``expect`` is the content as read earlier (``None``: the file did not
    exist); if the file no longer has it, nothing is written.
    """

    path: Path
    data: bytes
    expect: bytes | None | _Unchecked = UNCHECKED


def current_bytes(path: Path) -> bytes | None:
    """What ``path`` holds now; None when it does not exist (or is not a regular file)."""
    try:
        with _open_nonblocking(path) as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                return None
            return fh.read()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return None
    except OSError as exc:
        raise OutputError(f"cannot read before replacing: {exc.strerror or exc}", path=str(path)) from None


def write_files(writes: Sequence[FileWrite]) -> None:
    """Write several files atomically, staging all of them before replacing any.

    Every file first goes to a temporary file next to its target (missing
    folders are created); then all of them are fsynced together, from a few
    threads, so the file system can commit them in one journal transaction
    rather than one each.  Only when all are staged,
    and every ``expect`` still holds, are they renamed over their targets,
    in order.  Any failure before the first rename removes what was staged,
    and the folders this call created: nothing is left changed.
    """
    staged: list[tuple[Path, str]] = []
    made: list[Path] = []
    renamed = 0
    try:
        for w in writes:
            target = write_target(w.path)
            made.extend(_make_dirs(target.parent))
            if target.is_dir():
                raise OutputError("is a directory; cannot write a file here", path=str(w.path))
            staged.append((target, _stage(target, w.data)))
        _fsync_all(staged)
        for w in writes:
            if w.expect is not UNCHECKED and current_bytes(w.path) != w.expect:
                raise ConflictError("changed on disk while newsl10n was running; run again", path=display_path(w.path))
        for path, tmp in staged:
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise OutputError(f"cannot write: {exc.strerror or exc}", path=str(path)) from None
            renamed += 1
    except BaseException:
        for _path, tmp in staged[renamed:]:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if renamed == 0:
            for folder in reversed(made):
                with contextlib.suppress(OSError):
                    folder.rmdir()
        raise
    for folder in dict.fromkeys(path.parent for path, _tmp in staged):
        fsync_dir(folder)


def write_target(path: Path) -> Path:
    """The file a write to ``path`` replaces: ``path`` itself, or, for a symbolic link, the file it points to.

    Renaming a new file over a link would replace the link and leave its
    target behind (a symlinked catalog silently detached from the one the
    team shares): the new content goes to the target instead, and the link
    stays.  A link to nothing, or to something that is not a regular file,
    is refused.
    """
    if not path.is_symlink():
        return path
    real = Path(os.path.realpath(path))
    if not real.exists():
        raise OutputError(f"is a symbolic link to {str(real)!r}, which does not exist; not replacing the link", path=str(path))
    if not real.is_file():
        raise OutputError(f"is a symbolic link to {str(real)!r}, which is not a regular file", path=str(path))
    return real


def _make_dirs(directory: Path) -> list[Path]:
    """Create ``directory`` and missing parents; return the ones created, outermost first."""
    missing: list[Path] = []
    folder = directory
    while not folder.exists() and not folder.is_symlink() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    made: list[Path] = []
    try:
        for folder in reversed(missing):
            folder.mkdir()
            made.append(folder)
    except FileExistsError:
        if not directory.is_dir():
            raise OutputError("cannot create directory: a file is in the way", path=str(directory)) from None
    except OSError as exc:
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise OutputError(f"cannot create directory: {exc.strerror or exc}", path=str(directory)) from None
    if not directory.is_dir():
        raise OutputError("cannot create directory: not a directory", path=str(directory))
    return made


def _stage(path: Path, data: bytes) -> str:
    """Write ``data`` to a new temporary file next to ``path``; return its name (not yet fsynced)."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write here: {exc.strerror or exc}", path=str(path.parent)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
        os.chmod(tmp, mode)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=str(path)) from None
    return tmp


def _fsync_one(target_and_temp: tuple[Path, str]) -> None:
    target, temp = target_and_temp
    try:
        fd = os.open(temp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=str(target)) from None


def _fsync_all(staged: Sequence[tuple[Path, str]]) -> None:
    """Flush staged files (target, temporary name) to disk; concurrently when there are several (fsync releases the GIL)."""
    if len(staged) < 4:
        for item in staged:
            _fsync_one(item)
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=min(8, len(staged))) as pool:
        list(pool.map(_fsync_one, staged))


@contextlib.contextmanager
def locked_dir(directory: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock on ``directory`` (created if missing) while the block runs.

    The lock is ``flock`` on the directory itself, so no lock file is left
    behind; a second newsl10n run on the same directory fails at once with a
    :class:`BusyError` instead of waiting.  A directory this call created is
    removed again if it is still empty at the end.  A no-op where there is no ``fcntl``.
    """
    made = _make_dirs(directory)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        fcntl = None  # type: ignore[assignment]
    fd = -1
    try:
        if fcntl is not None:
            try:
                fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
            except OSError as exc:
                raise OutputError(f"cannot open to lock: {exc.strerror or exc}", path=str(directory)) from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise BusyError(
                    "another newsl10n run is updating these catalogs; run again when it has finished",
                    path=str(directory),
                ) from None
        yield
    finally:
        if fd >= 0:
            os.close(fd)  # releases the lock
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if still empty


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def fsync_dir(directory: Path) -> None:
    """Flush a folder's entries (a rename into it) to disk; best effort."""
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


def unique_files(paths: Iterable[Path]) -> list[Path]:
    """``paths`` without repeats of one file, in order, the first name kept.

    Two names are one file when their real paths agree (symbolic links
    resolved): ``a.html a.html``, a folder and a file in it, a path through a
    symlinked folder.  A run that read one article twice would write its
    catalog twice and then find it "changed on disk".
    """
    seen: set[str] = set()
    found: list[Path] = []
    for path in paths:
        real = real_path(path)
        if real not in seen:
            seen.add(real)
            found.append(path)
    return found


#: Folders' real paths, by (name, device, inode): a run names hundreds of files in a few folders.
_REAL_FOLDERS: dict[tuple[str, int, int], str] = {}


def real_path(path: str | os.PathLike[str]) -> str:
    """``os.path.realpath(path)``, each folder resolved once while it is the same folder.

    ``realpath`` looks at every component of every path (a system call and
    some Python each); a run shows and compares a thousand files in one folder.
    A folder's real path is remembered under its name and inode, so a folder
    replaced (by a link, say) is resolved again.  A name with ``..`` is resolved
    in full (``a/..`` depends on what ``a`` links to).
    """
    text = os.fspath(path)
    if ".." in text.split(os.sep):
        return os.path.realpath(text)
    folder, name = os.path.split(os.path.normpath(os.path.join(os.getcwd(), text)))
    if not name:  # the root
        return os.path.realpath(text)
    try:
        info = os.stat(folder)
    except OSError:
        return os.path.realpath(text)
    key = (folder, info.st_dev, info.st_ino)
    real_folder = _REAL_FOLDERS.get(key)
    if real_folder is None:
        if len(_REAL_FOLDERS) >= 4096:
            _REAL_FOLDERS.clear()
        real_folder = _REAL_FOLDERS[key] = os.path.realpath(folder)
    real = os.path.join(real_folder, name)
    return os.path.realpath(real) if os.path.islink(real) else real


def display_path(path: Path) -> str:
    """The path as users should read it: relative to the working directory when inside it.

    Every name shown to users or written into a catalog passes here, so a
    name that cannot be shown or written (see :func:`check_name`) is refused here.
    """
    real, here = real_path(path), real_path(os.getcwd())
    if real == here:
        shown = "."
    elif real.startswith(here.rstrip("/") + "/"):
        shown = real[len(here.rstrip("/")) + 1 :]
    else:
        shown = path.as_posix()
    check_name(shown)
    return shown


def check_name(name: str) -> None:
    """Refuse a file name that cannot go into a catalog's ``#:`` line or a one-line message.

    Control characters (a newline would end the reference line), and bytes
    that are not UTF-8 (a ``café.html`` saved by a latin-1 system: Python
    reads the byte as a lone surrogate, which no UTF-8 file can hold).  The
    message shows the name escaped (``caf\\xe9.html``).
    """
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in name):
        raise InputError("control characters in the file name (a newline?) would break the catalog; rename it", path=name)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError as exc:
        code = ord(name[exc.start])
        byte = f" (byte 0x{code - 0xDC00:02x})" if 0xDC80 <= code <= 0xDCFF else ""
        raise InputError(f"the file name is not UTF-8{byte}; rename it", path=name) from None

"""Argos packages in newsl10n's own models directory: where it is, what is in it, safe install and removal.

We never use argostranslate's package directory or its installer (which
extracts any archive as it is).  An archive is checked before anything is
extracted, extracted into a temporary folder inside the models directory,
checked again and renamed into place; on any failure the directory is left as
it was.  Nothing here reads the environment at import or touches the network,
except ``install_online``.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import re
import shutil
import stat
import tempfile
import threading
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TypeVar

from ..errors import InputError, OutputError, UsageError
from ..fsio import fsync_dir

log = logging.getLogger(__name__)

#: argostranslate's default index (``argostranslate.settings.remote_package_index``).
ARGOS_INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
MAX_TOTAL_BYTES = 2 * 1024**3  # uncompressed size of one package
MAX_MEMBERS = 1000
#: Uncompressed / compressed, for each member of at least RATIO_FLOOR bytes and for the whole archive
#: (its uncompressed total over its size on disk) once that total reaches RATIO_FLOOR.  Real packages
#: expand about 1.1-fold (int8 weights hardly compress); the tests' tiny package with zero weights 99-fold.
MAX_RATIO = 200
RATIO_FLOOR = 1024 * 1024
MAX_METADATA_BYTES = 1024 * 1024
MAX_INDEX_BYTES = 32 * 1024 * 1024
ENV_VAR = "NEWSL10N_MODELS_DIR"

_TEMP_PREFIX = ".newsl10n-"  # our temporary folders and files; hidden, skipped by list_models
_NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,127}")
_TOKENIZERS = ("sentencepiece.model", "bpe.model")
_CHUNK = 1024 * 1024
_T = TypeVar("_T")


@dataclass(frozen=True)
class InstalledModel:
    """One folder of the models directory: a package, or a broken folder and why."""

    name: str
    path: Path
    from_code: str = ""
    to_code: str = ""
    version: str = ""
    size: int = 0
    target_prefix: str = ""
    problem: str | None = None  # None for a usable package

    @property
    def ok(self) -> bool:
        return self.problem is None

    def __str__(self) -> str:
        if self.problem is not None:
            return f"{self.name}: broken ({self.problem})"
        return f"{self.name}: {self.from_code}→{self.to_code} {self.version} ({self.size / 1e6:.1f} MB)"


class _Refused(Exception):
    """Why an archive or folder is not a package (turned into an InputError naming the archive)."""


# -- where -------------------------------------------------------------------------------------


def default_models_dir(environ: Mapping[str, str]) -> Path:
    """``$NEWSL10N_MODELS_DIR``, else ``$XDG_DATA_HOME/newsl10n/models``, else ``~/.local/share/newsl10n/models``."""
    explicit = environ.get(ENV_VAR, "")
    if explicit:
        return Path(explicit).expanduser()
    data_home = environ.get("XDG_DATA_HOME", "")
    if data_home and Path(data_home).is_absolute():  # the XDG spec ignores relative values
        return Path(data_home) / "newsl10n" / "models"
    home = Path(environ["HOME"]) if environ.get("HOME") else Path.home()
    return home / ".local" / "share" / "newsl10n" / "models"


def resolve_models_dir(option: str | Path | None, environ: Mapping[str, str]) -> Path:
    """The ``--models-dir`` option if given, else ``default_models_dir(environ)``."""
    return Path(option).expanduser() if option else default_models_dir(environ)


# -- what is installed -------------------------------------------------------------------------


def list_models(models_dir: Path) -> list[InstalledModel]:
    """Every folder of ``models_dir``, by name; broken ones carry ``problem``.  Symlinks are never followed."""
    if not models_dir.is_dir():
        return []
    try:
        entries = sorted(os.scandir(models_dir), key=lambda e: e.name)
    except OSError as exc:
        raise InputError(f"cannot list the models directory ({exc.strerror})", path=str(models_dir)) from None
    found = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_symlink():
            found.append(InstalledModel(entry.name, path, problem="symbolic link (not followed)"))
        elif entry.is_dir(follow_symlinks=False):
            found.append(read_package(path))
    return found


def read_package(folder: Path) -> InstalledModel:
    """Describe an unpacked package folder; never raises for a bad folder."""
    try:
        meta_file = folder / "metadata.json"
        if not _is_file(meta_file):
            raise _Refused("metadata.json is missing")
        if meta_file.stat().st_size > MAX_METADATA_BYTES:
            raise _Refused("metadata.json is too large")
        meta = _check_metadata(meta_file.read_bytes())
        for rel in ("model/model.bin", "model/config.json"):
            if not _is_file(folder / rel):
                raise _Refused(f"{rel} is missing")
        if not any(_is_file(folder / t) for t in _TOKENIZERS):
            raise _Refused("no tokenizer (sentencepiece.model or bpe.model)")
    except OSError as exc:
        return InstalledModel(folder.name, folder, size=_tree_size(folder), problem=f"unreadable ({exc.strerror})")
    except _Refused as exc:
        return InstalledModel(folder.name, folder, size=_tree_size(folder), problem=str(exc))
    return InstalledModel(
        folder.name, folder, meta["from_code"], meta["to_code"], meta["package_version"], _tree_size(folder),
        meta["target_prefix"],
    )


def _is_file(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()


def _check_metadata(data: bytes) -> dict[str, str]:
    from babel import Locale, UnknownLocaleError

    try:
        meta = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _Refused(f"metadata.json is not valid JSON ({exc})") from None
    if not isinstance(meta, dict):
        raise _Refused("metadata.json is not a JSON object")
    kind = meta.get("type", "translate")  # argostranslate's default when absent
    if kind != "translate":
        raise _Refused(f"metadata.json: type is {kind!r}, not 'translate'")
    out: dict[str, str] = {}
    for key in ("from_code", "to_code"):
        code = meta.get(key)
        if not isinstance(code, str) or not code:
            raise _Refused(f"metadata.json: {key} is missing")
        try:
            Locale.parse(code)
        except (UnknownLocaleError, ValueError, TypeError):
            raise _Refused(f"metadata.json: {key} {code!r} is not a known language code") from None
        out[key] = code
    for key in ("package_version", "target_prefix"):
        value = meta.get(key, "")
        if not isinstance(value, str):
            raise _Refused(f"metadata.json: {key} is not a string")
        out[key] = value
    return out


def _tree_size(folder: Path) -> int:
    total = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(root, name)).st_size
    return total


# -- install from a file -----------------------------------------------------------------------


def install_file(
    archive: Path, models_dir: Path, *, max_bytes: int = MAX_TOTAL_BYTES, max_members: int = MAX_MEMBERS,
    max_ratio: float = MAX_RATIO,
) -> InstalledModel:
    """Install an ``.argosmodel`` archive into ``models_dir``, replacing a package of the same name."""
    where = str(archive)
    try:
        zf = zipfile.ZipFile(archive)
    except FileNotFoundError:
        raise InputError("no such file", path=where) from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"not an .argosmodel (zip) archive ({exc})", path=where) from None
    with zf:
        try:
            top, members = _plan(zf, max_bytes=max_bytes, max_members=max_members, max_ratio=max_ratio)
            _check_whole_ratio(members, archive_bytes=archive.stat().st_size, max_ratio=max_ratio)
            _check_metadata(_read_member(zf, f"{top}/metadata.json"))
        except _Refused as exc:
            raise InputError(f"{exc}; nothing installed", path=where) from None
        try:
            with _made(models_dir), _locked(models_dir):
                return _extract_and_swap(zf, top, members, models_dir, max_bytes)
        except _Refused as exc:
            raise InputError(f"{exc}; nothing installed", path=where) from None
        except OSError as exc:
            raise OutputError(f"cannot install {archive.name} ({exc})", path=str(models_dir)) from None


@contextlib.contextmanager
def _made(models_dir: Path) -> Iterator[None]:
    """Create ``models_dir`` if needed; remove it again if we created it and it is still empty."""
    created = not models_dir.exists()
    models_dir.mkdir(parents=True, exist_ok=True)
    try:
        yield
    finally:
        if created:
            with contextlib.suppress(OSError):
                models_dir.rmdir()  # fails, as it should, once a package is in it


def _plan(zf: zipfile.ZipFile, *, max_bytes: int, max_members: int, max_ratio: float) -> tuple[str, list[zipfile.ZipInfo]]:
    """Check every member name, type and size; return the one top-level folder and the members."""
    infos = zf.infolist()
    if len(infos) > max_members:
        raise _Refused(f"{len(infos)} members (limit {max_members})")
    tops: set[str] = set()
    files: set[str] = set()
    dirs: set[str] = set()
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        parts = _safe_parts(name)
        key = "/".join(parts).casefold()
        if key in seen:
            raise _Refused(f"member {name!r} appears twice")
        seen.add(key)
        mode = info.external_attr >> 16
        kind = stat.S_IFMT(mode)
        if stat.S_ISLNK(mode):
            raise _Refused(f"member {name!r} is a symbolic link")
        if kind not in (0, stat.S_IFREG, stat.S_IFDIR) or (kind and (kind == stat.S_IFDIR) != info.is_dir()):
            raise _Refused(f"member {name!r} is not a regular file or folder")
        if info.flag_bits & 0x1:
            raise _Refused(f"member {name!r} is encrypted")
        tops.add(parts[0])
        dirs.update("/".join(parts[:i]) for i in range(1, len(parts)))
        if info.is_dir():
            dirs.add("/".join(parts))
            continue
        if len(parts) == 1:
            raise _Refused(f"member {name!r} is a file outside the package folder")
        files.add("/".join(parts))
        total += info.file_size
        if total > max_bytes:
            raise _Refused(f"uncompressed size exceeds {max_bytes} bytes (at member {name!r})")
        if info.file_size >= RATIO_FLOOR and info.file_size > max_ratio * max(info.compress_size, 1):
            ratio = info.file_size / max(info.compress_size, 1)
            raise _Refused(f"member {name!r} expands {ratio:.0f}-fold (limit {max_ratio:g}; a zip bomb?)")
    if len(tops) != 1:
        raise _Refused(f"expected one top-level folder, found {len(tops)}: {', '.join(sorted(tops))}")
    top = tops.pop()
    if not _NAME_RE.fullmatch(top):
        raise _Refused(f"top-level folder {top!r} is not a plain package name")
    if files & dirs:
        raise _Refused(f"member {min(files & dirs)!r} is both a file and a folder")
    for rel in (f"{top}/metadata.json", f"{top}/model/model.bin", f"{top}/model/config.json"):
        if rel not in files:
            raise _Refused(f"{rel} is missing")
    if not any(f"{top}/{t}" in files for t in _TOKENIZERS):
        raise _Refused(f"{top}/sentencepiece.model (or bpe.model) is missing")
    return top, infos


def _check_whole_ratio(members: list[zipfile.ZipInfo], *, archive_bytes: int, max_ratio: float) -> None:
    """Refuse an archive that expands more than ``max_ratio``-fold as a whole.

    The per-member check alone let 300 members of 1,048,575 zero bytes (each
    just under RATIO_FLOOR; a 342 KB archive) expand to 315 MB.  The archive's
    size on disk is used, not the compressed sizes its headers claim.
    """
    total = sum(info.file_size for info in members)
    if total >= RATIO_FLOOR and total > max_ratio * max(archive_bytes, 1):
        raise _Refused(
            f"the archive expands {total / max(archive_bytes, 1):.0f}-fold as a whole ({archive_bytes:,} bytes to "
            f"{total:,}; limit {max_ratio:g}; a zip bomb?)"
        )


def _safe_parts(name: str) -> list[str]:
    if "\\" in name or "\x00" in name:
        raise _Refused(f"member {name!r} has a backslash or NUL in its name")
    if name.startswith("/") or re.match(r"[A-Za-z]:", name):
        raise _Refused(f"member {name!r} has an absolute path")
    parts = name[:-1].split("/") if name.endswith("/") else name.split("/")
    for part in parts:
        if part in ("", ".", ".."):
            raise _Refused(f"member {name!r} has an empty, '.' or '..' path component")
    return parts


def _read_member(zf: zipfile.ZipFile, name: str) -> bytes:
    info = zf.getinfo(name)
    if info.file_size > MAX_METADATA_BYTES:
        raise _Refused(f"member {name!r} is too large")
    try:
        with zf.open(info) as f:
            return f.read(MAX_METADATA_BYTES + 1)
    except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError) as exc:
        raise _Refused(f"member {name!r} cannot be read ({exc})") from None


def _extract_and_swap(
    zf: zipfile.ZipFile, top: str, members: list[zipfile.ZipInfo], models_dir: Path, max_bytes: int
) -> InstalledModel:
    temp = Path(tempfile.mkdtemp(prefix=_TEMP_PREFIX + "install-", dir=models_dir))
    aside: Path | None = None
    try:
        written = 0
        for info in members:
            dest = temp.joinpath(*_safe_parts(info.filename))
            if info.is_dir():
                dest.mkdir(parents=True, exist_ok=True)
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            written += _extract_member(zf, info, dest, max_bytes - written)
        package = read_package(temp / top)
        if package.problem is not None:
            raise _Refused(package.problem)
        target = models_dir / top
        if target.is_symlink() or (target.exists() and not target.is_dir()):
            raise _Refused(f"{target} exists and is not a package folder")
        if target.exists():
            aside = Path(tempfile.mkdtemp(prefix=_TEMP_PREFIX + "old-", dir=models_dir))
            os.rename(target, aside / top)
        try:
            os.rename(temp / top, target)
        except OSError:
            if aside is not None:
                os.rename(aside / top, target)
                aside.rmdir()
                aside = None
            raise
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    fsync_dir(models_dir)
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)  # the replaced package, moved aside by us
    log.info("installed %s into %s", top, models_dir)
    return read_package(target)


def _extract_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, dest: Path, budget: int) -> int:
    """Copy one member, trusting no header: stop at the declared size and at the budget."""
    limit = min(info.file_size, budget)
    done = 0
    try:
        with zf.open(info) as src, open(dest, "xb") as out:
            while chunk := src.read(_CHUNK):
                done += len(chunk)
                if done > limit:
                    raise _Refused(f"member {info.filename!r} is larger than its header says")
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())  # on disk before the folder is renamed into place
    except (zipfile.BadZipFile, NotImplementedError, EOFError) as exc:
        raise _Refused(f"member {info.filename!r} cannot be extracted ({exc})") from None
    return done


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on the folder itself (no lock file left behind); a no-op without fcntl."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


# -- install from the Argos index --------------------------------------------------------------


def install_online(
    from_code: str, to_code: str, models_dir: Path, *, index_url: str = ARGOS_INDEX_URL, timeout: float = 10.0,
    max_bytes: int = MAX_TOTAL_BYTES, progress: Callable[[int, int | None], None] | None = None,
) -> InstalledModel:
    """Download the newest ``from_code``→``to_code`` package of the Argos index and ``install_file`` it.

    The only function of newsl10n that uses the network.  ``progress(done, total)`` follows the download.
    """
    index = io.BytesIO()
    try:
        _fetch(index_url, index, timeout=timeout, limit=MAX_INDEX_BYTES)
        entries = json.loads(index.getvalue().decode("utf-8"))
    except (OSError, _Refused) as exc:  # URLError and TimeoutError are OSErrors
        raise InputError(
            f"cannot reach the Argos package index {index_url} ({_reason(exc)}); "
            "install a downloaded .argosmodel with `newsl10n models install FILE`"
        ) from None
    except ValueError as exc:
        raise InputError(f"not a valid package index ({exc})", path=index_url) from None
    entry = _pick(entries, from_code, to_code)
    links = [u for u in entry.get("links", []) if isinstance(u, str) and u.startswith(("https://", "http://"))]
    if not links:
        raise InputError(f"the index gives no download link for {from_code}→{to_code}", path=index_url)
    try:
        with _made(models_dir):
            fd, name = tempfile.mkstemp(prefix=_TEMP_PREFIX + "download-", suffix=".argosmodel", dir=models_dir)
            os.close(fd)
            try:
                _download(links, Path(name), timeout=timeout, max_bytes=max_bytes, progress=progress)
                return install_file(Path(name), models_dir, max_bytes=max_bytes)
            finally:
                Path(name).unlink(missing_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot write the models directory ({exc})", path=str(models_dir)) from None


def _download(
    links: list[str], dest: Path, *, timeout: float, max_bytes: int, progress: Callable[[int, int | None], None] | None
) -> None:
    errors = []
    with open(dest, "wb") as sink:
        for url in links:  # mirrors, in the index's order; no retries, no recursion
            try:
                sink.seek(0)
                sink.truncate()
                _fetch(url, sink, timeout=timeout, limit=max_bytes, progress=progress)
                break
            except (OSError, _Refused) as exc:
                errors.append(f"{url}: {_reason(exc)}")
        else:
            raise InputError(f"cannot download the package ({'; '.join(errors)})")


def _pick(entries: Any, from_code: str, to_code: str) -> dict[str, Any]:
    """The index entry for the pair with the highest ``package_version``."""
    if not isinstance(entries, list):
        raise InputError("the Argos package index is not a list of packages")
    found = [e for e in entries if isinstance(e, dict) and e.get("type", "translate") == "translate"]
    matching = [e for e in found if (e.get("from_code"), e.get("to_code")) == (from_code, to_code)]
    if not matching:
        shown = ", ".join(sorted({f"{e.get('from_code')}→{e.get('to_code')}" for e in found}))
        raise UsageError(f"the Argos index has no package {from_code}→{to_code}; it has: {shown}")
    return max(matching, key=lambda e: version_key(str(e.get("package_version", ""))))


def version_key(version: str) -> tuple[int, ...]:
    """``"1.9"`` → ``(1, 9)``: compares package versions numerically."""
    return tuple(int(n) for n in re.findall(r"\d+", version))


def _fetch(
    url: str, sink: IO[bytes], *, timeout: float, limit: int, progress: Callable[[int, int | None], None] | None = None
) -> None:
    """Copy ``url`` into ``sink``: connecting has a hard deadline, each read urllib's timeout."""
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": "newsl10n"})
    response = _within(timeout, lambda: urllib.request.urlopen(request, timeout=timeout))
    with response:
        length = response.headers.get("Content-Length")
        total = int(length) if length and length.isdigit() else None
        if total is not None and total > limit:
            raise _Refused(f"{total} bytes (limit {limit})")
        done = 0
        while chunk := response.read(_CHUNK):
            done += len(chunk)
            if done > limit:
                raise _Refused(f"more than {limit} bytes")
            sink.write(chunk)
            if progress is not None:
                progress(done, total)


def _within(seconds: float, call: Callable[[], _T]) -> _T:
    """Run ``call`` with a hard deadline (urllib's timeout does not cover name resolution)."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = call()
        except BaseException as exc:  # noqa: BLE001 - handed over to the caller's thread
            box["error"] = exc

    worker = threading.Thread(target=run, name="newsl10n-fetch", daemon=True)
    worker.start()
    worker.join(seconds + 1.0)
    if worker.is_alive():
        raise TimeoutError(f"no answer within {seconds:g} s")
    if "error" in box:
        raise box["error"]
    result: _T = box["value"]
    return result


def _reason(exc: BaseException) -> str:
    import urllib.error

    if isinstance(exc, urllib.error.URLError) and not isinstance(exc, urllib.error.HTTPError):
        return str(exc.reason)  # "[Errno -2] Name or service not known"
    return str(exc) or type(exc).__name__  # "HTTP Error 404: Not Found", "no answer within 10 s"


# -- remove ------------------------------------------------------------------------------------


def remove_model(name: str, models_dir: Path) -> InstalledModel:
    """Remove the package folder ``name`` (as listed by ``list_models``); never follows a symlink."""
    known = {m.name: m for m in list_models(models_dir)}
    if name not in known:
        listed = ", ".join(known) or "none"
        raise UsageError(f"no model {name!r} in {models_dir}; installed: {listed}")
    model = known[name]
    if model.path.is_symlink() or model.path.parent != models_dir:
        raise UsageError(f"{model.path} is a symbolic link; remove it yourself if you mean to")
    try:
        with _locked(models_dir):
            aside = Path(tempfile.mkdtemp(prefix=_TEMP_PREFIX + "remove-", dir=models_dir))
            os.rename(model.path, aside / name)
            shutil.rmtree(aside)
    except OSError as exc:
        raise OutputError(f"cannot remove {name} ({exc})", path=str(models_dir)) from None
    log.info("removed %s from %s", name, models_dir)
    return model

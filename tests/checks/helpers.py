"""Building small PO catalogs with planted problems for the check tests."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import polib

from newsl10n.checks import CatalogInput, Finding
from newsl10n.formats.po import parse_po


@dataclass(frozen=True)
class E:
    """One entry to write: msgid, msgstr and its state."""

    msgid: str
    msgstr: str = ""
    fuzzy: bool = False
    obsolete: bool = False
    msgctxt: str | None = None
    previous: str | None = None  # the #| previous msgid (a stale entry, with fuzzy)
    machine: bool = False  # "# newsl10n: mt …": written by an engine


def msgfmt_check(path: Path) -> None:
    exe = shutil.which("msgfmt")
    assert exe is not None, "msgfmt is missing: run scripts/setup.sh (installs Debian's gettext)"
    proc = subprocess.run([exe, "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, f"msgfmt -c {path}:\n{proc.stderr}"


def write_catalog(
    directory: Path,
    entries: Sequence[E],
    *,
    lang: str | None,
    src: str | None = "en",
    slug: str = "article",
    layout: bool = True,
    folder: str | None = None,
) -> CatalogInput:
    """Write ``locales/<folder or lang>/LC_MESSAGES/<slug>.po`` with polib (valid for ``msgfmt -c``) and read it back."""
    po = polib.POFile(wrapwidth=78)
    po.metadata = {
        "Project-Id-Version": "newsl10n-tests 1.0",
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": "2024-01-01 00:00+0000",
        "PO-Revision-Date": "2024-01-02 00:00+0000",
        "Last-Translator": "Test <test@example.org>",
        "Language-Team": "Test <test@example.org>",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    if lang:
        po.metadata["Language"] = lang
    if src:
        po.metadata["X-Source-Language"] = src
    for e in entries:
        entry = polib.POEntry(msgid=e.msgid, msgstr=e.msgstr, msgctxt=e.msgctxt, obsolete=e.obsolete)
        entry.comment = "codes: none"
        entry.occurrences = [(f"corpus/en/{slug}.html", "1")]
        if e.fuzzy:
            entry.flags.append("fuzzy")
        if e.previous is not None:
            entry.previous_msgid = e.previous
        if e.machine:
            entry.tcomment = "newsl10n: mt apertium:eng-spa@0.8.1-2"
        po.append(entry)
    where = directory / "locales" / (folder or lang or "xx") / "LC_MESSAGES" if layout else directory
    where.mkdir(parents=True, exist_ok=True)
    path = where / f"{slug}.po"
    po.save(str(path))
    msgfmt_check(path)
    return CatalogInput(str(path), parse_po(path.read_bytes(), path=str(path)))


def entry_line(path: str, msgid: str) -> int:
    """The line where the entry with ``msgid`` starts (its first comment line)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    wanted = f'msgid "{polib.escape(msgid)}"'
    at = next(i for i, line in enumerate(lines) if line.lstrip("#~ ").startswith(wanted) or line == wanted)
    while at > 0 and (lines[at - 1].startswith("#") or lines[at - 1].startswith("msgctxt")):
        at -= 1
    return at + 1


def planted(findings: Iterable[Finding]) -> list[tuple[str, str, str]]:
    """Findings as sorted (code, severity, msgid) triples, repeats kept, to compare with what a test planted."""
    return sorted((f.code, f.severity.value, f.msgid or "") for f in findings)

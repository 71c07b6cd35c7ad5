"""A few hostile cases through a real ``python -m newsl10n`` process, and the memory a refusal costs."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from ..conftest import Result
from .conftest import Project, assert_refused, snapshot

#: Runs the CLI and writes the process's peak resident set size (KiB) to the file named by argv[1].
#: VmHWM, not getrusage's ru_maxrss: the latter keeps the high-water mark of the forked pytest
#: process from before exec.
RSS_WRAPPER = """\
import re, runpy, sys
out = sys.argv.pop(1)
sys.argv[0] = "newsl10n"
try:
    runpy.run_module("newsl10n", run_name="__main__")
    code = 0
except SystemExit as exc:
    code = exc.code
with open("/proc/self/status") as status, open(out, "w") as fh:
    fh.write(re.search(r"VmHWM:\\s*(\\d+)", status.read()).group(1))
sys.exit(code)
"""


def run(project: Project, *args: str) -> tuple[Result, int]:
    rss_file = project.root.parent / f"{project.root.name}.rss"
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    proc = subprocess.run(
        [sys.executable, "-c", RSS_WRAPPER, str(rss_file), *args],
        cwd=project.root, capture_output=True, check=False, text=True, env=env, timeout=120,
    )
    rss_kib = int(rss_file.read_text())
    rss_file.unlink()
    return Result(proc.returncode, proc.stdout, proc.stderr), rss_kib


def test_fifty_megabyte_article_is_refused_before_it_is_read(project: Project) -> None:
    huge = project.root / "huge.html"
    with open(huge, "wb") as fh:
        fh.write(b"<html><body>" + b"<p>Words and more words.</p>\n" * (50 * 1024 * 1024 // 29))
        fh.truncate(50 * 1024 * 1024)
    before = snapshot(project.root)
    result, rss_kib = run(project, "translate", "good.html", "huge.html", "--to", "ru", "--engine", "none")
    assert_refused(result, "huge.html", "the article is 52,428,800 bytes; the limit is 10,485,760")
    assert snapshot(project.root) == before
    assert rss_kib < 80 * 1024, f"peak RSS {rss_kib} KiB: the file was read after all?"
    print(f"peak RSS refusing a 50 MB article: {rss_kib / 1024:.0f} MiB")


@pytest.mark.parametrize(
    ("setup", "args", "where", "fragment"),
    [
        (lambda root: (root / "empty.md").write_bytes(b""), ["extract", "empty.md"], "empty.md", "the article is empty"),
        (
            lambda root: (root / "deep.html").write_text("<div>" * 10_000 + "x", encoding="utf-8"),
            ["translate", "deep.html", "--to", "es", "--engine", "none"],
            "deep.html:1",
            "nested more than 255 deep",
        ),
        (
            lambda root: (root / "locales/ru/LC_MESSAGES/good.po").write_text(
                (root / "locales/ru/LC_MESSAGES/good.po").read_text(encoding="utf-8") + '\nmsgid "x"\nmsgstr ""\n\nmsgid "x"\nmsgstr "y"\n',
                encoding="utf-8",
            ),
            ["check"],
            "locales/ru/LC_MESSAGES/good.po:206",
            "duplicate message definition",
        ),
        (
            lambda root: (root / "x.tbx").write_text('<!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]><m>&x;</m>', encoding="utf-8"),
            ["glossary", "lint", "x.tbx"],
            "x.tbx:1",
            "ENTITY",
        ),
        (lambda root: None, ["translate", "good.html", "--to", "tlh-Klingon"], None, "unknown language code"),
    ],
    ids=["empty-markdown", "deep-nesting", "duplicate-entry", "external-entity", "unknown-language"],
)
def test_refusals_in_a_real_process(setup, args: list[str], where: str | None, fragment: str, project: Project) -> None:  # type: ignore[no-untyped-def]
    setup(project.root)
    before = snapshot(project.root)
    result, _rss = run(project, *args)
    assert_refused(result, where, fragment)
    assert snapshot(project.root) == before

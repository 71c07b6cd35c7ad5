"""Inputs at the parsers' limits (#16.11): messages a user can act on, memory that fits.

libxml2 (TBX glossaries; HTML pages until they were read as HTML5) runs
without XML_PARSE_HUGE, so one text, attribute value or comment longer than
10,000,000 bytes stops it.  The message used to be libxml2's own ``Resource
limit exceeded: … try XML_PARSE_HUGE``, naming an option of a library the user
never called.  An article may be up to 10 MiB, so a page can hold such a node:
the HTML5 reader (html5ever) reads it.

A TBX used to be parsed into a whole tree (about 9 bytes of memory per byte of
TBX on top of the glossary itself); it is read as a stream now.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

from ..conftest import Result
from .conftest import Cli, Project

LONG = 10_300_000  # past libxml2's 10,000,000, under the article limit of 10,485,760


def test_a_page_text_past_libxml2s_limit_is_read(cli: Cli, project: Project) -> None:
    """Pages are read by html5ever now (no 10,000,000-byte limit); libxml2's HTML parser refused this."""
    (project.root / "one-paragraph.html").write_text("<p>" + "word " * (LONG // 5) + "</p>", encoding="utf-8")
    result = cli("extract", "one-paragraph.html")
    assert result.code == 0 and result.err == "", result.err
    assert "try XML_PARSE_HUGE" not in result.err


def test_a_glossary_term_past_the_parser_limit(project: Project, refused: Callable[..., Result]) -> None:
    term = "t" * 10_000_001
    (project.root / "huge.tbx").write_text(
        '<?xml version="1.0"?><martif type="TBX"><text><body><termEntry><langSet xml:lang="en"><tig><term>'
        f"{term}</term></tig></langSet></termEntry></body></text></martif>",
        encoding="utf-8",
    )
    refused("glossary", "lint", "huge.tbx", where="huge.tbx:1", fragment="in the glossary is longer than 10,000,000")


def _write_tbx(path: Path, entries: int) -> int:
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX" xml:lang="en"><text><body>\n')
        for i in range(entries):
            out.write(
                f'<termEntry id="c{i}"><langSet xml:lang="en"><tig><term>term number {i}</term></tig></langSet>'
                f'<langSet xml:lang="ru"><tig><term>термин {i}</term></tig></langSet></termEntry>\n'
            )
        out.write("</body></text></martif>\n")
    return path.stat().st_size


def test_a_large_tbx_is_read_as_a_stream(tmp_path: Path) -> None:
    """Memory grown while parsing, per byte of TBX: 17.6 with the whole tree, 4.6 as a stream (9 MB file)."""
    path = tmp_path / "big.tbx"
    size = _write_tbx(path, 30_000)
    # VmHWM (peak resident memory of this process image), not ru_maxrss: after fork and exec the latter
    # starts from the parent's size (pytest's, about 80 MB)
    probe = textwrap.dedent(
        f"""
        import re
        from newsl10n.glossary.tbx import parse_tbx

        def peak():
            with open("/proc/self/status") as status:
                return int(re.search(r"VmHWM:\\s*(\\d+) kB", status.read()).group(1)) * 1024

        data = open({str(path)!r}, "rb").read()
        before = peak()
        glossary = parse_tbx(data, path="big.tbx")
        after = peak()
        assert len(glossary.concepts) == 30_000, len(glossary.concepts)
        print(after - before)
        """
    )
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=300)
    grown = int(proc.stdout.strip())
    assert grown / size < 9, f"{grown:,} bytes grown for a {size:,}-byte TBX"

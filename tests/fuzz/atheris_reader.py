"""Coverage-guided fuzzing of the article reader and builder with atheris (not run by pytest or CI).

Any bytes must give an article or an InputError; an article must build back
into a page that newsl10n reads again.  Anything else (an exception of
another type, a crash) is a bug.  Setup and a ten-minute run::

    .venv/bin/pip install atheris
    mkdir -p /tmp/reader-corpus && cp corpus/*/*.html /tmp/reader-corpus/
    .venv/bin/python tests/fuzz/atheris_reader.py /tmp/reader-corpus -max_total_time=600 -rss_limit_mb=2048

Crashing inputs are written to ``crash-*`` files in the working directory;
replay one with ``.venv/bin/python tests/fuzz/atheris_reader.py crash-…``.
"""

from __future__ import annotations

import sys
from pathlib import PurePath

import atheris  # type: ignore[import-not-found]

with atheris.instrument_imports():
    from newsl10n.errors import InputError
    from newsl10n.formats.html import parse_html
    from newsl10n.model import Translation
    from newsl10n.stages import build, extract, load_source, validate

NAMES = ("a.html", "a.md", "a.txt")


def one_input(data: bytes) -> None:
    if not data:
        return
    name = NAMES[data[0] % len(NAMES)]
    try:
        source = load_source(data[1:], path=PurePath(name), display=name)
        validate(source)
        ex = extract(source, given_lang="en")
    except InputError:
        return
    lookup = {seg.key: Translation(seg.msgid) for seg in ex.segments}
    built = build(source, src_lang="en", tgt_lang="en", lookup=lookup)
    if built.suffix == ".md":  # Markdown out: the source itself when every msgstr is its msgid
        assert source.markdown is not None and built.html == source.markdown.text
    elif built.html.strip():
        parse_html(built.html, path="built.html")


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

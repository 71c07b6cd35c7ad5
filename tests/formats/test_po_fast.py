"""The entry-at-a-time PO reader (``po_fast``) gives exactly the catalog the line reader and the checks give,
or leaves the file to them."""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsl10n.catalog_model import Catalog
from newsl10n.errors import InputError
from newsl10n.formats.po import read_po_text
from newsl10n.formats.po_fast import read_catalog

from ..conftest import REPO
from .test_po import po_text

SETTINGS = settings(max_examples=400, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _values(catalog: Catalog) -> tuple[object, ...]:
    """Everything a catalog holds, the entries' lines and layouts too (which Entry equality leaves out)."""
    entries = [vars(e) for e in (*catalog.entries, *catalog.obsolete)]
    return dict(catalog.header), list(catalog.header), catalog.header_comment, catalog.header_fuzzy, entries


def assert_same(text: str, *, usual: bool = False) -> None:
    fast = read_catalog(text)
    if usual:  # the shape we write is read by the fast path, not handed back to the line reader
        assert fast is not None, text
    if fast is None:
        return
    try:
        slow = read_po_text(text, path="x.po")
    except InputError as err:
        raise AssertionError(f"the fast path read what the line reader refuses ({err}): {text!r}") from None
    assert _values(fast) == _values(slow), text


def _bench_catalogs(tmp_path: Path, count: int) -> list[str]:
    from bench import corpus
    from bench.stages import filled

    from newsl10n import stages
    from newsl10n.formats.po import generate_po
    from newsl10n.workflow.context import RunTerms
    from newsl10n.workflow.inputs import read_source
    from newsl10n.workflow.project import Project
    from newsl10n.workflow.steps import template_for

    corpus.write_corpus(tmp_path / "corpus", count)
    project = Project(locales=str(tmp_path / "locales"), glossary=[str(REPO / "glossary")], source_lang="en")
    terms = RunTerms(project.glossary_choice().glossary)
    terms.prepare(["en"])
    texts = []
    for article in project.articles([tmp_path / "corpus"]):
        source = read_source(article, encoding=None, lang="en")
        template = generate_po(template_for(source, stages.extract(source, given_lang="en"), terms))
        texts += [template, filled(template)]
    return texts


def test_generated_templates_and_filled_catalogs(tmp_path: Path) -> None:
    for text in _bench_catalogs(tmp_path, 30):
        assert_same(text, usual=True)


@pytest.mark.parametrize("path", sorted((REPO / "tests").rglob("*.po")), ids=lambda p: p.name)
def test_repository_catalogs(path: Path) -> None:
    assert_same(path.read_bytes().decode("utf-8", "replace"))


@given(po_text())
@SETTINGS
def test_generated_po_like_text(text: str) -> None:
    assert_same(text)


#: Line changes that move a file out of the usual shape, or keep it in (each must read the same either way).
EDITS = [
    lambda s: s + " ", lambda s: s + "\t", lambda s: s + "\xa0", lambda s: s + "\x1c", lambda s: s + "\u2028",
    lambda s: " " + s, lambda s: s.replace(" ", "  ", 1), lambda s: s.replace('"', '\\"', 1),
    lambda s: s[:-1] + '\\n"' if s.endswith('"') else s, lambda s: s[:-1] + '\\x"' if s.endswith('"') else s,
    lambda s: s[:-1] + '\\"' if s.endswith('"') else s, lambda s: s.removesuffix('"'),
    lambda s: s + "\r", lambda s: "#~ " + s, lambda s: "#| " + s, lambda s: s.replace("msgstr", "msgstr[0]"),
    lambda s: s.replace("#.", "#", 1), lambda s: s.replace("#:", "#,", 1), lambda s: s.replace("#. ", "#.", 1),
    lambda s: "", lambda s: "   ", lambda s: "#", lambda s: "# ", lambda s: "#.", lambda s: "#, fuzzy",
    lambda s: "# note", lambda s: '"x"', lambda s: 'msgctxt "c"', lambda s: s + "\n" + s,
]
SAMPLE = (
    '#\nmsgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    '# translator note\n#. block: p\n#. <1/> = <b>\n#: a.html:3 b.html:4 c.html d:x e.html:\n#, fuzzy, c-format\n'
    'msgctxt "k"\nmsgid ""\n"Hello \\"<1>you</1>\\" "\n"there"\nmsgstr "Привет\\tвсем\\\\"\n\n'
    '#: a.html:9\nmsgid "One"\nmsgstr ""\n'
)


@given(st.lists(st.tuples(st.integers(0, 30), st.sampled_from(range(len(EDITS)))), max_size=3))
@SETTINGS
def test_edited_lines_of_a_usual_file(edits: list[tuple[int, int]]) -> None:
    assert_same(SAMPLE, usual=True)
    lines = SAMPLE.split("\n")
    for at, which in edits:
        at %= len(lines)
        lines[at] = EDITS[which](lines[at])
    assert_same("\n".join(lines))


def test_every_single_line_edit() -> None:
    lines = SAMPLE.split("\n")
    for at, edit in itertools.product(range(len(lines)), EDITS):
        changed = list(lines)
        changed[at] = edit(changed[at])
        assert_same("\n".join(changed))
    for text in (SAMPLE.rstrip("\n"), "\n\n" + SAMPLE, SAMPLE + "\n\n\n", SAMPLE.replace("\n\n", "\n"), "", "\n"):
        assert_same(text)


def test_entries_read_are_the_entries_their_fields_make(tmp_path: Path) -> None:
    """Entries are made from their field dict (faster than a frozen dataclass's __init__): the same objects."""
    from newsl10n.catalog_model import Entry

    for text in [*_bench_catalogs(tmp_path, 3), SAMPLE, SAMPLE.replace("msgstr \"\"\n\"Content", "msgstr \"\"\n\"X\"\n\"C")]:
        for entry in (*read_po_text(text, path="x.po").entries, *(read_catalog(text) or Catalog()).entries):
            made = Entry(**{f.name: getattr(entry, f.name) for f in dataclasses.fields(Entry)})
            assert vars(entry) == vars(made) and entry == made and hash(entry) == hash(made)
            assert [f.name for f in dataclasses.fields(Entry)] == list(vars(entry))


@pytest.mark.parametrize(
    "text",
    [SAMPLE + "\n" + SAMPLE, SAMPLE + '\nmsgid "One"\nmsgstr "x"\n', SAMPLE + '\nmsgid ""\nmsgstr "X: y\\n"\n',
     '#: a.html:1\nmsgid "a"\nmsgstr ""\n\nmsgid ""\nmsgstr "Language: ru\\n"\n\nmsgid "a"\nmsgstr "b"\n'],
    ids=["file-twice", "duplicate", "second-header", "header-not-first"],
)
def test_what_the_checks_refuse_is_left_to_them(text: str) -> None:
    with pytest.raises(InputError):
        read_po_text(text, path="x.po")
    assert read_catalog(text) is None


def test_a_header_after_messages_is_the_header() -> None:
    text = '#: a.html:1\nmsgid "a"\nmsgstr ""\n\n#, fuzzy\nmsgid ""\nmsgstr "Language: ru\\n"\n"X-A: b\\n"\n'
    assert_same(text, usual=True)
    catalog = read_catalog(text)
    assert catalog is not None and dict(catalog.header) == {"Language": "ru", "X-A": "b"} and catalog.header_fuzzy

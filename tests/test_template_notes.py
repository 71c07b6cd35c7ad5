"""A template annotated while it is made is the template annotated afterwards; a template's notes are its rules' notes.

``workflow.steps.template_for`` makes the template and its glossary notes in
one pass (``catalog.article_template`` with ``Terminology.notes``, which makes
no :class:`~newsl10n.terms.TermRule` for a template).  These check it against
the two-step way (``catalog.template`` then ``catalog.annotate``, notes from
the rules) on the repository's corpus with the project's glossary, generated
articles and legends that ``annotate`` splits into several lines.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path, PurePath

import pytest

from newsl10n.catalog import Occurrence, annotate, article_template, header, template
from newsl10n.glossary import Concept, Glossary, Term, TermKind, TermStatus, load_glossary
from newsl10n.model import Segment
from newsl10n.stages import extract, load_source
from newsl10n.terms import Terminology
from newsl10n.workflow.context import RunTerms

from .conftest import REPO, corpus_articles

WHEN = dt.datetime(2024, 3, 4, 10, 30, tzinfo=dt.UTC)
GLOSSARY = load_glossary([REPO / "glossary"])


def segments_of(path: Path) -> tuple[list[Segment], str]:
    source = load_source(path.read_bytes(), path=PurePath(path.name), display=path.name)
    extraction = extract(source)
    return list(extraction.segments), extraction.lang


def assert_one_pass_is_two_steps(segments: list[Segment], lang: str, glossary: Glossary = GLOSSARY) -> int:
    terms = Terminology(glossary, lang, None)
    meta = header(project="news", lang=None, src_lang=lang, created=WHEN, source="news.html")
    two_steps = annotate(template((Occurrence(s, "news.html") for s in segments), metadata=meta), terms.notes)
    assert template((Occurrence(s, "news.html") for s in segments), metadata=meta, notes_for=terms.notes) == two_steps
    run = RunTerms(glossary).get(lang, None)
    assert run is not None
    assert article_template(segments, "news.html", metadata=meta, notes_for=run.notes) == two_steps
    for segment in segments:  # the notes without rules are the rules' notes
        assert terms.notes(segment.msgid) == list(dict.fromkeys(r.note() for r in terms.rules(segment.msgid)))
    return sum(line.startswith("term: ") for entry in two_steps for line in entry.extracted)


@pytest.mark.parametrize("path", corpus_articles(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_repository_corpus(path: Path) -> None:
    segments, lang = segments_of(path)
    assert_one_pass_is_two_steps(segments, lang)


def test_do_not_translate_terms(tmp_path: Path) -> None:
    dnt = Glossary.of([*GLOSSARY.concepts, Concept(id="lana", terms=(
        Term(text="Lana Kalikina", lang="en", status=TermStatus.PREFERRED, kind=TermKind.PERSON, do_not_translate=True),
    ), source_file="test.tbx", line=1)])
    path = tmp_path / "dnt.html"
    path.write_text('<html lang="en"><body><p>Lana Kalikina of SPbPU met Lana Kalikina.</p></body></html>')
    segments, lang = segments_of(path)
    assert assert_one_pass_is_two_steps(segments, lang, dnt) == 2
    assert Terminology(dnt, "en", None).notes(segments[0].msgid)[0] == "term: Lana Kalikina (do not translate)"


def test_generated_articles(tmp_path: Path) -> None:
    from bench import corpus

    count = sum(assert_one_pass_is_two_steps(*segments_of(p)) for p in corpus.write_corpus(tmp_path, 20))
    assert count > 100


def test_legends_that_annotate_splits(tmp_path: Path) -> None:
    """Attribute values with line separators other than \\n, and a title that looks like a note."""
    html = ('<html lang="en"><body><p>The <a href="/a\u2028b" title="x">SPbPU</a> and <a href="/c\rd">UPM</a> '
            'signed.</p><p><span title="term: fake">Institute of Energy</span> news.</p></body></html>')
    path = tmp_path / "odd.html"
    path.write_text(html, encoding="utf-8")
    segments, lang = segments_of(path)
    assert assert_one_pass_is_two_steps(segments, lang) >= 2

"""Markdown in, Markdown out: units with exact source spans, and the writer that puts translations in them."""

from __future__ import annotations

import re
from pathlib import Path, PurePath

import pytest

from newsl10n.formats.markdown import MarkdownDoc, read_markdown
from newsl10n.formats.markdown_write import Replacement, generate_markdown
from newsl10n.model import Translation
from newsl10n.stages import build, extract, load_source

from ..conftest import CORPUS
from .markdown_shape import block_shape, shout

MD_FILES = sorted((CORPUS / "md").rglob("*.md"))


def read(text: str) -> MarkdownDoc:
    return read_markdown(text, path="t.md")


def texts(text: str) -> list[str]:
    return [u.block.text for u in read(text).units]


def legends(text: str) -> list[str]:
    return [c.legend() for u in read(text).units for c in u.block.codes]


# ------------------------------------------------------------------ what becomes text, what becomes a code

CONSTRUCTS = [
    ("emphasis", "Some *very* **bold** ~~old~~ text.", ["Some <1>very</1> <2>bold</2> <3>old</3> text."], None),
    ("inline-link", 'See [the page](/a/ "T").', ["See <1>the page</1>."], ['<1> = <a href="/a/">']),
    ("reference-link", "See [Calendar][cal].\n\n[cal]: /calendar/", ["See <1>Calendar</1>."], None),
    ("collapsed-reference", "See [cal][].\n\n[cal]: /calendar/", ["See <1>cal</1>."], None),
    ("shortcut-reference", "See [cal] now.\n\n[cal]: /calendar/", ["See <1>cal</1> now."], None),
    (
        "autolink",
        "Visit <https://example.org/a> now.",
        ["Visit <1/> now."],
        ["<1/> = <https://example.org/a> (kept as it is)"],
    ),
    ("code-span", "Run `make all` here.", ["Run <1/> here."], ["<1/> = `make all` (kept as it is)"]),
    ("footnote", "A claim[^1].\n\n[^1]: The proof.", ["A claim<1/>.", "The proof."], None),
    ("inline-html", "A <strong>bold</strong> move.", ["A <1>bold</1> move."], ["<1> = <strong>"]),
    ("unbalanced-html", "A <span>open move.", ["A <1/>open move."], None),
    ("image", "A ![the map](map.png) here.", ["A <1/> here.", "the map"], None),
    ("hugo-shortcode", 'A {{< figure src="a.jpg" >}} b.', ["A <1/> b."], None),
    ("hugo-percent", "A {{% note %}}x{{% /note %}} b.", ["A <1/>x<2/> b."], None),
    ("liquid-tag", "Hi {% assign x = site.data.y %} there {{ page.title }}.", ["Hi <1/> there <2/>."], None),
    (
        "shortcode-in-link",
        'See [about]({{< ref "about.md" >}}).',
        ["See <1>about</1>."],
        ['<1> = <a href="{{< ref &quot;about.md&quot; >}}">'],
    ),
    ("heading-attributes", "## Campus life {#campus .wide}\n", ["Campus life "], None),
    (
        "url-in-text",
        "Get RubyAward_ApplicationForm_2020.doc or mail a@b.example.org.",
        ["Get <1/> or mail <2/>."],
        None,
    ),
    ("looks-like-a-code", "Press <1> then go.", ["Press <1/> then go."], ["<1/> = the text '<1>'"]),
    ("escape-and-entity", r"Fish \& chips &amp; \*stars\*.", ["Fish & chips & *stars*."], None),
    ("table", "| A | B |\n|---|--:|\n| one *x* | two |\n", ["A", "B", "one <1>x</1>", "two"], None),
    ("blockquote-lines", "> first line\n> second line\n", ["first line\nsecond line"], None),
    ("hard-break", "one  \ntwo\n", ["one<1/>two"], ["<1/> = <br>"]),
]


@pytest.mark.parametrize(("text", "want", "want_legends"), [c[1:] for c in CONSTRUCTS], ids=[c[0] for c in CONSTRUCTS])
def test_construct(text: str, want: list[str], want_legends: list[str] | None) -> None:
    assert texts(text) == want
    if want_legends is not None:
        assert legends(text) == want_legends


@pytest.mark.parametrize(
    "text",
    [
        "```\nfenced *code*\n```\n",
        "    indented code\n",
        "<div>\nblock html\n</div>\n",
        "[ref]: https://example.org/\n",
        "{% highlight ruby %}\nputs 'hi'\n\nx = 1\n{% endhighlight %}\n",
        "{{< highlight go >}}\nfmt.Println(1)\n{{< /highlight >}}\n",
        "{% raw %}\n{{ not.translated }}\n{% endraw %}\n",
        "<!-- a comment -->\n",
        "---\n",
    ],
    ids=[
        "fence",
        "indented",
        "html-block",
        "definition",
        "liquid-highlight",
        "hugo-highlight",
        "liquid-raw",
        "comment",
        "rule",
    ],
)
def test_never_text(text: str) -> None:
    assert [t for t in texts(text) if re.sub(r"<\d+/?>|</\d+>|\s", "", t)] == []


def test_shortcode_parameters_are_their_own_entries() -> None:
    doc = read('{{< figure src="a.jpg" alt="The campus" caption="Main hall." >}}\n')
    assert [(u.block.text, u.msgctxt) for u in doc.units if u.style == "param"] == [
        ("The campus", "figure alt"),
        ("Main hall.", "figure caption"),
    ]


def test_front_matter_fields_have_their_key_as_context() -> None:
    doc = read(
        '---\ntitle: "A: b"\ndate: 2024-01-01\nimages:\n  - src: x.jpg\n    alt: A view\nslug: keep-me\n---\nBody.\n'
    )
    assert [(u.block.text, u.msgctxt) for u in doc.units] == [
        ("A: b", "title"),
        ("A view", "images.alt"),
        ("Body.", None),
    ]


# ------------------------------------------------------------------ the writer


def write_all(text: str, change: str) -> str:
    """Every unit's whole text replaced by ``change`` with its codes kept."""
    doc = read(text)
    reps = [Replacement(k, 0, len(u.block.text), shout(u.block.text, change)) for k, u in enumerate(doc.units)]
    return generate_markdown(doc, reps)


def test_writer_replaces_only_the_sentence_spans() -> None:
    src = "Intro *one*   and [two](/x/ 'T').\n\n> Quoted\n> lines.\n\n| a | b |\n|---|---|\n| c | d |\n"
    assert write_all(src, "upper") == (
        "INTRO *ONE*   AND [TWO](/x/ 'T').\n\n> QUOTED LINES.\n\n| A | B |\n|---|---|\n| C | D |\n"
    )


@pytest.mark.parametrize(
    ("text", "translation", "expected"),
    [
        ("Plain text.", "Uses *stars* and _under_", "Uses \\*stars\\* and \\_under\\_"),
        ("Plain text.", "a <script>x</script>", "a \\<script\\>x\\</script\\>"),
        (
            "Plain text.",
            "tpl {{< sc >}} {% tag %} {{ x }}",
            "tpl \\{\\{\\< sc \\>\\}\\} \\{\\% tag \\%\\} \\{\\{ x \\}\\}",
        ),
        ("Plain text.", "# not a heading", "\\# not a heading"),
        ("Plain text.", "1986. A year", "1986\\. A year"),
        ("Plain text.", "[not](a-link)", "\\[not\\](a-link)"),
        ("| a |\n|---|\n| Cell text |\n", "x | y", "x \\| y"),
    ],
    ids=["emphasis", "html", "templates", "heading", "ordered", "link", "table-pipe"],
)
def test_translated_text_cannot_become_markup(text: str, translation: str, expected: str) -> None:
    doc = read(text)
    k = len(doc.units) - 1
    out = generate_markdown(doc, [Replacement(k, 0, len(doc.units[k].block.text), translation)])
    assert expected in out
    assert block_shape(out) == block_shape(text)
    assert not re.search(r"\{\{|\{%|%\}|\}\}", out)  # nothing Liquid or Hugo would read as a tag


def test_translated_parameter_cannot_end_its_tag() -> None:
    doc = read('{{< figure src="a.jpg" caption="Main hall" >}}\n')
    k = next(i for i, u in enumerate(doc.units) if u.style == "param")
    out = generate_markdown(doc, [Replacement(k, 0, 9, 'Sala "grande" >}} {{< evil >}}')])
    assert (
        out == '{{< figure src="a.jpg" caption="Sala \\"grande\\" >\u200b}\u200b} {\u200b{< evil >\u200b}\u200b}" >}}\n'
    )
    assert [m.group() for m in re.finditer(r"\{\{<.*?>\}\}", out)] == [out.rstrip("\n")]


@pytest.mark.parametrize(
    "link", ["[Calendar]", "[Calendar][]", "[Calendar][cal]"], ids=["shortcut", "collapsed", "full"]
)
def test_translated_reference_link_still_finds_its_definition(link: str) -> None:
    src = f"See the {link} now.\n\n[cal]: /cal/\n[calendar]: /calendar/\n"
    out = write_all(src, "upper")
    label = "cal" if link.endswith("[cal]") else "Calendar"
    assert out.startswith(f"SEE THE [CALENDAR][{label}] NOW.\n\n[cal]: /cal/\n")
    assert block_shape(out) == block_shape(src)


def test_alt_inside_a_translated_paragraph_is_translated_too() -> None:
    out = write_all("See ![the map](map.png) now.\n", "upper")
    assert out == "SEE ![THE MAP](map.png) NOW.\n"


def test_parameter_inside_a_translated_paragraph() -> None:
    out = write_all('Look {{< figure src="a.jpg" caption="Main hall" >}} here.\n', "upper")
    assert out == 'LOOK {{< figure src="a.jpg" caption="MAIN HALL" >}} HERE.\n'


# ------------------------------------------------------------------ through the pipeline, on the corpus


def _lookup(source_path: Path, change: str | None) -> tuple[object, dict[tuple[str | None, str], Translation]]:
    source = load_source(source_path.read_bytes(), path=source_path, display=source_path.name)
    ex = extract(source)
    table = {seg.key: Translation(seg.msgid if change is None else shout(seg.msgid, change)) for seg in ex.segments}
    return (source, ex.lang), table


@pytest.mark.parametrize("path", MD_FILES, ids=[p.name if p.name != "index.md" else p.parent.name for p in MD_FILES])
def test_corpus_round_trips_byte_for_byte(path: Path) -> None:
    (source, lang), lookup = _lookup(path, None)
    built = build(source, src_lang=lang, tgt_lang=lang, lookup=lookup)  # type: ignore[arg-type]
    assert built.suffix == ".md"
    assert built.html == path.read_text(encoding="utf-8")
    assert built.translated == built.total > 0


@pytest.mark.parametrize("path", MD_FILES, ids=[p.name if p.name != "index.md" else p.parent.name for p in MD_FILES])
def test_corpus_translated_keeps_structure(path: Path) -> None:
    (source, lang), lookup = _lookup(path, "upper")
    built = build(source, src_lang=lang, tgt_lang="xx" if lang != "xx" else "yy", lookup=lookup)  # type: ignore[arg-type]
    src = path.read_text(encoding="utf-8")
    assert built.html != src
    assert block_shape(built.html) == block_shape(src)


def test_page_bundles_and_language_suffixes_name_their_catalogs() -> None:
    from newsl10n.stages import article_slug

    assert article_slug(PurePath("content/en/posts/post-a/index.md")) == "post-a"
    assert article_slug(PurePath("content/en/posts/post-a/index.en.md")) == "post-a"
    assert article_slug(PurePath("content/posts/_index.md")) == "posts"
    assert article_slug(PurePath("_posts/2024-10-21-welcome-week.en.md")) == "2024-10-21-welcome-week"
    assert article_slug(PurePath("news.en.html")) == "news"
    assert article_slug(PurePath("release.v2.md")) == "release.v2"
    assert article_slug(PurePath("summer-school-2024.html")) == "summer-school-2024"


def test_a_template_line_stays_on_its_own_line() -> None:
    src = "{{% notice info %}}\nStudents apply here.\n{{% /notice %}}\n\n{% if x %}\nThe schedule is online.\n{% endif %}\n"
    source = load_source(src.encode(), path=PurePath("t.md"), display="t.md")
    segments = extract(source, given_lang="en").segments
    assert [s.msgid for s in segments] == ["Students apply here.", "The schedule is online."]
    built = build(source, src_lang="en", tgt_lang="es", lookup={s.key: Translation(s.msgid.upper()) for s in segments})
    assert built.html == (
        "{{% notice info %}}\nSTUDENTS APPLY HERE.\n{{% /notice %}}\n\n{% if x %}\nTHE SCHEDULE IS ONLINE.\n{% endif %}\n"
    )


HTML_BLOCK = """# Title

<div class="note">
<p>The office is <b>closed</b> on Monday.</p>
<img src="map.png" alt="Campus map">
</div>

After the block.
"""


def test_html_block_goes_through_the_html_reader() -> None:
    source = load_source(HTML_BLOCK.encode(), path=PurePath("t.md"), display="t.md")
    segments = extract(source, given_lang="en").segments
    assert [s.msgid for s in segments] == [
        "Title",
        "The office is <1>closed</1> on Monday.",
        "Campus map",
        "After the block.",
    ]
    same = build(source, src_lang="en", tgt_lang="en", lookup={s.key: Translation(s.msgid) for s in segments})
    assert same.html == HTML_BLOCK
    table = {s.key: Translation(shout(s.msgid, "upper")) for s in segments}
    built = build(source, src_lang="en", tgt_lang="es", lookup=table)
    assert built.translated == built.total == 4
    assert "<p>THE OFFICE IS <b>CLOSED</b> ON MONDAY.</p>" in built.html
    assert 'alt="CAMPUS MAP"' in built.html and 'src="map.png"' in built.html
    assert built.html.startswith("# TITLE\n\n<div") and built.html.endswith("</div>\n\nAFTER THE BLOCK.\n")
    assert block_shape(built.html) == block_shape(HTML_BLOCK)


def test_html_block_cannot_gain_markup() -> None:
    source = load_source(HTML_BLOCK.encode(), path=PurePath("t.md"), display="t.md")
    segments = extract(source, given_lang="en").segments
    evil = {s.key: Translation(s.msgid + ' <img src=x onerror="alert(1)">') for s in segments}
    built = build(source, src_lang="en", tgt_lang="es", lookup=evil)
    assert "onerror" not in built.html and built.translated == 0 and len(built.problems) == 4


def test_a_cell_with_an_escaped_pipe_is_left_alone_and_its_neighbours_found() -> None:
    src = "| Head | Other |\n|---|---|\n| a \\| b | b |\n"
    doc = read(src)
    assert [u.block.text for u in doc.units] == ["Head", "Other", "b"]
    assert write_all(src, "upper") == "| HEAD | OTHER |\n|---|---|\n| a \\| b | B |\n"


def test_html_block_the_writer_would_split_is_kept() -> None:
    src = "<table>\n  <tr>\n    <td>First cell</td>\n  </tr>\n  </tr>\n    <tr>\n    <td>Second cell</td>\n  </tr>\n</table>\n"
    source = load_source(src.encode(), path=PurePath("t.md"), display="t.md")
    segments = extract(source, given_lang="en").segments
    assert [s.msgid for s in segments] == ["First cell", "Second cell"]
    built = build(source, src_lang="en", tgt_lang="es", lookup={s.key: Translation(s.msgid.upper()) for s in segments})
    assert built.html == src  # lxml drops the stray </tr> and leaves a blank line, which would end the block
    assert built.translated == 0 and [p.line for p in built.problems] == [1]


def test_url_inside_an_html_block_is_kept_verbatim() -> None:
    src = "<div>\n<p>Send RubyAward_ApplicationForm_2020.doc to office@example.org today.</p>\n</div>\n"
    source = load_source(src.encode(), path=PurePath("t.md"), display="t.md")
    (seg,) = extract(source, given_lang="en").segments
    assert seg.msgid == "Send <1/> to <2/> today."
    built = build(source, src_lang="en", tgt_lang="es", lookup={seg.key: Translation("Envíe <1/> a <2/> hoy.")})
    assert "<p>Envíe RubyAward_ApplicationForm_2020.doc a office@example.org hoy.</p>" in built.html

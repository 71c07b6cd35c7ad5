"""Generated Markdown with every construct the reader knows: built with msgstr = msgid it is the source, byte for byte;
built with every sentence changed it keeps the source's block structure and every code's source text."""

from __future__ import annotations

from pathlib import PurePath

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsl10n.model import Translation
from newsl10n.stages import build, extract, load_source

from .markdown_shape import block_shape, shout

WORD = st.sampled_from(
    [
        "Students",
        "the",
        "office",
        "Madrid",
        "exchange",
        "semester",
        "Dr.",
        "St.",
        "3.5",
        "grant",
        "é",
        "день",
        "año",
        "x_y",
    ]
)
SEP = st.sampled_from([" ", " ", " ", "  ", ". ", ", ", "! ", "\n"])

INLINE = st.sampled_from(
    [
        "*{w}*",
        "**{w}**",
        "_{w}_",
        "~~{w}~~",
        "`code {w}`",
        "[{w}](/page/{w}/)",
        '[{w}](https://example.org/a "Title")',
        "[{w}][ref]",
        "[{w}][]",
        "![{w} view](img/{w}.png)",
        "<https://example.org/{w}>",
        "<strong>{w}</strong>",
        "<span>{w}",
        "[^note]",
        '{{{{< figure src="a.jpg" caption="{w} hall" >}}}}',
        "{{{{% badge %}}}}{w}{{{{% /badge %}}}}",
        "{{% assign x = site.data.{w} %}}",
        "{{{{ page.title }}}}",
        "{w}@example.org",
        "https://example.org/{w}.pdf",
        "\\*{w}\\*",
        "&amp; {w}",
        "<1> {w}",
    ]
)


@st.composite
def inline_text(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 8))):
        word = draw(WORD)
        if draw(st.booleans()):
            parts.append(draw(INLINE).format(w=word.replace("_", "")))
        else:
            parts.append(word)
        parts.append(draw(SEP))
    return "".join(parts).strip() or "Text"


@st.composite
def block(draw: st.DrawFn) -> str:
    text = draw(inline_text())
    one_line = text.replace("\n", " ")
    kind = draw(st.sampled_from(["p", "p", "h", "ul", "ol", "quote", "table", "fence", "html", "footnote", "setext"]))
    if kind == "h":
        return "#" * draw(st.integers(1, 4)) + " " + one_line + draw(st.sampled_from(["", " {#anchor}", " ##"]))
    if kind == "setext":
        return one_line + "\n" + draw(st.sampled_from(["===", "---"]))
    if kind == "ul":
        return "\n".join(f"{draw(st.sampled_from('-*+'))} {line}" for line in text.split("\n"))
    if kind == "ol":
        return "\n".join(f"{k}. {line}" for k, line in enumerate(text.split("\n"), 1))
    if kind == "quote":
        return "\n".join(f"> {line}" for line in text.split("\n"))
    if kind == "table":
        cells = [c.replace("|", "") or "x" for c in one_line.split(" ")[:3]]
        return "| " + " | ".join(cells) + " |\n|" + "---|" * len(cells) + "\n| " + " | ".join(reversed(cells)) + " |"
    if kind == "fence":
        return "```python\n" + text + "\n```"
    if kind == "html":
        return '<div class="note">\n' + one_line + "\n</div>"
    if kind == "footnote":
        return "[^note]: " + one_line
    return text


FRONT = st.sampled_from(
    [
        "",
        '---\ntitle: "A title: {w}"\ndate: 2024-01-02\nlang: en\ntags: [a, b]\n---\n',
        "---\ntitle: Plain {w} title # comment\nsummary: 'It''s {w}'\nimages:\n  - src: a.jpg\n    alt: The {w}\n---\n",
        '+++\ntitle = "TOML {w}"\nlang = "en"\n[params]\nsubtitle = \'literal {w}\'\n+++\n',
    ]
)


@st.composite
def document(draw: st.DrawFn) -> str:
    front = draw(FRONT).format(w=draw(WORD))
    blocks = draw(st.lists(block(), min_size=1, max_size=6))
    tail = '\n\n[ref]: https://example.org/ref "Ref"\n' if draw(st.booleans()) else "\n"
    newline = draw(st.sampled_from(["\n", "\n", "\r\n"]))
    return (front + "\n\n".join(blocks) + tail).replace("\n", newline)


def _run(text: str, change: str | None) -> tuple[str, str]:
    source = load_source(text.encode("utf-8"), path=PurePath("post.md"), display="post.md")
    assert source.markdown is not None
    ex = extract(source, given_lang="en")
    table = {s.key: Translation(s.msgid if change is None else shout(s.msgid, change)) for s in ex.segments}
    built = build(source, src_lang="en", tgt_lang="en", lookup=table)
    return source.markdown.text, built.html


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document())
def test_untranslated_build_is_the_source(text: str) -> None:
    source, built = _run(text, None)
    assert built == source


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document())
def test_translated_build_keeps_structure_and_codes(text: str) -> None:
    source, built = _run(text, "upper")
    assert block_shape(built) == block_shape(source)


ANY_TEXT = st.lists(
    st.sampled_from(list("ab cé Жx.,!?#*_`[]()<>|-=\\:{}%~^&;/\"'\t\n>1") + ["\r\n", "{{<", ">}}", "{%", "%}", "\n\n"]),
    max_size=120,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_any_text_round_trips_and_keeps_structure(text: str) -> None:
    if not text.strip():
        return
    source, built = _run(text, None)
    assert built == source
    source, built = _run(text, "upper")
    assert block_shape(built) == block_shape(source)

"""The sample corpus under corpus/ is test data for the whole package.

These tests pin down what the corpus is for: every file parses, has the
expected size, encoding and metadata, and the set as a whole exercises each
HTML feature the extractor, translator and checker must cope with (see
corpus/README.md).  If a feature test fails after an edit of the corpus, the
edit removed the last example of that feature.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
from lxml.html import HtmlElement

from newsl10n.localize import find_date_line, localize_datetime_attr

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
EN_FILES = sorted((CORPUS / "en").glob("*.html"))
RU_FILES = sorted((CORPUS / "ru").glob("*.html"))
ALL_FILES = EN_FILES + RU_FILES

WORD_LIMITS = {"en": (300, 700), "ru": (250, 500)}
EXSLT = {"re": "http://exslt.org/regular-expressions"}
_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE
)


def _lang_of(path: Path) -> str:
    return path.parent.name


def _ids(paths: list[Path]) -> list[str]:
    return [f"{_lang_of(p)}/{p.name}" for p in paths]


def declared_charset(raw: bytes) -> str | None:
    m = _CHARSET.search(raw)
    return m.group(1).decode("ascii").lower() if m else None


def read_source(path: Path) -> str:
    """The file decoded with its declared charset (UTF-8 when none is declared)."""
    raw = path.read_bytes()
    return raw.decode(declared_charset(raw) or "utf-8")


def is_fragment(source: str) -> bool:
    return re.search(r"<html\b", source, re.IGNORECASE) is None


def parse(path: Path) -> HtmlElement:
    return lxml.html.document_fromstring(read_source(path))


def visible_text(doc: HtmlElement) -> str:
    """Text of <body> without script and style content, whitespace collapsed."""
    body = doc.find("body")
    assert body is not None
    parts: list[str] = []
    for node in body.iter():
        if not isinstance(node.tag, str):  # comments, processing instructions
            if node.tail:
                parts.append(node.tail)
            continue
        if node.tag not in ("script", "style") and node.text:
            parts.append(node.text)
        if node is not body and node.tail:
            parts.append(node.tail)
    return " ".join(" ".join(parts).split())


def word_count(text: str) -> int:
    return sum(1 for token in text.split() if any(ch.isalnum() for ch in token))


def has_unclosed(source: str, tag: str) -> bool:
    """True if a <tag> opens while the previous one is still open.

    Good enough for the corpus, which has no nested lists.
    """
    is_open = False
    for m in re.finditer(rf"<(/?){tag}\b[^>]*>", source, re.IGNORECASE):
        if m.group(1):
            is_open = False
        elif is_open:
            return True
        else:
            is_open = True
    return False


# --- the corpus as a whole ---------------------------------------------------


def test_corpus_has_enough_articles() -> None:
    assert len(EN_FILES) >= 5
    assert len(RU_FILES) >= 1


@pytest.mark.parametrize("path", ALL_FILES, ids=_ids(ALL_FILES))
def test_file_name_is_a_slug(path: Path) -> None:
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*\.html", path.name)


@pytest.mark.parametrize("path", ALL_FILES, ids=_ids(ALL_FILES))
def test_parses_with_lxml(path: Path) -> None:
    doc = parse(path)
    assert doc.tag == "html"
    body = doc.find("body")
    assert body is not None
    assert body.find(".//h1") is not None
    assert len(body.findall(".//p")) >= 5


@pytest.mark.parametrize("path", ALL_FILES, ids=_ids(ALL_FILES))
def test_word_count_in_range(path: Path) -> None:
    low, high = WORD_LIMITS[_lang_of(path)]
    words = word_count(visible_text(parse(path)))
    assert low <= words <= high, f"{words} words"


FULL_DOCUMENTS = [p for p in ALL_FILES if not is_fragment(read_source(p))]


@pytest.mark.parametrize("path", FULL_DOCUMENTS, ids=_ids(FULL_DOCUMENTS))
def test_full_documents_have_metadata(path: Path) -> None:
    doc = parse(path)
    assert doc.get("lang") == _lang_of(path)
    title = doc.findtext(".//head/title")
    assert title is not None and title.strip()
    for xpath in (
        "//head/meta[@name='description']/@content",
        "//head/meta[@property='og:title']/@content",
        "//head/meta[@property='og:description']/@content",
    ):
        values = doc.xpath(xpath)
        assert len(values) == 1 and str(values[0]).strip(), xpath


@pytest.mark.parametrize("path", EN_FILES, ids=_ids(EN_FILES))
def test_english_files_are_utf8(path: Path) -> None:
    raw = path.read_bytes()
    raw.decode("utf-8")  # raises if not
    assert not raw.startswith(b"\xef\xbb\xbf"), "no byte order mark"
    if not is_fragment(raw.decode("utf-8")):
        assert b'<meta charset="utf-8">' in raw


@pytest.mark.parametrize("path", RU_FILES, ids=_ids(RU_FILES))
def test_russian_files_are_windows_1251(path: Path) -> None:
    raw = path.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("cp1251")
    assert re.search(r"[А-Яа-я]{4}", text)
    assert (
        b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        in raw
    )
    assert declared_charset(raw) == "windows-1251"
    # libxml2 honours the declaration when it is handed the raw bytes.
    from_bytes = lxml.html.document_fromstring(raw)
    assert from_bytes.findtext(".//title") == parse(path).findtext(".//title")


def test_one_article_is_a_fragment() -> None:
    fragments = [p for p in EN_FILES if is_fragment(read_source(p))]
    assert fragments, "no fragment article"
    for path in fragments:
        source = read_source(path)
        assert not re.search(r"<(?:head|body|!doctype)\b", source, re.IGNORECASE)
        elements = lxml.html.fragments_fromstring(source)
        assert elements[0].tag == "h1"
        assert any(e.tag == "p" for e in elements)


def test_one_article_is_malformed_like_cms_output() -> None:
    malformed = [
        p
        for p in EN_FILES
        if has_unclosed(read_source(p), "p") and has_unclosed(read_source(p), "li")
    ]
    assert malformed, "no article with an unclosed <p> and an unclosed <li>"
    for path in malformed:
        doc = parse(path)
        # lxml repairs it: the list keeps all its items, paragraphs do not nest.
        assert all(len(ul.findall("li")) >= 2 for ul in doc.iter("ul"))
        assert not doc.xpath("//p//p")


# --- features that must appear somewhere ------------------------------------

# (id, language, kind, expression).  kind: "xpath" is evaluated on the parsed
# document (re: is EXSLT regular expressions); "source" is a regex over the
# decoded file; "text" is a regex over the visible body text.
FEATURES: list[tuple[str, str, str, str]] = [
    ("link-to-partner-in-sentence", "en", "xpath", "//p[normalize-space(text())]/a[@href='/partners/upm/']"),
    ("bold-in-sentence", "en", "xpath", "//p[normalize-space(text())][strong]"),
    ("italic-in-sentence", "en", "xpath", "//p[normalize-space(text())][em]"),
    ("link-containing-strong", "en", "xpath", "//p/a[strong][normalize-space(text())]"),
    ("link-with-title", "en", "xpath", "//a[@href][normalize-space(@title)]"),
    ("unordered-list", "en", "xpath", "//ul[count(li) >= 3]"),
    ("ordered-list", "en", "xpath", "//ol[count(li) >= 3]"),
    ("table-th-td", "en", "xpath", "//table[.//th][.//td]"),
    ("figure-img-figcaption", "en", "xpath", "//figure[img[normalize-space(@alt)][normalize-space(@title)]][figcaption]"),
    ("blockquote", "en", "xpath", "//blockquote[.//p]"),
    ("definition-list", "en", "xpath", "//dl[dt][dd]"),
    ("time-element", "en", "xpath", "//time[@datetime='2024-03-04'][normalize-space()='4 March 2024']"),
    ("date-line-en", "en", "source", r'<p class="date">Publication date: \d{1,2} [A-Z][a-z]+ \d{4}</p>'),
    ("date-line-ru-leak", "en", "source", r"<p>Дата публикации: \d{4}\.\d{2}\.\d{2}</p>"),
    ("br-address-block", "en", "xpath", "//p[count(br) >= 3]"),
    ("nbsp-entity", "en", "source", r"\w&nbsp;\w"),
    ("nbsp-in-text", "en", "xpath", "//p[contains(., '\u00a0')]"),
    ("script-with-lt-and-ampamp", "en", "xpath", "//script[contains(., '<')][contains(., '&&')]"),
    ("style", "en", "xpath", "//style[normalize-space()]"),
    ("html-comment", "en", "xpath", "//comment()"),
    ("code-in-sentence", "en", "xpath", "//p[normalize-space(text())][code]"),
    ("pre", "en", "xpath", "//pre[normalize-space()]"),
    ("translate-no", "en", "xpath", "//*[@translate='no']"),
    ("class-notranslate", "en", "xpath", "//*[contains(concat(' ', normalize-space(@class), ' '), ' notranslate ')]"),
    ("input-placeholder", "en", "xpath", "//input[normalize-space(@placeholder)]"),
    ("aria-label", "en", "xpath", "//*[normalize-space(@aria-label)]"),
    ("email-cell", "en", "xpath", r"//td[re:test(normalize-space(.), '^[\w.+-]+@[\w-]+(\.[\w-]+)+$')]"),
    ("url-only-cell", "en", "xpath", r"//td[re:test(normalize-space(.), '^https?://\S+$')]"),
    ("number-only-cell", "en", "xpath", r"//td[re:test(normalize-space(.), '^[0-9]+([.,][0-9]+)?$')]"),
    ("abbr-st-petersburg", "en", "text", r"\bSt\. Petersburg\b"),
    ("abbr-prof", "en", "text", r"\bProf\. [A-Z]"),
    ("abbr-dr", "en", "text", r"\bDr\. [A-Z]"),
    ("abbr-mr", "en", "text", r"\bMr\. [A-Z]"),
    ("abbr-ie", "en", "text", r"\bi\.e\. "),
    ("abbr-eg", "en", "text", r"\be\.g\. "),
    ("initials", "en", "text", r"\b[A-Z]\. [A-Z]\. [A-Z][a-zá-ú]+"),
    ("decimal-number", "en", "text", r"(?<![\d.])\d+\.\d+(?![\d.])"),
    ("ru-date-line", "ru", "source", r"Дата публикации: 04\.03\.2021"),
    ("ru-abbr-te", "ru", "text", r"\bт\. е\."),
    ("ru-abbr-year", "ru", "text", r"\d г\."),
    ("ru-abbr-im", "ru", "text", r"\bим\. [А-Я]"),
    ("ru-abbr-ul", "ru", "text", r"\bул\. [А-Я]"),
    ("ru-abbr-prof", "ru", "text", r"\bпроф\. [А-Я]"),
    ("ru-initials", "ru", "text", r"\b[А-Я]\.[А-Я]\. [А-Я][а-я]+"),
    ("ru-guillemets", "ru", "text", r"«[^»]+»"),
]  # fmt: skip


def _feature_present(lang: str, kind: str, expr: str) -> list[str]:
    files = EN_FILES if lang == "en" else RU_FILES
    hits: list[str] = []
    for path in files:
        source = read_source(path)
        if kind == "source":
            found = re.search(expr, source) is not None
        elif kind == "text":
            text = visible_text(lxml.html.document_fromstring(source))
            found = re.search(expr, text) is not None
        else:
            doc = lxml.html.document_fromstring(source)
            found = bool(doc.xpath(expr, namespaces=EXSLT))
        if found:
            hits.append(path.name)
    return hits


@pytest.mark.parametrize(
    ("lang", "kind", "expr"),
    [f[1:] for f in FEATURES],
    ids=[f[0] for f in FEATURES],
)
def test_feature_is_exercised(lang: str, kind: str, expr: str) -> None:
    assert _feature_present(lang, kind, expr), f"no {lang} article has {kind} {expr!r}"


@pytest.mark.parametrize(
    ("lang", "kind", "expr"),
    [
        ("en", "xpath", "//marquee"),
        ("en", "source", r"<blink\b"),
        ("en", "text", r"\bLorem ipsum\b"),
        ("ru", "text", r"\bLorem ipsum\b"),
    ],
    ids=["xpath", "source", "text", "ru-text"],
)
def test_feature_check_can_fail(lang: str, kind: str, expr: str) -> None:
    """Negative control: the checker does not report features that are absent."""
    assert _feature_present(lang, kind, expr) == []


# --- the corpus agrees with newsl10n.localize --------------------------------

_DATE_LABEL_START = re.compile(r"^(?:Publication date|Дата публикации)\b")


@pytest.mark.parametrize("path", ALL_FILES, ids=_ids(ALL_FILES))
def test_date_lines_are_recognised(path: Path) -> None:
    doc = parse(path)
    lines = [
        p.text_content()
        for p in doc.iter("p")
        if _DATE_LABEL_START.match(p.text_content().strip())
    ]
    assert lines, "every article carries a publication-date line"
    for line in lines:
        mention = find_date_line(line)
        assert mention is not None, line
        assert (
            line[mention.start : mention.end].strip()
            == line[mention.start : mention.end]
        )


@pytest.mark.parametrize("path", ALL_FILES, ids=_ids(ALL_FILES))
def test_time_elements_localize(path: Path) -> None:
    for value in parse(path).xpath("//time/@datetime"):
        assert localize_datetime_attr(str(value), "ru") is not None, value


# --- Markdown posts (corpus/md): Hugo and Jekyll sites ---------------------------------------------------------

MD_FILES = sorted((CORPUS / "md").rglob("*.md"))
MD_LANGS = {"erasmus-open-day": "en", "buddy-programme": "en", "letnyaya-shkola": "ru"}


def _md_lang(path: Path) -> str:
    from newsl10n.stages import language_suffix

    return MD_LANGS.get(path.parent.name) or language_suffix(path.stem) or "?"


def test_markdown_posts_cover_both_sites_and_three_languages() -> None:
    assert len(MD_FILES) == 5
    assert {p.relative_to(CORPUS / "md").parts[0] for p in MD_FILES} == {"hugo", "jekyll"}
    assert sorted(_md_lang(p) for p in MD_FILES) == ["en", "en", "en", "es", "ru"]


@pytest.mark.parametrize("path", MD_FILES, ids=lambda p: p.relative_to(CORPUS / "md").as_posix())
def test_markdown_post_is_utf8_with_front_matter_and_a_language(path: Path) -> None:
    text = path.read_bytes().decode("utf-8")
    assert text.startswith(("---\n", "+++\n"))
    fence = text[:4]
    front = text[4 : text.index(fence, 4)]
    assert re.search(rf"^lang\s*[:=]\s*\"?{_md_lang(path)}\"?$", front, re.MULTILINE)
    words = len(re.findall(r"\w+", text[text.index(fence, 4) :]))
    assert 120 <= words <= 600


MD_FEATURES = {
    "yaml front matter": r"\A---\n",
    "toml front matter": r"\A\+\+\+\n",
    "front matter comment": r"\A(?:---|\+\+\+)\n(?:(?!---|\+\+\+).*\n)*#",
    "front matter image alt": r"\n\s*(?:- )?alt\s*[:=]",
    "hugo shortcode with parameters": r'\{\{< figure [^>]*caption="',
    "paired hugo shortcode": r"\{\{% notice .*%\}\}[\s\S]*\{\{% /notice %\}\}",
    "hugo shortcode inside a sentence": r"\w \{\{< ref-link",
    "liquid tag": r"\{% assign ",
    "liquid output": r"\{\{ release\.countries \}\}",
    "liquid include with parameters": r'\{% include figure\.html [^%]*alt="',
    "liquid raw block": r"\{% raw %\}[\s\S]*\{% endraw %\}",
    "liquid condition around text": r"\{% if [^%]*%\}\n\w",
    "full reference link": r"\]\[upm\]",
    "collapsed reference link": r"\]\[\]",
    "reference definition with title": r'^\[upm\]: \S+ "',
    "reference definition inside a template": r"^\[calendar\]: \{\{",
    "footnote reference and definition": r"\[\^\w+\][\s\S]*^\[\^\w+\]: ",
    "inline link with title": r'\]\([^)\s]+ "[^"]+"\)',
    "autolink": r"<https://",
    "e-mail address in text": r" [\w.]+@[\w.]+\.\w+",
    "file name in a code span": r"`[\w-]+\.pdf`",
    "raw inline html pair": r"<strong>[^<]+</strong>|<em>[^<]+</em>",
    "html comment": r"<!--",
    "heading attributes": r"^#+ .* \{#[\w-]+\}$",
    "gfm table with alignment": r"^\|[:-]+\|-+:\|",
    "fenced code": r"^```\w+\n",
    "image with title": r'!\[[^\]]+\]\([^)\s]+ "',
    "hard line break": r"  \n\S",
    "block quote over lines": r"^> .*\n> ",
    "ordered list": r"^1\. ",
    "bullet list with bold": r"^- \*\*",
}


@pytest.mark.parametrize("pattern", MD_FEATURES.values(), ids=MD_FEATURES.keys())
def test_markdown_feature_is_present(pattern: str) -> None:
    texts = [p.read_text(encoding="utf-8") for p in MD_FILES]
    assert any(re.search(pattern, t, re.MULTILINE) for t in texts)

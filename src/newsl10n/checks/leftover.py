"""Text left in the wrong language or script.

In catalogs (the ``leftover`` check, on translated entries):

* a Latin-script target (en, es, …): Cyrillic words, even those of the
  msgid (a Latin-script text transliterates Russian names; put exceptions in
  the allow-list);
* a Cyrillic-script target (ru, …): Latin-script words that are not in the
  msgid (names and abbreviations such as UPM or SPbPU are kept on purpose)
  and are not Roman numerals (``XXI век``);
  — unless the translation has no Cyrillic word at all and three or more
  Latin ones: then the sentence was left untranslated, and every word counts;
* a Spanish target: three or more consecutive English function words
  (``one of the``, ``and it must be``: how an untranslated clause shows).

URLs, e-mail addresses, domain names, inline codes and the words of
``CheckContext.allowed_words`` (compared case-insensitively) never count.
A word mixing both scripts (``Mоscow`` with a Cyrillic ``о``) counts as wrong.

In built pages (:func:`leftover_in_html`) the same rules run on exactly the
text and attributes that ``extract`` offers for translation
(:mod:`newsl10n.formats.html_rules`: nothing in ``script``, ``noscript``,
``textarea``, ``svg``… or ``translate="no"`` subtrees, no ``meta`` keywords),
and not in subtrees whose ``lang`` names another language.  There is no
msgid, so a Cyrillic-script page reports only texts with no Cyrillic word
and three or more Latin ones.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import regex
from babel.core import get_global

from ..formats.html5_parse import XML_NS, ParserFailed, TooDeep, parse_document
from ..formats.html_rules import is_skipped, sniff_html_lang, translatable_attributes
from ..localize import primary_lang
from ..model import CODE_RE, Finding, Severity
from .base import REGISTRY, CheckContext, EntryView, check
from .links import ADDRESS_RE

_MASK = regex.compile(
    ADDRESS_RE.pattern  # URLs and e-mail addresses
    + r"|\b(?:[a-z0-9-]+\.)+[a-z]{2,}\b"  # domain names (lower case)
    r"|" + CODE_RE.pattern,
    regex.VERSION1,
)
_WORD = regex.compile(r"[\p{L}\p{M}]+")
_CYRILLIC = regex.compile(r"\p{Cyrillic}")
_LATIN = regex.compile(r"\p{Latin}")
_ROMAN = regex.compile(r"^[IVXLCDM]+$")
_BETWEEN_RUN = regex.compile(r"^[^\p{L}]*$")
_SPACES_ONLY = regex.compile(r"^\s+$")
_MIN_UNTRANSLATED = 3
_ENGLISH_RUN = 3

_ENGLISH_WORDS = """
the of and with for to in on at by from into onto about between after before during over under through without
within against among this that these those there their they them its it is are was were be been being has have had
will would can could should shall may might must do does did which who whom whose what when where while than then
also only both each other such our we you your his her him she not or but if as an all any some more most one out
up just very how why because
"""
#: English function words that are not also common Spanish words (no "a", "he", "me", "no").
ENGLISH_FUNCTION_WORDS = frozenset(_ENGLISH_WORDS.split())

_SCRIPT_NAMES = {"Latn": "Latin-script", "Cyrl": "Cyrillic"}


@functools.lru_cache(maxsize=64)
def script_of(lang: str) -> str | None:
    """``Latn`` or ``Cyrl`` for a language (Babel's likely subtags), else ``None``."""
    likely = get_global("likely_subtags").get(primary_lang(lang))
    if not likely:
        return None
    for part in str(likely).split("_")[1:]:
        if part in _SCRIPT_NAMES:
            return part
    return None


@dataclass(frozen=True)
class _Word:
    text: str
    start: int
    end: int
    script: str | None  # "Latn", "Cyrl", "mixed" or None (another script)


def _words(text: str) -> list[_Word]:
    masked = _MASK.sub(lambda m: " " * len(m.group(0)), text)
    out = []
    for m in _WORD.finditer(masked):
        w = m.group(0)
        cyr, lat = bool(_CYRILLIC.search(w)), bool(_LATIN.search(w))
        script = "mixed" if cyr and lat else "Cyrl" if cyr else "Latn" if lat else None
        out.append(_Word(w, m.start(), m.end(), script))
    return out


def _is_wrong(word: _Word, target: str) -> bool:
    return word.script == "mixed" or (word.script is not None and word.script != target)


def _runs(text: str, words: Sequence[_Word], picked: Sequence[_Word]) -> list[str]:
    """The picked words grouped into snippets of the text (neighbours joined by punctuation only)."""
    chosen = {w.start for w in picked}
    runs: list[str] = []
    start = end = -1
    for w in words:
        if w.start not in chosen:
            if start >= 0:
                runs.append(text[start:end])
                start = -1
            continue
        if start >= 0 and _BETWEEN_RUN.match(text[end : w.start]):
            end = w.end
            continue
        if start >= 0:
            runs.append(text[start:end])
        start, end = w.start, w.end
    if start >= 0:
        runs.append(text[start:end])
    return runs


def _quote(snippets: Sequence[str], limit: int = 5) -> str:
    shown = [s if len(s) <= 60 else s[:59] + "…" for s in snippets[:limit]]
    more = ", …" if len(snippets) > limit else ""
    return ", ".join(f'"{s}"' for s in shown) + more


def english_runs(text: str) -> list[str]:
    """Runs of three or more consecutive English function words (whitespace between them only)."""
    words = _words(text)
    runs: list[str] = []
    current: list[_Word] = []

    def flush() -> None:
        if len(current) >= _ENGLISH_RUN:
            runs.append(text[current[0].start : current[-1].end])
        current.clear()

    for w in words:
        if w.text.casefold() in ENGLISH_FUNCTION_WORDS:
            if current and not _SPACES_ONLY.match(text[current[-1].end : w.start]):
                flush()
            current.append(w)
        else:
            flush()
    flush()
    return runs


def _problems(
    text: str,
    lang: str,
    *,
    what: str,
    allowed: frozenset[str],
    source_words: frozenset[str] | None,
) -> list[str]:
    """What is wrong with ``text`` for ``lang``; ``source_words`` is None when there is no msgid."""
    target = script_of(lang)
    if target is None:
        return []
    words = _words(text)
    wrong = [
        w
        for w in words
        if _is_wrong(w, target) and w.text.casefold() not in allowed and not (target == "Cyrl" and _ROMAN.match(w.text))
    ]
    untranslated = len(wrong) >= _MIN_UNTRANSLATED and not any(w.script == target for w in words)
    if target == "Cyrl" and not untranslated:
        if source_words is None:
            wrong = []  # a page has no msgid to tell names from leftovers: only whole texts count
        else:  # Latin names and abbreviations of the msgid are kept on purpose
            wrong = [w for w in wrong if w.text.casefold() not in source_words or w.script == "mixed"]
    out: list[str] = []
    if wrong:
        other = "Latin-script" if target == "Cyrl" else "Cyrillic"
        note = " not in the msgid" if source_words is not None and target == "Cyrl" and not untranslated else ""
        why = f" (no {_SCRIPT_NAMES[target]} word: left untranslated?)" if untranslated else ""
        out.append(f"{other} text{note} in {what}{why}: {_quote(_runs(text, words, wrong))}")
    if primary_lang(lang) == "es":
        runs = english_runs(text)
        if runs:
            out.append(f"English words left in {what}: {_quote(runs)}")
    return out


def _casefolded(words: frozenset[str]) -> frozenset[str]:
    return frozenset(w.casefold() for w in words)


@check("leftover", severity=Severity.ERROR, needs=("target",))
def leftover(ctx: CheckContext, entry: EntryView) -> Iterator[Finding]:
    """Translation has no text left in the wrong language or script.

    Cyrillic words in a Latin-script target, Latin-script words that are not
    in the msgid in a Cyrillic-script target, runs of three or more English
    function words in a Spanish target.
    """
    if not entry.translated or not entry.tgt_lang:
        return
    source = frozenset(w.text.casefold() for w in _words(entry.msgid))
    problems = _problems(
        entry.msgstr,
        entry.tgt_lang,
        what=f"the {entry.tgt_lang} translation",
        allowed=_casefolded(ctx.allowed_words),
        source_words=source,
    )
    if problems:
        yield entry.finding("; ".join(problems))


# -- built pages ----------------------------------------------------------------------------------------

def page_language(html: str, path: str) -> str:
    """A built page's language: its ``<html lang>``, else the ``<lang>/`` folder it is in; ``""`` if neither tells."""
    declared = sniff_html_lang(html)
    if declared:
        return primary_lang(declared)
    parts = regex.split(r"[\\/]", path)
    folder = primary_lang(parts[-2]) if len(parts) > 1 else ""
    return folder if folder and get_global("likely_subtags").get(folder) else ""


def leftover_in_page(html: str, *, path: str, allowed_words: frozenset[str] = frozenset()) -> list[Finding]:
    """:func:`leftover_in_html` in the page's own language; a ``language`` finding when it cannot be told."""
    lang = page_language(html, path)
    if lang:
        return leftover_in_html(html, path=path, lang=lang, allowed_words=allowed_words)
    message = "page language unknown (no lang attribute on <html> and the folder is not <lang>/): not checked: leftover"
    return [Finding(code="language", severity=REGISTRY.get("language").severity, message=message, path=path)]


def leftover_in_html(html: str, *, path: str, lang: str, allowed_words: frozenset[str] = frozenset()) -> list[Finding]:
    """Text in the wrong script for ``lang`` in a built page, in document order, with its element's line.

    The ``lang`` attribute of the ``html`` element is not trusted (the page
    may declare the wrong language): ``lang`` decides.
    """
    if script_of(lang) is None or not html.strip():
        return []
    try:
        root = parse_document(html)  # read as extract reads articles: as a browser does
    except (ParserFailed, TooDeep):
        return []
    walker = _PageWalker(path=path, lang=primary_lang(lang), allowed=_casefolded(allowed_words))
    walker.walk(root, is_root=True)
    return walker.findings


@dataclass
class _PageWalker:
    path: str
    lang: str
    allowed: frozenset[str]

    def __post_init__(self) -> None:
        self.findings: list[Finding] = []

    def walk(self, el: Any, *, is_root: bool = False) -> None:
        """What the reader would extract from this subtree (the rules of :mod:`~newsl10n.formats.html_rules`)."""
        if is_skipped(el):  # comments, script, noscript, textarea, svg…, translate="no"
            return
        declared = primary_lang(el.get("lang") or el.get("xmlU0003Alang") or el.get(f"{{{XML_NS}}}lang"))
        if declared and not is_root and declared != self.lang:
            return
        line = el.sourceline
        for name, _kind in translatable_attributes(el):
            self._text(el.get(name), line, f"the {name} attribute of <{el.tag}>")
        self._text(el.text, line, "")
        for child in el:
            self.walk(child)
            self._text(child.tail, child.sourceline or line, "")

    def _text(self, text: str | None, line: int | None, where: str) -> None:
        if not text or not text.strip():
            return
        what = f"{where} on the {self.lang} page" if where else f"the {self.lang} page"
        severity = REGISTRY.get("leftover").severity
        for problem in _problems(text, self.lang, what=what, allowed=self.allowed, source_words=None):
            self.findings.append(
                Finding(
                    code="leftover",
                    severity=severity,
                    message=problem,
                    path=self.path,
                    line=line,
                    lang=self.lang,
                )
            )

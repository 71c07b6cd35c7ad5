"""Target-side, inflection-aware term matching, and putting Russian terms into a case.

Translated text is checked for approved terms, which the translation may
have inflected (``в Институте энергетики`` for ``Институт энергетики``), so
terms and text are compared word by word on a normalized key:

* Russian: pymorphy3 normal forms; a text word matches a term word when ANY
  parse of one shares a normal form with ANY parse of the other.  A
  superlative or a participle is keyed on its own nominative (``высший``,
  ``управляющий``), not on the positive adjective or the verb that pymorphy3
  reports (``высокий``, ``управлять``), so ``Высочайшей школе`` is not
  ``Высшая школа``.
* Spanish and English: Snowball stems after lower-casing and dropping accents;
  English possessives (``SPbPU's``) are stripped first.
* Any other language: case-folded words.

Abbreviations (two or more capitals and no more lower-case than upper-case
letters: ``СПбПУ``, ``РАН``, ``UPM``) are never lemmatized and match with
their exact case.  Inline codes (``<1>``, ``</1>``, ``<2/>``) count as spaces:
between two words of a term the text may have only whitespace and codes
(plus whatever punctuation the term itself has there).  The first letter of
a term matters: a capitalized term needs a capitalized word in the text; a
lower-case Russian or Spanish term matches a capitalized word only at the
start of a sentence (English capitalizes titles before names, so there it
matches any case).  Other words ignore case.

Analyzers load lazily, once; per-word analyses are cached.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise
from typing import Any

from ..localize import primary_lang

__all__ = ["Morphology", "Span", "WordScan", "inflect_ru", "phrase_case_ru", "words_of"]

_CODE = r"</?\d+/?>"
_CODE_RE = re.compile(_CODE)
_TOKEN_RE = re.compile(rf"(?P<code>{_CODE})|(?P<word>\w+(?:[-\u2010\u2011'\u2019]\w+)*)")
_HYPHEN_RE = re.compile("[-\u2010\u2011]")
_NORM = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2019": "'"})
_SKIP_BACK = frozenset("«»\"“”„'‘’()[]{}—–-•*·")
_SENTENCE_END = frozenset(".!?…")
_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
#: The cases by their names in grammars written for people.
CASE_NAMES = {
    "nomn": "nominative", "gent": "genitive", "datv": "dative", "accs": "accusative", "ablt": "instrumental",
    "loct": "prepositional",
}
_CASE_ALIASES = {"gen1": "gent", "gen2": "gent", "acc2": "accs", "loc1": "loct", "loc2": "loct"}
_ADJ = frozenset({"ADJF", "PRTF"})
_FUNCTION = frozenset({"PREP", "CONJ", "PRCL", "INTJ"})
_GENDERS = frozenset({"masc", "femn", "neut"})
_RARE = frozenset({"Infr", "Arch", "Erro", "Dist", "Litr", "Slng"})
# Cases each preposition can govern (only used to narrow an ambiguous phrase).
PREP_CASES: dict[str, frozenset[str]] = {
    word: frozenset(cases.split())
    for words, cases in (
        ("в во на о об обо", "loct accs"),
        ("при", "loct"),
        ("у от ото до из изо без для около после кроме среди вокруг возле против вне внутри из-за из-под", "gent"),
        ("с со", "gent ablt accs"),
        ("к ко благодаря согласно вопреки", "datv"),
        ("по", "datv loct accs"),
        ("за под подо", "ablt accs"),
        ("над надо перед передо между", "ablt"),
        ("через про сквозь", "accs"),
    )
    for word in words.split()
}

_Parse = Any  # pymorphy3 ships no type information


@dataclass(frozen=True)
class Span:
    """One occurrence: ``text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Tok:
    start: int
    end: int
    word: str


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.start(), m.end(), m.group("word")) for m in _TOKEN_RE.finditer(text) if m.group("word")]


def words_of(text: str) -> tuple[str, ...]:
    """The words of a text or a term as matching sees them (inline codes and punctuation are not words)."""
    return tuple(t.word for t in _tokens(text))


@lru_cache(maxsize=1 << 16)
def _term_parts(term: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(words, what separates each two of them) of a term."""
    toks = _tokens(term)
    return tuple(t.word for t in toks), tuple(_gap(term, a.end, b.start) for a, b in pairwise(toks))


@dataclass(frozen=True)
class WordScan:
    """A text cut into words once, for matching many terms at chosen words (:meth:`Morphology.match_at`)."""

    text: str
    toks: tuple[_Tok, ...]

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(t.word for t in self.toks)


def _gap(text: str, start: int, end: int) -> str:
    """What separates two words apart from whitespace and inline codes."""
    return "".join(_CODE_RE.sub(" ", text[start:end]).split()).translate(_NORM)


@lru_cache(maxsize=4096)
def is_abbreviation(word: str) -> bool:
    """Two or more capitals and no more lower-case than upper-case letters (``СПбПУ``, ``IE``)."""
    upper = sum(1 for c in word if c.isupper())
    lower = sum(1 for c in word if c.islower())
    return upper >= 2 and lower <= upper


def _fold(word: str) -> str:
    """Lower case without accents: ``Politécnica`` → ``politecnica``."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _e(word: str) -> str:
    return word.lower().replace("ё", "е")


def _strip_possessive(word: str) -> str:
    return word[:-2] if len(word) > 2 and word[-2:].lower() == "'s" else word


@cache
def _morph() -> Any:
    import pymorphy3  # type: ignore[import-untyped, unused-ignore]

    return pymorphy3.MorphAnalyzer(lang="ru")


@cache
def _stemmer(language: str) -> Any:
    import snowballstemmer  # type: ignore[import-untyped, unused-ignore]

    return snowballstemmer.stemmer(language)


@lru_cache(maxsize=1 << 16)
def _parses(word: str) -> tuple[_Parse, ...]:
    """pymorphy3's parses of a Russian word (it lower-cases internally)."""
    return tuple(_morph().parse(word.lower()))


def _case(parse: _Parse) -> str | None:
    case: str | None = parse.tag.case
    return _CASE_ALIASES.get(case, case) if case else None


def _common_prefix(a: str, b: str) -> int:
    return len(os.path.commonprefix([_e(a), _e(b)]))


def _same_kind(a: _Parse, b: _Parse) -> bool:
    """Same part of speech, and for adjectives/participles the same degree, tense and voice."""
    ta, tb = a.tag, b.tag
    if ta.POS != tb.POS or ("Supr" in ta) != ("Supr" in tb):
        return False
    return bool(ta.POS != "PRTF" or (ta.tense == tb.tense and ta.voice == tb.voice))


def _pick_form(parse: _Parse, target: frozenset[str]) -> str | None:
    """The form of ``parse``'s lexeme with the ``target`` grammemes that keeps the word's own stem.

    ``parse.inflect`` may jump to another word of the lexeme (``высшая`` →
    ``высочайшей``); among the candidate forms this keeps the one sharing
    the longest prefix with the word as written, plain forms before variants.
    """
    best: tuple[bool, int, int] | None = None
    choice: str | None = None
    for index, form in enumerate(parse.lexeme):
        if not target <= form.tag.grammemes or not _same_kind(form, parse):
            continue
        rare = any(g.startswith("V-") or g in _RARE for g in form.tag.grammemes)
        key = (rare, -_common_prefix(form.word, parse.word), index)
        if best is None or key < best:
            best, choice = key, form.word
    return choice


def _own_lemma(parse: _Parse) -> str:
    """Normal form, except superlatives and participles keep their own stem (``высший``)."""
    if "Supr" in parse.tag or parse.tag.POS == "PRTF":
        return _pick_form(parse, frozenset({"masc", "sing", "nomn"})) or str(parse.normal_form)
    return str(parse.normal_form)


@lru_cache(maxsize=1 << 17)
def _ru_keys(word: str) -> frozenset[str]:
    return frozenset({_e(word)} | {_e(_own_lemma(p)) for p in _parses(word)})


@lru_cache(maxsize=1 << 16)
def _ru_top_lemma(word: str) -> str:
    parses = _parses(word)
    return _e(_own_lemma(parses[0])) if parses else _e(word)


@lru_cache(maxsize=1 << 17)
def _word_keys(lang: str, word: str) -> tuple[str | None, frozenset[str]]:
    """(the exact form if the word is an abbreviation, else None; the lemma keys)."""
    word = word.translate(_NORM)
    if lang == "en":
        word = _strip_possessive(word)
    abbr = word if lang in ("ru", "es", "en") and is_abbreviation(word) else None
    if lang == "ru":
        return abbr, _ru_keys(word.lower())
    if lang == "es":
        return abbr, frozenset({_stemmer("spanish").stemWord(_fold(word))})
    if lang == "en":
        return abbr, frozenset({_stemmer("english").stemWord(_fold(word))})
    return None, frozenset({word.casefold()})


def _sentence_start(text: str, pos: int) -> bool:
    """Only whitespace, codes, quotes, brackets and dashes since the start or a sentence end."""
    i = pos
    while i > 0:
        ch = text[i - 1]
        if ch == "\n":
            return True
        if ch.isspace() or ch in _SKIP_BACK:
            i -= 1
            continue
        if ch == ">":
            j = text.rfind("<", 0, i)
            if j >= 0 and _CODE_RE.fullmatch(text, j, i):
                i = j
                continue
        return ch in _SENTENCE_END
    return True


class Morphology:
    """Inflection-aware matching for one language (``ru``, ``es``, ``en``; others match exactly)."""

    def __init__(self, lang: str) -> None:
        self.lang = primary_lang(lang)

    def _word_matches(self, term_word: str, text_word: str) -> bool:
        t_abbr, t_keys = _word_keys(self.lang, term_word)
        x_abbr, x_keys = _word_keys(self.lang, text_word)
        if t_abbr is not None:
            return t_abbr == x_abbr
        return not t_keys.isdisjoint(x_keys)

    def _first_case_ok(self, term_word: str, text: str, tok: _Tok) -> bool:
        if self.lang not in ("ru", "es", "en") or is_abbreviation(term_word):
            return True
        if term_word[:1].isupper():
            return tok.word[:1].isupper()
        if not tok.word[:1].isupper() or self.lang == "en":
            return True
        return _sentence_start(text, tok.start)

    def find(self, text: str, term: str, *, exact: bool = False) -> list[Span]:
        """Every occurrence of ``term`` in ``text`` in any grammatical form (non-overlapping, left to right).

        ``exact``: abbreviations and do-not-translate names, found exactly as
        written (case-sensitive, whole words; whitespace between words may
        be any whitespace and inline codes).
        """
        if exact:
            return self._find_exact(text, term)
        term_toks = _tokens(term)
        if not term_toks:
            return []
        term_gaps = [_gap(term, a.end, b.start) for a, b in pairwise(term_toks)]
        words = [t.word for t in term_toks]
        toks = _tokens(text)
        spans: list[Span] = []
        i, m = 0, len(words)
        while i + m <= len(toks):
            if self._matches_at(text, toks, i, words, term_gaps):
                start, end = toks[i].start, toks[i + m - 1].end
                spans.append(Span(start, end, text[start:end]))
                i += m
            else:
                i += 1
        return spans

    def scan(self, text: str) -> WordScan:
        return WordScan(text, tuple(_tokens(text)))

    def match_at(self, scan: WordScan, index: int, term: str) -> Span | None:
        """``term`` in any grammatical form starting at word ``index`` of the scanned text, or None.

        The same rules as :meth:`find` (not for ``exact`` terms).
        """
        words, gaps = _term_parts(term)
        if not words or index + len(words) > len(scan.toks):
            return None
        if not self._matches_at(scan.text, scan.toks, index, words, gaps):
            return None
        start, end = scan.toks[index].start, scan.toks[index + len(words) - 1].end
        return Span(start, end, scan.text[start:end])

    def _matches_at(
        self, text: str, toks: Sequence[_Tok], i: int, words: Sequence[str], gaps: Sequence[str]
    ) -> bool:
        for j, word in enumerate(words):
            if not self._word_matches(word, toks[i + j].word):
                return False
            if j and _gap(text, toks[i + j - 1].end, toks[i + j].start) != gaps[j - 1]:
                return False
        return self._first_case_ok(words[0], text, toks[i])

    def _find_exact(self, text: str, term: str) -> list[Span]:
        parts = [re.escape(p) for p in _CODE_RE.sub(" ", term).split()]
        if not parts:
            return []
        pattern = re.compile(r"(?<!\w)" + rf"(?:\s|{_CODE})+".join(parts) + r"(?!\w)")
        return [Span(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]

    def count(self, text: str, term: str, *, exact: bool = False) -> int:
        """How many times :meth:`find` finds ``term``."""
        return len(self.find(text, term, exact=exact))

    def lemma_key(self, phrase: str) -> tuple[str, ...]:
        """A normalized form for comparing renderings (codes and punctuation ignored).

        ``Институте энергетики`` and ``Институт энергетики`` give the same key.
        """
        key: list[str] = []
        for tok in _tokens(phrase):
            abbr, keys = _word_keys(self.lang, tok.word)
            if abbr is not None:
                key.append(abbr)
            elif self.lang == "ru":
                key.append(_ru_top_lemma(tok.word.translate(_NORM).lower()))
            else:
                key.append(min(keys))
        return tuple(key)


# --- Russian noun phrases -------------------------------------------------------------------------


def _content(word: str) -> tuple[_Parse, ...]:
    """Parses of a word that may be part of a noun phrase: none for ``по``, ``в`` or ``и``."""
    parses = _parses(word)
    return () if not parses or parses[0].tag.POS in _FUNCTION else parses


def _has_pos(word: str, pos: Iterable[str]) -> bool:
    wanted = frozenset(pos)
    return not is_abbreviation(word) and any(p.tag.POS in wanted for p in _content(word))


def _head_positions(words: list[str]) -> list[int]:
    """Where the head noun may be: after a run of leading adjectives, longest run first."""
    k = 0
    while k < len(words) - 1 and _has_pos(words[k], _ADJ) and _has_pos(words[k + 1], _ADJ | {"NOUN"}):
        k += 1
    return [i for i in range(k, -1, -1) if _has_pos(words[i], {"NOUN"})]


def _heads(words: list[str]) -> list[tuple[int, _Parse]]:
    """(position, parse) of each reading of the head noun that its adjectives agree with."""
    found: list[tuple[int, _Parse]] = []
    for k in _head_positions(words):
        nouns = [p for p in _content(words[k]) if p.tag.POS == "NOUN"]
        found.extend((k, p) for p in nouns if all(_agreeing(w, p) is not None for w in words[:k]))
        if found:
            break
    if not found and words and not is_abbreviation(words[0]):  # a noun-like participle: заведующий кафедрой
        found = [(0, p) for p in _content(words[0]) if p.tag.POS in _ADJ]
    return found


def _agreeing(word: str, head: _Parse) -> _Parse | None:
    """The parse of ``word`` as an adjective agreeing with ``head`` in case, number and gender."""
    tag = head.tag
    for p in _content(word):
        if p.tag.POS not in _ADJ or _case(p) != _case(head) or p.tag.number != tag.number:
            continue
        if tag.number == "sing" and tag.gender in _GENDERS and p.tag.gender != tag.gender:
            continue
        if p.tag.animacy and tag.animacy and p.tag.animacy != tag.animacy:
            continue
        return p
    return None


def _recase(new: str, old: str) -> str:
    """Give ``new`` (lower case from pymorphy3) the capitals and hyphens of ``old``, part by part."""
    if "ё" not in old.lower():
        new = new.replace("ё", "е")
    old_parts, new_parts = _HYPHEN_RE.split(old), _HYPHEN_RE.split(new)
    seps = _HYPHEN_RE.findall(old if len(old_parts) == len(new_parts) else new)
    if len(old_parts) != len(new_parts):
        old_parts = [old] * len(new_parts)
    cased = [
        n.upper() if len(o) > 1 and o.isupper() else n[:1].upper() + n[1:] if o[:1].isupper() else n
        for o, n in zip(old_parts, new_parts)
    ]
    return "".join(part + sep for part, sep in zip(cased, [*seps, ""]))


def inflect_ru(term: str, case: str, *, plural: bool = False) -> str | None:
    """Put a Russian noun-phrase term into ``case`` (``nomn``, ``gent``, ``datv``, ``accs``, ``ablt``, ``loct``).

    The adjectives before the head noun and the head noun inflect (so do
    adjectives right after it that agree with it: ``Пётр Великий``); the rest
    (``энергетики``, ``по международной деятельности``, ``Петра Великого``)
    stays.  Capitals are restored word by word and inside hyphenated words;
    abbreviations never change.  ``plural`` asks for the plural; otherwise
    the term keeps its own number.  None when it cannot be done safely.
    """
    if case not in _CASES:
        raise ValueError(f"unknown case {case!r}; expected one of {', '.join(_CASES)}")
    toks = _tokens(term)
    if not toks or _CODE_RE.search(term):
        return None
    words = [t.word.translate(_NORM) for t in toks]
    if is_abbreviation(words[0]):
        return term
    heads = _heads(words)
    if not heads:
        return None
    k, head = min(heads, key=lambda kp: _case(kp[1]) != "nomn")  # stable: pymorphy3's order otherwise
    adjectives = [a for a in (_agreeing(w, head) for w in words[:k]) if a is not None]
    after = k + 1
    while after < len(words) and not is_abbreviation(words[after]) and (post := _agreeing(words[after], head)):
        adjectives.append(post)
        after += 1
    number = "plur" if plural else str(head.tag.number or "sing")
    animacy = head.tag.animacy if head.tag.POS == "NOUN" else None
    replaced: dict[int, str] = {}
    for index, word in zip([k, *range(k), *range(k + 1, after)], [head, *adjectives]):
        target = {case, number}
        form = None
        if word.tag.POS in _ADJ:
            if number == "sing" and word.tag.gender:
                target.add(str(word.tag.gender))
            if case == "accs" and (number == "plur" or word.tag.gender == "masc"):
                if animacy is None:
                    return None  # a noun-like participle: a person or not?
                form = _pick_form(word, frozenset(target | {str(animacy)}))
        form = form or _pick_form(word, frozenset(target))
        if form is None:
            return None
        replaced[index] = form
    out: list[str] = []
    pos = 0
    for index, tok in enumerate(toks):
        if index in replaced:
            out.append(term[pos : tok.start])
            out.append(_recase(replaced[index], tok.word))
            pos = tok.end
    out.append(term[pos:])
    return "".join(out)


def phrase_case_ru(phrase: str) -> str | None:
    """The case of a Russian noun phrase as written, read from its head noun.

    Agreeing adjectives and a leading preposition narrow the head noun's
    possible cases (``Мадридским политехническим университетом`` → ``ablt``,
    ``в Институте энергетики`` → ``loct``); None if no single case remains
    (``Институт энергетики`` may be nominative or accusative).
    """
    words = [t.word.translate(_NORM) for t in _tokens(phrase)]
    allowed: frozenset[str] | None = None
    if words and words[0].lower() in PREP_CASES:
        allowed = PREP_CASES[words[0].lower()]
        words = words[1:]
    if not words:
        return None
    cases = {c for _, head in _heads(words) if (c := _case(head))}
    if allowed is not None:
        cases &= allowed
    return cases.pop() if len(cases) == 1 else None

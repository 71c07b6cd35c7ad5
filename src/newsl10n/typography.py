"""Spacing around quotes and punctuation, by the target language's typography.

Engines leave artifacts the source never had: Apertium writes ``" Apreciamos``
and ``“ Notamos`` (a space after an opening quote) and ``visibles .`` (a space
before a full stop).  :func:`normalize_spacing` removes such spaces from a
translation, by the conventions of its language:

* no space before ``. , ; : ! ? ) ] }`` and the closing quotes, nor after
  the opening quotes, ``( [ {`` and Spanish ``¿ ¡``; French keeps (and is not
  given) its spaces before ``; : ! ?`` and inside ``« »``;
* which curly quote opens depends on the language: ``“`` opens in English
  and Spanish, closes in German (``„…“``) and is left alone in Russian,
  which writes both; a straight ``"`` opens
  when it starts the text or follows a space and is followed by a space, by
  turns otherwise;
* runs of spaces inside the text become one space.

Inline codes are never changed, nor moved: a space is removed only where
nothing but closing codes (before punctuation) or opening codes (after an
opening quote) separates it from the mark; a space next to an empty code (an
image, an address kept verbatim) stays.  Leading and trailing whitespace is
left alone, and so are apostrophes (``’`` ``'``), dashes and ellipses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .localize import primary_lang

_OPEN_CODES = r"(?:<\d+>)*"
_CLOSE_CODES = r"(?:</\d+>)*"
_SPACE = "[ \u00a0\u202f]"


@dataclass(frozen=True)
class Typography:
    """What a language writes without a space after (``opening``) and before (``closing``)."""

    opening: str
    closing: str


_DEFAULT = Typography(opening="“«([{", closing=".,;:!?)]}”»")
_PROFILES = {
    "en": _DEFAULT,
    "es": Typography(opening="“«([{¿¡", closing=".,;:!?)]}”»"),
    # “ closes „…“ but also opens English-style “…”: left alone
    "ru": Typography(opening="«„([{", closing=".,;:!?)]}»”"),
    "uk": Typography(opening="«„([{", closing=".,;:!?)]}»”"),
    "de": Typography(opening="„»([{", closing=".,;:!?)]}“«"),
    "fr": Typography(opening="([{", closing=".,)]}"),  # « text » and the spaces before ; : ! ? are French
}


def typography(lang: str) -> Typography:
    return _PROFILES.get(primary_lang(lang), _DEFAULT)


@lru_cache(maxsize=16)
def _patterns(t: Typography) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    before = re.compile(rf"(?<=\S){_SPACE}+(?={_CLOSE_CODES}[{re.escape(t.closing)}])")
    after = re.compile(rf"([{re.escape(t.opening)}]{_OPEN_CODES}){_SPACE}+(?=\S)")
    runs = re.compile(r"(?<=\S)  +(?=\S)")
    return before, after, runs


def normalize_spacing(text: str, lang: str) -> str:
    """``text`` with the spaces its language does not write around quotes and punctuation removed."""
    before, after, runs = _patterns(typography(lang))
    text = runs.sub(" ", text)
    if '"' in text:
        text = _straight_quotes(text, french=lang[:2].lower() == "fr")
    text = after.sub(r"\1", text)
    return before.sub("", text)


_SPACES = " \u00a0\u202f"


def _straight_quotes(text: str, *, french: bool) -> str:
    """Spaces inside straight double quotes removed, telling opening quotes from closing ones.

    A quote with a space (or the text's edge) on one side and text on the
    other opens or closes by that; one with spaces on both sides opens at
    the start of the text, closes at its end, and otherwise takes turns.
    """
    chars = list(text)
    opened = False
    for i, ch in enumerate(text):
        if ch != '"':
            continue
        left = i > 0 and text[i - 1] not in _SPACES
        right = i + 1 < len(text) and text[i + 1] not in _SPACES
        if right and not left:
            is_open = True
        elif left and not right:
            is_open = False
        elif left and right:
            opened = not opened  # word"word: leave it, count it
            continue
        elif not text[:i].strip():
            is_open = True
        elif not text[i + 1 :].strip():
            is_open = False
        else:
            is_open = not opened
        opened = is_open
        if is_open:
            j = i + 1
            while j < len(text) and text[j] in _SPACES and text[j:].strip():
                chars[j] = ""
                j += 1
        elif not french:
            j = i - 1
            while j >= 0 and text[j] in _SPACES and text[:j].strip():
                chars[j] = ""
                j -= 1
    return "".join(chars)

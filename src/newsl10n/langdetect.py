"""Guess an article's language from its text when nothing declares it.

Enough for the languages newsl10n ships rules for: the script decides
between Cyrillic (Russian) and Latin; among Latin-script texts, frequent
function words tell English from Spanish.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+")
_FUNCTION_WORDS = {
    "en": frozenset("the of and to in is was for on with that by as at from its this are were have has".split()),
    "es": frozenset("de la el y en los las que del por con para una un se su al es como más".split()),
    "fr": frozenset("le la les des et du une est dans pour que sur au avec par".split()),
    "de": frozenset("der die das und den von zu mit ist des dem nicht ein eine auf für".split()),
}


def detect_language(text: str, *, default: str = "en") -> str:
    words = _WORD.findall(text.lower())
    if not words:
        return default
    cyrillic = sum(1 for w in words if "\u0400" <= w[0] <= "\u04ff")
    if cyrillic * 2 > len(words):
        return "ru"
    scores = {lang: sum(1 for w in words if w in vocab) for lang, vocab in _FUNCTION_WORDS.items()}
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] > 0 else default

"""Spanish determiners that agree with an enforced term: ``con el Universidad`` → ``con la Universidad``.

When a glossary term replaces what an engine wrote (``Technical University``
→ ``Universidad Politécnica``), the article before it was chosen for the
engine's words, not for the term.  The gender of a name is the gender of its
first word (its head noun: ``Universidad``, ``Instituto``, ``Escuela``),
read from its ending; the determiner right before the term (spaces and
opening inline codes may sit between them) is given that gender and the
term's number (``los Universidad`` → ``la Universidad``), keeping its capital
and the contraction (``del`` ↔ ``de la``, ``al`` ↔ ``a la``).  An ending that does not tell the gender, or a feminine noun
starting with a stressed ``a`` (``el aula``), leaves the text as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FEMININE = ("dad", "tad", "tud", "ción", "sión", "umbre", "itis", "isis")
_MASCULINE = ("o", "or", "aje", "ón", "án", "és", "ín")
#: Masculine nouns in -a (Greek and a few others); the plural adds -s.
_MASCULINE_A = frozenset("programa sistema problema tema esquema clima idioma diploma panorama día mapa planeta poema".split())
#: determiner → (preposition it holds, definite?); the form for a gender and number is in _FORMS.
_PARTS = {
    "el": ("", True), "la": ("", True), "los": ("", True), "las": ("", True),
    "del": ("de", True), "de la": ("de", True), "al": ("a", True), "a la": ("a", True),
    "un": ("", False), "una": ("", False), "unos": ("", False), "unas": ("", False),
}  # fmt: skip
_FORMS = {
    (True, "m", False): "el", (True, "f", False): "la", (True, "m", True): "los", (True, "f", True): "las",
    (False, "m", False): "un", (False, "f", False): "una", (False, "m", True): "unos", (False, "f", True): "unas",
}  # fmt: skip
_CONTRACTED = {("de", "el"): "del", ("a", "el"): "al"}
_INVARIANT_S = ("is", "us")  # análisis, campus: singular though they end in -s
_DETERMINER = re.compile(r"(?<![\w-])(de la|a la|del|al|el|la|un|una|los|las|unos|unas)((?:\s|<\d+>)+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Agreed:
    """``text`` with the determiner before ``start`` fixed; ``shift`` is how far ``start`` moved."""

    text: str
    shift: int = 0
    note: str | None = None


def gender(name: str) -> str | None:
    """``"f"`` or ``"m"`` for a Spanish noun phrase, read from the ending of its first word; None if unclear."""
    words = name.split()
    if not words:
        return None
    head = words[0].lower()
    if head in _MASCULINE_A or head.removesuffix("s") in _MASCULINE_A:
        return "m"
    stem = head[:-2] if head.endswith("es") else head.removesuffix("s")  # the plural's singular, roughly
    for word in (head, stem):
        if word.endswith(_FEMININE):
            return "f"
        if word.endswith(_MASCULINE):
            return "m"
        if word.endswith("a"):
            return "f"
    return None


def agree_determiner(text: str, start: int, name: str) -> Agreed:
    """Make the determiner ending right before ``text[start:]`` agree with ``name`` (which starts there)."""
    wanted = gender(name)
    if wanted is None:
        return Agreed(text)
    m = _DETERMINER.search(text, 0, start)
    if m is None or m.end() != start:
        return Agreed(text)
    word = m.group(1)
    prep, definite = _PARTS[" ".join(word.lower().split())]
    head = name.split()[0].lower()
    plural = head.endswith("s") and not head.endswith(_INVARIANT_S)
    if wanted == "f" and not plural and re.match(r"h?[aá]", head):
        return Agreed(text)  # "el aula", "el Área": a stressed a- takes "el"; unstressed ones are rare in names
    form = _FORMS[(definite, wanted, plural)]
    fixed = _CONTRACTED.get((prep, form), f"{prep} {form}" if prep else form)
    if fixed == " ".join(word.lower().split()):
        return Agreed(text)
    if word[:1].isupper():
        fixed = fixed[:1].upper() + fixed[1:]
    out = text[: m.start(1)] + fixed + text[m.end(1) :]
    return Agreed(out, len(fixed) - len(word), f"{word!r} → {fixed!r} before {name}")

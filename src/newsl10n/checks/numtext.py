"""Numbers in running text, read with the conventions of the text's language.

``1,250`` is one thousand two hundred and fifty in English, but ``1,25`` is
one and a quarter in Russian; ``1.250`` is 1250 in Spanish.  Each text is
read with its own language's decimal and group symbols (from Babel's locale
data), so a source and its translation can be compared by value.

The reading, for a run of digit groups joined by ``.``, ``,`` or a space
(ordinary, no-break U+00A0, narrow no-break U+202F, thin U+2009):

* a space, or the locale's group symbol, joins groups of exactly three digits
  after a first group of one to three digits (``1 250``, ``12,500``);
* then the locale's decimal symbol, or the other one of ``.``/``,`` if no
  grouping happened, starts the fraction (``3,5`` and ``3.5`` are both 3.5);
* anything else ends the number, so ``16 18`` is two numbers;
* a run the rules cannot read as one or more numbers, such as ``2021.03.04``,
  is read as a list of integers (2021, 3, 4): dates written with digits keep
  their values whatever the order.

Signs are ignored (``16–19`` and ``16-19`` are 16 and 19), and so are digits
inside inline codes (``<12>``).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from babel.core import UnknownLocaleError
from babel.numbers import get_decimal_symbol, get_group_symbol

from ..model import CODE_RE

SPACES = " \u00a0\u202f\u2009"
_TOKEN = re.compile(r"[0-9]+(?:[.,\u00a0\u202f\u2009 ][0-9]+)*")
_SEP = re.compile(r"([.,\u00a0\u202f\u2009 ])")


@dataclass(frozen=True)
class NumberMention:
    """A number as written and the value it was read as."""

    text: str
    value: Decimal

    def describe(self) -> str:
        shown = format_value(self.value)
        return self.text if shown == self.text else f"{self.text} (= {shown})"


@dataclass(frozen=True)
class Conventions:
    decimal: str
    group: str  # "," or "." or " " (any space)

    @property
    def other(self) -> str:
        """The one of ``.``/``,`` that is not the decimal symbol."""
        return "," if self.decimal == "." else "."


@functools.lru_cache(maxsize=64)
def conventions(lang: str) -> Conventions:
    """The decimal and group symbols of a language; English's when Babel does not know it."""
    try:
        decimal = get_decimal_symbol(lang or "en")
        group = get_group_symbol(lang or "en")
    except (UnknownLocaleError, ValueError, TypeError):
        decimal, group = ".", ","
    if decimal not in ".,":
        decimal = "."
    if group in SPACES or group not in ".,":
        group = " "
    if group == decimal:
        group = " "
    return Conventions(decimal=decimal, group=group)


def format_value(value: Decimal) -> str:
    return format(value.normalize(), "f")


def numbers_in(text: str, lang: str) -> list[NumberMention]:
    """The numbers of a text (inline codes removed), read with ``lang``'s conventions."""
    plain = CODE_RE.sub("\x00", text)
    conv = conventions(lang)
    out: list[NumberMention] = []
    for m in _TOKEN.finditer(plain):
        out.extend(_read_token(m.group(0), conv))
    return out


def number_values(text: str, lang: str) -> Counter[Decimal]:
    return Counter(n.value for n in numbers_in(text, lang))


def _read_token(token: str, conv: Conventions) -> list[NumberMention]:
    pieces = _SEP.split(token)
    parts = pieces[0::2]  # digit groups
    seps = pieces[1::2]  # seps[k] sits between parts[k] and parts[k + 1]
    read = _read_groups(parts, seps, conv)
    if read is not None:
        return read
    return [NumberMention(p, Decimal(p)) for p in parts]


def _is_group_sep(sep: str, conv: Conventions) -> bool:
    return sep in SPACES if conv.group == " " else (sep == conv.group or sep in SPACES)


def _same_group_kind(a: str, b: str) -> bool:
    return a == b or (a in SPACES and b in SPACES)


def _read_groups(parts: list[str], seps: list[str], conv: Conventions) -> list[NumberMention] | None:
    """Read the groups left to right; ``None`` when they cannot be numbers (a dotted list)."""
    out: list[NumberMention] = []
    i = 0
    n = len(parts)
    while i < n:
        digits = parts[i]
        text = parts[i]
        j = i  # index of the last part used
        group_sep: str | None = None
        while (
            j + 1 < n
            and len(parts[i]) <= 3
            and len(parts[j + 1]) == 3
            and _is_group_sep(seps[j], conv)
            and (group_sep is None or _same_group_kind(group_sep, seps[j]))
        ):
            group_sep = seps[j]
            text += seps[j] + parts[j + 1]
            digits += parts[j + 1]
            j += 1
        frac = ""
        if j + 1 < n and (seps[j] == conv.decimal or (group_sep is None and seps[j] == conv.other)):
            frac = parts[j + 1]
            text += seps[j] + parts[j + 1]
            j += 1
            if j + 1 < n and seps[j] not in SPACES:
                return None  # 2021.03.04, 1.2,3: not one number
        value = Decimal(f"{digits}.{frac}" if frac else digits)
        out.append(NumberMention(text, value))
        i = j + 1
    return out

"""The ``urls`` check: URLs and e-mail addresses are copied into the translation exactly.

An engine that sees ``https://summer.spbpu.example/files/RubyAward_ApplicationForm_2020.doc`` as
words lower-cases, translates or splits it (``https://verano.spbpu…``): the link on the page
breaks, and nothing else notices.  The addresses of the msgid and of the msgstr (inline codes
removed) are compared exactly, as multisets: the order may change, a changed letter case may not.

:data:`ADDRESS_RE` is also what the ``leftover`` check masks out: one idea of what an address is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import regex

from ..model import CODE_RE, Finding, Severity
from .base import CheckContext, EntryView, check

URL_PATTERN = r"(?:(?:https?|ftp)://|www\.)[^\s<>\"'«»“”‘’]+"
EMAIL_PATTERN = r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
#: A URL (with a scheme, or starting ``www.``) or an e-mail address.
ADDRESS_RE = regex.compile(f"{URL_PATTERN}|{EMAIL_PATTERN}", regex.VERSION1)
_TRAILING = ".,;:!?\"'»”’"
_OPENING = {")": "(", "]": "[", "}": "{"}


def _unopened(address: str) -> bool:
    """Does the address end with a bracket it does not open (``(see https://x.example/a)``)?"""
    last = address[-1]
    return last in _OPENING and address.count(last) > address.count(_OPENING[last])


def _trim(address: str) -> str:
    """Sentence punctuation after an address is not part of it; nor is a ``)`` it does not open."""
    while address and (address[-1] in _TRAILING or _unopened(address)):
        address = address[:-1]
    return address


def addresses(text: str) -> list[str]:
    """The URLs and e-mail addresses of a text, in order (inline codes removed first)."""
    plain = CODE_RE.sub(" ", text)
    return [a for a in (_trim(m.group(0)) for m in ADDRESS_RE.finditer(plain)) if a]


@check("urls", severity=Severity.ERROR)
def urls(ctx: CheckContext, entry: EntryView) -> Iterator[Finding]:
    """URLs and e-mail addresses of the msgid are in the translation, exactly."""
    if not entry.translated:
        return
    source = Counter(addresses(entry.msgid))
    target = Counter(addresses(entry.msgstr))
    missing = list((source - target).elements())
    extra = list((target - source).elements())
    if not missing and not extra:
        return
    pairs: list[tuple[str, str]] = []
    for address in list(missing):  # the same address in another letter case first, then in order
        changed = next((e for e in extra if e.casefold() == address.casefold()), None)
        if changed is not None:
            missing.remove(address)
            extra.remove(changed)
            pairs.append((address, changed))
    pairs.extend(zip(missing, extra))
    parts = [f"{old!r} became {new!r}" for old, new in pairs]
    parts.extend(f"{address!r} is missing" for address in missing[len(extra) :])
    parts.extend(f"{address!r} is not in the msgid" for address in extra[len(missing) :])
    yield entry.finding("URL or e-mail address differs from the msgid: " + "; ".join(parts))

"""The translation checks of ``newsl10n.model`` as they were before their fast paths (the reference for
tests/test_model_fast.py).  Do not optimise this file."""

from __future__ import annotations

import re

# The patterns, copied as they were.
CODE_RE = re.compile(r"<(/?)(\d+)(/?)>")
MARKUP_RE = re.compile(r"</?[A-Za-z][^\t\n\f\r />]*(?:[\t\n\f\r /][^<>]*)?>|<!--|<!\[CDATA\[|<![A-Za-z]|<\?[A-Za-z]")
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def oracle_check_codes(source: str, translation: str) -> tuple[bool, tuple[str, ...]]:
    want: dict[int, str] = {}
    for m in CODE_RE.finditer(source):
        if m.group(1) == "/":
            continue
        want[int(m.group(2))] = "empty" if m.group(3) == "/" else "paired"
    problems: list[str] = []
    got: dict[int, str] = {}
    stack: list[int] = []
    for m in CODE_RE.finditer(translation):
        closing, num, empty = m.group(1) == "/", int(m.group(2)), m.group(3) == "/"
        if closing and empty:
            problems.append(f"malformed code {m.group(0)}")
            continue
        shape = "empty" if empty else "paired"
        if num not in want:
            problems.append(f"unknown code {m.group(0)}")
            continue
        if want[num] != shape:
            problems.append(f"code {num} should be written {f'<{num}/>' if want[num] == 'empty' else f'<{num}>…</{num}>'}")
            continue
        if closing:
            if not stack or stack[-1] != num:
                problems.append(f"</{num}> closes a code that is not open")
            else:
                stack.pop()
            continue
        if num in got:
            problems.append(f"code {m.group(0)} appears twice")
            continue
        got[num] = shape
        if shape == "paired":
            stack.append(num)
    for num in stack:
        problems.append(f"<{num}> is never closed")
    for num in sorted(set(want) - set(got)):
        problems.append(f"code {num} is missing")
    return not problems, tuple(problems)


def oracle_stray_markup(source: str, translation: str) -> tuple[str, ...]:
    allowed = {m.group(0) for m in MARKUP_RE.finditer(source)}
    found = [m.group(0) for m in MARKUP_RE.finditer(translation) if m.group(0) not in allowed]
    return tuple(dict.fromkeys(found))


def oracle_stray_controls(source: str, translation: str) -> tuple[str, ...]:
    allowed = set(CONTROL_RE.findall(source))
    return tuple(dict.fromkeys(f"U+{ord(c):04X}" for c in CONTROL_RE.findall(translation) if c not in allowed))

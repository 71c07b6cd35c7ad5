"""Site templates inside Markdown: Hugo shortcodes, Liquid and Jinja tags, attribute lists.

Markdown parsers do not know them, so before parsing they are *masked*: each
occurrence is overwritten, character for character, by private-use characters
(one start mark, then fillers; line breaks kept).  The masked text has the same
length and lines as the source, so every offset found in it is an offset in the
source; a masked run holds no Markdown syntax (``*``, ``_``, ``<``, spaces), so
``[Who]({{< ref "about.md" >}})`` stays one link and nothing inside a tag
becomes emphasis or HTML.  The reader turns each masked run into one inline
code whose text is the source's.

Blocks whose body is not Markdown (``{% highlight %}…{% endhighlight %}``,
``{% raw %}``, ``{% comment %}``, Hugo's ``highlight``/``code``/``mermaid``)
are masked whole, so they are never text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

__all__ = [
    "DEFAULT_PARAMS",
    "MASK",
    "MASK_START",
    "MaskedRun",
    "Param",
    "mask_templates",
    "masked_runs",
    "template_params",
]

MASK_START = "\ue001"
MASK = "\ue000"

_IN = r"(?:[^\n]|\n(?![ \t]*(?:\n|$)))*?"  # a tag never holds a blank line
_HUGO = rf"\{{\{{<{_IN}>\}}\}}|\{{\{{%{_IN}%\}}\}}"
_LIQUID = rf"\{{%{_IN}%\}}|\{{\{{{_IN}\}}\}}"
_JINJA_COMMENT = rf"\{{#\s{_IN}\s#\}}"
_ATTR_LIST = r"\{:?[#.][^{}\n]*\}"  # {#id .class} after a heading, {:.class} (kramdown)
_VERBATIM_LIQUID = r"\{%-?\s*(?P<lq>highlight|raw|comment)\b.*?%\}.*?\{%-?\s*end(?P=lq)\s*-?%\}"
_HUGO_NAMES = r"(?:highlight|code|mermaid|math|katex)"
_VERBATIM_HUGO = (
    rf"\{{\{{<\s*(?P<ha>{_HUGO_NAMES})\b.*?>\}}\}}.*?\{{\{{<\s*/(?P=ha)\s*>\}}\}}"
    rf"|\{{\{{%\s*(?P<hp>{_HUGO_NAMES})\b.*?%\}}\}}.*?\{{\{{%\s*/(?P=hp)\s*%\}}\}}"
)
_ANY = re.compile(
    "|".join(f"(?:{p})" for p in (_VERBATIM_LIQUID, _VERBATIM_HUGO, _HUGO, _LIQUID, _JINJA_COMMENT, _ATTR_LIST)),
    re.DOTALL,
)
_RUN = re.compile(f"{MASK_START}{MASK}*|{MASK}+")
_NAME = re.compile(r"\{\{[<%]\s*/?\s*([\w./-]+)|\{%-?\s*include\s+([\w./-]+)")
_PARAM = re.compile(r'(?<=\s)([A-Za-z_][\w-]*)="((?:[^"\\\n])*)"')

#: Shortcode (or Liquid include) name → parameters whose values are text for readers.
DEFAULT_PARAMS: Mapping[str, tuple[str, ...]] = {"figure": ("alt", "caption", "title")}


def mask_templates(text: str) -> str:
    """``text`` with every template tag overwritten by private-use characters (same length, same lines)."""
    if "{" not in text or MASK_START in text or MASK in text:
        return text

    def mask(m: re.Match[str]) -> str:
        body = "".join("\n" if ch == "\n" else MASK for ch in m.group()[1:])
        return MASK_START + body

    return _ANY.sub(mask, text)


@dataclass(frozen=True)
class MaskedRun:
    """One masked template tag (or one line of it) inside a stretch of masked text."""

    start: int
    end: int


def masked_runs(masked: str, start: int = 0, end: int | None = None) -> Iterator[MaskedRun]:
    """The masked runs of ``masked[start:end]`` (a tag spanning lines gives one run per line)."""
    for m in _RUN.finditer(masked, start, len(masked) if end is None else end):
        yield MaskedRun(m.start(), m.end())


@dataclass(frozen=True)
class Param:
    """A translatable parameter value inside a template tag: ``caption="…"``."""

    shortcode: str
    name: str
    start: int  # offsets of the value (inside the quotes) in the source
    end: int
    value: str


def template_params(source: str, start: int, end: int, params: Mapping[str, tuple[str, ...]]) -> list[Param]:
    """The configured parameters of the tag ``source[start:end]`` (Hugo shortcode or Liquid include)."""
    tag = source[start:end]
    m = _NAME.match(tag)
    if m is None:
        return []
    name = (m.group(1) or m.group(2) or "").rsplit("/", 1)[-1].split(".", 1)[0]
    wanted = params.get(name, ())
    found = []
    for p in _PARAM.finditer(tag):
        if p.group(1) in wanted and p.group(2).strip():
            found.append(Param(name, p.group(1), start + p.start(2), start + p.end(2), p.group(2)))
    return found

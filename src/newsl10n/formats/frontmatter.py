"""Front matter of Markdown posts (YAML between ``---``, TOML between ``+++``).

Read with round-trip parsers (ruamel.yaml, tomlkit) and written back by
changing only the values asked for: a YAML scalar's source span is replaced by
the new value written in the same quoting style (double quotes when that style
cannot hold it); TOML goes through tomlkit, which keeps every other byte.  The
result is parsed again and must give the new values, so a value can never
spill into a neighbouring key.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import InputError

__all__ = [
    "DEFAULT_KEYS",
    "LANG_KEYS",
    "Field",
    "FrontMatter",
    "add_key",
    "find_front_matter",
    "read_fields",
    "set_fields",
]

#: Keys whose string values are text for readers; ``alt`` and ``caption`` count at any depth.
DEFAULT_KEYS: tuple[str, ...] = ("title", "description", "summary", "subtitle", "caption", "alt")
_NESTED = frozenset({"alt", "caption"})
#: Top-level keys that name the page's language (set to the target language on output).
LANG_KEYS: tuple[str, ...] = ("lang", "language")

_FENCES = {"---": "yaml", "+++": "toml"}
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_STR_TAG = "tag:yaml.org,2002:str"

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class FrontMatter:
    """Where the front matter sits in the text (offsets) and its syntax."""

    kind: str  # "yaml" or "toml"
    start: int  # the opening fence
    end: int  # after the closing fence's line
    body_start: int
    body_end: int
    line: int  # 1-based line of the first body line


@dataclass(frozen=True)
class Field:
    """One string value of the front matter."""

    path: Path
    value: str
    line: int
    start: int = -1  # YAML: the scalar's source span (offsets in the whole text)
    end: int = -1
    style: str | None = None

    @property
    def key(self) -> str:
        """The dotted key (list positions left out): ``title``, ``images.alt``."""
        return ".".join(p for p in self.path if isinstance(p, str))


def find_front_matter(text: str) -> FrontMatter | None:
    """The front matter at the very start of ``text`` (after a BOM), if any."""
    pos = 1 if text.startswith("\ufeff") else 0
    first = _LINE.match(text, pos)
    assert first is not None
    fence = first.group().rstrip("\r\n").rstrip(" \t")
    kind = _FENCES.get(fence)
    if kind is None or not first.group().endswith(("\n", "\r")):
        return None
    at, line = first.end(), 2
    while at < len(text):
        m = _LINE.match(text, at)
        assert m is not None
        stripped = m.group().rstrip("\r\n").rstrip(" \t")
        if stripped == fence or (kind == "yaml" and stripped == "..."):
            return FrontMatter(kind, pos, m.end(), first.end(), at, 2)
        at, line = m.end(), line + 1
        if not m.group():
            break
    return None


def _wanted(path: Path, keys: Collection[str]) -> bool:
    name = path[-1]
    if not isinstance(name, str) or name not in keys:
        return False
    return len(path) == 1 or name in _NESTED


def read_fields(text: str, fm: FrontMatter, *, keys: Collection[str] = DEFAULT_KEYS, path: str) -> list[Field]:
    """The string fields of the front matter whose key is in ``keys`` (and the language keys)."""
    body = text[fm.body_start : fm.body_end]
    if fm.kind == "toml":
        return [f for f in _toml_fields(body, fm, path=path) if _wanted(f.path, keys) or f.path in _LANG_PATHS]
    return [f for f in _yaml_fields(body, fm, path=path) if _wanted(f.path, keys) or f.path in _LANG_PATHS]


_LANG_PATHS = {(k,) for k in LANG_KEYS}


def _yaml_nodes(node: Any, prefix: Path) -> Iterator[tuple[Path, Any]]:
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode):
                yield from _yaml_nodes(value, (*prefix, str(key.value)))
    elif isinstance(node, SequenceNode):
        for k, value in enumerate(node.value):
            yield from _yaml_nodes(value, (*prefix, k))
    elif isinstance(node, ScalarNode) and node.tag == _STR_TAG and prefix:
        yield prefix, node


def _yaml_compose(body: str, *, path: str, line: int) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        return YAML(typ="rt").compose(body)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = line + (mark.line if mark is not None else 0)
        problem = str(getattr(exc, "problem", None) or exc).splitlines()[0]
        raise InputError(f"front matter is not valid YAML: {problem}", path=path, line=at) from None


def _yaml_fields(body: str, fm: FrontMatter, *, path: str) -> list[Field]:
    root = _yaml_compose(body, path=path, line=fm.line)
    fields = []
    for p, node in _yaml_nodes(root, ()):
        start, end = node.start_mark.index, node.end_mark.index
        line = fm.line + node.start_mark.line
        fields.append(Field(p, str(node.value), line, fm.body_start + start, fm.body_start + end, node.style))
    return fields


def _toml_parse(body: str, *, path: str, line: int) -> Any:
    import tomlkit
    from tomlkit.exceptions import ParseError

    try:
        return tomlkit.parse(body)
    except ParseError as exc:
        raise InputError(f"front matter is not valid TOML: {exc}", path=path, line=line + exc.line - 1) from None


def _toml_walk(value: Any, prefix: Path) -> Iterator[tuple[Path, Any]]:
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _toml_walk(item, (*prefix, str(key)))
    elif isinstance(value, list):
        for k, item in enumerate(value):
            yield from _toml_walk(item, (*prefix, k))
    elif isinstance(value, str) and prefix:
        yield prefix, value


def _toml_fields(body: str, fm: FrontMatter, *, path: str) -> list[Field]:
    doc = _toml_parse(body, path=path, line=fm.line)
    return [Field(p, str(v), fm.line) for p, v in _toml_walk(doc, ())]


def _yaml_scalar(value: str, style: str | None) -> str:
    """``value`` as a YAML flow scalar, in ``style`` when it can be."""
    if style == "'" and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    if style is None and value == value.strip() and value and "\n" not in value:
        from ruamel.yaml import YAML

        try:
            node = YAML(typ="rt").compose(f"k: {value}\n")
        except Exception:  # noqa: BLE001 - anything the parser refuses is not a plain scalar
            node = None
        if node is not None and node.value[0][1].tag == _STR_TAG and node.value[0][1].value == value:
            return value
    return json.dumps(value, ensure_ascii=False)


def set_fields(text: str, fm: FrontMatter, values: Mapping[Path, str], *, path: str) -> str:
    """``text`` with the front matter values at ``values``' paths replaced; every other byte kept."""
    if not values:
        return text
    body = text[fm.body_start : fm.body_end]
    if fm.kind == "toml":
        new_body = _toml_set(body, values, path=path, line=fm.line)
    else:
        edits = []
        for f in _yaml_fields(body, fm, path=path):
            if f.path in values and values[f.path] != f.value:
                old = text[f.start : f.end]
                tail = old[len(old.rstrip()) :]  # a block scalar's span ends with its line break
                edits.append(
                    (f.start - fm.body_start, f.end - fm.body_start, _yaml_scalar(values[f.path], f.style) + tail)
                )
        new_body = body
        for start, end, new in sorted(edits, reverse=True):
            new_body = new_body[:start] + new + new_body[end:]
    check = FrontMatter(fm.kind, 0, 0, 0, len(new_body), fm.line)
    got = {f.path: f.value for f in (_toml_fields if fm.kind == "toml" else _yaml_fields)(new_body, check, path=path)}
    if any(got.get(p) != v for p, v in values.items()):
        raise InputError("front matter value could not be written back", path=path, line=fm.line)
    return text[: fm.body_start] + new_body + text[fm.body_end :]


def _toml_set(body: str, values: Mapping[Path, str], *, path: str, line: int) -> str:
    import tomlkit
    from tomlkit.items import String, StringType

    doc = _toml_parse(body, path=path, line=line)
    for p, value in values.items():
        parent: Any = doc
        for step in p[:-1]:
            parent = parent[step]
        old = parent[p[-1]]
        if str(old) == value:
            continue
        literal = isinstance(old, String) and old.type is StringType.SLL and "'" not in value and "\n" not in value
        parent[p[-1]] = tomlkit.string(value, literal=literal)
    return str(tomlkit.dumps(doc))


def add_key(text: str, fm: FrontMatter | None, key: str, value: str) -> str:
    """``text`` with ``key: value`` added first in its front matter (a YAML front matter is made if it has none)."""
    newline = "\r\n" if "\r\n" in text[:200] else "\n"
    if fm is None:
        bom = "\ufeff" if text.startswith("\ufeff") else ""
        return f"{bom}---{newline}{key}: {_yaml_scalar(value, None)}{newline}---{newline}" + text[len(bom) :]
    line = (
        f"{key} = {json.dumps(value, ensure_ascii=False)}"
        if fm.kind == "toml"
        else f"{key}: {_yaml_scalar(value, None)}"
    )
    return text[: fm.body_start] + line + newline + text[fm.body_start :]

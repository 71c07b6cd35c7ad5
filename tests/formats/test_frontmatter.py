"""Front matter: which values are text, and writing them back without touching anything else."""

from __future__ import annotations

import pytest
import tomlkit
from ruamel.yaml import YAML

from newsl10n.errors import InputError
from newsl10n.formats.frontmatter import add_key, find_front_matter, read_fields, set_fields

YAML_FM = """---
# Shown on the list page.
title: "Welcome: week one"   # the list page cuts it at 60 characters
date: 2024-10-10
summary: plain summary here
description: 'It''s the open day'
lead: >
  Folded text
  on two lines
lang: en
tags: [a, b]
images:
  - src: a.jpg
    alt: The campus
menu:
  main:
    title: Not translated
---
Body.
"""

TOML_FM = """+++
title = "Buddy programme" # keep short
date = 2024-09-02
subtitle = 'literal string'
lang = "en"

[[images]]
src = "b.jpg"
alt = "Volunteers"
+++
Body.
"""


def fields(text: str) -> dict[str, str]:
    fm = find_front_matter(text)
    assert fm is not None
    return {".".join(map(str, f.path)): f.value for f in read_fields(text, fm, path="p.md")}


def test_yaml_fields() -> None:
    assert fields(YAML_FM) == {
        "title": "Welcome: week one",
        "summary": "plain summary here",
        "description": "It's the open day",
        "lang": "en",
        "images.0.alt": "The campus",
    }


def test_toml_fields() -> None:
    assert fields(TOML_FM) == {
        "title": "Buddy programme",
        "subtitle": "literal string",
        "lang": "en",
        "images.0.alt": "Volunteers",
    }


@pytest.mark.parametrize(
    ("path", "value", "written"),
    [
        (("title",), 'Bienvenida: "semana" uno', 'title: "Bienvenida: \\"semana\\" uno"   # the list page'),
        (("summary",), "resumen sencillo", "summary: resumen sencillo\n"),
        (("summary",), "con: dos puntos # y almohadilla", 'summary: "con: dos puntos # y almohadilla"\n'),
        (("description",), "Es el día d'apertura", "description: 'Es el día d''apertura'\n"),
        (("images", 0, "alt"), "El campus", "    alt: El campus\n"),
    ],
    ids=["double-quoted", "plain", "plain-needs-quotes", "single-quoted", "nested"],
)
def test_yaml_value_written_in_its_style(path: tuple[str | int, ...], value: str, written: str) -> None:
    fm = find_front_matter(YAML_FM)
    assert fm is not None
    out = set_fields(YAML_FM, fm, {path: value}, path="p.md")
    assert written in out
    data = YAML(typ="safe").load(out.split("---\n")[1])
    node: object = data
    for step in path:
        node = node[step]  # type: ignore[index]
    assert node == value
    # every other line is byte-identical
    changed = [a for a, b in zip(YAML_FM.splitlines(), out.splitlines()) if a != b]
    assert len(changed) == 1 and len(YAML_FM.splitlines()) == len(out.splitlines())


def test_toml_value_written_back_with_tomlkit() -> None:
    fm = find_front_matter(TOML_FM)
    assert fm is not None
    out = set_fields(TOML_FM, fm, {("title",): 'Programa "buddy"', ("images", 0, "alt"): "Voluntarios"}, path="p.md")
    assert 'title = "Programa \\"buddy\\"" # keep short\n' in out
    assert tomlkit.parse(out.split("+++\n")[1])["images"][0]["alt"] == "Voluntarios"  # type: ignore[index]
    assert (
        out.replace('"Programa \\"buddy\\""', '"Buddy programme"').replace('"Voluntarios"', '"Volunteers"') == TOML_FM
    )


def test_add_lang_key() -> None:
    text = "---\ntitle: x\n---\nBody.\n"
    assert add_key(text, find_front_matter(text), "lang", "es") == "---\nlang: es\ntitle: x\n---\nBody.\n"
    assert add_key("Body.\n", None, "lang", "es") == "---\nlang: es\n---\nBody.\n"


@pytest.mark.parametrize(
    ("text", "line"),
    [("---\ntitle: ok\nbad: [unclosed\n---\nBody\n", 4), ("+++\ntitle = \nx = 1\n+++\nBody\n", 2)],
    ids=["yaml", "toml"],
)
def test_bad_front_matter_names_the_file_and_line(text: str, line: int) -> None:
    fm = find_front_matter(text)
    assert fm is not None
    with pytest.raises(InputError) as info:
        read_fields(text, fm, path="post.md")
    assert str(info.value).startswith(f"post.md:{line}: front matter is not valid")
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("text", ["Body.\n", "---\nno end\n", "--- \n", "+++x\n+++\n", "\n---\na: 1\n---\n"])
def test_no_front_matter(text: str) -> None:
    assert find_front_matter(text) is None

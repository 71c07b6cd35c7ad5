"""Loading SRX files: cascade, language maps, errors, entities and scale."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import newsl10n
from newsl10n.errors import InputError
from newsl10n.segment import SrxRules, load_rules, sentence_breaks
from newsl10n.segment import srx as srx_module

HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
NS = "http://www.lisa.org/srx20"


def srx_document(cascade: str, rules: str, maps: str, *, namespace: str = NS) -> str:
    xmlns = f' xmlns="{namespace}"' if namespace else ""
    return (
        f'{HEAD}<srx{xmlns} version="2.0">\n'
        f'  <header segmentsubflows="yes" cascade="{cascade}"/>\n'
        f"  <body>\n    <languagerules>\n{rules}    </languagerules>\n"
        f"    <maprules>\n{maps}    </maprules>\n  </body>\n</srx>\n"
    )


CUSTOM_RULES = """\
      <languagerule languagerulename="Special">
        <rule break="no"><beforebreak>Km\\.\\s</beforebreak><afterbreak/></rule>
        <rule><beforebreak>;<!-- a comment is ignored -->\\s</beforebreak></rule>
      </languagerule>
      <languagerule languagerulename="Base">
        <rule break="yes"><beforebreak>\\.\\s</beforebreak><afterbreak>\\p{Lu}</afterbreak></rule>
      </languagerule>
"""
CUSTOM_MAPS = """\
      <languagemap languagepattern="xx(-.*)?" languagerulename="Special"/>
      <languagemap languagepattern=".*" languagerulename="Base"/>
"""
TEXT = "Go 5 Km. Then; stop. End"
AFTER_KM, AFTER_SEMICOLON, AFTER_STOP = TEXT.index("Then"), TEXT.index("stop"), TEXT.index("End")


def write(tmp_path: Path, content: str, name: str = "rules.srx") -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


@pytest.fixture
def custom(tmp_path: Path) -> SrxRules:
    return load_rules(write(tmp_path, srx_document("yes", CUSTOM_RULES, CUSTOM_MAPS)))


def test_cascade_applies_all_matching_sets_in_order(custom: SrxRules) -> None:
    assert custom.cascade is True
    assert custom.rule_names_for("xx-YY") == ("Special", "Base")
    # Special's break="no" at "Km. " beats Base's break="yes" at the same place.
    assert custom.breaks(TEXT, "xx-YY") == [AFTER_SEMICOLON, AFTER_STOP]


def test_languagemap_selects_by_whole_code(custom: SrxRules) -> None:
    assert custom.rule_names_for("yy") == ("Base",)
    assert custom.rule_names_for("xxx") == ("Base",)  # "xx(-.*)?" must match the whole code
    assert custom.rule_names_for("XX_yy") == ("Special", "Base")  # case and "_" tolerated
    assert custom.breaks(TEXT, "yy") == [AFTER_KM, AFTER_STOP]


def test_cascade_no_uses_first_matching_map(tmp_path: Path) -> None:
    rules = load_rules(write(tmp_path, srx_document("no", CUSTOM_RULES, CUSTOM_MAPS)))
    assert rules.cascade is False
    assert rules.rule_names_for("xx") == ("Special",)
    assert rules.breaks(TEXT, "xx") == [AFTER_SEMICOLON]
    assert rules.breaks(TEXT, "zz") == [AFTER_KM, AFTER_STOP]


def test_first_rule_decides_even_if_it_breaks(tmp_path: Path) -> None:
    body = """\
      <languagerule languagerulename="A">
        <rule break="yes"><beforebreak>\\.\\s</beforebreak></rule>
        <rule break="no"><beforebreak>Km\\.\\s</beforebreak></rule>
      </languagerule>
"""
    maps = '      <languagemap languagepattern=".*" languagerulename="A"/>\n'
    rules = load_rules(write(tmp_path, srx_document("yes", body, maps)))
    assert rules.breaks(TEXT, "any") == [AFTER_KM, AFTER_STOP]
    assert [rule.is_break for rule in rules.rules_for("any")] == [True, False]


def test_document_without_namespace_and_unmapped_language(tmp_path: Path) -> None:
    only_special = '      <languagemap languagepattern="xx" languagerulename="Special"/>\n'
    rules = load_rules(write(tmp_path, srx_document("yes", CUSTOM_RULES, only_special, namespace="")))
    assert rules.rule_names_for("xx") == ("Special",)
    assert rules.rule_names_for("de") == ()
    assert rules.breaks(TEXT, "de") == []


def test_rules_are_immutable(custom: SrxRules) -> None:
    with pytest.raises(AttributeError):
        custom.cascade = False  # type: ignore[misc]
    with pytest.raises(TypeError):
        custom.language_rules["New"] = ()  # type: ignore[index]


GOOD_MAP = '      <languagemap languagepattern=".*" languagerulename="A"/>\n'


def one_rule_set(rule: str) -> str:
    return f'      <languagerule languagerulename="A">\n{rule}      </languagerule>\n'


# Each malformed document and the line (1-based) the error must point at.
MALFORMED = [
    pytest.param(
        srx_document("yes", one_rule_set("        <rule><beforebreak>x</rule>\n"), GOOD_MAP),
        7,
        "malformed SRX",
        id="mismatched-tag",
    ),
    pytest.param(HEAD + "<srx>\n<header>\n", 4, "malformed SRX", id="truncated"),
    pytest.param("", 1, "malformed SRX: Document is empty", id="empty-file"),
    pytest.param(
        srx_document("yes", one_rule_set('        <rule break="maybe"/>\n'), GOOD_MAP),
        7,
        "break='maybe'",
        id="bad-break-value",
    ),
    pytest.param(
        srx_document("yes", one_rule_set("        <rule><beforebreak>(x</beforebreak></rule>\n"), GOOD_MAP),
        7,
        "invalid regular expression",
        id="bad-regex",
    ),
    pytest.param(
        srx_document("yes", one_rule_set(""), '      <languagemap languagepattern=".*" languagerulename="B"/>\n'),
        10,
        "unknown languagerule 'B'",
        id="unknown-rule-set",
    ),
    pytest.param(
        srx_document("yes", one_rule_set(""), '      <languagemap languagepattern="(" languagerulename="A"/>\n'),
        10,
        "invalid languagepattern",
        id="bad-languagepattern",
    ),
    pytest.param(
        srx_document("yes", one_rule_set("") + one_rule_set(""), GOOD_MAP),
        8,
        "duplicate languagerule 'A'",
        id="duplicate-rule-set",
    ),
    pytest.param(srx_document("maybe", "", GOOD_MAP), 3, "cascade='maybe'", id="bad-cascade"),
    pytest.param(
        srx_document("yes", "", '      <languagemap languagerulename="A"/>\n'),
        8,
        "languagepattern",
        id="missing-attribute",
    ),
    pytest.param(
        srx_document("yes", one_rule_set("        <rule><beforebreak>a<b/></beforebreak></rule>\n"), GOOD_MAP),
        7,
        "only text",
        id="element-in-regex",
    ),
    pytest.param(HEAD + "<html>\n</html>\n", 2, "not an SRX 2.0 document", id="wrong-root"),
    pytest.param(
        HEAD + f'<srx xmlns="{NS}" version="1.0">\n</srx>\n', 2, "unsupported SRX version", id="wrong-version"
    ),
    pytest.param(
        HEAD + f'<srx xmlns="{NS}" version="2.0">\n<body/>\n</srx>\n', 2, "lacks a <header>", id="missing-header"
    ),
]


@pytest.mark.parametrize(("content", "line", "message"), MALFORMED)
def test_malformed_srx_raises_input_error(tmp_path: Path, content: str, line: int, message: str) -> None:
    path = write(tmp_path, content)
    with pytest.raises(InputError) as caught:
        load_rules(path)
    error = caught.value
    assert error.path == str(path)
    assert error.line == line
    assert message in error.message
    assert str(error).startswith(f"{path}:{line}: ")
    assert error.exit_code == 2


def test_missing_file_raises_input_error(tmp_path: Path) -> None:
    path = tmp_path / "absent.srx"
    with pytest.raises(InputError) as caught:
        load_rules(path)
    assert caught.value.path == str(path)
    assert caught.value.line is None


SECRET = "TOP-SECRET-7f3a"


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["SYSTEM", "internal"])
def test_entities_in_rules_are_not_resolved(tmp_path: Path, secret_file: Path, kind: str) -> None:
    declaration = f'<!ENTITY xxe SYSTEM "{secret_file.as_uri()}">' if kind == "SYSTEM" else f'<!ENTITY xxe "{SECRET}">'
    doc = srx_document("yes", one_rule_set("        <rule><beforebreak>&xxe;</beforebreak></rule>\n"), GOOD_MAP)
    doc = doc.replace(HEAD, f"{HEAD}<!DOCTYPE srx [{declaration}]>\n")
    path = write(tmp_path, doc)
    with pytest.raises(InputError) as caught:
        load_rules(path)
    assert "&xxe;" in caught.value.message
    assert caught.value.line == 8
    assert SECRET not in str(caught.value)


def test_declared_external_entity_and_dtd_are_never_loaded(tmp_path: Path, secret_file: Path) -> None:
    doctype = (
        f'<!DOCTYPE srx SYSTEM "{(tmp_path / "missing.dtd").as_uri()}" '
        f'[<!ENTITY xxe SYSTEM "{secret_file.as_uri()}">]>\n'
    )
    doc = srx_document("yes", CUSTOM_RULES, CUSTOM_MAPS).replace(HEAD, HEAD + doctype)
    rules = load_rules(write(tmp_path, doc))
    everything = repr([(r.before, r.after) for name in rules.language_rules for r in rules.language_rules[name]])
    assert SECRET not in everything
    assert rules.breaks(TEXT, "xx") == [AFTER_SEMICOLON, AFTER_STOP]


def test_packaged_rules_load_and_cover_the_languages() -> None:
    rules = srx_module._packaged_rules()
    assert rules.cascade is True
    assert rules.rule_names_for("en-GB") == ("Common", "English", "Default")
    assert rules.rule_names_for("ru") == ("Common", "Russian", "Default")
    assert rules.rule_names_for("es_ES") == ("Common", "Spanish", "Default")
    assert rules.rule_names_for("de") == ("Common", "Default")
    assert srx_module._packaged_rules() is rules  # cached


def test_import_does_no_work() -> None:
    src = str(Path(newsl10n.__file__).resolve().parent.parent)
    code = (
        "import newsl10n.segment.srx as s, sys\n"
        "assert s._packaged_rules.cache_info().currsize == 0\n"
        "s.sentence_breaks('A. B', 'en')\n"
        "assert s._packaged_rules.cache_info().currsize == 1\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")]))}
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


SIZE = 200_000
# One paragraph per language and how many segments one copy of it gives.
SAMPLES = {
    "en": (
        (
            "Prof. Elena Ivanova opened the school on Jan. 15. It lasts 3.5 days, i.e. longer. "
            '"Good." Is it over? No. Dr. J. M. García said so... Then\n'
        ),
        7,
    ),
    "ru": (
        (
            "Проф. Д. Г. Арсеньев выступил в г. Москве, т. е. дома. «Хорошо.» Правда? Да! "
            "Он ждал... И ушёл на ул. Ленина.\n"
        ),
        6,
    ),
    "es": ("¿Qué? ¡Hola! El Sr. García llegó... Luego la Dra. Pérez habló, p. ej. Bien. Cuesta 3,5 euros.\n", 5),
}


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_large_text_segments(lang: str) -> None:
    sample, per_copy = SAMPLES[lang]
    copies = SIZE // len(sample) + 1
    text = sample * copies
    offsets = sentence_breaks(text, lang)
    assert len(text) > SIZE
    assert len(offsets) == copies * per_copy - 1  # no break at len(text)
    assert offsets == sorted(set(offsets))
    assert [text[k:].startswith(sample) for k in offsets].count(True) == copies - 1


# Inputs that make a naive (quadratic) scanner rescan a long run at every
# position; each is about 200 KB and must finish like ordinary text.
PATHOLOGICAL = {
    "spaces": "a." + " " * SIZE + "B",
    "dots": "." * SIZE,
    "ellipses": "\u2026" * SIZE,
    "quotes": "a." + '"' * SIZE + " B",
    "brackets": "a. " + "(" * SIZE + "B",
    "closers": "a." + ")" * SIZE + " B",
    "dashes": "a. " + "\u2014 " * (SIZE // 2) + "B",
    "abbreviations": "Dr. " * (SIZE // 4),
    "initials": "A. " * (SIZE // 3),
    "newlines": "\n" * SIZE,
    "objects": "\ufffc. " * (SIZE // 3),
    "one-word": "A" * SIZE,
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_inputs_stay_linear(name: str) -> None:
    text = PATHOLOGICAL[name]
    offsets = sentence_breaks(text, "es")
    assert all(0 < k < len(text) for k in offsets)
    if name == "newlines":
        assert len(offsets) == SIZE - 1
    elif name == "spaces":
        assert offsets == [len(text) - 1]
    elif name == "closers":
        assert offsets == []  # at most four closing brackets/quotes are kept with a sentence

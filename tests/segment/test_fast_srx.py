"""``SrxRules.breaks`` (planned scan) gives what the old rule-by-rule scan (``_oracle.py``) gives, for any rules."""

from __future__ import annotations

import pytest
import regex  # type: ignore[import-untyped, unused-ignore]
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from newsl10n.segment import rule_syntax
from newsl10n.segment import srx as srx_module
from newsl10n.segment.srx import LanguageMap, SrxRule, SrxRules, load_rules

from ._oracle import oracle_breaks, oracle_packaged_rules, oracle_rule_names_for

SETTINGS = settings(max_examples=300, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

RULES = """\
      <languagerule languagerulename="Special">
        <!-- a no-break rule that must win over the later break rules -->
        <rule break="no"><beforebreak>\\b(?i:km|etc)\\.\\s+</beforebreak><afterbreak>\\p{Lu}</afterbreak></rule>
        <!-- only a beforebreak / only an afterbreak -->
        <rule break="yes"><beforebreak>;</beforebreak></rule>
        <rule break="yes"><afterbreak>¶</afterbreak></rule>
        <!-- several breaks inside one run of spaces -->
        <rule break="yes"><beforebreak>:[ ]*</beforebreak><afterbreak>[ ]*[A-Z]</afterbreak></rule>
        <!-- a no-break rule after break rules: it only blocks the rules after it -->
        <rule break="no"><beforebreak>x</beforebreak><afterbreak>y</afterbreak></rule>
        <rule break="yes"><beforebreak>x</beforebreak></rule>
        <!-- the last characters of the anchor may continue the run: no anchored scan -->
        <rule break="yes"><beforebreak>[ab]+[ab ]*</beforebreak><afterbreak>c</afterbreak></rule>
      </languagerule>
      <languagerule languagerulename="Odd">
        <!-- a back-reference: this language is scanned rule by rule -->
        <rule break="no"><beforebreak>(\\w)\\1\\.\\s</beforebreak></rule>
        <rule break="yes"><beforebreak>\\.\\s</beforebreak></rule>
      </languagerule>
      <languagerule languagerulename="Base">
        <rule break="yes"><beforebreak>[.?!]+["')]{0,2}\\s+</beforebreak><afterbreak>["(]?\\p{Lu}</afterbreak></rule>
        <rule break="no"><beforebreak>\\s</beforebreak><afterbreak>\\p{Ll}</afterbreak></rule>
        <rule break="yes"><beforebreak>\\n</beforebreak></rule>
      </languagerule>
"""
MAPS = """\
      <languagemap languagepattern="xx(-.*)?" languagerulename="Special"/>
      <languagemap languagepattern="oo" languagerulename="Odd"/>
      <languagemap languagepattern=".*" languagerulename="Base"/>
"""
LANGS = ["xx", "xx_YY", "oo", "zz"]
PIECES = ["Km. ", "km. ", "etc. ", "A", "Bb", "a", "b", "c", "x", "y", ";", "¶", ":", ": ", ":   ", " ", "  ",
          ". ", "! ", "?", '"', "(", ")", "aa. ", "ab. ", "\n", "é", "É", "\t"]


def document(cascade: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<srx xmlns="http://www.lisa.org/srx20" version="2.0">\n'
        f'  <header cascade="{cascade}"/>\n  <body>\n    <languagerules>\n{RULES}    </languagerules>\n'
        f"    <maprules>\n{MAPS}    </maprules>\n  </body>\n</srx>\n"
    )


@pytest.fixture(scope="module", params=["yes", "no"])
def custom(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> SrxRules:
    path = tmp_path_factory.mktemp("srx") / f"cascade-{request.param}.srx"
    path.write_text(document(request.param), encoding="utf-8")
    return load_rules(path)


def test_custom_rules_take_both_paths(custom: SrxRules) -> None:
    assert custom._plan("oo").scanners is None  # the back-reference
    special = custom._plan("xx").scanners
    assert special is not None
    assert any(scan.more is not None for scan in special)  # a run continuation is used
    for lang in LANGS:
        names = oracle_rule_names_for(custom, lang)
        assert custom.rule_names_for(lang) == names
        assert custom.rules_for(lang) == tuple(r for n in names for r in custom.language_rules[n])


@pytest.mark.parametrize(
    "text",
    [
        "Go 5 km. Then stop. End",
        "a:   B; c¶d",
        "xy x y xz",
        "ab abc ba c",
        'He said "Hi." Then (left.) Now\nnext',
        "aa. Bb. cc. Dd",
        "",
        "¶",
        ":" + " " * 50 + "Z",
    ],
)
def test_custom_rules_examples(custom: SrxRules, text: str) -> None:
    for lang in LANGS:
        assert custom.breaks(text, lang) == oracle_breaks(custom, text, lang), lang


@SETTINGS
@given(text=st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_custom_rules_generated(custom: SrxRules, text: str) -> None:
    for lang in LANGS:
        assert custom.breaks(text, lang) == oracle_breaks(custom, text, lang), lang


# --- random rules -------------------------------------------------------------------------------------------------

LEAVES = ["a", "b", " ", "\\.", ";", "[ab]", "[^a ]", "[.;]", "\\s", "\\S", "\\d", ".", "\\p{Lu}", "(?i:a)",
          "(?s:.)", "\\n", "\\x41", "é", "^", "$", "\\b", "(\\w)\\1", "(?i)a"]  # the last two are outside the subset


def _combine(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    pair = st.tuples(children, children)
    quantifier = st.sampled_from(["?", "*", "+", "{0,2}", "{1,3}", "{2}", "*?", "+?", "{0}"])
    return st.one_of(
        pair.map("".join),
        pair.map(lambda t: f"(?:{t[0]}|{t[1]})"),
        st.tuples(children, quantifier).map(lambda t: f"(?:{t[0]}){t[1]}"),
        children.map(lambda x: f"({x})"),
        children.map(lambda x: f"(?i:{x})"),
        st.tuples(st.sampled_from(["(?=", "(?!", "(?<=", "(?<!"]), children).map(lambda t: f"{t[0]}{t[1]})"),
    )


PATTERN = st.recursive(st.sampled_from(LEAVES), _combine, max_leaves=6)
#: An anchor and a run after it (the shape the scanner jumps with), the run possibly holding the anchor.
ANCHORED = st.tuples(
    PATTERN, st.sampled_from([";", "\\.", "[.;]+", "a", "\\x41"]), st.sampled_from(["[ ]*", "\\s*", "[ b]*", "(?:\\s|;){0,3}"])
).map("".join)
PART = st.just("") | PATTERN | ANCHORED


RULE = st.tuples(st.booleans(), PART, PART)


def rules_of(drawn: list[tuple[bool, str, str]]) -> SrxRules:
    try:
        rules = tuple(SrxRule(is_break, before, after) for is_break, before, after in drawn)
    except regex.error:
        assume(False)
    every = LanguageMap(".*", "R", regex.compile(".*", regex.IGNORECASE))
    return SrxRules(cascade=True, language_rules={"R": rules}, maps=(every,))


@SETTINGS
@given(st.lists(RULE, min_size=1, max_size=4), st.text(alphabet="ab .;\n\tAÉé1cx", max_size=24))
def test_random_rules(drawn: list[tuple[bool, str, str]], text: str) -> None:
    rules = rules_of(drawn)
    assert rules.breaks(text, "any") == oracle_breaks(rules, text, "any")


@settings(SETTINGS, max_examples=1000)
@given(PATTERN | ANCHORED, PART, st.text(alphabet="ab .;\nAÉé1", max_size=16))
def test_scan_finds_exactly_where_the_rule_holds(before: str, after: str, text: str) -> None:
    """One break rule's scan (with its run continuation) ends exactly where ``(?=A)(?<=B)`` matches."""
    try:
        rule = SrxRule(True, before, after)
        scan = srx_module._scan(rule)
    except (regex.error, rule_syntax.Unsupported):
        assume(False)
    holds = {m.start() for m in rule.pattern.finditer(text) if m.start() > 0}
    found = set()
    for match in scan.pattern.finditer(text):
        assert scan.anchors is None or text[match.start()] in scan.anchors
        pos = match.end()
        found.add(pos)
        while scan.more is not None and (step := scan.more.match(text, pos)) is not None:
            assert scan.is_run(text[pos])
            pos = step.end()
            found.add(pos)
    assert found == holds


@settings(SETTINGS, max_examples=1500)
@given(PATTERN | ANCHORED, st.text(alphabet="ab .;\nAÉé1", max_size=12))
def test_syntax_reports_every_last_character(before: str, text: str) -> None:
    """Wherever a match of B ends, the character before matches one of the reported last characters."""
    try:
        rule = SrxRule(True, before, "")
        whole = rule_syntax.Syntax(before).read()
    except (regex.error, rule_syntax.Unsupported):
        assume(False)
    assume(not whole.nullable)
    last = regex.compile(srx_module._one_of(whole.last))
    for match in rule.pattern.finditer(text):
        if match.start() > 0:
            assert last.fullmatch(text, match.start() - 1, match.start()), (before, text, match.start())


def test_packaged_rules_are_planned() -> None:
    rules = srx_module._packaged_rules()
    for lang in ("en", "ru", "es", "de"):
        assert rules._plan(lang).scanners is not None
        assert rules.rules_for(lang) == oracle_packaged_rules().rules_for(lang)
    assert rules._plan("en") is rules._plan("en")  # cached

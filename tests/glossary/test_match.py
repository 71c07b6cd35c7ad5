"""The source-side matcher: boundaries, case, plurals, possessives, longest match, cost."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from newsl10n.glossary import Automaton, ScanStats, TermKind, TermMatcher, TermStatus
from newsl10n.glossary.match import english_variants, needs_exact_case, pluralize

from .helpers import concept, glossary, term

EN = glossary(
    concept("ie", term("en", "IE", abbr=True)),
    concept("spbpu", term("en", "SPbPU", abbr=True)),
    concept("upm-abbr", term("en", "UPM")),  # all capitals: exact case without the flag
    concept("ie-full", term("en", "Institute of Energy")),
    concept("university", term("en", "university")),
    concept("school", term("en", "school")),
    concept("summer-school", term("en", "summer school")),
    concept("upm", term("en", "Technical University of Madrid")),
    concept("rector", term("en", "Rector")),
    concept("vr", term("en", "Vice-Rector for International Affairs")),
    concept("lana", term("en", "Lana Kalikina", kind=TermKind.PERSON, dnt=True)),
    concept("imm", term("en", "IMM&T", abbr=True)),
)
MATCHER = TermMatcher(EN, "en")


def _hits(text: str, matcher: TermMatcher = MATCHER) -> list[tuple[str, str, str]]:
    hits = matcher.find(text)
    for h in hits:
        assert text[h.start : h.end] == h.matched
    return [(h.matched, h.concept_id, h.form) for h in hits]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PIE", []),
        ("IEEE", []),
        ("IE.", [("IE", "ie", "base")]),
        ("(IE)", [("IE", "ie", "base")]),
        ("the IE-based team", [("IE", "ie", "base")]),
        ("<1>Institute of Energy</1>", [("Institute of Energy", "ie-full", "base")]),
        ("<2/>SPbPU<3/>", [("SPbPU", "spbpu", "base")]),
        ("Institute <1>of</1> Energy", []),
        ("Institute of Energy2", []),
        ("subschool schoolyard", []),
        ("IMM&T.", [("IMM&T", "imm", "base")]),
        ("XIMM&T", []),
    ],
    ids=[
        "inside-word",
        "prefix-of-word",
        "before-full-stop",
        "in-brackets",
        "before-hyphen",
        "inside-paired-code",
        "between-empty-codes",
        "interrupted-by-code",
        "digit-after",
        "word-parts",
        "ampersand",
        "ampersand-inside-word",
    ],
)
def test_word_boundaries(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _hits(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ie", []),
        ("Ie", []),
        ("spbpu", []),
        ("SPBPU", []),
        ("upm", []),
        ("UPM", [("UPM", "upm-abbr", "base")]),
        ("INSTITUTE OF ENERGY", [("INSTITUTE OF ENERGY", "ie-full", "base")]),
        ("institute of energy", [("institute of energy", "ie-full", "base")]),
        ("the rector", [("rector", "rector", "base")]),
        ("Lana KALIKINA", [("Lana KALIKINA", "lana", "base")]),
    ],
)
def test_case(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _hits(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("universities", [("universities", "university", "plural")]),
        ("Universities", [("Universities", "university", "plural")]),
        ("schools", [("schools", "school", "plural")]),
        ("summer schools", [("summer schools", "summer-school", "plural")]),
        ("Rectors", [("Rectors", "rector", "plural")]),
        (
            "Vice-Rectors for International Affairs",
            [("Vice-Rectors for International Affairs", "vr", "plural")],
        ),
        ("Institutes of Energy", [("Institutes of Energy", "ie-full", "plural")]),
        ("IEs", []),
        ("Lana Kalikinas", []),
    ],
)
def test_plurals(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _hits(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SPbPU's", [("SPbPU's", "spbpu", "possessive")]),
        ("UPM’s", [("UPM’s", "upm-abbr", "possessive")]),
        ("UPMʼs", [("UPMʼs", "upm-abbr", "possessive")]),
        ("the university's", [("university's", "university", "possessive")]),
        ("the universities' staff", [("universities'", "university", "plural-possessive")]),
        ("Lana Kalikina’s words", [("Lana Kalikina’s", "lana", "possessive")]),
        (
            "Vice-Rector for International Affairs' office",
            [("Vice-Rector for International Affairs'", "vr", "possessive")],
        ),
        ("SPbPU'S", [("SPbPU", "spbpu", "base")]),
    ],
)
def test_possessives(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _hits(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Technical University of Madrid", [("Technical University of Madrid", "upm", "base")]),
        ("the Vice-Rector for International Affairs", [("Vice-Rector for International Affairs", "vr", "base")]),
        ("a summer school", [("summer school", "summer-school", "base")]),
        (
            "SPbPU and UPM: the universities' summer school",
            [
                ("SPbPU", "spbpu", "base"),
                ("UPM", "upm-abbr", "base"),
                ("universities'", "university", "plural-possessive"),
                ("summer school", "summer-school", "base"),
            ],
        ),
    ],
)
def test_longest_leftmost_match_wins(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _hits(text) == expected


def test_find_all_keeps_overlaps() -> None:
    spans = [(h.matched, h.concept_id) for h in MATCHER.find_all("Technical University of Madrid summer school")]
    assert spans == [
        ("Technical University of Madrid", "upm"),
        ("University", "university"),
        ("summer school", "summer-school"),
        ("school", "school"),
    ]


@pytest.mark.parametrize(
    "text",
    ["Institute of\u00a0Energy", "Institute  of\nEnergy", "Insti\u00adtute of Energy", "Institute\u200b of Energy"],
    ids=["no-break-space", "space-run", "soft-hyphen", "zero-width-space"],
)
def test_spacing_and_invisible_characters(text: str) -> None:
    hits = MATCHER.find(text)
    assert [(h.concept_id, h.start, h.end) for h in hits] == [("ie-full", 0, len(text))]


def test_spanish_and_russian_sources() -> None:
    g = glossary(
        concept("polytech", term("es", "Universidad Politécnica"), term("ru", "Политехнический университет")),
        concept(
            "upm", term("es", "Universidad Politécnica de Madrid"), term("ru", "Мадридский политехнический университет")
        ),
        concept("spa", term("ru", "соглашение о стратегическом партнерстве")),
    )
    es = TermMatcher(g, "es")
    assert _hits("la Universidad Politécnica de Madrid y la Universidad Politécnica", es) == [
        ("Universidad Politécnica de Madrid", "upm", "base"),
        ("Universidad Politécnica", "polytech", "base"),
    ]
    assert _hits("las Universidades Politécnicas", es) == []  # no English plural rules for Spanish
    ru = TermMatcher(g, "ru")
    assert _hits("Соглашение о стратегическом партнёрстве подписано", ru) == [
        ("Соглашение о стратегическом партнёрстве", "spa", "base")
    ]


def test_usable_terms_win_over_avoided_ones_and_glossary_order_breaks_ties() -> None:
    g = glossary(
        concept("old", term("en", "Polytech", TermStatus.DEPRECATED)),
        concept("new", term("en", "Polytech", TermStatus.ADMITTED)),
        concept("newer", term("en", "Polytech", TermStatus.ADMITTED)),
    )
    assert [h.concept_id for h in TermMatcher(g, "en").find("Polytech")] == ["new"]


def test_a_language_without_terms_finds_nothing() -> None:
    assert TermMatcher(EN, "ru").find("Институт энергетики") == []


def test_concept_kind_counts_when_the_term_has_none() -> None:
    g = glossary(concept("p", term("en", "Oleg Panchenko"), kind=TermKind.PERSON))
    assert TermMatcher(g, "en").find("Oleg Panchenkos") == []


def test_avoided_terms_are_still_found_so_that_they_can_be_replaced() -> None:
    g = glossary(
        concept("immt", term("en", "Institute of Engineering, Materials and Transport", TermStatus.DEPRECATED))
    )
    (hit,) = TermMatcher(g, "en").find("the Institute of Engineering, Materials and Transport (IMM&T)")
    assert hit.term.status is TermStatus.DEPRECATED


def test_case_folding_expansions_are_not_split() -> None:
    g = glossary(concept("street", term("de", "Straße")), concept("x", term("de", "Strass")))
    m = TermMatcher(g, "de")
    assert [h.matched for h in m.find("STRASSE und Straße")] == ["STRASSE", "Straße"]
    assert [h.concept_id for h in m.find("Straße")] == ["street"]


@pytest.mark.parametrize(
    ("word", "plural"),
    [
        ("university", "universities"),
        ("day", "days"),
        ("school", "schools"),
        ("box", "boxes"),
        ("branch", "branches"),
        ("ID", "IDS"),
    ],
)
def test_pluralize(word: str, plural: str) -> None:
    assert pluralize(word) == plural


def test_variants_and_exact_case_rules() -> None:
    assert english_variants("Affairs", plural=True) == [
        ("base", "Affairs"),
        ("possessive", "Affairs's"),
        ("possessive", "Affairs'"),
    ]
    assert ("plural", "Heads of Department") in english_variants("Head of Department", plural=True)
    assert needs_exact_case(term("en", "SPbPU")) and needs_exact_case(term("en", "IMM&T"))
    assert not needs_exact_case(term("en", "Polytech")) and not needs_exact_case(term("en", "ITMO University"))
    assert needs_exact_case(term("en", "HS IEP", abbr=True))


# --------------------------------------------------------------------------- cost


_SYLLABLES = ["ka", "lo", "mi", "nu", "pe", "ri", "sa", "to", "vu", "ze"]
_WORDS = [a + b + c for a in _SYLLABLES for b in _SYLLABLES for c in _SYLLABLES]  # 1,000 words


def _generated_term(i: int) -> str:
    """The i-th generated term: the same for every glossary size."""
    return f"{_WORDS[i % 1000]} {_WORDS[(i // 1000 + 7 * i) % 1000]}"


def _generated_glossary(size: int) -> TermMatcher:
    return TermMatcher(glossary(*(concept(f"c{i}", term("en", _generated_term(i))) for i in range(size))), "en")


def _scan_text() -> str:
    # Real hits (plural and possessive too), near-misses that walk deep into the trie and fail, prose.
    hits = " ".join(
        f"{_generated_term(i)}, {_generated_term(i + 1)}s and {_generated_term(i + 2)}'s." for i in range(0, 90, 3)
    )
    misses = "kalomi kalominu kalo kalomika lokami zezeze rirori pepepe, sasato tovuze. " * 100
    return hits + " " + misses + "The Rector of SPbPU met UPM colleagues. " * 40


def test_steps_per_character_do_not_grow_with_the_glossary() -> None:
    text = _scan_text()
    small, large = _generated_glossary(100), _generated_glossary(20_000)
    assert large.node_count > 50 * small.node_count
    for matcher, size in ((small, 100), (large, 20_000)):
        assert matcher.pattern_count >= 3 * size  # the English variants are patterns too
        stats = ScanStats()
        hits = matcher.find(text, stats=stats)
        assert len(hits) == 90  # the generated terms in the text, in all three forms
        assert stats.chars == len(text)
        assert stats.steps <= 2 * stats.chars  # goto + failure transitions, whatever the size


def test_automaton_reports_every_occurrence() -> None:
    automaton = Automaton(["he", "she", "his", "hers"])
    stats = ScanStats()
    found = sorted(automaton.iter_matches("ushers", stats))
    assert found == [(1, 4, 1), (2, 4, 0), (2, 6, 3)]
    assert stats.chars == 6 and stats.matches == 3 and stats.steps <= 12
    with pytest.raises(ValueError, match="empty"):
        Automaton(["x", ""])


# --------------------------------------------------------------------------- against brute force


def _word(ch: str) -> bool:
    return ch.isalnum()


def _reference(text: str, terms: list[str], exact: set[str]) -> list[tuple[int, int]]:
    candidates = []
    for i in range(len(text)):
        for t in terms:
            j = i + len(t)
            piece = text[i:j]
            same = piece == t if t in exact else piece.casefold() == t.casefold()
            if not same or j > len(text):
                continue
            if i > 0 and _word(text[i - 1]) and _word(text[i]):
                continue
            if j < len(text) and _word(text[j]) and _word(text[j - 1]):
                continue
            candidates.append((i, j))
    chosen, last = [], 0
    for i, j in sorted(set(candidates), key=lambda s: (s[0], -s[1])):
        if i >= last:
            chosen.append((i, j))
            last = j
    return chosen


_TERM = st.text(alphabet="abAB ", min_size=1, max_size=5).map(lambda s: " ".join(s.split())).filter(bool)


@settings(max_examples=300, deadline=None)
@given(
    terms=st.lists(_TERM, min_size=1, max_size=6),
    text=st.text(alphabet="abAB .-", max_size=40),
)
def test_matches_agree_with_brute_force(terms: list[str], text: str) -> None:
    assume("  " not in text)
    exact = {t for t in terms if needs_exact_case(term("xx", t))}
    g = glossary(*(concept(f"c{i}", term("xx", t)) for i, t in enumerate(terms)))
    hits = TermMatcher(g, "xx").find(text)
    assert [(h.start, h.end) for h in hits] == _reference(text, terms, exact)


def test_a_sentence_with_no_first_word_of_a_term_makes_no_lookups() -> None:
    """Its words are found at once and none starts a term: one step per word, none per space or full stop."""
    stats = ScanStats()
    assert MATCHER.find("The delegation visited the campus in May.", stats=stats) == []
    assert stats.steps == 7 and stats.matches == 0


def test_long_terms_are_tried_only_where_their_head_follows() -> None:
    """``Institute`` starts only ``Institute of Energy`` (and its variants): ``Institute for`` tries none of them."""
    stats = ScanStats()
    assert MATCHER.find("The Institute for Mining.", stats=stats) == []
    assert stats.steps == 4
    stats = ScanStats()
    assert [h.matched for h in MATCHER.find("The Institute of Energy.", stats=stats)] == ["Institute of Energy"]
    assert stats.steps == 4 + 1 and stats.matches == 1

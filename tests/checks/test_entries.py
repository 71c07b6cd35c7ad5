"""The entry checks (codes, numbers, untranslated, fuzzy) and consistency, on real PO files."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsl10n.checks import CheckContext, run_checks

from .helpers import E, entry_line, planted, write_catalog


def _one(tmp_path: Path, msgid: str, msgstr: str, *, lang: str, src: str = "en", check: str) -> list[str]:
    cat = write_catalog(tmp_path, [E(msgid, msgstr)], lang=lang, src=src)
    return [f.message for f in run_checks([cat], CheckContext(), only={check})]


@pytest.mark.parametrize(
    ("msgid", "msgstr", "message"),
    [
        ("Read <1>more</1><2/>", "Читать <1>далее</1><2/>", None),
        ("<1>A</1> and <2>B</2>", "<2>Б</2> и <1>А</1>", None),
        ("<1>A <2>B</2></1>", "<1>А <2>Б</2></1>", None),
        ("Read <1>more</1><2/>", "Читать <1>далее</1>", "code 2 is missing"),
        ("Read <1>more</1>", "Читать <1>далее</1><3/>", "unknown code <3/>"),
        ("Read <1>more</1><2/>", "<2/>Читать <1>далее</1><2/>", "code <2/> appears twice"),
        ("Read <1>more</1>", "Читать <1>далее<1/>", "code 1 should be written <1>…</1>; <1> is never closed"),
        ("Read<2/>", "Читать</2/>", "malformed code </2/>; code 2 is missing"),
        (
            "<1>A <2>B</2></1>",
            "<1>А <2>Б</1></2>",
            "</1> closes a code that is not open; <1> is never closed",
        ),
        ("A <1>B</1>", "", None),  # untranslated: not this check's business
    ],
    ids=[
        "same",
        "reordered",
        "nested",
        "missing",
        "extra",
        "duplicated",
        "wrong-shape",
        "malformed",
        "badly-nested",
        "untranslated",
    ],
)
def test_codes(tmp_path: Path, msgid: str, msgstr: str, message: str | None) -> None:
    got = _one(tmp_path, msgid, msgstr, lang="ru", check="codes")
    assert got == ([] if message is None else [f"inline codes do not match the msgid: {message}"])


@pytest.mark.parametrize(
    ("msgid", "msgstr", "lang", "message"),
    [
        ("1,250 students, 3.5 days", "1 250 студентов, 3,5 дня", "ru", None),
        ("1,250 students, 3.5 days", "1\u00a0250 студентов, 3,5 дня", "ru", None),
        ("1,250 students, 3.5 days", "1\u202f250 студентов, 3,5 дня", "ru", None),
        ("1,250 students, 3.5 days", "1.250 estudiantes, 3,5 días", "es", None),
        ("1,250 students, 3.5 days", "1250 estudiantes, 3,5 días", "es", None),
        ("Up 45% since 2011", "Рост на 45 % с 2011 года", "ru", None),
        ("Students aged 16–19", "Estudiantes de 16 a 19 años", "es", None),
        ("On February 16, 18 and 19", "18, 16 и 19 февраля", "ru", None),
        ("Open <12>the</12> page <3/>", "Откройте <12>страницу</12><3/>", "ru", None),
        ("Published: 2021.03.04", "Publicado: 04.03.2021", "es", None),
        # Written the same on both sides: never a finding, whatever each language would read (issue 11.4).
        ("1,250 students", "1,250 студентов", "ru", None),
        ("The grant is 21.809 thousand", "La beca es de 21.809 mil", "es", None),
        ("Codes 21.809 and 3.5", "Códigos 3.5 y 21.809", "es", None),
        ("Room 21.809, then 21.809 again", "Sala 21.809", "es", "missing 21.809"),
        ("1,250 students and 1,250 staff", "1,250 estudiantes y 1.250 empleados", "es", None),
        ("In 2021, 1,250 students", "En 2021, 1,250 estudiantes y 2,5 días", "es", "not in the msgid 2,5 (= 2.5)"),
        ("In 2011 and 2021", "En 2011", "es", "missing 2021"),
        ("Two lectures", "2 conferencias", "es", "not in the msgid 2 (read as es)"),
        ("In 2021", "В 2012 году", "ru", "missing 2021; not in the msgid 2012 (read as ru)"),
        ("3 days and 3 nights", "3 días y noches", "es", "missing 3"),  # a multiset: 3 twice
        ("It took 3.5 days", "Заняло 35 дней", "ru", "missing 3.5"),
    ],
    ids=[
        "ru-space",
        "ru-nbsp",
        "ru-nnbsp",
        "es-dot",
        "es-plain",
        "percent",
        "range",
        "reordered",
        "code-numbers-ignored",
        "numeric-date-reordered",
        "ru-copied-as-is",
        "es-copied-as-is-21.809",
        "es-copied-reordered",
        "copied-once-of-twice",
        "copied-and-localized",
        "extra-beside-copied",
        "missing",
        "extra",
        "changed",
        "repeat-counts",
        "decimal-lost",
    ],
)
def test_numbers(tmp_path: Path, msgid: str, msgstr: str, lang: str, message: str | None) -> None:
    got = _one(tmp_path, msgid, msgstr, lang=lang, check="numbers")
    if message is None:
        assert got == []
    else:
        assert len(got) == 1 and message in got[0], got


def test_numbers_read_the_source_with_its_own_language(tmp_path: Path) -> None:
    # ru -> en: the msgid's "1,5" is one and a half, so "1.5" in English matches
    assert _one(tmp_path, "Рост в 1,5 раза", "A 1.5-fold rise", lang="en", src="ru", check="numbers") == []


@pytest.mark.parametrize(
    ("include_fuzzy", "expected"),
    [
        (
            False,
            [
                ("fuzzy", "info", "Bad <1>fuzzy</1>"),
                ("untranslated", "info", "Not yet"),
            ],
        ),
        (
            True,
            [
                ("codes", "error", "Bad <1>fuzzy</1>"),
                ("fuzzy", "info", "Bad <1>fuzzy</1>"),
                ("untranslated", "info", "Not yet"),
            ],
        ),
    ],
    ids=["fuzzy-reported-not-checked", "fuzzy-checked"],
)
def test_fuzzy_entries_are_checked_only_when_asked(
    tmp_path: Path, include_fuzzy: bool, expected: list[tuple[str, str, str]]
) -> None:
    cat = write_catalog(
        tmp_path,
        [
            E("Fine", "Хорошо"),
            E("Bad <1>fuzzy</1>", "Плохо", fuzzy=True),
            E("Not yet"),
            E("Gone <1>x</1>", "Ушло 5", obsolete=True),  # obsolete: never checked
        ],
        lang="ru",
    )
    assert planted(run_checks([cat], CheckContext(include_fuzzy=include_fuzzy))) == expected


STATES = [
    E("Fine", "Хорошо"),
    E("Machine <1>output</1>", "Машинный вывод", fuzzy=True, machine=True),
    E("It took 4.5 days", "Это заняло 3,5 дня", fuzzy=True, previous="It took 3.5 days", machine=True),
    E("Not yet"),
]


@pytest.mark.parametrize(
    ("ctx", "codes", "messages"),
    [
        (
            CheckContext(),
            [("codes", "Machine <1>output</1>"), ("fuzzy", "Machine <1>output</1>"), ("stale", "It took 4.5 days")],
            [
                "machine translation, not reviewed yet: build publishes it as is (checked)",
                (
                    "stale: translated from the #| previous msgid, not from this one: not published, the page keeps "
                    "the source sentence until a translator updates it (not checked; --include-stale to check it)"
                ),
            ],
        ),
        (
            CheckContext(include_fuzzy=False),
            [("fuzzy", "Machine <1>output</1>"), ("stale", "It took 4.5 days")],
            ["machine translation, not reviewed yet: not published with --approved-only / build --no-fuzzy (not checked)"],
        ),
        (
            CheckContext(include_stale=True),
            [
                ("codes", "Machine <1>output</1>"),
                ("fuzzy", "Machine <1>output</1>"),
                ("numbers", "It took 4.5 days"),
                ("stale", "It took 4.5 days"),
            ],
            ["stale: translated from the #| previous msgid, not from this one: build --include-stale publishes it (checked)"],
        ),
    ],
    ids=["default-as-build", "approved-only", "include-stale"],
)
def test_scope_is_what_build_publishes(
    tmp_path: Path, ctx: CheckContext, codes: list[tuple[str, str]], messages: list[str]
) -> None:
    """Machine output is published (so checked) by default; a stale entry is not, and the findings say which is which."""
    cat = write_catalog(tmp_path, STATES, lang="ru")
    found = [f for f in run_checks([cat], ctx) if f.code != "untranslated"]
    assert sorted((f.code, f.msgid) for f in found) == codes
    shown = {f.message for f in found if f.code in ("fuzzy", "stale")}
    assert set(messages) <= shown


def test_build_lookup_skips_stale_entries_unless_asked(tmp_path: Path) -> None:
    from newsl10n.catalog import translations

    cat = write_catalog(tmp_path, STATES, lang="ru")
    keys = {key[1] for key in translations(cat.catalog)}
    assert keys == {"Fine", "Machine <1>output</1>"}
    assert {key[1] for key in translations(cat.catalog, use_stale=True)} == keys | {"It took 4.5 days"}
    assert {key[1] for key in translations(cat.catalog, use_fuzzy=False)} == {"Fine"}
    assert translations(cat.catalog)[(None, "Fine")].line == entry_line(cat.path, "Fine")


def test_a_catalog_with_planted_problems_reports_exactly_them(tmp_path: Path) -> None:
    ru = write_catalog(
        tmp_path,
        [
            E("SPbPU and UPM held <1>online talks</1>.", "СПбПУ и UPM провели <1>онлайн-переговоры</1>."),
            E("1,250 students, 3.5 days", "1 250 студентов, 3,5 дня"),
            E("Read <1>more</1><2/>", "Читать <1>далее</1>"),  # codes
            E("In 2021 and 2022", "В 2021 году"),  # numbers
            E("The talks were held remotely.", "Переговоры прошли online."),  # leftover
            E("Prepared by the International Office"),  # untranslated
            E("Technical University of Madrid", "Мадридский технический университет", fuzzy=True),  # fuzzy
        ],
        lang="ru",
    )
    es = write_catalog(
        tmp_path,
        [
            E("1,250 students, 3.5 days", "1.250 estudiantes, 3,5 días"),
            E("Published: 2021.03.04", "Дата публикации: 04.03.2021"),  # leftover (Cyrillic)
            E("A partner, one of the most important", "Un socio, one of the most importantes"),  # leftover (English)
            E("Madrid, <1>Spain</1>", "Madrid, <1>España</1>"),
        ],
        lang="es",
        slug="other",
    )
    findings = run_checks([ru, es], CheckContext())
    assert planted(findings) == sorted(
        [
            ("codes", "error", "Read <1>more</1><2/>"),
            ("numbers", "error", "In 2021 and 2022"),
            ("leftover", "error", "The talks were held remotely."),
            ("untranslated", "info", "Prepared by the International Office"),
            ("fuzzy", "info", "Technical University of Madrid"),
            ("leftover", "error", "Published: 2021.03.04"),
            ("leftover", "error", "A partner, one of the most important"),
        ]
    )
    for f in findings:
        assert f.line == entry_line(f.path, f.msgid or "")
        assert f.lang == ("ru" if "/ru/" in f.path else "es")


def test_consistency_reports_the_odd_translation_out(tmp_path: Path) -> None:
    a = write_catalog(tmp_path, [E("Read more", "Подробнее"), E("News", "Новости")], lang="ru", slug="a")
    b = write_catalog(tmp_path, [E("Read more", "Подробнее"), E("News", "Новости")], lang="ru", slug="b")
    c = write_catalog(tmp_path, [E("Read more", "Читать далее"), E("News", "Новости")], lang="ru", slug="c")
    es = write_catalog(tmp_path, [E("Read more", "Leer más")], lang="es", slug="a")  # another language: no clash
    findings = run_checks([a, b, c, es], CheckContext(), only={"consistency"})
    assert [(f.path, f.severity.value, f.message) for f in findings] == [
        (
            c.path,
            "warning",
            f'translated differently in {a.path}:{entry_line(a.path, "Read more")}: "Подробнее"',
        )
    ]


def test_consistency_keeps_contexts_apart(tmp_path: Path) -> None:
    a = write_catalog(tmp_path, [E("Open", "Открыть", msgctxt="button")], lang="ru", slug="a")
    b = write_catalog(tmp_path, [E("Open", "Открытый", msgctxt="adjective")], lang="ru", slug="b")
    assert run_checks([a, b], CheckContext(), only={"consistency"}) == []


@pytest.mark.parametrize(
    ("msgid", "msgstr", "emptied"),
    [
        ("Read <1>the report</1> now.", "Читайте <1></1>отчёт сейчас.", "<1>…</1>"),
        ("See <1>A</1> and <2>B</2>.", "См. <1> </1><2>Б и А</2>.", "<1>…</1>"),
        ("<1>A <2>B</2></1>", "<1>А <2></2></1>", "<2>…</2>"),
        ("Anchor <1></1> here.", "Якорь <1></1> здесь.", None),  # empty in the source too
        ("Read <1>the report</1> now.", "Читайте <1>отчёт</1> сейчас.", None),
    ],
    ids=["emptied", "emptied-sibling", "emptied-child", "empty-in-source", "fine"],
)
def test_a_pair_that_wraps_text_must_wrap_text(tmp_path: Path, msgid: str, msgstr: str, emptied: str | None) -> None:
    got = _one(tmp_path, msgid, msgstr, lang="ru", check="codes")
    expected = f"{emptied} wraps text in the msgid but nothing in the translation (an invisible link)"
    assert got == ([] if emptied is None else [expected])


def test_neutral_entry_stale_whoever_wrote_the_old_text() -> None:
    """Machine output whose source then changed is stale too (the '3.5 days' page); a fresh proposal is not."""
    from newsl10n.catalog_model import Entry, Origin, OriginKind

    mt = Origin(OriginKind.MT, "apertium:eng-spa@0.8.1-2")
    assert Entry("It took 4.5 days", "Tardó 3,5 días", fuzzy=True, origin=mt, previous_msgid="It took 3.5 days").stale
    assert not Entry("It took 4.5 days", "Tardó 4,5 días", fuzzy=True, origin=mt).stale
    assert not Entry("It took 4.5 days", "Tardó 4,5 días", previous_msgid="It took 3.5 days").stale  # approved

"""Text left in the wrong language or script: in catalogs and in built pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsl10n.checks import CheckContext, leftover_in_html, run_checks
from newsl10n.checks.leftover import english_runs, script_of

from .helpers import E, write_catalog

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("msgid", "msgstr", "lang", "src", "message"),
    [
        # Cyrillic in a Latin-script target
        ("Дата публикации: 2021.03.04", "Publication date: 2021.03.04", "en", "ru", None),
        (
            "Дата публикации: 2021.03.04",
            "Дата публикации: 2021.03.04",
            "en",
            "ru",
            'Cyrillic text in the en translation: "Дата публикации"',
        ),
        ("Перейти к новости", "Go to the новости", "en", "ru", 'Cyrillic text in the en translation: "новости"'),
        ("Published: <1/>", "Publicado: <1/> Москва", "es", "en", 'Cyrillic text in the es translation: "Москва"'),
        ("Moscow", "Mоscow", "en", "ru", 'Cyrillic text in the en translation: "Mоscow"'),  # a Cyrillic о inside
        # Latin-script words in a Russian target
        ("SPbPU and UPM held online talks", "СПбПУ и UPM провели онлайн-переговоры", "ru", "en", None),
        ("SPbPU and UPM held talks", "СПбПУ и Upm провели переговоры", "ru", "en", None),  # case-insensitive
        (
            "The talks were held remotely",
            "Переговоры прошли online",
            "ru",
            "en",
            'Latin-script text not in the msgid in the ru translation: "online"',
        ),
        ("In the 21st century", "В XXI веке", "ru", "en", None),  # Roman numerals
        ("See the site", "См. https://www.spbstu.ru/news или spbstu.ru, пишите на info@spbstu.ru", "ru", "en", None),
        (
            "Talks went fine",
            "Переговоры прошли well, very well",
            "ru",
            "en",
            'Latin-script text not in the msgid in the ru translation: "well, very well"',
        ),
        (
            "Peter the Great St. Petersburg Polytechnic University",
            "Peter the Great St. Petersburg Polytechnic University",
            "ru",
            "en",
            (
                "Latin-script text in the ru translation (no Cyrillic word: left untranslated?): "
                '"Peter the Great St. Petersburg Polytechnic University"'
            ),
        ),
        ("SPbPU – UPM", "SPbPU – UPM", "ru", "en", None),  # two kept names are not a sentence left behind
        # English function words in a Spanish target
        ("One of the partners", "Uno de los socios", "es", "en", None),
        ("A partner of the university", "Un socio of the universidad", "es", "en", None),  # only two in a row
        (
            "It is one of the best",
            "Es one of the mejores",
            "es",
            "en",
            'English words left in the es translation: "one of the"',
        ),
        (
            "The School of Mining",
            "La School of the and Minas",
            "es",
            "en",
            'English words left in the es translation: "of the and"',
        ),
        ("Madrid, <1>Spain</1>", "Madrid, <1>España</1>", "es", "en", None),
        # languages the check does not judge
        ("Hello", "Привет", "zh", "en", None),
    ],
    ids=[
        "en-translated",
        "en-cyrillic-kept",
        "en-cyrillic-word",
        "es-cyrillic-name",
        "en-homoglyph",
        "ru-names-from-msgid",
        "ru-name-case-insensitive",
        "ru-latin-not-in-msgid",
        "ru-roman-numerals",
        "ru-url-domain-email",
        "ru-run-joined",
        "ru-untranslated-copy",
        "ru-short-copy-of-names",
        "es-fine",
        "es-two-function-words",
        "es-english-run",
        "es-run-of-three",
        "es-codes",
        "other-script-lang",
    ],
)
def test_leftover_in_catalogs(
    tmp_path: Path, msgid: str, msgstr: str, lang: str, src: str, message: str | None
) -> None:
    cat = write_catalog(tmp_path, [E(msgid, msgstr)], lang=lang, src=src)
    got = [f.message for f in run_checks([cat], CheckContext(), only={"leftover"})]
    assert got == ([] if message is None else [message])


@pytest.mark.parametrize(
    ("allowed", "reported"),
    [(frozenset(), True), (frozenset({"zoom"}), False), (frozenset({"ZOOM"}), False)],
    ids=["no-allow-list", "allowed", "allowed-any-case"],
)
def test_allowed_words(tmp_path: Path, allowed: frozenset[str], reported: bool) -> None:
    cat = write_catalog(tmp_path, [E("The meeting was online", "Встреча прошла в Zoom")], lang="ru")
    got = run_checks([cat], CheckContext(allowed_words=allowed), only={"leftover"})
    assert bool(got) is reported


def test_one_finding_per_entry_lists_every_problem(tmp_path: Path) -> None:
    cat = write_catalog(tmp_path, [E("It is one of the best", "Es one of the mejores, Москва")], lang="es")
    [finding] = run_checks([cat], CheckContext(), only={"leftover"})
    assert finding.message == (
        'Cyrillic text in the es translation: "Москва"; English words left in the es translation: "one of the"'
    )


@pytest.mark.parametrize(
    ("lang", "script"),
    [("en", "Latn"), ("es_ES", "Latn"), ("ru", "Cyrl"), ("uk", "Cyrl"), ("zh", None), ("", None)],
    ids=["en", "es", "ru", "uk", "zh", "none"],
)
def test_script_of(lang: str, script: str | None) -> None:
    assert script_of(lang) == script


def test_english_runs_need_whitespace_only_between() -> None:
    assert english_runs("of the, and with the, of") == ["and with the"]


PAGE = """<!DOCTYPE html>
<html lang="en">
<head><title>SPbPU and UPM</title>
<meta name="description" content="Новости СПбПУ">
<style>p::before { content: "Внимание"; }</style>
<script>var label = "Новости";</script>
</head>
<body>
<p>Prepared by the SPbPU International Office</p>
<p>Дата публикации: 2021.03.04</p>
<p><a href="/news/">&gt;&gt;Перейти к новости</a></p>
<p>Run <code>привет</code> and <kbd>Ввод</kbd>, then <var>х</var>, <samp>ответ</samp>.</p>
<pre>Текст
как есть</pre>
<!-- Комментарий редактора -->
<p>A name kept: <span translate="no">Политех</span>, <span class="brand notranslate">Политех</span>.</p>
<p translate="no">Сохранено <span translate="yes">Проверено</span></p>
<nav><a lang="ru" href="/ru/">Русский</a> <a lang="es" href="/es/">Español</a></nav>
<img src="a.jpg" alt="Фото: кампус"
     title="Campus">
<input type="search" placeholder="Поиск"> <button aria-label="Закрыть">x</button>
<p>After <b>bold</b> хвост</p>
</body>
</html>
"""


def test_leftover_in_a_built_english_page() -> None:
    findings = leftover_in_html(PAGE, path="build/en/a.html", lang="en")
    assert [(f.line, f.message) for f in findings] == [
        (4, 'Cyrillic text in the content attribute of <meta> on the en page: "Новости СПбПУ"'),
        (10, 'Cyrillic text in the en page: "Дата публикации"'),
        (11, 'Cyrillic text in the en page (no Latin-script word: left untranslated?): "Перейти к новости"'),
        # not "Проверено": translate="yes" inside translate="no" is kept as it is, as extract keeps it
        # a start tag written over several lines: the line where it starts, as extract reports it
        (19, 'Cyrillic text in the alt attribute of <img> on the en page: "Фото: кампус"'),
        (21, 'Cyrillic text in the placeholder attribute of <input> on the en page: "Поиск"'),
        (21, 'Cyrillic text in the aria-label attribute of <button> on the en page: "Закрыть"'),
        (22, 'Cyrillic text in the en page: "хвост"'),
    ]
    assert {(f.code, f.severity.value, f.path, f.lang, f.msgid) for f in findings} == {
        ("leftover", "error", "build/en/a.html", "en", None)
    }


def test_the_real_case_from_the_corpus() -> None:
    page = REPO / "corpus" / "en" / "joint-masters-programme.html"
    if not page.is_file():
        pytest.skip("corpus page missing")
    findings = leftover_in_html(page.read_text(encoding="utf-8"), path=str(page), lang="en")
    assert [(f.line, f.message) for f in findings] == [(14, 'Cyrillic text in the en page: "Дата публикации"')]


@pytest.mark.parametrize(
    ("html", "lang", "expected"),
    [
        ("<p>Новости университета</p>", "ru", []),
        ("<p>СПбПУ и UPM подписали соглашение</p>", "ru", []),  # names in a Russian page
        (
            "<p>\n</p><p>The talks were held online</p>",
            "ru",
            [
                (
                    2,
                    'Latin-script text in the ru page (no Cyrillic word: left untranslated?): "The talks were held online"',
                )
            ],
        ),
        (
            "<p>Las conversaciones, one of the most</p>",
            "es",
            [(1, 'English words left in the es page: "one of the most"')],
        ),
        ("<p>Дата публикации</p>", "zh", []),
        ("", "en", []),
        (
            '<?xml version="1.0" encoding="utf-8"?><html><body><p>Готово</p></body></html>',
            "en",
            [(1, 'Cyrillic text in the en page: "Готово"')],
        ),
        ('<html lang="ru"><body><p>Готово</p></body></html>', "en", [(1, 'Cyrillic text in the en page: "Готово"')]),
        ('<p>Only <a lang="ru-RU">по-русски</a></p>', "en", []),
        ("<p>Москва</p>", "en", []),
    ],
    ids=[
        "ru-page-fine",
        "ru-page-names",
        "ru-page-untranslated",
        "es-page-english",
        "unjudged-language",
        "empty",
        "xml-declaration",
        "html-lang-ignored",
        "lang-subtree",
        "allowed-word",
    ],
)
def test_leftover_in_html_cases(html: str, lang: str, expected: list[tuple[int, str]]) -> None:
    findings = leftover_in_html(html, path="p.html", lang=lang, allowed_words=frozenset({"москва"}))
    assert [(f.line, f.message) for f in findings] == expected

"""One rule for what is translatable in HTML: what extract offers is what `check` looks at on built pages."""

from __future__ import annotations

import regex

from newsl10n.checks import leftover_in_html
from newsl10n.formats.html import parse_html
from newsl10n.formats.html_rules import sniff_html_lang
from newsl10n.model import strip_codes

# Cyrillic text in every place a page can hold text; each sentence is unique so findings can be traced back.
PAGE = """<!DOCTYPE html>
<html lang="en">
<head><title>Новость один</title>
<meta name="description" content="Описание два">
<meta name="keywords" content="ключевые три">
<meta property="og:title" content="Заголовок четыре">
</head>
<body>
<p>Абзац пять <code>код шесть</code> хвост семь</p>
<noscript><p>Без скриптов восемь</p></noscript>
<textarea>Поле девять</textarea>
<svg><text>Рисунок десять</text><title>Подпись одиннадцать</title></svg>
<form><input type="submit" value="Отправить двенадцать"><input placeholder="Поиск тринадцать"></form>
<img src="a.jpg" alt="Фото четырнадцать">
<div translate="no">Имя пятнадцать <span translate="yes">Проверено шестнадцать</span></div>
<p class="notranslate">Бренд семнадцать</p>
</body>
</html>
"""

_CYRILLIC = regex.compile(r"\p{Cyrillic}+")


def test_leftover_looks_exactly_where_extract_extracts() -> None:
    extracted = {w for run in parse_html(PAGE, path="a.html").runs for w in _CYRILLIC.findall(strip_codes(run.text))}
    reported = {
        word
        for f in leftover_in_html(PAGE, path="a.html", lang="en")
        for snippet in regex.findall(r'"([^"]+)"', f.message)
        for word in _CYRILLIC.findall(snippet)
    }
    assert extracted == set("Новость один Описание два Заголовок четыре Абзац пять хвост семь Поиск тринадцать "
                            "Фото четырнадцать".split())
    assert reported == extracted


def test_sniff_html_lang() -> None:
    assert sniff_html_lang('<!doctype html>\n<html class="x" lang="pt_BR">') == "pt_BR"
    assert sniff_html_lang("<HTML LANG=ru>") == "ru"
    assert sniff_html_lang("<p lang='ru'>") is None

"""Locale data for the target language, taken from Babel (CLDR).

Everything here is a pure function: no I/O, no printing, no global state
beyond Babel's own read-only locale data.  Language codes may be given in
either Babel form (``pt_BR``) or BCP 47 form (``pt-BR``, ``zh-Hant-TW``);
:func:`normalize_lang` turns them into Babel's canonical identifier and every
other function goes through it, so an unknown code always surfaces as a
:class:`~newsl10n.errors.UsageError` with the same message.

Besides formatting, the module recognises the "publication date" line that
news pages carry (``Publication date: 4 March 2024``, and on Russian-built
sites often the untranslated ``Дата публикации: 2021.03.04``) so that a caller
can replace just the date with :func:`format_date` in the target language.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass
from typing import Final

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from babel.core import parse_locale
from babel.messages.plurals import get_plural

from newsl10n.errors import UsageError

__all__ = [
    "DATE_LABELS",
    "MONTHS",
    "DateMention",
    "bcp47",
    "find_date_line",
    "format_date",
    "language_name",
    "localize_datetime_attr",
    "normalize_lang",
    "plural_forms",
    "primary_lang",
    "tag_key",
    "text_direction",
]

# Identifiers Babel accepts but which name no real language: ``root`` is the
# CLDR base locale, ``und`` ("undetermined") is silently mapped to en_US by
# Babel's likely-subtag resolution, and the C/POSIX locale of the C library
# (Babel reads it as ``en_US_POSIX``) is a setting, not a language.
_PSEUDO_LOCALES: Final = frozenset({"root", "und", "c", "posix"})


def _unknown(code: str) -> UsageError:
    return UsageError(f"unknown language code '{code}'")


def _parse(code: str) -> Locale:
    """Parse *code* into a Babel Locale, with the minimal territory rule (once per code and process)."""
    if not isinstance(code, str):
        raise _unknown(str(code))
    return _parse_text(code)


@functools.lru_cache(maxsize=256)
def _parse_text(code: str) -> Locale:
    """:func:`_parse` for a string.

    Babel resolves aliases through CLDR likely subtags, and in doing so adds
    a territory the caller never asked for (``iw`` becomes ``he_IL``,
    ``tl`` becomes ``fil_PH``).  When the input had no territory we drop the
    invented one again, provided the territory-less locale exists.
    """
    cleaned = code.strip().replace("-", "_")
    if not cleaned or cleaned.lower() in _PSEUDO_LOCALES:
        raise _unknown(code)
    try:
        input_parts = parse_locale(cleaned)
        locale = Locale.parse(cleaned)
    except (ValueError, TypeError, UnknownLocaleError):
        raise _unknown(code) from None
    if (locale.variant or "").upper() == "POSIX":
        raise _unknown(code)
    if input_parts[1] is None and locale.territory is not None:
        try:
            locale = Locale(
                locale.language, script=locale.script, variant=locale.variant
            )
        except UnknownLocaleError:
            pass
    return locale


def normalize_lang(code: str) -> str:
    """Return Babel's canonical identifier for *code*.

    ``'en-us'`` -> ``'en_US'``, ``'EN'`` -> ``'en'``, ``'zh-TW'`` ->
    ``'zh_Hant_TW'``, ``'iw'`` -> ``'he'``.  Raises
    :class:`~newsl10n.errors.UsageError` ("unknown language code 'xx'") when
    Babel cannot parse it, and also for the pseudo-locales ``root``/``und``.
    """
    return str(_parse(code))


_SUBTAG_SPLIT: Final = re.compile(r"[-_@.]")


def primary_lang(code: str | None) -> str:
    """The primary language subtag, lower case: ``ru_RU`` / ``es-ES`` / ``EN`` → ``ru`` / ``es`` / ``en``.

    ``""`` for nothing.  What engines, interface strings, morphology and the
    checks compare on.  No validation: see :func:`normalize_lang` for that.
    """
    if not code:
        return ""
    return _SUBTAG_SPLIT.split(code.strip(), maxsplit=1)[0].lower()


def bcp47(code: str) -> str:
    """A Babel identifier written as a BCP 47 tag, for HTML ``lang``: ``pt_BR`` → ``pt-BR``."""
    return code.replace("_", "-")


def tag_key(tag: str) -> str:
    """A language tag as a comparison key: BCP 47 separators, lower case (``pt_BR`` → ``pt-br``).

    For glossary files, whose tags are compared as written (``en-GB`` terms
    are not ``en-US`` terms) rather than validated.
    """
    return tag.strip().replace("_", "-").lower()


def text_direction(lang: str) -> str:
    """``'rtl'`` for right-to-left scripts (ar, he, fa, ur...), else ``'ltr'``."""
    order = _parse(lang).character_order
    return "rtl" if order == "right-to-left" else "ltr"


def language_name(lang: str, in_lang: str = "en") -> str:
    """Display name of *lang* written in *in_lang*, as CLDR spells it.

    CLDR keeps the case used in running text, so ``language_name('en', 'ru')``
    is ``'английский'`` (lower case) while in English it is ``'English'``.
    Territory and script appear in parentheses: ``'Portuguese (Brazil)'``.
    """
    locale = _parse(lang)
    name = locale.get_display_name(_parse(in_lang))
    return name if name else str(locale)


#: The conventional gettext plural rules (as the GNU gettext manual and the
#: translation teams write them) for the languages translators already know.
#: Babel derives its rules from CLDR, and CLDR releases change them (Spanish
#: gained a third form for "millions" in Babel 2.19): a catalog's header must not
#: depend on the Babel release installed, so these are fixed here and Babel is
#: asked only for other languages.
_GETTEXT_PLURALS: Final[dict[str, tuple[int, str]]] = {
    **dict.fromkeys(
        ["ja", "ko", "zh", "vi", "th", "id", "ms", "lo", "km", "my", "ka", "tr", "fa", "hu"], (1, "0")
    ),
    **dict.fromkeys(
        ["en", "es", "de", "nl", "sv", "da", "nb", "nn", "no", "fi", "et", "el", "he", "it", "pt", "ca", "gl",
         "eu", "bg", "eo", "af", "hi", "bn", "ur", "sq", "az", "kk", "ky", "mn", "uz"],
        (2, "(n != 1)"),
    ),
    **dict.fromkeys(["fr", "pt_BR", "oc", "fil", "tl"], (2, "(n > 1)")),
    **dict.fromkeys(
        ["ru", "uk", "be", "sr", "hr", "bs"],
        (3, "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)"),
    ),
    **dict.fromkeys(["cs", "sk"], (3, "((n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2)")),
    "pl": (3, "(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)"),
    "lt": (3, "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2)"),
    "lv": (3, "(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2)"),
    "ro": (3, "(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2)"),
    "sl": (4, "(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3)"),
    "ga": (5, "(n==1 ? 0 : n==2 ? 1 : n>=3 && n<=6 ? 2 : n>=7 && n<=10 ? 3 : 4)"),
    "ar": (6, "(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5)"),
}


def plural_forms(lang: str) -> tuple[int, str]:
    """``(nplurals, 'nplurals=N; plural=(...);')`` for a PO file header.

    The conventional gettext rule where there is one (:data:`_GETTEXT_PLURALS`,
    looked up by full identifier, then by language), else Babel's.  The result
    for a known language is the same whatever Babel release is installed.
    """
    locale = _parse(lang)
    rule = _GETTEXT_PLURALS.get(str(locale)) or _GETTEXT_PLURALS.get(locale.language)
    if rule is None:
        found = get_plural(locale)
        rule = (found.num_plurals, found.plural_expr)
    nplurals, expr = rule
    return nplurals, f"nplurals={nplurals}; plural={expr};"


def format_date(d: datetime.date, lang: str) -> str:
    """Babel's ``long`` date format: ``March 4, 2021`` / ``4 марта 2021 г.``.

    Note that CLDR puts a NARROW NO-BREAK SPACE (U+202F) before the Russian
    ``г.``; the result is returned exactly as Babel produces it.
    """
    if isinstance(d, datetime.datetime):
        d = d.date()
    return babel_dates.format_date(d, "long", locale=_parse(lang))


def _format_date_time(d: datetime.date, t: datetime.time, locale: Locale) -> str:
    """Long date plus short time, glued with the locale's long date-time pattern."""
    date_text = babel_dates.format_date(d, "long", locale=locale)
    time_text = babel_dates.format_time(t, "short", locale=locale)
    pattern = str(locale.datetime_formats.get("long", "{1} {0}"))
    # Same treatment as babel.dates.format_datetime: quotes only delimit
    # literal text in CLDR glue patterns such as "{1} 'à' {0}".
    return pattern.replace("'", "").replace("{0}", time_text).replace("{1}", date_text)


_DATE_RE: Final = r"(?P<y>[0-9]{4})-(?P<mo>[0-9]{2})-(?P<d>[0-9]{2})"
_TIME_RE: Final = (
    r"(?P<h>[0-9]{2}):(?P<mi>[0-9]{2})(?::(?P<s>[0-9]{2})(?:\.(?P<f>[0-9]{1,3}))?)?"
)
_ZONE_RE: Final = r"(?P<z>Z|[+-](?P<zh>[0-9]{2}):?(?P<zm>[0-9]{2}))"
_DATETIME_ATTR: Final = re.compile(
    rf"{_DATE_RE}(?:[T ]{_TIME_RE}{_ZONE_RE}?)?", re.IGNORECASE
)
_TIME_ATTR: Final = re.compile(_TIME_RE)


def _time_from(m: re.Match[str]) -> datetime.time:
    fraction = m.group("f") or "0"
    return datetime.time(
        int(m.group("h")),
        int(m.group("mi")),
        int(m.group("s") or 0),
        int(fraction.ljust(6, "0")),
    )


def localize_datetime_attr(value: str, lang: str) -> str | None:
    """Human text for the ``datetime`` attribute of an HTML ``<time>``.

    * ``2021-03-04`` -> the long date (:func:`format_date`);
    * ``2021-03-04T10:30``, ``2021-03-04 10:30:15``, ``...Z``,
      ``...+03:00`` -> long date and short time.  The wall-clock time is
      shown as written: the offset is checked but not converted, because the
      reader's zone is unknown;
    * ``10:30`` (a time alone) -> the short time;
    * anything else (months, weeks, durations, impossible dates such as
      ``2021-02-30``, free text) -> ``None``: leave the element alone.

    Raises :class:`~newsl10n.errors.UsageError` only for an unknown *lang*.
    """
    locale = _parse(lang)
    text = value.strip()
    m = _DATETIME_ATTR.fullmatch(text)
    if m is not None:
        try:
            d = datetime.date(int(m.group("y")), int(m.group("mo")), int(m.group("d")))
            if m.group("h") is None:
                return babel_dates.format_date(d, "long", locale=locale)
            t = _time_from(m)
        except ValueError:
            return None
        if m.group("zh") is not None and (
            int(m.group("zh")) > 23 or int(m.group("zm")) > 59
        ):
            return None
        return _format_date_time(d, t, locale)
    m = _TIME_ATTR.fullmatch(text)
    if m is not None:
        try:
            t = _time_from(m)
        except ValueError:
            return None
        return babel_dates.format_time(t, "short", locale=locale)
    return None


# --- publication-date lines -------------------------------------------------

#: Labels that introduce a publication date, per language.  Matching is
#: case-insensitive, any run of whitespace matches a space, and the label is
#: followed by a colon or by whitespace ("Published on 4 March 2021").
DATE_LABELS: Final[dict[str, tuple[str, ...]]] = {
    "en": (
        "Publication date",
        "Date of publication",
        "Date published",
        "Published on",
        "Published",
        "Posted on",
        "Date",
    ),
    "ru": (
        "Дата публикации",
        "Дата размещения",
        "Опубликовано",
        "Дата",
    ),
    "es": (
        "Fecha de publicación",
        "Fecha de publicacion",
        "Publicado el",
        "Publicado",
        "Fecha",
    ),
}

#: Month names (lower case) -> month number.  Russian names are in the
#: genitive case, the form used after a day number ("4 марта").
MONTHS: Final[dict[str, int]] = {
    # English, full and abbreviated
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
    "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    # Russian, genitive
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6,
    "июля": 7, "августа": 8, "сентября": 9, "октября": 10, "ноября": 11,
    "декабря": 12,
    # Spanish
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6,
    "julio": 7, "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10,
    "noviembre": 11, "diciembre": 12,
}  # fmt: skip


def _alternation(words: list[str]) -> str:
    # Longest first, so "march" is preferred to "mar"; spaces match any run
    # of whitespace (including the no-break spaces CMSs like to insert).
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in ordered)


_LABEL_LINE: Final = re.compile(
    r"\s*(?:"
    + _alternation([label for labels in DATE_LABELS.values() for label in labels])
    + r")(?:\s*:\s*|\s+)",
    re.IGNORECASE,
)

_MONTH: Final = r"(?P<month>" + _alternation(list(MONTHS)) + r")\.?"
_ORDINAL: Final = r"(?:st|nd|rd|th)?"
# Optional year word after the date: Russian "г." / "года".
_YEAR_WORD: Final = r"(?:\s*(?:г\.?|года))?"

_DATE_FORMATS: Final[tuple[re.Pattern[str], ...]] = tuple(
    re.compile(pattern + _YEAR_WORD, re.IGNORECASE)
    for pattern in (
        # 2021.03.04, 2021-03-04, 2021/03/04
        r"(?P<year>[0-9]{4})(?P<sep>[.\-/])(?P<mon>[0-9]{1,2})(?P=sep)(?P<day>[0-9]{1,2})",
        # 04.03.2021 (day first; only with dots, slashes are ambiguous)
        r"(?P<day>[0-9]{1,2})\.(?P<mon>[0-9]{1,2})\.(?P<year>[0-9]{4})",
        # 4 March 2021, 4th March 2021, 4 марта 2021, 4 de marzo de 2021
        r"(?P<day>[0-9]{1,2})"
        + _ORDINAL
        + r"\s+(?:de\s+)?"
        + _MONTH
        + r",?\s+(?:del?\s+)?(?P<year>[0-9]{4})",
        # March 4, 2021
        _MONTH + r"\s+(?P<day>[0-9]{1,2})" + _ORDINAL + r",?\s+(?P<year>[0-9]{4})",
    )
)


@dataclass(frozen=True)
class DateMention:
    """A date found in a text: ``text[start:end]`` is the date itself."""

    start: int
    end: int
    date: datetime.date


def _date_from(m: re.Match[str]) -> datetime.date | None:
    groups = m.groupdict()
    month_name = groups.get("month")
    if month_name is not None:
        month = MONTHS[" ".join(month_name.lower().split())]
    else:
        month = int(groups["mon"])
    try:
        return datetime.date(int(groups["year"]), month, int(groups["day"]))
    except ValueError:
        return None


def find_date_line(text: str) -> DateMention | None:
    """Recognise a whole-text publication-date line.

    The stripped *text* must consist of a known label (see
    :data:`DATE_LABELS`), a colon or whitespace, and one date in a supported
    format; anything more (a sentence that merely mentions a date) gives
    ``None``, as does an impossible date such as ``2021.02.30``.  The
    returned span covers only the date (including a trailing Russian ``г.``)
    and indexes into *text* as given, so a caller can write
    ``text[:m.start] + format_date(m.date, lang) + text[m.end:]``.
    """
    label = _LABEL_LINE.match(text)
    if label is None:
        return None
    start = label.end()
    end = len(text.rstrip())
    if end <= start:
        return None
    candidate = text[start:end]
    for pattern in _DATE_FORMATS:
        m = pattern.fullmatch(candidate)
        if m is not None:
            found = _date_from(m)
            if found is None:
                return None
            return DateMention(start, end, found)
    return None

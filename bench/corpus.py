"""Generated inputs: news articles in HTML and glossaries in TBX, deterministic for a seed.

Articles look like a university's international news: a title, a date line,
paragraphs of varied sentences (quotes, numbers, dates, abbreviations such as
``Prof.`` and ``St. Petersburg``), links, bold and italic runs, a ``<br>``
address block, a list, a figure with ``alt`` text and a caption, a
``translate="no"`` name and a ``<code>`` span; 300–900 words each.  Some
sentences are site boilerplate that repeats across articles, as it does on
real news sites; the rest is composed from word banks and is almost never
repeated.  Glossary terms (the project's and generated names) occur in the
text, so term matching has real work to do.

Glossaries are nested (the 100-term one is a prefix of the 10,000-term one,
which is a prefix of the 100,000-term one) so that every size finds the same
terms in the corpus and only the glossary's size changes.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

FIRST = ["Anna", "Boris", "Carmen", "Dmitry", "Elena", "Fernando", "Galina", "Hugo", "Irina", "Javier", "Ksenia", "Lucia", "Mikhail", "Nadia", "Oleg", "Pablo", "Raquel", "Sergey", "Tatiana", "Victor", "Yulia", "Andres", "Beatriz", "Ignacio", "Marta", "Pavel", "Sofia", "Egor", "Alicia", "Roman"]
SYLLABLES = ["ka", "ro", "mi", "ne", "va", "lo", "su", "te", "ra", "zo", "ve", "ni", "ko", "ma", "tu", "le", "di", "sa", "ga", "po", "re", "ba", "ki", "no", "se", "ta", "vi", "mo", "de", "ru", "lin", "dor", "gan", "pet", "sov", "ner", "ov", "ez", "az", "in", "ar", "el"]
CITIES = ["Madrid", "Barcelona", "Valencia", "Seville", "Moscow", "Kazan", "Novosibirsk", "Yekaterinburg", "Porto", "Lisbon", "Bilbao", "Granada", "Tomsk", "Samara", "Murmansk", "Vladivostok", "Salamanca", "Zaragoza", "Toledo", "Malaga"]
TOPICS = ["energy systems", "additive manufacturing", "materials science", "machine learning", "robotics", "civil engineering", "telecommunications", "nuclear physics", "water management", "urban mobility", "power electronics", "biomedical engineering", "data analysis", "composite structures", "arctic logistics", "smart grids", "quantum computing", "laser technologies", "industrial design", "transport economics"]
NOUNS = ["agreement", "programme", "project", "laboratory", "workshop", "seminar", "conference", "exhibition", "competition", "delegation", "partnership", "course", "lecture", "grant", "scholarship", "exchange", "internship", "degree", "thesis", "prototype", "report", "study", "initiative", "network", "platform", "centre", "forum", "contest", "award", "session", "visit", "meeting", "school", "semester", "campus", "curriculum", "module", "experiment", "facility", "consortium", "roadmap", "survey"]
ADJECTIVES = ["joint", "international", "new", "annual", "first", "strategic", "academic", "scientific", "practical", "advanced", "digital", "successful", "ambitious", "intensive", "interdisciplinary", "European", "regional", "national", "open", "applied", "sustainable", "modern", "technical", "innovative", "young", "experienced"]
VERBS = ["signed", "presented", "discussed", "launched", "opened", "hosted", "organised", "announced", "completed", "supported", "reviewed", "extended", "approved", "visited", "welcomed", "celebrated", "introduced", "evaluated", "prepared", "coordinated"]
ADVERBS = ["recently", "successfully", "officially", "jointly", "already", "finally", "formally", "together"]
ROLES = ["Rector", "Vice-Rector for International Affairs", "head of the International Office", "coordinator of the project", "Director of the Institute of Energy", "dean of the faculty", "senior lecturer", "research fellow", "Deputy Director for International Affairs", "professor of the department"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
BOILERPLATE = (
    "Share this news with your colleagues.",
    "Follow the International Office on social networks to learn about new programmes.",
    "Photos are provided by the press service of the university.",
    "All news of the international cooperation section are available in the archive.",
    "If you have questions, please contact the coordinators by e-mail.",
)
PROJECT_TERMS = (
    "Peter the Great St. Petersburg Polytechnic University", "SPbPU", "Technical University of Madrid", "UPM",
    "Institute of Energy", "Higher School of International Educational Programs", "International Office",
    "Russian Academy of Sciences", "summer school", "Strategic Partnership Agreement",
    "Institute of Computer Technologies", "Polytechnic University", "ITMO University",
)
NAME_WORDS = ["applied", "advanced", "digital", "energy", "materials", "nuclear", "polar", "marine", "urban", "rural", "solar", "quantum", "laser", "optical", "civil", "industrial", "chemical", "bio", "data", "cyber", "smart", "green", "space", "aero", "transport", "mining", "power", "thermal", "water", "forest", "arctic"]
NAME_HEADS = ["Institute", "Laboratory", "Centre", "School", "Department", "Office", "Faculty", "Council", "Committee", "Programme"]


def generated_names(n: int, *, seed: int = 0) -> list[str]:
    """``n`` distinct multi-word institution names; the first ``k`` are the same for every ``n`` ≥ ``k``."""
    rng = random.Random(seed)
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < n:
        words = " ".join(w.capitalize() for w in rng.sample(NAME_WORDS, rng.randint(1, 3)))
        name = f"{rng.choice(NAME_HEADS)} of {words} {rng.randint(1, 99_999)}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


#: Generated names that the articles mention (they are in every glossary size).
MENTIONED_NAMES = 40


@dataclass
class _Writer:
    rng: random.Random
    names: Sequence[str]

    def person(self) -> str:
        last = "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 4))).capitalize()
        return f"{self.rng.choice(FIRST)} {last}"

    def org(self) -> str:
        if self.rng.random() < 0.6:
            return self.rng.choice(PROJECT_TERMS)
        return self.rng.choice(self.names[:MENTIONED_NAMES])

    def date(self) -> str:
        return f"{self.rng.randint(1, 28)} {self.rng.choice(MONTHS)} {self.rng.randint(2015, 2025)}"

    def phrase(self) -> str:
        r = self.rng
        return f"{r.choice(ADJECTIVES)} {r.choice(NOUNS)} on {r.choice(TOPICS)}"

    def inline(self, text: str) -> str:
        """Sometimes wrap a phrase in markup; returns HTML."""
        r = self.rng.random()
        safe = escape(text, quote=False)
        if r < 0.22:
            slug = "-".join(text.lower().split()[:4])
            return f'<a href="/news/{escape(slug)}/">{safe}</a>'
        if r < 0.30:
            return f"<strong>{safe}</strong>"
        if r < 0.36:
            return f"<em>{safe}</em>"
        return safe

    def sentence(self) -> str:
        """One sentence as HTML (inline markup included)."""
        r = self.rng
        kind = r.randrange(9)
        org, other = self.inline(self.org()), self.inline(self.org())
        thing = self.inline(f"the {self.phrase()}")
        who = f"{r.choice(['Prof.', 'Dr.', 'Mr.', 'Ms.'])} {self.person()}"
        if kind == 0:
            return f"{org} and {other} {r.choice(VERBS)} {thing} in {r.choice(CITIES)} on {self.date()}."
        if kind == 1:
            return (f"According to {who}, {r.choice(ROLES)}, {r.randint(12, 480)} students from "
                    f"{r.randint(3, 40)} countries took part in {thing}.")
        if kind == 2:
            return (f"&ldquo;We are {r.choice(['proud', 'glad', 'happy'])} that {thing} brings our "
                    f"{r.choice(NOUNS)}s closer,&rdquo; said {who}.")
        if kind == 3:
            return (f"The {r.choice(NOUNS)} was {r.choice(ADVERBS)} {r.choice(VERBS)} by {org}, "
                    f"and the budget grew by {r.randint(2, 60)}.{r.randint(1, 9)}% compared with {r.randint(2015, 2024)}.")
        if kind == 4:
            return (f"Participants {r.choice(VERBS)} {r.randint(2, 12)} {r.choice(ADJECTIVES)} {r.choice(NOUNS)}s "
                    f"on {r.choice(TOPICS)}, {r.choice(TOPICS)} and {r.choice(TOPICS)} (see {self.inline('the programme')}).")
        if kind == 5:
            return (f"In St. Petersburg the {r.choice(NOUNS)} of {org} will continue until {self.date()}, "
                    f"i.e. for {r.randint(2, 14)} weeks.")
        if kind == 6:
            return f"Why does {org} invest in {r.choice(TOPICS)}?"
        if kind == 7:
            return (f"{who} {r.choice(VERBS)} the results of {thing} at the "
                    f"{self.inline(self.org())} and answered questions from {r.choice(ADJECTIVES)} researchers.")
        return (f"{r.choice(ADVERBS).capitalize()}, {org} {r.choice(VERBS)} a {r.choice(ADJECTIVES)} "
                f"{r.choice(NOUNS)} with <span translate=\"no\">{escape(self.person())}</span> and "
                f"<code>{r.choice(['ISO 9001', 'v2.1', 'ECTS-30'])}</code> as its reference.")

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))


def _words(html: str) -> int:
    return len(re.sub(r"<[^>]+>", " ", html).split())


def article(index: int, *, seed: int = 0, names: Sequence[str] | None = None) -> str:
    """Article number ``index`` as an HTML document (deterministic for ``seed``)."""
    rng = random.Random(seed * 1_000_003 + index)
    writer = _Writer(rng, names if names is not None else generated_names(MENTIONED_NAMES, seed=seed))
    target = rng.randint(300, 900)
    title = f"{writer.org()} and {writer.org()}: {writer.phrase()}"
    published = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    body: list[str] = [f"<h1>{escape(title, quote=False)}</h1>",
                       f'<p class="date">Publication date: <time datetime="{published}">{writer.date()}</time></p>']
    words = 0
    block = 0
    while words < target:
        block += 1
        choice = rng.random()
        if block % 5 == 0 and choice < 0.5:
            piece = f"<h2>{escape(writer.phrase().capitalize(), quote=False)}</h2>"
        elif choice < 0.08:
            items = "".join(f"<li>{writer.sentence()}</li>" for _ in range(rng.randint(2, 4)))
            piece = f"<ul>{items}</ul>"
        elif choice < 0.13:
            piece = (f'<figure><img src="/img/{index}-{block}.jpg" alt="{escape(writer.phrase().capitalize())}">'
                     f"<figcaption>{writer.sentence()}</figcaption></figure>")
        elif choice < 0.18:
            piece = f"<blockquote><p>{writer.paragraph(rng.randint(1, 2))}</p></blockquote>"
        else:
            piece = f"<p>{writer.paragraph(rng.randint(2, 6))}</p>"
        body.append(piece)
        words += _words(piece)
    body.append(f"<p>{rng.choice(BOILERPLATE)} {rng.choice(BOILERPLATE)}</p>")
    body.append(f"<p>International Office<br>\n{rng.randint(1, 60)} Polytechnicheskaya Street<br>\n"
                f"St. Petersburg 195251, Russia</p>")
    description = escape(writer.phrase().capitalize())
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title, quote=False)}</title>\n"
        f'<meta name="description" content="{description}">\n</head>\n<body>\n<article>\n'
        + "\n".join(body)
        + "\n</article>\n</body>\n</html>\n"
    )


def write_corpus(folder: Path, count: int, *, seed: int = 0) -> list[Path]:
    """``count`` articles as ``folder/news-00001.html`` …; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    names = generated_names(MENTIONED_NAMES, seed=seed)
    paths = []
    for index in range(count):
        path = folder / f"news-{index + 1:05d}.html"
        path.write_text(article(index, seed=seed, names=names), encoding="utf-8")
        paths.append(path)
    return paths


def tbx_entries(names: Sequence[str]) -> Iterator[str]:
    for i, name in enumerate(names):
        text = escape(name, quote=False)
        yield (f'<termEntry id="gen{i}"><langSet xml:lang="en"><tig><term>{text}</term></tig></langSet>'
               f'<langSet xml:lang="ru"><tig><term>{text} (ru)</term></tig></langSet></termEntry>\n')


def write_tbx(path: Path, names: Sequence[str]) -> None:
    """A TBX (``martif``) file with one en+ru concept per name."""
    with path.open("w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX" xml:lang="en"><text><body>\n')
        fh.writelines(tbx_entries(names))
        fh.write("</body></text></martif>\n")


def write_glossaries(folder: Path, sizes: Sequence[int], *, seed: int = 0) -> dict[int, Path]:
    """One TBX per size with generated names (nested: smaller sizes are prefixes of larger ones).

    Use each with the project's ``glossary/`` folder, which adds its own 71 concepts.
    """
    folder.mkdir(parents=True, exist_ok=True)
    names = generated_names(max(sizes), seed=seed)
    out = {}
    for size in sizes:
        path = folder / f"generated-{size}.tbx"
        write_tbx(path, names[:size])
        out[size] = path
    return out


def training_text(count: int = 1000, *, seed: int = 0) -> list[str]:
    """Plain-text sentences of ``count`` generated articles (for training the SentencePiece model)."""
    import html as html_module

    names = generated_names(MENTIONED_NAMES, seed=seed)
    lines: list[str] = []
    for index in range(count):
        body = re.sub(r"<[^>]+>", " ", article(index, seed=seed + 1, names=names))
        text = html_module.unescape(body)
        lines.extend(s.strip() for s in re.split(r"(?<=[.?!])\s+", text) if s.strip())
    return lines


def link_article(limit: int) -> str:
    """One paragraph of links (a different ``href`` each), as large as fits in ``limit`` bytes.

    The worst case for inline codes: every link is a code with its own legend
    line.  With ``limit`` = the largest article ``newsl10n`` accepts (10 MiB),
    about 400,000 links.
    """
    head, tail = '<html lang="en"><head><title>Links</title></head><body><p>Read ', "here.</p></body></html>\n"
    parts = [head]
    size = len(head) + len(tail)
    index = 0
    while True:
        link = f'<a href="/n/{index}">w</a> '
        if size + len(link) > limit:
            break
        parts.append(link)
        size += len(link)
        index += 1
    parts.append(tail)
    return "".join(parts)

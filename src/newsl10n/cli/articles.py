"""extract, translate, build: the arguments become a Project call; the result is written and printed."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..errors import UsageError
from .common import Out

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..fill import FillStats
    from ..workflow import Problem, Project, TranslateResult


def project(args: argparse.Namespace, out: Out) -> Project:
    """The Project the options describe."""
    from ..workflow import Project
    from ..workflow.placement import markdown_options

    glossary = [] if getattr(args, "no_glossary", False) else getattr(args, "glossary", None)
    return Project(
        locales=args.locales,
        glossary=glossary,
        engine=getattr(args, "engine", "auto"),
        out=getattr(args, "out", "build"),
        source_lang=args.src,
        encoding=args.encoding,
        models_dir=getattr(args, "models_dir", None),
        beam_size=getattr(args, "beam", 4),
        threads=getattr(args, "threads", 2),
        tm_threshold=getattr(args, "tm_threshold", 75.0),
        use_fuzzy=getattr(args, "use_fuzzy", True),
        include_stale=getattr(args, "include_stale", False),
        jobs=getattr(args, "jobs", None),
        layout=getattr(args, "layout", "build"),
        markdown_html=getattr(args, "markdown_html", False),
        markdown=markdown_options(getattr(args, "front_matter_keys", None), getattr(args, "shortcode_params", None)),
        tm=getattr(args, "tm", []),
        progress=out.progress,
    )


def cmd_extract(args: argparse.Namespace) -> int:
    from ..fsio import display_path

    out = Out(args.quiet)
    proj = project(args, out)
    with proj.session():
        result = proj.extract(args.articles)
        result.write()
    for t in result.templates:
        out.info(f"{t.article}: {t.counts()} ({t.lang}) → {display_path(t.path)}")
    return 0


def cmd_translate(args: argparse.Namespace) -> int:
    out = Out(args.quiet)
    proj = project(args, out)
    if getattr(args, "cluster", None):
        from .clusterrun import translate_on_cluster

        if args.jobs is not None:
            raise UsageError("--jobs and --cluster exclude each other (--cluster local:N runs N worker processes)")

        return translate_on_cluster(args, proj, out)
    with proj.session():
        result = proj.translate(args.articles, to=args.to, write=True)
    for note in result.notes:
        out.info(note)
    say_articles(result, out)
    return say_summary(result.problems, result.stats, out)


def say_articles(result: TranslateResult, out: Out) -> None:
    """What a translate run did with each article: its catalogs and pages."""
    from ..fsio import display_path
    from ..workflow.results import counts

    for article in result.articles:
        out.info(f"{article.article}: {counts(article.sentences, article.entries)} ({article.lang})")
        for lang in article.same_language:
            out.info(f"  already in {lang}; nothing to translate")
        for catalog in article.catalogs:
            out.info(f"  {display_path(catalog.path)}: {catalog.merged.summary()}")
        for page in article.pages:
            out.page(page)


def say_summary(problems: Sequence[Problem], stats: FillStats, out: Out) -> int:
    """What could not be translated, what filled the catalogs; the exit code (2: something was not translated)."""
    for problem in problems:
        out.warn(f"newsl10n: not translated: {problem}")
    out.info(stats.summary())
    for pair, signature in stats.engines.items():
        out.info(f"  {pair}: {signature}")
    return 2 if problems else 0


def cmd_build(args: argparse.Namespace) -> int:
    out = Out(args.quiet)
    result = project(args, out).build(args.articles, to=args.to)
    result.write()
    for page in result.pages:
        out.page(page)
    return 1 if args.strict and any(page.built.problems for page in result.pages) else 0

"""Where a localized article goes: the build folder, or where the site's generator looks for translations.

* ``build`` (default): ``<out>/<lang>/<slug>.html`` for an HTML or text
  article; a Markdown article keeps its path below the folder it was found in,
  ``<out>/<lang>/posts/post-a/index.md`` (a language suffix in its name dropped).
* ``hugo-name``: Hugo's translation by file name, beside the source:
  ``post-a/index.md`` → ``post-a/index.es.md``, ``news.en.md`` → ``news.es.md``.
* ``hugo-dir``: Hugo's translation by content directory: the path's folder
  named after the source language is replaced, ``content/en/posts/a.md`` →
  ``content/es/posts/a.md``.
* ``jekyll``: beside the source as for ``hugo-name``; the front matter gets a
  ``lang:`` key when it has none (Jekyll's multilingual plugins read it).
"""

from __future__ import annotations

from pathlib import PurePath

from .errors import UsageError

__all__ = ["LAYOUTS", "page_path"]

LAYOUTS = ("build", "hugo-name", "hugo-dir", "jekyll")


def _base_name(path: PurePath) -> str:
    """The file stem without a language suffix (``news.en`` → ``news``)."""
    from .stages import language_suffix

    stem = path.stem
    return stem[: stem.rfind(".")] if language_suffix(stem) is not None else stem


def page_path(
    *,
    layout: str,
    out: PurePath,
    source: PurePath,
    relative: PurePath,
    slug: str,
    src_lang: str,
    lang: str,
    suffix: str,
    markdown: bool,
) -> PurePath:
    """The output path of ``source`` (found at ``relative`` below the folder named on the command line) in ``lang``."""
    if layout == "build":
        if not markdown:
            return out / lang / f"{slug}{suffix}"
        return out / lang / relative.parent / f"{_base_name(relative)}{suffix}"
    if layout in ("hugo-name", "jekyll"):
        return source.parent / f"{_base_name(source)}.{lang}{suffix}"
    if layout == "hugo-dir":
        parts = list(source.parts)
        primary = src_lang.split("-")[0].lower()
        for k in range(len(parts) - 2, -1, -1):
            if parts[k].lower() in (src_lang.lower(), primary):
                parts[k] = lang
                return PurePath(*parts).with_suffix(suffix)
        raise UsageError(
            f"--layout hugo-dir needs the article inside a folder named after its language (content/{primary}/…)",
            path=source.as_posix(),
        )
    raise UsageError(f"unknown layout {layout!r}; choose one of {', '.join(LAYOUTS)}")

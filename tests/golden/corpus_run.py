"""The whole corpus through the CLI, the way the golden copy in ``tests/golden/data`` was made.

``runs()`` lists the commands (each as a list of CLI arguments, run in a work folder that holds copies
of ``corpus/`` and ``glossary/`` and an installed tiny Argos package in ``models/``); ``outputs()``
reads back every file the commands wrote.  ``python -m tests.golden.corpus_run`` rewrites the golden
copy: only do that on purpose, for a change that means to change the outputs, and say so in the commit.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
GOLDEN = Path(__file__).resolve().parent / "data"
EPOCH = "1700000000"
#: The tiny Argos package used for Russian: copies its input, with two words swapped.
SWAPS = {"delegation": "делегация", "visit": "визит"}


def runs() -> list[list[str]]:
    en = "corpus/en"
    ru = "corpus/ru"
    return [
        ["extract", en, ru],
        ["translate", en, "--to", "es", "--engine", "apertium"],
        ["translate", en, "--to", "ru", "--engine", "argos", "--models-dir", "models"],
        ["translate", ru, "--to", "en,es", "--engine", "none"],
        ["build", en, "--to", "es,ru"],
        ["build", ru, "--to", "en,es", "--no-fuzzy", "--out", "build-nofuzzy"],
    ]


def prepare(work: Path, install_model: Callable[[Path], None]) -> None:
    shutil.copytree(REPO / "corpus", work / "corpus")
    shutil.copytree(REPO / "glossary", work / "glossary")
    install_model(work / "models")


def outputs(work: Path) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for folder in ("locales", "build", "build-nofuzzy"):
        for path in sorted((work / folder).rglob("*")):
            if path.is_file():
                found[path.relative_to(work).as_posix()] = path.read_bytes()
    return found


def _main() -> None:  # pragma: no cover - run by hand
    import os
    import tempfile

    from newsl10n.cli import main
    from newsl10n.engines.models import install_file

    from ..engines.tiny_argos import build_package

    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "work"
        work.mkdir()
        pkg_dir = Path(tmp) / "pkg"
        pkg_dir.mkdir()

        def install(models: Path) -> None:
            install_file(build_package(pkg_dir, from_code="en", to_code="ru", mode="copy", swaps=SWAPS), models)

        prepare(work, install)
        old = Path.cwd()
        os.chdir(work)
        try:
            for args in runs():
                code = main(args)
                assert code == 0, (args, code)
        finally:
            os.chdir(old)
        if GOLDEN.exists():
            shutil.rmtree(GOLDEN)  # the golden copy is ours: made only by this script
        for name, data in outputs(work).items():
            target = GOLDEN / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        print(f"{len(outputs(work))} files written to {GOLDEN}")


if __name__ == "__main__":  # pragma: no cover
    _main()

"""The whole corpus through the public API, no argparse involved: the same bytes as the golden copy."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import pytest

from newsl10n import Project
from newsl10n.engines.models import install_file

from ..golden.corpus_run import EPOCH, SWAPS, outputs, prepare, runs
from ..golden.test_golden_corpus import golden


def run_the_corpus_through_the_api() -> None:
    """What ``tests.golden.corpus_run.runs()`` does with the CLI, as Project calls."""
    with Project().session() as project:
        project.extract(["corpus/en", "corpus/ru"]).write()
    Project(engine="apertium").translate(["corpus/en"], to="es").write()
    Project(engine="argos", models_dir="models").translate(["corpus/en"], to=["ru"]).write()
    Project(engine="none").translate(["corpus/ru"], to=["en", "es"]).write()
    Project().build(["corpus/en"], to=["es", "ru"]).write()
    Project(use_fuzzy=False, out="build-nofuzzy").build(["corpus/ru"], to="en,es").write()


def test_the_api_runs_what_the_golden_copy_was_made_with() -> None:
    assert runs() == [
        ["extract", "corpus/en", "corpus/ru"],
        ["translate", "corpus/en", "--to", "es", "--engine", "apertium"],
        ["translate", "corpus/en", "--to", "ru", "--engine", "argos", "--models-dir", "models"],
        ["translate", "corpus/ru", "--to", "en,es", "--engine", "none"],
        ["build", "corpus/en", "--to", "es,ru"],
        ["build", "corpus/ru", "--to", "en,es", "--no-fuzzy", "--out", "build-nofuzzy"],
    ], "the golden runs changed: change run_the_corpus_through_the_api() with them"


def test_the_whole_corpus_through_the_api_equals_the_golden_copy(
    tmp_path: Path, tiny_package: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def install(models: Path) -> None:
        install_file(tiny_package("en", "ru", swaps=SWAPS), models)

    prepare(tmp_path, install)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)

    def no_argparse(*args: object, **kwargs: object) -> None:
        raise AssertionError("argparse was used")

    monkeypatch.setattr(argparse.ArgumentParser, "parse_args", no_argparse)
    monkeypatch.setattr(argparse.ArgumentParser, "parse_known_args", no_argparse)
    run_the_corpus_through_the_api()
    got, want = outputs(tmp_path), golden()
    assert sorted(got) == sorted(want)
    assert [name for name in want if got[name] != want[name]] == []

"""ApertiumEngine: the real eng-spa pipeline, and fake pipelines for the process handling."""

from __future__ import annotations

import gc
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsl10n.engines.apertium import ApertiumEngine, encode
from newsl10n.engines.base import Engine, Pair
from newsl10n.errors import Newsl10nError, UsageError
from newsl10n.model import check_codes

PLACEHOLDER = re.compile(r"\{\d+\}")

_WBLANK = ApertiumEngine(modes_dir=Path("/nonexistent"))._which("apertium-wblank-mode")
needs_wblank = pytest.mark.skipif(_WBLANK is None, reason="apertium is not installed (apt-get install apertium)")
needs_eng_spa = pytest.mark.skipif(
    Pair("en", "es") not in ApertiumEngine().pairs(),
    reason="Apertium's eng-spa mode is not installed (apt-get install apertium apertium-eng-spa)",
)


class PopenRecorder:
    """Every pipeline process started (``bash -c <pipeline>``), other subprocesses ignored."""

    def __init__(self) -> None:
        self.started: list[subprocess.Popen[bytes]] = []


@pytest.fixture
def popens(monkeypatch: pytest.MonkeyPatch) -> PopenRecorder:
    recorder = PopenRecorder()
    real = subprocess.Popen

    class Recording(real):  # type: ignore[valid-type,misc]
        def __init__(self, args: list[str], *rest: object, **kwargs: object) -> None:
            super().__init__(args, *rest, **kwargs)
            if list(args)[1:2] == ["-c"]:
                recorder.started.append(self)

    monkeypatch.setattr(subprocess, "Popen", Recording)
    return recorder


@pytest.fixture
def engine() -> Iterator[ApertiumEngine]:
    with ApertiumEngine() as eng:
        yield eng


def descendants(pid: int) -> set[int]:
    """The pids below ``pid`` (Linux /proc)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, todo = set(), [pid]
    while todo:
        up = todo.pop()
        kids = {p for p, pp in parents.items() if pp == up}
        found |= kids
        todo += kids
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


# -- the real eng-spa pipeline ---------------------------------------------------


@needs_eng_spa
def test_protocol_pairs_and_signature(engine: ApertiumEngine) -> None:
    assert isinstance(engine, Engine)
    assert engine.available()
    assert Pair("en", "es") in engine.pairs() and Pair("es", "en") in engine.pairs()
    sig = engine.signature("en", "es")
    assert (sig.engine, sig.model, sig.settings) == ("apertium", "eng-spa", "")
    version = subprocess.run(
        ["dpkg-query", "-W", "-f", "${Version}", "apertium-eng-spa"], capture_output=True, text=True, check=False
    ).stdout
    assert sig.version == (version or "unknown")


@needs_eng_spa
def test_unknown_pair_is_a_usage_error(engine: ApertiumEngine) -> None:
    with pytest.raises(UsageError, match="en→ru"):
        engine.translate_batch(["Hello"], "en", "ru")
    with pytest.raises(UsageError):
        engine.signature("en", "ru")


SENTENCES = [
    pytest.param("The strategic partner of the university", ["socio estratégico", "universidad"], id="no-period"),
    pytest.param("The university is big.", ["universidad", "grande."], id="period"),
    pytest.param(
        "The <1>strategic partner</1> of the university", ["<1>socio estratégico</1>", "universidad"], id="pair"
    ),
    pytest.param("The <1>red</1> car is fast.", ["coche <1>rojo</1>"], id="pair-moves-with-word"),
    pytest.param("The university<2/> is big.", ["universidad<2/>"], id="empty-code"),
    pytest.param("<1>The <2>big</2> university</1> opened.", ["<1>", "<2>", "universidad"], id="nested"),
    pytest.param("I <1>do</1> not know.", ["sé"], id="code-on-a-dropped-word"),
    pytest.param("Visit {0} at the university.", ["{0}", "universidad"], id="placeholder"),
    pytest.param("{0} and {1} signed <1>an agreement</1>.", ["{0}", "{1}", "<1>", "acuerdo"], id="placeholders-codes"),
    pytest.param("The {0}'s students are here.", ["{0}"], id="placeholder-genitive"),
    pytest.param("Read <1>more</1><2/>", ["<1>", "</1><2/>"], id="codes-at-end"),
    pytest.param("  The university is big.  ", ["  La universidad", "grande.  "], id="outer-whitespace"),
]


@needs_eng_spa
@pytest.mark.parametrize(("source", "expected"), SENTENCES)
def test_translation_table(engine: ApertiumEngine, source: str, expected: list[str]) -> None:
    [translation] = engine.translate_batch([source], "en", "es")
    for part in expected:
        assert part in translation
    assert check_codes(source, translation).ok, check_codes(source, translation).problems
    assert sorted(PLACEHOLDER.findall(translation)) == sorted(PLACEHOLDER.findall(source))


@needs_eng_spa
@pytest.mark.parametrize(
    "text",
    [
        pytest.param("A/B test [draft] costs $5 @ 10:30", id="specials"),
        pytest.param("Use ^x$, a\\b and <b>bold</b> {braces} here.", id="more-specials"),
        pytest.param("The university of Madrid", id="plain"),
        pytest.param("Email info@spbstu.ru or see [1].", id="email"),
    ],
)
def test_special_characters_match_plain_apertium(engine: ApertiumEngine, text: str) -> None:
    plain = subprocess.run(["apertium", "-u", "eng-spa"], input=text, capture_output=True, text=True, check=True)
    [translation] = engine.translate_batch([text], "en", "es")
    assert translation == plain.stdout.strip()
    assert sorted(c for c in text if c in "[]{}^$@/\\<>") == sorted(c for c in translation if c in "[]{}^$@/\\<>")


@needs_eng_spa
def test_unknown_word_marks_are_absent(engine: ApertiumEngine) -> None:
    [translation] = engine.translate_batch(["The SPbPU xyzzy university is good."], "en", "es")
    assert "SPbPU xyzzy" in translation
    assert not set("*#@") & set(translation)


@needs_eng_spa
def test_duplicates_empties_and_order(engine: ApertiumEngine) -> None:
    assert engine.translate_batch([], "en", "es") == []
    out = engine.translate_batch(["The university.", "", " ", "The car.", "The university."], "en", "es")
    assert out[1:3] == ["", " "]
    assert out[0] == out[4] and "universidad" in out[0] and "coche" in out[3]


def _sentences(count: int) -> list[str]:
    subjects = ["The university", "Our rector", "The new laboratory", "A <1>student team</1>", "The faculty of {0}"]
    verbs = ["opened", "signed", "presented", "announced", "celebrated"]
    objects = ["a partnership", "the <2>winter school</2>", "new courses", "a research grant", "an exhibition"]
    return [
        f"{subjects[i % 5]} {verbs[i // 5 % 5]} {objects[i // 25 % 5]} in {1900 + i}."
        if i % 7
        else f"News item {i}: A/B tests [draft] cost ${i} @ 10:30."
        for i in range(count)
    ]


@needs_eng_spa
def test_large_batch_is_one_process_and_keeps_order(engine: ApertiumEngine, popens: PopenRecorder) -> None:
    segments = _sentences(2000)
    batch = engine.translate_batch(segments, "en", "es")
    assert len(batch) == 2000
    assert all(check_codes(s, t).ok for s, t in zip(segments, batch))
    assert engine.translate_batch(segments[::-1], "en", "es") == batch[::-1]
    for i in range(0, 2000, 97):
        assert engine.translate_batch([segments[i]], "en", "es") == [batch[i]]
    assert len(popens.started) == 1


@needs_eng_spa
def test_a_100_kb_segment(engine: ApertiumEngine) -> None:
    segment = "The university opened a new laboratory with <1>our partners</1> [draft]. " * 1400
    assert len(segment) > 100_000
    [translation] = engine.translate_batch([segment.replace("<1>", "").replace("</1>", "")], "en", "es")
    assert translation.count("universidad") == 1400
    assert translation.count("[borrador]") == 1400
    assert engine.translate_batch(["The university."], "en", "es") == ["La universidad."]


@needs_eng_spa
def test_close_reaps_the_pipeline(popens: PopenRecorder) -> None:
    engine = ApertiumEngine()
    engine.translate_batch(["The university."], "en", "es")
    [proc] = popens.started
    stages = descendants(proc.pid)
    assert len(stages) >= 10  # lt-proc | apertium-tagger | … | lt-proc
    engine.close()
    assert proc.returncode is not None
    assert not any(alive(pid) for pid in stages | {proc.pid})
    assert engine.translate_batch(["The car."], "en", "es") == ["El coche."]  # starts again
    assert len(popens.started) == 2
    engine.close()


@needs_eng_spa
def test_garbage_collection_reaps_the_pipeline(popens: PopenRecorder) -> None:
    engine = ApertiumEngine()
    engine.translate_batch(["The university."], "en", "es")
    del engine
    gc.collect()
    [proc] = popens.started
    assert proc.returncode is not None


# -- fake pipelines: the stream format and the process handling ---------------


def _fake_modes(tmp_path: Path, script: str) -> Path:
    prog = tmp_path / "fake-apertium"
    prog.write_text(f"#!/bin/sh\n{script}\n")
    prog.chmod(0o755)
    modes = tmp_path / "modes"
    modes.mkdir()
    (modes / "eng-spa.mode").write_text(f"{prog} 'eng-spa.bin' | {prog}\n")
    (modes / "spa-eng.mode").write_text(f"{prog} | /nonexistent/lt-proc\n")
    (modes / "eng-spa_US.mode").write_text(f"{prog}\n")
    (modes / "README").write_text("not a mode\n")
    return modes


def test_construction_does_no_io() -> None:
    def no_lookups(name: str) -> str | None:
        raise AssertionError(f"looked up {name}")

    ApertiumEngine(modes_dir=Path("/nonexistent"), which=no_lookups)


def test_unavailable_without_apertium(tmp_path: Path) -> None:
    assert not ApertiumEngine(which=lambda name: None).available()
    assert ApertiumEngine(modes_dir=tmp_path / "missing").pairs() == []


@needs_wblank
def test_pairs_only_lists_runnable_modes(tmp_path: Path) -> None:
    engine = ApertiumEngine(modes_dir=_fake_modes(tmp_path, "exec cat"))
    assert engine.pairs() == [Pair("en", "es")]
    assert engine.signature("en", "es").model == "eng-spa"


ECHO_SEGMENTS = [
    "The <1>strategic partner</1> of the university",
    "<1>Nested <2>codes</2> and</1> <3/> an empty one",
    "A/B test [draft] costs $5 @ 10:30 ^x< >y \\z {0} {12}",
    "Brackets [[inside]] and ]] or [[/]] stay text",
    "  spaced  out  ",
    "<1></1> an empty pair and a broken </2> code",
]


@needs_wblank
@pytest.mark.parametrize("segment", ECHO_SEGMENTS)
def test_stream_format_round_trips_through_cat(tmp_path: Path, segment: str) -> None:
    with ApertiumEngine(modes_dir=_fake_modes(tmp_path, "exec cat")) as engine:
        assert engine.translate_batch([segment], "en", "es") == [segment]


@pytest.fixture(scope="module")
def cat_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApertiumEngine]:
    with ApertiumEngine(modes_dir=_fake_modes(tmp_path_factory.mktemp("cat"), "exec cat")) as engine:
        yield engine


@needs_wblank
@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\0"), max_size=40), max_size=8))
def test_any_text_round_trips_through_cat(cat_engine: ApertiumEngine, segments: list[str]) -> None:
    assert cat_engine.translate_batch(segments, "en", "es") == segments


def test_encoding_puts_pair_words_in_word_bound_blanks() -> None:
    assert encode("The <1>red</1> car<2/> {0}") == "The [[n:1]]red[[/]] car[<2/>] \\{0\\}"
    assert encode("The <1>red</1> car<2/> {0}", move_codes=False) == "The [<1>]red[</1>] car[<2/>] [{0}]"


@needs_wblank
def test_a_dead_pipeline_is_restarted_once(tmp_path: Path, popens: PopenRecorder) -> None:
    flag = tmp_path / "crashed"
    script = f"if [ -e {flag} ]; then exec cat; else touch {flag}; exit 1; fi"
    with ApertiumEngine(modes_dir=_fake_modes(tmp_path, script)) as engine:
        assert engine.translate_batch(["one", "two"], "en", "es") == ["one", "two"]
        assert len(popens.started) == 2


@needs_wblank
def test_a_pipeline_that_keeps_dying_is_an_error(tmp_path: Path) -> None:
    engine = ApertiumEngine(modes_dir=_fake_modes(tmp_path, "echo 'Error: Malformed input stream.' >&2; exit 1"))
    with engine, pytest.raises(Newsl10nError, match=r"eng-spa.*Malformed input stream"):
        engine.translate_batch(["one"], "en", "es")


@needs_wblank
def test_a_silent_pipeline_times_out_and_is_killed(tmp_path: Path, popens: PopenRecorder) -> None:
    engine = ApertiumEngine(modes_dir=_fake_modes(tmp_path, "exec sleep 600"), timeout=0.5)
    with engine, pytest.raises(Newsl10nError, match=r"apertium mode eng-spa .*no output for 0.5 s"):
        engine.translate_batch(["one"], "en", "es")
    assert len(popens.started) == 2
    assert all(p.returncode is not None for p in popens.started)


# -- long segments go in pieces (#16.11) ---------------------------------------------------------------------


def _links(count: int) -> str:
    """One paragraph of ``count`` links and no sentence end: what the segmenter leaves whole."""
    return " ".join(f"see <{i}>the report {i}</{i}>" for i in range(1, count + 1)) + " and more"


@needs_wblank
def test_a_50k_link_paragraph_goes_in_bounded_pieces(tmp_path: Path) -> None:
    """Apertium slows down faster than a segment grows; a 50,000-link paragraph stalled it (75 s, run failed)."""
    log = tmp_path / "payloads"
    # the first stage (the one given eng-spa.bin) records what it is sent
    modes = _fake_modes(tmp_path, f'case "$*" in *eng-spa.bin*) exec tee {log};; *) exec cat;; esac')
    segment = _links(50_000)
    with ApertiumEngine(modes_dir=modes) as engine:
        assert engine.translate_batch([segment, "Short one."], "en", "es") == [segment, "Short one."]
    payloads = [p for p in log.read_bytes().split(b"\0") if p.strip()]
    assert len(payloads) > 300
    assert max(len(p) for p in payloads) < 2 * 2000 + 200  # a piece cuts at the first space past the limit


@needs_eng_spa
def test_pieces_of_a_long_paragraph_translate_and_join(popens: PopenRecorder) -> None:
    segment = _links(3000)
    with ApertiumEngine(timeout=20) as engine:
        [translation] = engine.translate_batch([segment], "en", "es")
    assert check_codes(segment, translation).ok
    assert translation.count("el informe") == 3000  # no piece starts with a capital the sentence lacks
    assert len(popens.started) == 1


def test_pieces_cut_outside_codes_and_join_back() -> None:
    from newsl10n.engines.apertium import pieces

    segment = "<1>" + "a long link text " * 30 + "</1> then " + "plain words " * 40 + "<2/> end"
    parts = pieces(segment, limit=100)
    assert "".join(parts) == segment
    assert len(parts) > 3
    assert all(check_codes(p, p).ok for p in parts if "<1>" in p or "</1>" in p)
    assert parts[0].startswith("<1>") and "</1>" in parts[0]  # the link is never cut
    assert pieces("short", limit=100) == ["short"]

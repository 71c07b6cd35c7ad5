"""Apertium, the rule-based engine: one long-lived pipeline per language pair.

Starting Apertium costs about 0.1 s, so a process is started once per mode
and segments are streamed through it in null-flush mode: the pipeline comes
from ``apertium-wblank-mode -z``, each segment is written in Apertium's
stream format followed by ``"\\n\\0"`` and its translation is read up to the
next ``"\\0"``.  A writer thread feeds the process while this thread reads,
so no batch can deadlock on full pipe buffers.

Stream format
-------------
Text is backslash-escaped (``[]{}^$/\\@<>``), so ``{0}`` placeholders travel
as ordinary tokens and come back unchanged.  The words inside a paired code
``<1>…</1>`` are wrapped in word-bound blanks (``[[n:1]]word[[/]]``), which
Apertium moves with the words when it reorders them; the codes are rebuilt
around the first and last word that carries them.  Empty codes ``<2/>`` are
plain superblanks (``[<2/>]``), which stay where they are.  A segment whose
codes or placeholders do not survive that is sent again with everything as
superblanks, which Apertium passes through in place.  Like ``apertium-destxt``, a
``.[]`` is appended so that the last word is tagged as ending a sentence.
"""

from __future__ import annotations

import itertools
import logging
import os
import re
import selectors
import shlex
import shutil
import signal
import subprocess
import tempfile
import threading
import weakref
from collections.abc import Callable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import IO, NamedTuple, Self

from newsl10n.engines.base import Pair, Signature
from newsl10n.errors import Newsl10nError, UsageError
from newsl10n.model import CODE_RE, check_codes

log = logging.getLogger(__name__)

MODES_DIR = Path("/usr/share/apertium/modes")

#: ISO 639-3 codes in Apertium mode names → the two-letter codes we use.
ISO639_3 = {
    "afr": "af", "ara": "ar", "arg": "an", "bel": "be", "bre": "br", "bul": "bg", "cat": "ca",
    "ces": "cs", "cym": "cy", "dan": "da", "deu": "de", "ell": "el", "eng": "en", "epo": "eo",
    "est": "et", "eus": "eu", "fin": "fi", "fra": "fr", "gle": "ga", "glg": "gl", "heb": "he",
    "hin": "hi", "isl": "is", "ita": "it", "kaz": "kk", "mkd": "mk", "mlt": "mt", "nld": "nl",
    "nno": "nn", "nob": "nb", "oci": "oc", "pol": "pl", "por": "pt", "ron": "ro", "rus": "ru",
    "slk": "sk", "slv": "sl", "spa": "es", "srd": "sc", "swe": "sv", "tat": "tt", "tur": "tr",
    "ukr": "uk", "urd": "ur",
}  # fmt: skip

_MODE_NAME = re.compile(r"([a-z]{2,3})-([a-z]{2,3})")
_SPECIAL = re.compile(r"([\[\]{}^$/\\@<>])")
_PLACEHOLDER = re.compile(r"\{\d+\}")
_INLINE = re.compile(f"{CODE_RE.pattern}|{_PLACEHOLDER.pattern}")
#: An escaped character, a word-bound blank's tag, a superblank's content, an ``@`` mark, or text.
_STREAM = re.compile(r"\\(.)|\[\[(.*?)\]\]|\[((?:\\.|[^\\\]])*)\]|@|([^\\\[@]+|.)", re.DOTALL)
_UNESCAPE = re.compile(r"\\(.)", re.DOTALL)
_WB_CODES = re.compile(r"n:([\d,]+)")
_SPACES = re.compile(r" {2,}")
_END = ".[]"  # what apertium-destxt appends; dropped again from the output
#: Segments longer than this go to Apertium in pieces.  Its time grows faster than the length of one
#: segment (no sentence end inside): 5,000 links in one paragraph took 15.8 s whole, 50,000 stalled it.
MAX_PIECE_CHARS = 2000
_CODE_OR_SPACE = re.compile(f"{CODE_RE.pattern}|(?P<space>\\s+)")


class _Stalled(Exception):
    """The pipeline died or went silent."""


class _Run(NamedTuple):
    """A stretch of output text and the paired codes its word-bound blank carried."""

    text: str
    codes: frozenset[int] = frozenset()


# -- stream format -----------------------------------------------------------


def escape(text: str) -> str:
    """Backslash-escape Apertium's stream-format specials (and drop NULs, our delimiter)."""
    return _SPECIAL.sub(r"\\\1", text.replace("\0", ""))


def encode(segment: str, *, move_codes: bool = True) -> str:
    """``segment`` in Apertium's stream format.

    With ``move_codes`` the words inside paired codes carry word-bound blanks
    and placeholders are text; without it every code and placeholder is a
    superblank that keeps its place.
    """
    parts: list[str] = []
    stack: list[str] = []
    pos = 0
    if not move_codes:
        for m in _INLINE.finditer(segment):
            parts += [escape(segment[pos : m.start()]), f"[{m.group(0)}]"]
            pos = m.end()
        return "".join(parts) + escape(segment[pos:])
    for m in CODE_RE.finditer(segment):
        parts.append(_encode_text(segment[pos : m.start()], stack))
        pos = m.end()
        if m.group(3):
            parts.append(f"[{m.group(0)}]")
        elif m.group(1):
            if stack:
                stack.pop()
        else:
            stack.append(m.group(2))
    parts.append(_encode_text(segment[pos:], stack))
    return "".join(parts)


def _encode_text(text: str, stack: list[str]) -> str:
    core = text.strip()
    if not stack or not any(c.isalnum() for c in core):
        return escape(text)
    start = text.index(core)
    return f"{escape(text[:start])}[[n:{','.join(stack)}]]{escape(core)}[[/]]{escape(text[start + len(core) :])}"


def decode(stream: str) -> list[_Run]:
    """Apertium's output stream as runs of plain text; unknown-word ``@`` marks dropped."""
    runs: list[_Run] = []
    buf: list[str] = []
    codes: frozenset[int] = frozenset()
    for m in _STREAM.finditer(stream):
        escaped, tag, blank, text = m.groups()
        if tag is None and blank is None:
            buf.append(escaped or text or "")
            continue
        if buf:
            runs.append(_Run("".join(buf), codes))
            buf = []
        if tag is not None:  # [[n:1,2]] opens a word-bound blank, [[/]] closes it
            codes = frozenset(int(d) for g in _WB_CODES.findall(tag) for d in g.split(",") if d)
        else:
            runs.append(_Run(_UNESCAPE.sub(r"\1", blank)))
    if buf:
        runs.append(_Run("".join(buf), codes))
    return runs


def _place_codes(source: str, runs: list[_Run]) -> str:
    """Rebuild the paired codes of ``source`` around the runs that carry them."""
    parent: dict[int, int | None] = {}
    depth: dict[int, int] = {}
    stack: list[int] = []
    for m in CODE_RE.finditer(source):
        num = int(m.group(2))
        if m.group(3):
            continue
        if m.group(1):
            stack.pop()
        else:
            parent[num], depth[num] = (stack[-1] if stack else None), len(stack)
            stack.append(num)
    spans: dict[int, list[int]] = {}
    for i, run in enumerate(runs):
        for num in run.codes & parent.keys():
            spans.setdefault(num, [i, i])[1] = i
    for num in sorted(spans, key=lambda k: -depth[k]):
        up = parent[num]
        if up is not None:
            outer = spans.setdefault(up, list(spans[num]))
            spans[up] = [min(outer[0], spans[num][0]), max(outer[1], spans[num][1])]
    out: list[str] = []
    for i, run in enumerate(runs):
        out += [f"<{k}>" for k in sorted((k for k, s in spans.items() if s[0] == i), key=lambda k: depth[k])]
        out.append(run.text)
        out += [f"</{k}>" for k in sorted((k for k, s in spans.items() if s[1] == i), key=lambda k: -depth[k])]
    return "".join(out)


def rebuild(source: str, raw: str, *, move_codes: bool = True) -> str:
    """The translation of ``source`` from Apertium's ``raw`` output stream."""
    raw = raw.rstrip("\n")
    for end in (_END, "[]"):
        if (cut := raw.rfind(end)) >= 0:
            raw = raw[:cut] + raw[cut + len(end) :]
            break
    runs = decode(raw)
    text = (_place_codes(source, runs) if move_codes else "".join(r.text for r in runs)).strip()
    if "  " not in source:
        text = _SPACES.sub(" ", text)
    return source[: len(source) - len(source.lstrip())] + text + source[len(source.rstrip()) :]


def pieces(segment: str, *, limit: int = MAX_PIECE_CHARS) -> list[str]:
    """``segment`` cut into pieces of about ``limit`` characters that join back into it.

    Cuts fall after a run of whitespace outside every paired code (never
    inside a link's words), so each piece keeps its codes balanced and is
    translated on its own; a segment of at most ``limit`` characters is one
    piece.  A stretch with no such place stays whole.
    """
    if len(segment) <= limit:
        return [segment]
    open_codes: list[str] = []
    cuts = [0]
    for m in _CODE_OR_SPACE.finditer(segment):
        if m.group("space") is not None:
            if not open_codes and m.end() - cuts[-1] >= limit and m.end() < len(segment):
                cuts.append(m.end())
        elif not m.group(3):  # a paired code opens or closes; an empty one changes nothing
            if not m.group(1):
                open_codes.append(m.group(2))
            elif open_codes and open_codes[-1] == m.group(2):
                open_codes.pop()
    return [segment[a:b] for a, b in itertools.pairwise([*cuts, len(segment)])]


def _lower_start(source: str, text: str) -> str:
    """A piece from inside a sentence: Apertium capitalizes its first word as if it began one; undo that."""
    first = next((c for c in CODE_RE.sub("", source) if c.isalpha()), "")
    if not first.islower():
        return text
    for i, c in enumerate(text):
        if c.isalpha():
            return text[:i] + c.lower() + text[i + 1 :] if c.isupper() and not _inside_code(text, i) else text
    return text


def _inside_code(text: str, index: int) -> bool:
    return any(m.start() <= index < m.end() for m in CODE_RE.finditer(text[: index + 8]))


def intact(source: str, translation: str) -> bool:
    """Did every inline code and placeholder of ``source`` come back exactly once?"""
    return check_codes(source, translation).ok and sorted(_PLACEHOLDER.findall(source)) == sorted(
        _PLACEHOLDER.findall(translation)
    )


# -- the process -------------------------------------------------------------


class _Pipeline:
    """One running Apertium pipeline for one mode, restarted once if it dies or stalls."""

    def __init__(self, mode: str, argv: list[str], timeout: float) -> None:
        self.mode = mode
        self._argv = argv
        self._timeout = timeout
        self._proc: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None
        self._writer: threading.Thread | None = None

    def translate(self, payloads: list[bytes]) -> list[bytes]:
        """One output per payload, in order."""
        done: list[bytes] = []
        reason = ""
        for attempt in (1, 2):
            if self._proc is None or self._proc.poll() is not None:
                self.close()
                self._start()
            try:
                self._exchange(payloads[len(done) :], done)
                return done
            except _Stalled as exc:
                reason = str(exc)
                log.warning("apertium %s: %s (attempt %d of 2)", self.mode, reason, attempt)
                self.close(kill=True)
            except BaseException:  # an interrupted exchange leaves output in the pipe: start afresh
                self.close(kill=True)
                raise
        longest = max((len(p) for p in payloads), default=0)
        raise Newsl10nError(
            f"apertium mode {self.mode} failed twice: {reason} (on {len(payloads):,} segments, the longest "
            f"{longest:,} bytes); translate again, or use --engine none for these articles"
        )

    def _start(self) -> None:
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
        self._proc = subprocess.Popen(
            self._argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            start_new_session=True,  # one process group: a stalled pipeline is killed whole
        )

    def _exchange(self, payloads: list[bytes], done: list[bytes]) -> None:
        proc = self._proc
        assert proc is not None and proc.stdin is not None and proc.stdout is not None
        stdin = proc.stdin

        def feed() -> None:
            with suppress(OSError):  # the reader notices a dead process
                for payload in payloads:
                    stdin.write(payload)
                stdin.flush()

        self._writer = threading.Thread(target=feed, name=f"apertium-{self.mode}-writer", daemon=True)
        self._writer.start()
        fd = proc.stdout.fileno()
        buf = bytearray()
        want = len(done) + len(payloads)
        with selectors.DefaultSelector() as sel:
            sel.register(fd, selectors.EVENT_READ)
            while len(done) < want:
                if not sel.select(self._timeout):
                    raise _Stalled(f"no output for {self._timeout:g} s")
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    raise _Stalled(f"the process exited{self._last_error()}")
                buf += chunk
                while (end := buf.find(b"\0")) >= 0:
                    done.append(bytes(buf[:end]))
                    del buf[: end + 1]
        self._writer.join()
        if buf:
            log.debug("apertium %s: %d stray bytes after the batch", self.mode, len(buf))

    def _last_error(self) -> str:
        if self._stderr is None:
            return ""
        with suppress(OSError):
            self._stderr.seek(0)
            lines = self._stderr.read().decode("utf-8", "replace").strip().splitlines()
            if lines:
                return f" ({lines[-1].strip()})"
        return ""

    def close(self, *, kill: bool = False) -> None:
        """End the process and reap it: EOF on stdin, then SIGKILL to the group if it lingers."""
        proc, self._proc = self._proc, None
        if proc is not None:
            if not kill:
                with suppress(OSError):
                    assert proc.stdin is not None
                    proc.stdin.close()
                with suppress(subprocess.TimeoutExpired):
                    proc.wait(timeout=5)
            if proc.poll() is None:
                with suppress(ProcessLookupError, PermissionError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        if self._writer is not None:  # a dead reader end makes its write fail: it ends
            self._writer.join()
            self._writer = None
        for stream in (proc.stdin, proc.stdout) if proc is not None else ():
            with suppress(OSError):
                if stream is not None:
                    stream.close()
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None


def _close_all(pipelines: dict[str, _Pipeline]) -> None:
    while pipelines:
        pipelines.popitem()[1].close()


# -- the engine --------------------------------------------------------------


class ApertiumEngine:
    """Apertium through its installed modes (``eng-spa.mode`` → en→es)."""

    name = "apertium"

    def __init__(
        self,
        *,
        modes_dir: Path = MODES_DIR,
        which: Callable[[str], str | None] = shutil.which,
        timeout: float = 30.0,
        piece_chars: int = MAX_PIECE_CHARS,
    ) -> None:
        self.modes_dir = modes_dir
        self.timeout = timeout
        self.piece_chars = piece_chars
        self._which = which
        self._modes: dict[Pair, Path] | None = None
        self._versions: dict[str, str] = {}
        self._pipelines: dict[str, _Pipeline] = {}
        self._finalizer = weakref.finalize(self, _close_all, self._pipelines)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop every running pipeline; a later ``translate_batch`` starts a new one."""
        _close_all(self._pipelines)

    def available(self) -> bool:
        return bool(self.pairs())

    def pairs(self) -> list[Pair]:
        return list(self._mode_table())

    def signature(self, src: str, tgt: str) -> Signature:
        mode = self._mode(src, tgt)
        return Signature(engine=self.name, model=mode.stem, version=self._version(mode.stem))

    def translate_batch(self, segments: Sequence[str], src: str, tgt: str) -> list[str]:
        """One translation per segment, in order, each distinct segment sent once.

        A long segment goes in pieces (:func:`pieces`), joined again after.
        """
        if not segments:
            return []
        mode = self._mode(src, tgt)
        cut = {s: pieces(s, limit=self.piece_chars) for s in dict.fromkeys(segments)}
        done = self._translate_unique(list(dict.fromkeys(p for parts in cut.values() for p in parts)), mode)
        joined = {s: done[parts[0]] + "".join(_lower_start(p, done[p]) for p in parts[1:]) for s, parts in cut.items()}
        return [joined[s] for s in segments]

    def _translate_unique(self, unique: list[str], mode: Path) -> dict[str, str]:
        """Each of ``unique`` (distinct segments) → its translation."""
        done = {s: s for s in unique if not s.strip()}
        moving = [s for s in unique if s.strip() and check_codes(s, s).ok]
        fixed = [s for s in unique if s.strip() and not check_codes(s, s).ok]
        pipeline = self._pipeline(mode)
        for source, text in zip(moving, self._run(pipeline, moving, move_codes=True)):
            if intact(source, text):
                done[source] = text
            else:
                fixed.append(source)
        for source, text in zip(fixed, self._run(pipeline, fixed, move_codes=False)):
            if intact(source, source) and not intact(source, text):
                log.warning("apertium %s: codes or placeholders changed in %r", mode.stem, source)
            done[source] = text
        return done

    @staticmethod
    def _run(pipeline: _Pipeline, sources: list[str], *, move_codes: bool) -> list[str]:
        if not sources:
            return []
        raws = pipeline.translate([(encode(s, move_codes=move_codes) + _END + "\n\0").encode() for s in sources])
        return [rebuild(s, r.decode("utf-8", "replace"), move_codes=move_codes) for s, r in zip(sources, raws)]

    # -- helpers --

    def _mode_table(self) -> dict[Pair, Path]:
        if self._modes is None:
            self._modes = {}
            if self._which("apertium-wblank-mode") and self._which("bash"):
                try:
                    files = sorted(self.modes_dir.glob("*.mode"))
                except OSError:
                    files = []
                for path in files:
                    pair = _mode_pair(path.stem)
                    if pair is not None and pair not in self._modes and self._runnable(path):
                        self._modes[pair] = path
        return self._modes

    def _runnable(self, path: Path) -> bool:
        """Do all the programs of the mode's pipeline exist?"""
        try:
            stages = [shlex.split(stage) for stage in path.read_text(encoding="utf-8").split("|")]
        except (OSError, UnicodeDecodeError, ValueError):
            return False
        return all(stage and self._which(stage[0]) for stage in stages)

    def _mode(self, src: str, tgt: str) -> Path:
        mode = self._mode_table().get(Pair(src, tgt))
        if mode is None:
            raise UsageError(f"apertium has no {src}→{tgt} mode in {self.modes_dir}")
        return mode

    def _pipeline(self, mode: Path) -> _Pipeline:
        pipeline = self._pipelines.get(mode.stem)
        if pipeline is None:
            wblank, bash = self._which("apertium-wblank-mode"), self._which("bash")
            assert wblank is not None and bash is not None  # _mode_table checked them
            proc = subprocess.run([wblank, "-z", str(mode)], capture_output=True, text=True, timeout=60, check=False)
            script = proc.stdout.strip()
            if proc.returncode != 0 or not script:
                raise Newsl10nError(f"apertium-wblank-mode cannot read mode {mode}: {proc.stderr.strip()}")
            # $1 is the generator's flag: -n drops the *, # and @ marks of unknown words
            pipeline = _Pipeline(mode.stem, [bash, "-c", script, "apertium", "-n", ""], self.timeout)
            self._pipelines[mode.stem] = pipeline
        return pipeline

    def _version(self, mode: str) -> str:
        """The version of the Debian package with ``mode`` (apertium-eng-spa holds eng-spa and spa-eng)."""
        if mode not in self._versions:
            self._versions[mode] = "unknown"
            a, _, b = mode.partition("-")
            if dpkg := self._which("dpkg-query"):
                for package in dict.fromkeys([f"apertium-{mode}", f"apertium-{b}-{a}"]):
                    query = [dpkg, "-W", "-f", "${Version}", package]
                    run = subprocess.run(query, capture_output=True, text=True, check=False)
                    if run.returncode == 0 and run.stdout.strip():
                        self._versions[mode] = run.stdout.strip()
                        break
        return self._versions[mode]


def _mode_pair(stem: str) -> Pair | None:
    m = _MODE_NAME.fullmatch(stem)
    if m is None:
        return None
    two = set(ISO639_3.values())
    src, tgt = (ISO639_3.get(c, c if c in two else "") for c in m.groups())
    return Pair(src, tgt) if src and tgt else None

"""The Argos Translate engine: installed Argos packages run directly with CTranslate2 and SentencePiece.

Packages come from newsl10n's own models directory (``models.list_models``).
``argostranslate.translate`` is never imported: it loads torch, stanza and
spaCy, and its first call downloads a sentence splitter.  Segments arrive
already split into sentences, so each one is tokenized with the package's
SentencePiece model and all of them go to ``ctranslate2.Translator.translate_batch``
in one call per package, deduplicated; each Translator loads once per engine.
A pair with no package of its own pivots through English (ru→en→es).

Inline codes (``<1>``, ``</1>``, ``<2/>``)
------------------------------------------
Real Argos models were trained on plain text; SentencePiece splits a code
into ordinary pieces (``▁<``, ``1``, ``>``) that they usually, but not
always, copy through.  So, per hop:

1. Codes at the very start or end of a segment that need no translation are
   peeled off and put back verbatim: standalone codes (``<2/>``) and pairs
   that wrap the rest (``<1>Whole sentence.</1>``).  Such codes are the most
   common case in news markup and then never reach the model.
2. The rest goes to the model whole, codes included, so the sentence keeps its
   context and codes can move with word order.
3. If the codes of the output do not match the input (``model.check_codes``:
   each once, properly nested), the segment is translated again split at its
   codes: each text run between codes on its own, codes put back in source
   order.  Less fluent, structurally safe.  All such runs of a batch go to the
   model in one more call.

The engine only returns text; comparing codes and flagging entries is done
later (``enforce.repair_codes``).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ..errors import InputError, UsageError
from ..model import CODE_RE, check_codes
from .base import Pair, Signature
from .models import InstalledModel, list_models, version_key

log = logging.getLogger(__name__)

PIVOT = "en"


class _Tokenizer(Protocol):
    def encode(self, text: str) -> list[str]: ...

    def decode(self, tokens: list[str]) -> str: ...


class _SentencePiece:
    def __init__(self, model_file: Path) -> None:
        import sentencepiece

        self._sp = sentencepiece.SentencePieceProcessor(model_file=str(model_file))

    def encode(self, text: str) -> list[str]:
        pieces: list[str] = self._sp.encode(text, out_type=str)
        return pieces

    def decode(self, tokens: list[str]) -> str:
        # Pieces the vocabulary lacks (copied by replace_unknowns) keep their "▁": make it a space, as
        # argostranslate does (which also turns every "_" into a space; we do not).
        text: str = self._sp.decode_pieces(tokens)
        return text.replace("\u2581", " ")


@dataclass
class _Loaded:
    package: InstalledModel
    translator: Any  # ctranslate2.Translator
    tokenizer: _Tokenizer


@dataclass(frozen=True)
class _Peeled:
    """A segment as head + body + tail: only the body goes to the model."""

    head: str
    body: str
    tail: str


def lang_base(code: str) -> str:
    """``"en-US"`` → ``"en"``: packages are matched on the primary language subtag."""
    return code.replace("-", "_").split("_")[0].lower()


class ArgosEngine:
    """Argos packages from ``models_dir``; see the module docstring for how inline codes are carried."""

    name = "argos"

    def __init__(
        self,
        models_dir: Path,
        *,
        beam_size: int = 4,
        threads: int = 2,
        compute_type: str = "int8",
        batch_size: int = 64,
    ) -> None:
        self.models_dir = Path(models_dir)
        self.beam_size = beam_size
        self.threads = threads
        self.compute_type = compute_type
        self.batch_size = batch_size
        self._packages: dict[tuple[str, str], InstalledModel] | None = None
        self._loaded: dict[Path, _Loaded] = {}
        self._effective_compute: str | None = None

    # -- what we can do ---------------------------------------------------------------------

    def packages(self) -> dict[tuple[str, str], InstalledModel]:
        """The usable package per (from, to), newest version first; read once per engine."""
        if self._packages is None:
            best: dict[tuple[str, str], InstalledModel] = {}
            for model in list_models(self.models_dir):
                if not model.ok:
                    log.warning("skipping %s: %s", model.path, model.problem)
                    continue
                key = (lang_base(model.from_code), lang_base(model.to_code))
                if key not in best or version_key(model.version) > version_key(best[key].version):
                    best[key] = model
            self._packages = best
        return self._packages

    def pairs(self) -> list[Pair]:
        direct = self.packages()
        found = {Pair(src, tgt) for src, tgt in direct}
        for src, mid in direct:
            if mid != PIVOT:
                continue
            for mid2, tgt in direct:
                if mid2 == PIVOT and tgt != src and (src, tgt) not in direct:
                    found.add(Pair(src, tgt, via=PIVOT))
        return sorted(found, key=lambda p: (p.src, p.tgt))

    def route(self, src: str, tgt: str) -> list[InstalledModel]:
        """The package(s) that translate ``src`` into ``tgt``: one, or two through English."""
        direct = self.packages()
        s, t = lang_base(src), lang_base(tgt)
        if (s, t) in direct:
            return [direct[(s, t)]]
        if (s, PIVOT) in direct and (PIVOT, t) in direct and s != t:
            return [direct[(s, PIVOT)], direct[(PIVOT, t)]]
        have = ", ".join(str(p) for p in self.pairs()) or "none"
        raise UsageError(
            f"no Argos package for {src}→{tgt} in {self.models_dir} (installed: {have}); "
            f"run `newsl10n models install {src} {tgt}`"
        )

    def signature(self, src: str, tgt: str) -> Signature:
        hops = self.route(src, tgt)
        return Signature(
            engine="argos",
            model="+".join(p.name for p in hops),
            version="+".join(p.version for p in hops),
            settings=f"beam={self.beam_size} {self._compute()} threads={self.threads}",
        )

    # -- translating ------------------------------------------------------------------------

    def translate_batch(self, segments: Sequence[str], src: str, tgt: str) -> list[str]:
        if not segments:
            return []
        hops = self.route(src, tgt)
        texts = list(dict.fromkeys(segments))
        started = time.perf_counter()
        for package in hops:
            out = self._hop(self._load(package), texts)
            mapping = dict(zip(texts, out))
            segments = [mapping[s] for s in segments]
            texts = list(dict.fromkeys(segments))
        log.debug("argos %s→%s: %d unique segments in %.2f s", src, tgt, len(texts), time.perf_counter() - started)
        return list(segments)

    def _hop(self, loaded: _Loaded, texts: list[str]) -> list[str]:
        """One package over unique segments, inline codes handled as the module docstring says."""
        peeled = [_peel(t) for t in texts]
        bodies = self._run(loaded, [p.body for p in peeled if p.body])
        done = {p.body: bodies.get(p.body, p.body) for p in peeled}
        failed = [p.body for p in peeled if CODE_RE.search(p.body) and not _codes_match(p.body, done[p.body])]
        if failed:
            log.debug("%s: %d segments lost inline codes; translating them between codes", loaded.package.name,
                      len(failed))
            runs = self._run(loaded, [run for body in failed for run in _text_runs(body)])
            for body in failed:
                done[body] = _reassemble(body, runs)
        return [p.head + done[p.body] + p.tail if p.body else p.head for p in peeled]

    def _run(self, loaded: _Loaded, texts: Iterable[str]) -> dict[str, str]:
        """Translate plain texts with one ``translate_batch`` call; returns text → translation.

        Texts without a letter (numbers, punctuation) are left out: they stay as they are.
        """
        unique = list(dict.fromkeys(t for t in texts if any(ch.isalpha() for ch in t)))
        if not unique:
            return {}
        package = loaded.package
        try:
            tokens = [loaded.tokenizer.encode(t) for t in unique]
            prefix = [[package.target_prefix]] * len(tokens) if package.target_prefix else None
            longest = max(len(t) for t in tokens)
            results = loaded.translator.translate_batch(
                tokens,
                target_prefix=prefix,
                max_batch_size=self.batch_size,
                beam_size=self.beam_size,
                num_hypotheses=1,
                length_penalty=0.2,
                replace_unknowns=True,
                max_decoding_length=min(1024, max(256, 2 * longest + 16)),
            )
            out = []
            for result in results:
                hyp = list(result.hypotheses[0])
                if package.target_prefix and hyp[:1] == [package.target_prefix]:
                    hyp = hyp[1:]
                out.append(loaded.tokenizer.decode(hyp).strip())
        except Exception as exc:  # noqa: BLE001 - CTranslate2 and SentencePiece raise RuntimeError, ValueError...
            raise InputError(f"the model failed to translate ({type(exc).__name__}: {exc})",
                             path=str(package.path)) from None
        return dict(zip(unique, out))

    def _load(self, package: InstalledModel) -> _Loaded:
        loaded = self._loaded.get(package.path)
        if loaded is not None:
            return loaded
        import ctranslate2

        started = time.perf_counter()
        compute = self._compute()
        try:
            tokenizer = _tokenizer(package)
            try:
                translator = ctranslate2.Translator(
                    str(package.path / "model"), device="cpu", compute_type=compute, inter_threads=1,
                    intra_threads=self.threads,
                )
            except ValueError:  # e.g. int8 weights this CPU cannot run: let CTranslate2 pick
                if compute == "default":
                    raise
                log.info("%s: compute type %s unsupported, using default", package.name, compute)
                self._effective_compute = "default"
                translator = ctranslate2.Translator(
                    str(package.path / "model"), device="cpu", compute_type="default", inter_threads=1,
                    intra_threads=self.threads,
                )
        except Exception as exc:  # noqa: BLE001 - whatever the libraries raise names the package
            raise InputError(f"cannot load the model ({type(exc).__name__}: {exc})", path=str(package.path)) from None
        log.debug("loaded %s in %.2f s", package.name, time.perf_counter() - started)
        loaded = self._loaded[package.path] = _Loaded(package, translator, tokenizer)
        return loaded

    def _compute(self) -> str:
        """The requested compute type, or ``default`` when this CPU cannot run it."""
        if self._effective_compute is None:
            import ctranslate2

            wanted = self.compute_type
            supported = ctranslate2.get_supported_compute_types("cpu")
            self._effective_compute = wanted if wanted in supported or wanted in ("default", "auto") else "default"
        return self._effective_compute


def _tokenizer(package: InstalledModel) -> _Tokenizer:
    sp_model = package.path / "sentencepiece.model"
    if sp_model.is_file():
        return _SentencePiece(sp_model)
    from argostranslate.tokenizer import BPETokenizer  # imports only sentencepiece; sacremoses on first use

    bpe: _Tokenizer = BPETokenizer(package.path / "bpe.model", package.from_code, package.to_code)
    return bpe


# -- inline codes --------------------------------------------------------------------------------


def _peel(segment: str) -> _Peeled:
    """Split off codes at the edges that stand beside or wrap the whole rest of the segment."""
    codes = list(CODE_RE.finditer(segment))
    lead: list[re.Match[str]] = []
    pos = 0
    for m in codes:
        if segment[pos:m.start()].strip():
            break
        lead.append(m)
        pos = m.end()
    if len(lead) == len(codes) and not segment[pos:].strip():  # nothing but codes and spaces
        return _Peeled(segment, "", "")
    trail: list[re.Match[str]] = []
    pos = len(segment)
    for m in reversed(codes):
        if segment[m.end():pos].strip():
            break
        trail.insert(0, m)
        pos = m.start()
    n_lead, n_trail = len(lead), len(trail)
    while True:  # shrink both edges until every peeled opening code has its closing code peeled, and back
        closers = {m.group(2) for m in trail[len(trail) - n_trail:] if _kind(m) == "close"}
        new_lead = _prefix(lead[:n_lead], "open", closers)
        openers = {m.group(2) for m in lead[:new_lead] if _kind(m) == "open"}
        new_trail = _prefix(reversed(trail[len(trail) - n_trail:]), "close", openers)
        if (new_lead, new_trail) == (n_lead, n_trail):
            break
        n_lead, n_trail = new_lead, new_trail
    start = lead[n_lead - 1].end() if n_lead else 0
    end = trail[len(trail) - n_trail].start() if n_trail else len(segment)
    body = segment[start:end]
    start += len(body) - len(body.lstrip())
    end -= len(body) - len(body.rstrip())
    return _Peeled(segment[:start], segment[start:end], segment[end:])


def _kind(m: re.Match[str]) -> str:
    return "close" if m.group(1) else "empty" if m.group(3) else "open"


def _prefix(codes: Iterable[re.Match[str]], half: str, partners: set[str]) -> int:
    """How many of ``codes`` can be peeled: standalone codes, and ``half`` of a pair whose other half is peeled."""
    count = 0
    for m in codes:
        if _kind(m) != "empty" and (_kind(m) != half or m.group(2) not in partners):
            break
        count += 1
    return count


def _codes_match(source: str, output: str) -> bool:
    """Same codes, each once and properly nested (or, for a source that is itself malformed, the same codes)."""
    if check_codes(source, source).ok:
        return check_codes(source, output).ok
    return sorted(m.group(0) for m in CODE_RE.finditer(source)) == sorted(m.group(0) for m in CODE_RE.finditer(output))


def _parts(body: str) -> list[tuple[bool, str]]:
    """``body`` as (is_code, text) parts, in order."""
    parts: list[tuple[bool, str]] = []
    pos = 0
    for m in CODE_RE.finditer(body):
        if m.start() > pos:
            parts.append((False, body[pos:m.start()]))
        parts.append((True, m.group(0)))
        pos = m.end()
    if pos < len(body):
        parts.append((False, body[pos:]))
    return parts


def _text_runs(body: str) -> list[str]:
    return [text.strip() for is_code, text in _parts(body) if not is_code and text.strip()]


def _reassemble(body: str, translated: dict[str, str]) -> str:
    """The codes of ``body`` in source order, each text run between them replaced by its translation."""
    out = []
    for is_code, text in _parts(body):
        core = text.strip()
        if is_code or not core:
            out.append(text)
        else:
            out.append(text[: len(text) - len(text.lstrip())] + translated.get(core, core) + text[len(text.rstrip()):])
    return "".join(out)

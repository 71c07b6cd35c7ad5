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
always, copy through.  Every segment is decoded exactly once, per hop:

1. Codes at the very start or end of a segment that need no translation are
   peeled off and put back verbatim: standalone codes (``<2/>``) and pairs
   that wrap the rest (``<1>Whole sentence.</1>``).  Such codes are the most
   common case in news markup and then never reach the model.
2. The rest goes to the model whole, codes included, so the sentence keeps its
   context and codes can move with word order.  When a batch holds codes, the
   call also returns the cross-attention (``return_attention``; which heads
   that is was fixed when the model was converted: ``alignment_layer`` and
   ``alignment_heads``, for Argos models converted from OpenNMT-py without
   guided alignment the first head of the last decoder layer).  Asking for it
   costs no measurable time (``bench/mt_codes.py``); it is read only for the
   segments that need it.
3. If the codes of the output do not match the input (``model.check_codes``:
   each once, properly nested), they are placed again from that same
   attention (``projection.project_codes``): what is left of codes is removed
   from the output pieces, each output piece is aligned to the source piece it
   attends to most, a pair wraps the output words aligned to the words it
   wrapped, a standalone code goes before the word aligned to the word after
   it.  If the attention says nothing, the codes go in source order around the
   whole text (``projection.wrap_codes``).  Moses + BPE packages are placed the
   same way, their tokens read as pieces (``bpe_pieces``).

Why not translate such a segment again, split at its codes, as this engine
once did?  That decoded every segment that lost a code twice: in the
benchmark, whose random-weight model drops every code, 561 inputs instead of
297, and the MT stage ran at 78 % of one raw ``translate_batch`` over the same
segments.  And text runs translated alone lose their context and the
sentence's word order.  Trained models copy codes through most of the time;
when they do not, the attention of the one decode still says where the wrapped
words went.  Placement is only as good as that attention head: a code can end
up around the wrong word (the entry is fuzzy MT either way), never malformed.

The engine only returns text; comparing codes and flagging entries is done
later (``enforce.repair_codes``).
"""

from __future__ import annotations

import html
import logging
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ..errors import InputError, UsageError, one_line
from ..localize import primary_lang
from ..model import CODE_RE, check_codes
from .base import Pair, Signature
from .models import InstalledModel, list_models, version_key
from .projection import SPACE, project_codes, wrap_codes

log = logging.getLogger(__name__)

PIVOT = "en"


class _Tokenizer(Protocol):
    def encode(self, text: str) -> list[str]: ...

    def decode(self, tokens: list[str]) -> str: ...

    def pieces(self, tokens: list[str]) -> list[str]:
        """The model's tokens as SentencePiece-style pieces ("▁" starts a word), for code placement."""
        ...

    def decode_pieces(self, pieces: list[str]) -> str: ...


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
        return text.replace(SPACE, " ")

    def pieces(self, tokens: list[str]) -> list[str]:
        return tokens

    def decode_pieces(self, pieces: list[str]) -> str:
        return self.decode(pieces)


class _Bpe:
    """argostranslate's Moses + BPE tokenizer (older packages ship ``bpe.model``)."""

    def __init__(self, package: InstalledModel) -> None:
        from argostranslate.tokenizer import BPETokenizer  # imports only sentencepiece; sacremoses on first use

        self._bpe = BPETokenizer(package.path / "bpe.model", package.from_code, package.to_code)

    def encode(self, text: str) -> list[str]:
        return list(self._bpe.encode(text))

    def decode(self, tokens: list[str]) -> str:
        return str(self._bpe.decode(tokens))

    def pieces(self, tokens: list[str]) -> list[str]:
        return bpe_pieces(tokens)

    def decode_pieces(self, pieces: list[str]) -> str:
        return self.decode(bpe_tokens(pieces))


def bpe_pieces(tokens: Sequence[str]) -> list[str]:
    """Moses + BPE tokens (``Cli@@``, ``ck``, ``&lt;``) as pieces (``▁Cli``, ``ck``, ``▁<``).

    Moses splits a code into ``&lt;``, ``1``, ``&gt;``: those pieces are glued
    back together, so that the pieces spell ``<1>`` as SentencePiece's do.
    """
    pieces: list[str] = []
    glued = False
    for token in tokens:
        word = html.unescape(token.removesuffix("@@"))
        pieces.append(word if glued else SPACE + word)
        glued = token.endswith("@@")
    bare = [p.removeprefix(SPACE) for p in pieces]
    spelled = " ".join(bare) + " "  # Moses tokens hold no spaces
    for m in _MOSES_CODE.finditer(spelled):
        first = spelled.count(" ", 0, m.start())
        for k in range(first + 1, first + m.group(0).count(" ")):
            pieces[k] = bare[k]
    return pieces


_MOSES_CODE = re.compile(r"(?:^|(?<= ))< (?:/ )?\d+ (?:/ )?> ")


def bpe_tokens(pieces: Sequence[str]) -> list[str]:
    """The inverse of :func:`bpe_pieces`, for Moses detokenization."""
    tokens: list[str] = []
    for piece in pieces:
        if piece.startswith(SPACE) or not tokens:
            tokens.append(piece.removeprefix(SPACE))
        else:
            tokens[-1] += "@@"
            tokens.append(piece)
    return tokens


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


@dataclass(frozen=True)
class _Decoded:
    """One text's decode: the model's tokens in and out, the text, and (lazily) its cross-attention."""

    source: list[str]
    target: list[str]  # the target prefix removed
    text: str
    result: Any  # ctranslate2.TranslationResult: attention is read only for the few texts that need it
    skip: int  # target prefix tokens at the start of the hypothesis

    def attention(self) -> list[list[float]]:
        rows: list[list[float]] = self.result.attention[0][self.skip:] if self.result.attention else []
        return rows


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

    def close(self) -> None:
        """Release the loaded models; a later ``translate_batch`` loads them again."""
        self._loaded.clear()

    # -- what we can do ---------------------------------------------------------------------

    def packages(self) -> dict[tuple[str, str], InstalledModel]:
        """The usable package per (from, to), newest version first; read once per engine."""
        if self._packages is None:
            best: dict[tuple[str, str], InstalledModel] = {}
            for model in list_models(self.models_dir):
                if not model.ok:
                    log.warning("skipping %s: %s", one_line(str(model.path)), one_line(model.problem or ""))
                    continue
                key = (primary_lang(model.from_code), primary_lang(model.to_code))
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
        s, t = primary_lang(src), primary_lang(tgt)
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
        """One package over unique segments, one decode each; inline codes as the module docstring says."""
        peeled = [_peel(t) for t in texts]
        decoded = self._run(loaded, [p.body for p in peeled if p.body])
        done = {body: out.text for body, out in decoded.items()}
        lost = [body for body, out in decoded.items() if CODE_RE.search(body) and not _codes_match(body, out.text)]
        for body in lost:
            done[body] = _place_codes(loaded.tokenizer, body, decoded[body])
        if lost:
            log.debug("%s: %d segments lost inline codes; placed again from the attention", loaded.package.name,
                      len(lost))
        return [p.head + done.get(p.body, p.body) + p.tail if p.body else p.head for p in peeled]

    def _run(self, loaded: _Loaded, texts: Iterable[str]) -> dict[str, _Decoded]:
        """Translate texts with one ``translate_batch`` call; returns text → its decode.

        Texts without a letter (numbers, punctuation) are left out: they stay as they are.
        The cross-attention is asked for only when some text holds an inline code.
        """
        unique = list(dict.fromkeys(t for t in texts if any(ch.isalpha() for ch in t)))
        if not unique:
            return {}
        package = loaded.package
        attention = any(CODE_RE.search(t) for t in unique)
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
                return_attention=attention,
            )
            out = {}
            for text, source, result in zip(unique, tokens, results):
                hyp = list(result.hypotheses[0])
                skip = 1 if package.target_prefix and hyp[:1] == [package.target_prefix] else 0
                out[text] = _Decoded(source, hyp[skip:], loaded.tokenizer.decode(hyp[skip:]).strip(), result, skip)
        except Exception as exc:  # noqa: BLE001 - CTranslate2 and SentencePiece raise RuntimeError, ValueError...
            raise InputError(f"the model failed to translate ({type(exc).__name__}: {exc})",
                             path=str(package.path)) from None
        return out

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
    return _Bpe(package)


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


def _place_codes(tokenizer: _Tokenizer, body: str, out: _Decoded) -> str:
    """The decode of ``body`` with its codes placed by the attention (never a second decode)."""
    placed = project_codes(tokenizer.pieces(out.source), tokenizer.pieces(out.target), out.attention(),
                           decode=tokenizer.decode_pieces)
    if _codes_match(body, placed):
        return placed
    # The pieces spell the codes differently from the body (normalization): codes around the whole text.
    return wrap_codes(body, " ".join(CODE_RE.sub(" ", placed).split()))

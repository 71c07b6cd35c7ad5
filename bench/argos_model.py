"""A realistic-size Argos package built offline: random weights, but a fixed output length.

The model has the shape of Argos Translate's own models: a Transformer with
6 encoder and 6 decoder layers, d = 512, 8 heads, feed-forward 2048, a shared
SentencePiece vocabulary of several thousand pieces (trained here on the
generated corpus), int8 weights.  Its weights are random, so its output is
gibberish, and CTranslate2 does exactly the work a trained model of that size
would do per decoding step.

Fixed decoding length
---------------------
A random model stops whenever ``</s>`` happens to win, so two contenders that
batch the same sentences differently could decode different lengths, and the
faster one might just be the one that got shorter outputs.  To rule that out
the model ends every translation after exactly as many pieces as the source
has, whatever the batching, beam or caller:

* the last 64 dimensions of the hidden state are reserved; random sublayers
  read them but never write into them (their output rows there are zero);
* position encodings (a table, the same for encoder and decoder) write a
  position code into 60 of them: 15 frequencies as (cos, sin, −cos, −sin),
  zero-sum so that layer norm's mean does not move them;
* the source's ``</s>`` embedding sets one more reserved dimension, the flag;
* head 0 of the first decoder layer's cross-attention matches the decoder
  step's position code against the source positions' codes, so step ``t``
  attends source position ``t``; it copies the flag into another reserved
  dimension, which only the ``</s>`` row of the output projection reads.

So ``</s>`` wins at step ``n`` (``n`` source pieces) and never before; every
contender decodes ``n`` pieces per sentence plus ``</s>``.  :func:`check_lengths`
verifies it on real batches.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

D_MODEL = 512
HEADS = 8
FFN = 2048
LAYERS = 6
POSITIONS = 1024
RESERVED = 64  # dims [D_MODEL - RESERVED, D_MODEL)
FREQS = 15
POS0 = D_MODEL - RESERVED  # 60 position dims
FLAG = POS0 + 4 * FREQS  # 508: source </s>
COPY = FLAG + 1  # 509: cross-attention copies the flag here
RANDOM_STD = 0.02


@dataclass(frozen=True)
class BuiltModel:
    package: Path  # the .argosmodel file
    name: str
    vocab_size: int
    bytes: int


def train_sentencepiece(texts: Iterable[str], *, vocab_size: int = 8000) -> bytes:
    import sentencepiece as spm

    buf = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(texts), model_writer=buf, vocab_size=vocab_size, hard_vocab_limit=False,
        model_type="unigram", character_coverage=1.0, byte_fallback=True, num_threads=2,
        unk_id=0, bos_id=1, eos_id=2, pad_id=-1, minloglevel=2, input_sentence_size=200_000,
        shuffle_input_sentence=True,
    )
    return buf.getvalue()


def _frequencies() -> np.ndarray[Any, Any]:
    """15 angular frequencies whose kernel Σ cos(ω δ) is low for every δ in 1..400 (picked by search)."""
    rng = np.random.default_rng(1)
    deltas = np.arange(1, 401)[:, None]
    best, best_lobe = None, np.inf
    for _ in range(400):
        w = np.sort(rng.uniform(0.05, np.pi, FREQS))
        lobe = np.abs(np.cos(deltas * w).sum(axis=1)).max()
        if lobe < best_lobe:
            best, best_lobe = w, lobe
    assert best is not None
    return best


def position_table() -> np.ndarray[Any, Any]:
    w = _frequencies()
    t = np.arange(POSITIONS)[:, None] * w
    table = np.zeros((POSITIONS, D_MODEL), np.float32)
    table[:, POS0:FLAG] = np.concatenate([np.cos(t), np.sin(t), -np.cos(t), -np.sin(t)], axis=1)
    return table


def _spec(vocab: Sequence[str]) -> Any:
    from ctranslate2.specs import transformer_spec

    rng = np.random.default_rng(0)
    d, size = D_MODEL, len(vocab)

    def rand(*shape: int) -> np.ndarray[Any, Any]:
        return (rng.standard_normal(shape) * RANDOM_STD).astype(np.float32)

    def writes_free(weight: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        weight[POS0:, ...] = 0.0  # output rows of the reserved dims
        return weight

    def norm(spec: Any) -> None:
        spec.gamma = np.ones(d, np.float32)
        spec.beta = np.zeros(d, np.float32)

    spec = transformer_spec.TransformerSpec.from_config((LAYERS, LAYERS), HEADS)
    enc, dec = spec.encoder, spec.decoder
    for layer in list(enc.layer) + list(dec.layer):
        norm(layer.self_attention.layer_norm)
        norm(layer.ffn.layer_norm)
        layer.self_attention.linear[0].weight = rand(3 * d, d)
        layer.self_attention.linear[1].weight = writes_free(rand(d, d))
        layer.ffn.linear_0.weight = rand(FFN, d)
        layer.ffn.linear_1.weight = writes_free(rand(d, FFN))
    for index, layer in enumerate(dec.layer):
        att = layer.attention
        norm(att.layer_norm)
        q, kv, out = rand(d, d), rand(2 * d, d), writes_free(rand(d, d))
        if index == 0:  # head 0: position matching, copies the </s> flag
            head = d // HEADS
            q[:head] = 0.0
            kv[:head] = 0.0
            kv[d:d + head] = 0.0
            out[:, :head] = 0.0
            for i in range(4 * FREQS):
                q[i, POS0 + i] = 6.0
                kv[i, POS0 + i] = 6.0
            kv[d, FLAG] = 1.0  # value dim 0 of head 0 = the flag
            out[COPY, 0] = 1.0
        att.linear[0].weight = q
        att.linear[1].weight = kv
        att.linear[2].weight = out
    norm(enc.layer_norm)
    norm(dec.layer_norm)
    table = position_table()
    for side in (enc, dec):
        side.scale_embeddings = False
        side.position_encodings.encodings = table
    emb = rand(size, d) * 0.5
    emb[:, POS0:] = 0.0
    eos = list(vocab).index("</s>")
    src_emb = emb.copy()
    src_emb[eos, FLAG] = 2.0
    enc.embeddings[0].weight = src_emb
    dec.embeddings.weight = emb.copy()
    proj = rand(size, d)
    proj[:, POS0:] = 0.0
    proj[eos] = 0.0
    proj[eos, COPY] = 40.0
    bias = np.zeros(size, np.float32)
    bias[eos] = -20.0
    dec.projection.weight = proj
    dec.projection.bias = bias
    spec.config.add_source_eos = True
    spec.register_source_vocabulary(list(vocab))
    spec.register_target_vocabulary(list(vocab))
    spec.validate()
    return spec


def build_package(workdir: Path, texts: Iterable[str], *, from_code: str = "en", to_code: str = "ru",
                  vocab_size: int = 8000, version: str = "1.0") -> BuiltModel:
    """Train the tokenizer on ``texts``, build the model, write ``<name>.argosmodel`` into ``workdir``."""
    import sentencepiece as spm

    name = f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
    build = workdir / f"{name}.build"
    pkg = build / name
    (pkg / "model").mkdir(parents=True)
    sp_bytes = train_sentencepiece(texts, vocab_size=vocab_size)
    (pkg / "sentencepiece.model").write_bytes(sp_bytes)
    sp = spm.SentencePieceProcessor(model_proto=sp_bytes)
    vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    spec = _spec(vocab)
    spec.optimize(quantization="int8")
    spec.save(str(pkg / "model"))
    metadata = {
        "package_version": version, "argos_version": "1.11.0", "type": "translate",
        "from_code": from_code, "from_name": f"Bench {from_code}", "to_code": to_code, "to_name": f"Bench {to_code}",
        "links": [],
    }
    (pkg / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
    out = workdir / f"{name}.argosmodel"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zf:
        for path in sorted(build.rglob("*")):
            zf.write(path, path.relative_to(build).as_posix())
    return BuiltModel(out, name, len(vocab), out.stat().st_size)


def check_lengths(translator: Any, batch: Sequence[Sequence[str]], *, beam_size: int) -> list[tuple[int, int]]:
    """(source pieces, output pieces) for each sentence whose output length is not its source length."""
    results = translator.translate_batch(
        [list(b) for b in batch], beam_size=beam_size, max_batch_size=64, max_decoding_length=1024,
    )
    return [(len(src), len(r.hypotheses[0])) for src, r in zip(batch, results) if len(r.hypotheses[0]) != len(src)]

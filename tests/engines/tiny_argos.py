"""Real Argos Translate packages, built offline in a fraction of a second, for tests.

``build_package()`` writes a ``.argosmodel`` zip holding one folder
``translate-en_ru-1_0/`` with ``metadata.json``, ``sentencepiece.model`` and
``model/`` (a CTranslate2 Transformer made from numpy weights), the layout of
the packages in the Argos index.

Modes
-----
``copy``
    The decoder copies the source token by token, so the output equals the
    input through real SentencePiece and CTranslate2 inference.  ``swaps``
    (``{"police": "court"}``) turn a whole-word piece into another piece on
    the way, which gives tests a known "translation".
``random``
    Random weights: garbage output, for loading tests only.

How the copy model works
------------------------
One encoder and one decoder layer, one head, every sublayer zero except the
decoder's cross-attention.  The hidden vector is::

    [token code K | is-</s> 1 | position one-hot P | copied token code K | constant 1]

A token is embedded as a K-dimensional ±1/√K code with zero sum (nearly
orthogonal to every other code; checked at build time), not as a one-hot of the
vocabulary: the byte pieces make the vocabulary large, and codes keep the model
small (d = 2K + P + 2 whatever the vocabulary).  At decoder step t the query is
position t, the keys are the source positions (plus a bonus for ``</s>``),
the value copies the source token's code, and the output projection scores
every target token by the inner product of its code with the copied one.
``add_source_eos`` makes the source end in ``</s>``, copying it ends decoding.

SentencePiece choices
---------------------
Unigram, ``byte_fallback=True`` and ``normalization_rule_name="identity"``,
trained on text covering ASCII letters, digits and punctuation, inline codes
(``<1>``, ``</1>``, ``<2/>``), Cyrillic, Spanish letters and typographic
punctuation.  Codes are *not* user-defined symbols: they split into ordinary
pieces (``▁<``, ``1``, ``>``) as they do in real Argos models, so tests run
the engine's real code path.  Byte fallback means any other character (emoji,
CJK) still round-trips as bytes; identity normalization keeps text byte for
byte (real models use ``nmt_nfkc``).
"""

from __future__ import annotations

import io
import json
import random
import string
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import numpy as np
import sentencepiece as spm
from ctranslate2.specs import transformer_spec

CODE_DIM = 128  # K: length of a token code
MAX_POSITIONS = 256  # P: longest source the copy model handles, in pieces
MAX_COHERENCE = 0.5  # largest |<code_i, code_j>| allowed between two tokens

_EN = ("the a minister said on monday that new report city police prices rose fell court ruled war peace vote "
       "university students professor research international delegation visit agreement programme "
       "summer school news rector signed joint master online talks")
_RU = ("университет студенты профессор делегация визит соглашение новости ректор программа летняя школа "
       "сотрудничество международный подписали совместная магистратура ёлка ЁЖ")
_ES = ("universidad estudiantes profesor delegación visita acuerdo noticias rector programa escuela verano "
       "cooperación internacional firmaron máster conjunto año niño pingüino ¿qué? ¡sí!")
_CODES = ("<1>", "</1>", "<2/>", "<3>", "</3>", "<4/>")
_CHARS = [
    string.ascii_letters + string.digits + string.punctuation,
    "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "ÁÉÍÓÚÜÑ áéíóúüñ ¿¡ «» „“ ” ‘’ — – … № ° €",
]


def _corpus(extra_words: list[str]) -> list[str]:
    rng = random.Random(0)
    words = f"{_EN} {_RU} {_ES}".split() + extra_words * 4
    lines = []
    for _ in range(2500):
        picked = [rng.choice(words) for _ in range(rng.randint(3, 12))]
        lines.append(" ".join(picked).capitalize() + rng.choice(".?!;:"))
    lines += _CHARS * 20 + [" ".join(_CODES)]  # codes: their characters, not whole pieces
    return lines


def _train_tokenizer(extra_words: list[str]) -> bytes:
    buf = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(_corpus(extra_words)), model_writer=buf, vocab_size=600, hard_vocab_limit=False,
        model_type="unigram", character_coverage=1.0, byte_fallback=True, normalization_rule_name="identity",
        num_threads=1, unk_id=0, bos_id=1, eos_id=2, pad_id=-1, minloglevel=2,
    )
    return buf.getvalue()


def _token_codes(size: int) -> np.ndarray[Any, np.dtype[np.float32]]:
    """``size`` zero-sum ±1/√K codes, pairwise inner products below MAX_COHERENCE."""
    rng = np.random.default_rng(0)
    base = np.array([1.0] * (CODE_DIM // 2) + [-1.0] * (CODE_DIM // 2))
    for _ in range(20):
        codes = np.stack([rng.permutation(base) for _ in range(size)]) / np.sqrt(CODE_DIM)
        gram = codes @ codes.T
        np.fill_diagonal(gram, 0.0)
        if np.abs(gram).max() < MAX_COHERENCE:
            out: np.ndarray[Any, np.dtype[np.float32]] = codes.astype(np.float32)
            return out
    raise RuntimeError("could not draw token codes; raise CODE_DIM")


def _lin(spec: Any, weight: np.ndarray[Any, Any]) -> None:
    spec.weight = np.asarray(weight, np.float32)


def _norm(spec: Any, d: int) -> None:
    spec.gamma = np.ones(d, np.float32)
    spec.beta = np.zeros(d, np.float32)


def _copy_spec(vocab: list[str], swaps: Mapping[str, str]) -> Any:
    size = len(vocab)
    codes = _token_codes(size)
    tok, eosf = 0, CODE_DIM
    pos = eosf + 1
    cpy = pos + MAX_POSITIONS
    const = cpy + CODE_DIM
    d = const + 1
    eos = vocab.index("</s>")
    spec = transformer_spec.TransformerSpec.from_config((1, 1), 1)
    enc, dec = spec.encoder, spec.decoder

    def zeros(*shape: int) -> np.ndarray[Any, np.dtype[np.float32]]:
        return np.zeros(shape, np.float32)

    for layer in list(enc.layer) + list(dec.layer):
        _norm(layer.self_attention.layer_norm, d)
        _norm(layer.ffn.layer_norm, d)
        _lin(layer.self_attention.linear[0], zeros(3 * d, d))
        _lin(layer.self_attention.linear[1], zeros(d, d))
        _lin(layer.ffn.linear_0, zeros(8, d))
        _lin(layer.ffn.linear_1, zeros(d, 8))
    _norm(enc.layer_norm, d)
    _norm(dec.layer_norm, d)

    emb = zeros(size, d)
    emb[:, tok:tok + CODE_DIM] = codes
    emb[eos, eosf] = 1.0
    pe = zeros(MAX_POSITIONS, d)
    pe[:, pos:pos + MAX_POSITIONS] = np.eye(MAX_POSITIONS)
    for side in (enc, dec):
        side.scale_embeddings = False
        side.position_encodings.encodings = pe
    enc.embeddings[0].weight = emb
    dec.embeddings.weight = emb.copy()

    att = dec.layer[0].attention
    _norm(att.layer_norm, d)
    att.layer_norm.gamma[const] = 0.0  # the query sees a constant 1 here
    att.layer_norm.beta[const] = 1.0
    q = zeros(d, d)
    q[pos:cpy, pos:cpy] = 8 * np.eye(MAX_POSITIONS)  # decoder step t looks for source position t ...
    q[const, const] = 4 * np.sqrt(d / 2)
    k = zeros(d, d)
    k[pos:cpy, pos:cpy] = np.eye(MAX_POSITIONS)
    k[const, eosf] = 1.0  # ... and </s> gets a bonus (past the end of the source)
    v = zeros(d, d)
    v[cpy:const, tok:tok + CODE_DIM] = np.eye(CODE_DIM)  # copy the source token's code
    _lin(att.linear[0], q)
    _lin(att.linear[1], np.vstack([k, v]))
    _lin(att.linear[2], np.eye(d))

    target = list(range(size))  # source piece i comes out as target[i]
    for old, new in swaps.items():
        target[_piece(vocab, old)] = _piece(vocab, new)
    proj = zeros(size, d)
    for src, out in enumerate(target):
        proj[out, cpy:const] += 2.0 * codes[src]
    _lin(dec.projection, proj)
    spec.config.add_source_eos = True
    return spec


def _random_spec(size: int) -> Any:
    d, ff = 64, 128
    rng = np.random.default_rng(0)

    def rand(*shape: int) -> np.ndarray[Any, Any]:
        return (rng.standard_normal(shape) * 0.1).astype(np.float32)

    spec = transformer_spec.TransformerSpec.from_config((2, 2), 4)
    enc, dec = spec.encoder, spec.decoder
    for layer in list(enc.layer) + list(dec.layer):
        _norm(layer.self_attention.layer_norm, d)
        _norm(layer.ffn.layer_norm, d)
        _lin(layer.self_attention.linear[0], rand(3 * d, d))
        _lin(layer.self_attention.linear[1], rand(d, d))
        _lin(layer.ffn.linear_0, rand(ff, d))
        _lin(layer.ffn.linear_1, rand(d, ff))
    for layer in dec.layer:
        att = layer.attention
        _norm(att.layer_norm, d)
        _lin(att.linear[0], rand(d, d))
        _lin(att.linear[1], rand(2 * d, d))
        _lin(att.linear[2], rand(d, d))
    _norm(enc.layer_norm, d)
    _norm(dec.layer_norm, d)
    enc.embeddings[0].weight = rand(size, d)
    dec.embeddings.weight = rand(size, d)
    _lin(dec.projection, rand(size, d))
    return spec


def _piece(vocab: list[str], word: str) -> int:
    for candidate in ("\u2581" + word, word):
        if candidate in vocab:
            return vocab.index(candidate)
    raise ValueError(f"{word!r} is not one SentencePiece piece of the tiny model")


def build_package(
    workdir: Path,
    *,
    from_code: str = "en",
    to_code: str = "ru",
    mode: Literal["copy", "random"] = "copy",
    swaps: Mapping[str, str] | None = None,
    name: str | None = None,
    version: str = "1.0",
) -> Path:
    """Write ``<name>.argosmodel`` into ``workdir`` (which must not hold it yet) and return its path."""
    swaps = dict(swaps or {})
    name = name or f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
    out = workdir / f"{name}.argosmodel"
    build = workdir / f"{name}.build"
    if out.exists() or build.exists():
        raise FileExistsError(out)
    pkg = build / name
    (pkg / "model").mkdir(parents=True)

    sp_bytes = _train_tokenizer([w for pair in swaps.items() for w in pair])
    (pkg / "sentencepiece.model").write_bytes(sp_bytes)
    sp = spm.SentencePieceProcessor(model_proto=sp_bytes)
    vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    spec = _copy_spec(vocab, swaps) if mode == "copy" else _random_spec(len(vocab))
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(quantization="float16")
    spec.save(str(pkg / "model"))
    metadata = {
        "package_version": version, "argos_version": "1.11.0", "type": "translate",
        "from_code": from_code, "from_name": f"Test {from_code}", "to_code": to_code, "to_name": f"Test {to_code}",
        "links": [],
    }
    (pkg / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(build.rglob("*")):
            zf.write(path, path.relative_to(build).as_posix())
    return out

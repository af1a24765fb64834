"""The statistical layer: one-vs-rest logistic regression over n-grams and rule features.

The model file (goldseam/language/data/model.npz) is written by ``goldseam train`` (see
train.py) and read here with numpy alone, lazily, on first use. It holds a format version,
the hash of the corpus it was trained on, the vocabularies with their IDF weights, one weight
column per code and a decision threshold per code.
"""
from __future__ import annotations

import io
import json
import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import chain
from pathlib import Path

from goldseam.language.features import char_ngrams, word_ngrams

#: Version of the model file's layout; bump it when the layout or the features change.
FORMAT_VERSION = 1
MODEL_FILE = "model.npz"


class ModelError(RuntimeError):
    """The model file is missing, damaged or of another format version."""


@dataclass
class Model:
    """A loaded model: vocabularies, weights and thresholds (numpy arrays)."""

    meta: dict
    word_index: dict[str, tuple[int, float]]  # gram -> (column, idf)
    char_index: dict[str, tuple[int, float]]
    idf: object  # numpy array over word + char features
    weights: object  # numpy array (n_features + n_rule_features, n_codes)
    bias: object  # numpy array (n_codes,)
    thresholds: dict[str, float]

    @property
    def codes(self) -> list[str]:
        return list(self.meta["codes"])

    @property
    def rule_features(self) -> list[str]:
        return list(self.meta["rule_features"])

    def vector(self, norm_text: str, rule_feats: dict[str, float]) -> tuple[list[int], list[float]]:
        """Return the sparse (indices, values) feature vector of one message."""
        indices: list[int] = []
        values: list[float] = []
        log = math.log
        for grams, index in ((word_ngrams(norm_text), self.word_index),
                             (char_ngrams(norm_text), self.char_index)):
            counts = Counter(grams)
            # Known grams only, in first-seen order: looked up in one pass, not one call each.
            known = [(e, c) for e, c in zip(map(index.get, counts), counts.values(), strict=True)
                     if e is not None]
            block_i = [entry[0] for entry, _ in known]
            # sublinear tf (1 + log count) times idf, as in training
            block_v = [entry[1] if count == 1 else (1.0 + log(count)) * entry[1]
                       for entry, count in known]
            scale = 1.0 / (math.hypot(*block_v) or 1.0)
            indices.extend(block_i)
            values.extend([v * scale for v in block_v])
        base = len(self.word_index) + len(self.char_index)
        rule_scale = float(self.meta.get("rule_scale", 1.0))
        for k, name in enumerate(self.rule_features):
            value = rule_feats.get(name, 0.0)
            if value:
                indices.append(base + k)
                values.append(value * rule_scale)
        return indices, values

    def probabilities(self, vectors: list[tuple[list[int], list[float]]]) -> list[dict[str, float]]:
        """Return, for each sparse vector, the probability of every code."""
        import numpy as np

        if not vectors:
            return []
        lengths = np.array([len(i) for i, _ in vectors])
        total = int(lengths.sum())
        flat_i = np.fromiter(chain.from_iterable(i for i, _ in vectors), np.int64, total)
        flat_v = np.fromiter(chain.from_iterable(v for _, v in vectors), np.float32, total)
        products = self.weights[flat_i] * flat_v[:, None]
        # Sum each message's rows; empty vectors keep the bias alone.
        z = np.tile(self.bias, (len(vectors), 1))
        nonempty = lengths > 0
        if nonempty.any():
            starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))[nonempty]
            z[nonempty] += np.add.reduceat(products, starts, axis=0)
        probs = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        codes = self.codes
        return [dict(zip(codes, map(float, row))) for row in probs]


def default_path() -> Path:
    """Return the path of the model file shipped in the package."""
    return Path(str(resources.files("goldseam.language").joinpath("data", MODEL_FILE)))


def load(path: str | Path | None = None) -> Model:
    """Read a model file; raise ModelError with what to do when it cannot be used."""
    import numpy as np

    path = Path(path) if path else default_path()
    if not path.exists():
        raise ModelError(f"no model file at {path}: run `goldseam train` to build it")
    try:
        with np.load(io.BytesIO(path.read_bytes()), allow_pickle=False) as data:
            meta = json.loads(bytes(data["meta"]).decode("utf-8"))
            if meta.get("format_version") != FORMAT_VERSION:
                raise ModelError(
                    f"model file {path} has format {meta.get('format_version')}, this engine "
                    f"reads format {FORMAT_VERSION}: run `goldseam train` to rebuild it"
                )
            words = bytes(data["word_vocab"]).decode("utf-8").split("\n")
            chars = bytes(data["char_vocab"]).decode("utf-8").split("\n")
            idf = data["idf"].astype(np.float64).tolist()
            n_word = len(words)
            model = Model(
                meta=meta,
                word_index={w: (i, idf[i]) for i, w in enumerate(words) if w},
                char_index={c: (n_word + i, idf[n_word + i]) for i, c in enumerate(chars) if c},
                idf=data["idf"].astype(np.float32),
                weights=data["weights"].astype(np.float32),
                bias=data["bias"].astype(np.float32),
                thresholds=dict(meta["thresholds"]),
            )
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"model file {path} cannot be read ({exc}): run `goldseam train`") from exc
    return model


@lru_cache(maxsize=1)
def shipped() -> Model | None:
    """Return the shipped model, or None when the package carries none."""
    try:
        return load()
    except ModelError:
        return None

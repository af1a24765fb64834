"""Read the safety flags of a message: broad rule frames, then a small statistical check.

The flags (``self_harm``, ``violence``, ``coercion``; contract section 1) are separate from
the codes and lean towards recall. Two layers decide them:

1. the rules of data/safety.toml: subject/verb/object and threat frames written as regexes,
   with figures of speech and sentence vetoes (fiction, sport, jokes, doctors' orders) that
   drop a match;
2. a logistic regression per flag over word and character n-grams (data/safety_model.npz),
   read with numpy alone on first use; a flag is raised when the rules fire OR the model's
   probability reaches its threshold, chosen by cross-validation for recall.

``python -m goldseam.language.safety train`` rebuilds the model file reproducibly from
data/safety/tune.jsonl, data/safety/extra_train.jsonl and the unflagged training corpus
data/messages/train.jsonl (needs scikit-learn); data/safety/heldout.jsonl is never read.
"""
from __future__ import annotations

import io
import json
import math
import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from goldseam.language.features import char_ngrams, word_ngrams
from goldseam.language.lexicon import read_data
from goldseam.language.normalize import Normalized
from goldseam.language.types import SAFETY_FLAGS, Span

_MACRO = re.compile(r"\{([A-Z0-9_]+)\}")
# Sentence ends for the vetoes: a veto speaks for its own sentence only.
_SENTENCE_END = re.compile(r"[.?!\n]+")
MODEL_FILE = "safety_model.npz"
#: Version of the safety model file's layout; bump it when the layout or features change.
FORMAT_VERSION = 1


@dataclass(frozen=True)
class FlagRules:
    """The compiled patterns, figures of speech and sentence vetoes of one flag."""

    patterns: re.Pattern[str] | None
    figures: re.Pattern[str] | None
    vetoes: re.Pattern[str] | None


def _compile(items: list[str], macros: dict[str, str]) -> re.Pattern[str] | None:
    if not items:
        return None
    expanded = (_MACRO.sub(lambda m: macros[m.group(1)], p) for p in items)
    return re.compile("|".join(f"(?:{p})" for p in expanded))


@lru_cache(maxsize=1)
def flag_rules() -> dict[str, FlagRules]:
    """Return the compiled rules of every safety flag from data/safety.toml."""
    data = tomllib.loads(read_data("safety.toml"))
    macros = data.get("macros", {})
    return {
        flag: FlagRules(
            _compile(data[flag].get("patterns", []), macros),
            _compile(data[flag].get("figures", []), macros),
            _compile(data[flag].get("vetoes", []), macros),
        )
        for flag in SAFETY_FLAGS
    }


def _sentence_bounds(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        bounds.append((start, m.end()))
        start = m.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def rule_matches(text: str) -> dict[str, list[tuple[int, int]]]:
    """Return, per flag, the normalised ranges where a rule fires and nothing drops it."""
    found: dict[str, list[tuple[int, int]]] = {}
    sentences = None
    for flag, rules in flag_rules().items():
        if rules.patterns is None:
            continue
        hits = [m.span() for m in rules.patterns.finditer(text)]
        if not hits:
            continue
        if rules.figures is not None:
            figures = [m.span() for m in rules.figures.finditer(text)]
            hits = [h for h in hits if not any(a <= h[0] and h[1] <= b for a, b in figures)]
        if hits and rules.vetoes is not None:
            sentences = sentences or _sentence_bounds(text)
            vetoed = [(a, b) for a, b in sentences if rules.vetoes.search(text, a, b)]
            hits = [h for h in hits if not any(a <= h[0] < b for a, b in vetoed)]
        if hits:
            found[flag] = hits
    return found


@dataclass
class SafetyModel:
    """A loaded safety model: one weight column and threshold per flag over shared n-grams."""

    flags: list[str]
    index: dict[str, int]
    idf: object  # numpy array (n_features,)
    weights: object  # numpy array (n_features, n_flags)
    bias: object  # numpy array (n_flags,)
    thresholds: object  # numpy array (n_flags,)
    meta: dict

    def probabilities(self, norm_text: str) -> dict[str, float]:
        """Return each flag's probability for one normalised text."""
        import numpy as np

        counts = Counter(gram for gram in _grams(norm_text) if gram in self.index)
        if not counts:
            scores = self.bias
        else:
            cols = np.fromiter((self.index[g] for g in counts), dtype=np.int64)
            tf = np.fromiter((1.0 + math.log(c) for c in counts.values()), dtype=np.float64)
            values = tf * self.idf[cols]
            values /= np.sqrt(values @ values) or 1.0
            scores = values @ self.weights[cols] + self.bias
        probs = 1.0 / (1.0 + np.exp(-scores))
        return dict(zip(self.flags, probs.tolist(), strict=True))

    def flags_of(self, norm_text: str) -> list[str]:
        """Return the flags whose probability reaches its threshold."""
        probs = self.probabilities(norm_text)
        return [f for f, t in zip(self.flags, self.thresholds.tolist(), strict=True)
                if probs[f] >= t]


def _grams(text: str) -> list[str]:
    """Return the word and character n-grams the safety model weighs, tagged by kind."""
    return [f"w:{g}" for g in word_ngrams(text)] + [f"c:{g}" for g in char_ngrams(text)]


@lru_cache(maxsize=1)
def load_model() -> SafetyModel | None:
    """Return the shipped safety model, or None when no model file is shipped."""
    import numpy as np

    path = resources.files("goldseam.language").joinpath("data", MODEL_FILE)
    if not path.is_file():
        return None
    with np.load(io.BytesIO(path.read_bytes()), allow_pickle=False) as data:
        meta = json.loads(str(data["meta"]))
        if meta.get("format") != FORMAT_VERSION:
            return None
        vocab = json.loads(str(data["vocab"]))
        return SafetyModel(
            flags=list(meta["flags"]),
            index={g: i for i, g in enumerate(vocab)},
            idf=data["idf"],
            weights=data["weights"],
            bias=data["bias"],
            thresholds=data["thresholds"],
            meta=meta,
        )


def find_safety(norm: Normalized, use_model: bool = True) -> tuple[list[str], list[Span]]:
    """Return the safety flags of a normalised message and the spans that raised them.

    A flag raised by the model alone has a span over the whole message: the model weighs
    the message as a whole, not a range of it.
    """
    matches = rule_matches(norm.text)
    extra: list[str] = []
    if use_model and norm.text.strip():
        model = load_model()
        if model is not None:
            extra = [f for f in model.flags_of(norm.text) if f not in matches]
    flags, spans = [], []
    for flag in SAFETY_FLAGS:
        if flag in matches:
            flags.append(flag)
            spans.extend(Span(flag, *norm.span(a, b)) for a, b in matches[flag])
        elif flag in extra:
            flags.append(flag)
            spans.append(Span(flag, *norm.span(0, len(norm.text))))
    return flags, spans

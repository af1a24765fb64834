"""The ensemble engine: a per-code stacker over the rules layer's scores and the semantic heads.

For each code a two-feature logistic regression weighs the rules engine's confidence against
the semantic head's probability. It is fitted on the train split only, on out-of-fold
predictions of both layers (a layer scoring the very messages it was trained on would look
more certain than it is and win every weighting). Its threshold is the one that maximises the
code's F1 on the stacker's own cross-validated predictions, again on train. Dev is never read.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

from goldseam.language import semantic, semantic_safety
from goldseam.language.files import write_atomic
from goldseam.language.types import CODES, NEUTRAL, Analysis

STACKER_FILE = semantic.DATA_DIR / "stacker.json"
FORMAT_VERSION = 1
#: Probabilities are clipped before the logit so a rules score of exactly 0 or 1 stays finite.
EPS = 1e-4

RulesScorer = Callable[[list[dict]], np.ndarray]


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, EPS, 1 - EPS)
    return np.log(p / (1 - p))


def features(rules_scores: np.ndarray, semantic_probs: np.ndarray, j: int) -> np.ndarray:
    """Return the stacker's (n, 2) inputs for code ``j``: both layers' logits."""
    return np.column_stack([_logit(rules_scores[:, j]), _logit(semantic_probs[:, j])])


def scores_matrix(analyses: Sequence[Analysis]) -> np.ndarray:
    """Return the (n, 13) matrix of each analysis's per-code ``scores`` (0 where absent)."""
    out = np.zeros((len(analyses), len(CODES)))
    for i, analysis in enumerate(analyses):
        for j, code in enumerate(CODES):
            out[i, j] = float(analysis.scores.get(code, 0.0))
    return out


def rules_out_of_fold(records: list[dict]) -> tuple[np.ndarray, str]:
    """Return the rules engine's scores for train messages, out of fold, and how they were made.

    The rules engine's scores are its statistical layer's probabilities, and that layer was
    trained on these very messages; so the layer is refitted on four folds and scores the
    fifth, with goldseam.language.train's own design and fitting functions (the safety files'
    coded messages are on the fitting side of every fold, as in the shipped layer). If that
    module's internals are not there, the in-sample scores are used and the note says so.
    """
    try:
        from goldseam.language.train import _design, _fit, _transform
    except ImportError:
        return _in_sample(records), "in-sample"
    from sklearn.model_selection import KFold

    from goldseam.language.safety import coded_rows

    texts, rule_feats, labels = _design(records)
    # The shipped layer also learns from the safety files' coded messages; so does each fold.
    extra = coded_rows(semantic.REPO_ROOT)
    extra_texts, extra_feats, extra_labels = (
        _design(extra) if extra else ([], [], np.zeros((0, len(CODES)), dtype=int))
    )
    rule_names = sorted({name for f in rule_feats + extra_feats for name in f})
    out = np.zeros(labels.shape, dtype=np.float64)
    folds = KFold(n_splits=semantic.FOLDS, shuffle=True, random_state=semantic.SEED)
    for fit, held in folds.split(texts):
        word_vec, char_vec, classifiers, _ = _fit(
            [texts[i] for i in fit] + extra_texts,
            [rule_feats[i] for i in fit] + extra_feats,
            np.vstack([labels[fit], extra_labels]),
            rule_names,
        )
        x_held = _transform(
            word_vec, char_vec, [texts[i] for i in held], [rule_feats[i] for i in held], rule_names
        )
        for k, classifier in enumerate(classifiers):
            out[held, k] = classifier.predict_proba(x_held)[:, 1]
    return out, "out-of-fold"


def _in_sample(records: list[dict]) -> np.ndarray:
    from goldseam.language import engines

    analyses = engines.get_engine("rules").analyze_many([r["text"] for r in records])
    return scores_matrix(analyses)


def _fit_code(x: np.ndarray, y: np.ndarray):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=1.0, class_weight="balanced", random_state=semantic.SEED).fit(x, y)


def fit_stacker(rules_scores: np.ndarray, semantic_probs: np.ndarray, y: np.ndarray) -> dict:
    """Fit one stacker per code and return its weights and thresholds as a plain dict."""
    from sklearn.model_selection import StratifiedKFold

    weights, thresholds, cv_f1 = [], [], []
    held_all = np.zeros(y.shape, dtype=np.float64)
    for j in range(len(CODES)):
        x, target = features(rules_scores, semantic_probs, j), y[:, j]
        if target.sum() < semantic.FOLDS or (len(target) - target.sum()) < semantic.FOLDS:
            weights.append([0.0, 0.0, -20.0 if target.sum() == 0 else 20.0])
            thresholds.append(0.5)
            cv_f1.append(0.0)
            continue
        held_probs = np.zeros(len(target))
        folds = StratifiedKFold(semantic.FOLDS, shuffle=True, random_state=semantic.SEED)
        for fit, held in folds.split(x, target):
            held_probs[held] = _fit_code(x[fit], target[fit]).predict_proba(x[held])[:, 1]
        held_all[:, j] = held_probs
        threshold, f1 = semantic.best_threshold(target, held_probs)
        model = _fit_code(x, target)
        coef, intercept = model.coef_[0], model.intercept_[0]
        weights.append([float(coef[0]), float(coef[1]), float(intercept)])
        thresholds.append(threshold)
        cv_f1.append(f1)
    fallback = semantic.fit_fallback(y, held_all, np.asarray(thresholds))
    return {
        "neutral_fallback": fallback,
        "weights": [[round(w, 6) for w in row] for row in weights],
        "thresholds": [round(t, 4) for t in thresholds],
        "cv_macro_f1": round(float(np.mean(cv_f1)), 4),
    }


def train_ensemble(
    paths: Iterable[Path] | None = None,
    out: Path = STACKER_FILE,
    heads_path: Path = semantic.HEADS_FILE,
    rules_scorer: Callable[[list[dict]], tuple[np.ndarray, str]] = rules_out_of_fold,
    semantic_oof: np.ndarray | None = None,
    dump: Path | None = None,
) -> dict:
    """Fit the stacker on the train split and write it to ``out``; return a summary.

    Needs the semantic heads (``train_semantic``) and the rules model to exist already; call it
    after both from ``goldseam train``. ``semantic_oof`` are the heads' out-of-fold
    probabilities as ``train_semantic`` cross-fitted them (encoder adapter included); without
    them the heads are refitted out of fold on the current encoder's vectors, which is honest
    only for an encoder that was not fitted to these messages. With ``dump``, the stacker's
    inputs (both layers' out-of-fold scores and the labels) are saved there as .npz, so other
    stackers can be compared on them without retraining the layers.
    """
    records = semantic.train_records(paths)
    heads = semantic.Heads.from_file(heads_path)
    y = semantic.label_matrix(records)
    if semantic_oof is None:
        precision = str(heads.meta.get("precision", "bf16"))
        x = semantic.get_embedder(precision).encode([r["text"] for r in records])
        c = float(heads.meta.get("C", 1.0))
        semantic_oof = np.column_stack(
            [semantic.out_of_fold(x, y[:, j], c) for j in range(len(CODES))]
        )
    rules_scores, rules_note = rules_scorer(records)
    if dump is not None:
        np.savez_compressed(dump, rules=rules_scores, semantic=semantic_oof, y=y)
    fitted = fit_stacker(rules_scores, semantic_oof, y)
    payload = {
        "format": "goldseam-ensemble-stacker",
        "format_version": FORMAT_VERSION,
        "codes": list(CODES),
        "corpus_sha256": semantic.corpus_hash(records),
        "heads_sha256": hashlib.sha256(heads_path.read_bytes()).hexdigest(),
        "rules_scores": rules_note,
        "train_messages": len(records),
        **fitted,
    }
    write_atomic(out, json.dumps(payload, indent=1, sort_keys=True) + "\n")
    return {"path": str(out), "cv_macro_f1": fitted["cv_macro_f1"], "rules_scores": rules_note}


class EnsembleEngine:
    """Codes messages by the fitted blend of rules and semantic scores."""

    name = "ensemble"

    def __init__(self, path: Path = STACKER_FILE, heads_path: Path = semantic.HEADS_FILE) -> None:
        self.semantic = semantic.SemanticEngine(heads_path)
        if not path.is_file():
            raise semantic.HeadsUnavailableError(
                f"The ensemble's stacker is missing ({path}). Build it with: "
                "goldseam train --engine ensemble"
            )
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format_version") != FORMAT_VERSION or data.get("codes") != list(CODES):
            raise semantic.HeadsUnavailableError(
                f"{path} is a stacker of format version {data.get('format_version')!r}; this "
                f"Goldseam reads version {FORMAT_VERSION}. Rebuild it with: goldseam train"
            )
        if data.get("heads_sha256") != hashlib.sha256(heads_path.read_bytes()).hexdigest():
            raise semantic.HeadsUnavailableError(
                f"The stacker in {path} was fitted on other semantic heads than {heads_path}. "
                "Rebuild both with: goldseam train --engine ensemble"
            )
        self.weights = np.asarray(data["weights"], dtype=np.float64)
        self.thresholds = np.asarray(data["thresholds"], dtype=np.float64)
        self.fallback = data.get("neutral_fallback")
        self.embedder = self.semantic.embedder

    def combine(self, rules_scores: np.ndarray, semantic_probs: np.ndarray) -> np.ndarray:
        """Return the (n, 13) stacked probabilities."""
        out = np.zeros_like(semantic_probs, dtype=np.float64)
        for j in range(len(CODES)):
            x = features(rules_scores, semantic_probs, j)
            z = x @ self.weights[j, :2] + self.weights[j, 2]
            out[:, j] = 1.0 / (1.0 + np.exp(-z))
        return out

    def analyze_many(self, texts: Sequence[str]) -> list[Analysis]:
        """Analyse ``texts`` in order; unreadable ones carry the rules layer's error."""
        base = semantic.rules_engine().analyze_many(list(texts))
        readable = [i for i, a in enumerate(base) if a.error is None]
        texts = [base[i].text for i in readable]
        vectors = self.semantic.embed(texts)
        semantic_probs = self.semantic.probabilities(texts, vectors)
        stacked = self.combine(scores_matrix([base[i] for i in readable]), semantic_probs)
        out = list(base)
        for row, i in enumerate(readable):
            scores = {c: round(float(stacked[row, j]), 4) for j, c in enumerate(CODES)}
            codes = semantic.decide_codes(stacked[row], self.thresholds, self.fallback)
            if base[i].warnings and base[i].codes == [NEUTRAL]:
                codes = [NEUTRAL]  # the rules could not read it: no guess
            out[i] = semantic.merge_with_rules(base[i], codes, scores)
        # The safety heads may add flags the rules layer missed; they never remove one.
        semantic_safety.add_flags(out, readable, vectors)
        return out

    def analyze(self, text: str) -> Analysis:
        """Analyse one message."""
        return self.analyze_many([text])[0]

    def catalogue(self) -> semantic.Catalogue:
        """Return the semantic engine's emotion and need catalogue."""
        return self.semantic.catalogue()

    def reframe(self, text: str) -> list[str]:
        """Return up to 3 suggestions for a cycle-feeding message, best first; [] otherwise."""
        return semantic.reframe_with(self, text)


def _register() -> None:
    from goldseam.language.engines import register_engine

    register_engine("ensemble", EnsembleEngine)


_register()

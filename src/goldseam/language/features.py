"""Turn a normalised message into the n-grams the statistical layer weighs.

Training (train.py, through scikit-learn) and reading (model.py, through numpy alone) call the
same two functions, so the features a model was fitted on are exactly those it later sees.
"""
from __future__ import annotations

import itertools
import re

_WORDS = re.compile(r"[a-z0-9']+|[?!]")
#: Character n-gram lengths: short enough to catch "u", "rn", stems and typos, long enough
#: to catch "sorry if", "you al(ways)".
CHAR_MIN, CHAR_MAX = 2, 5


def word_ngrams(text: str) -> list[str]:
    """Return the word unigrams and bigrams of a normalised text, "?" and "!" as words."""
    words = _WORDS.findall(text)
    grams = list(words)
    grams.extend(f"{a} {b}" for a, b in itertools.pairwise(words))
    if words:
        grams.append(f"<s> {words[0]}")
    return grams


def char_ngrams(text: str) -> list[str]:
    """Return the character n-grams of each word of a normalised text, padded by spaces."""
    grams: list[str] = []
    for word in _WORDS.findall(text):
        padded = f" {word} "
        size = len(padded)
        grams += [
            padded[i : i + n]
            for n in range(CHAR_MIN, min(CHAR_MAX, size) + 1)
            for i in range(size - n + 1)
        ]
    return grams

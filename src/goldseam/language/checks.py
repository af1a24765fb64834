"""Check a message before reading it: the bad-input rules every engine shares.

- empty or whitespace-only text, text over MAX_TEXT_CHARS, or control characters (other than
  tab and newline): an error, the message is not read;
- emoji only (symbols, no letters or digits): read as ``neutral`` with the warning
  "emoji only" (emoji carry too little to code, and guessing from an eye-roll alone would be a
  guess); punctuation alone ("...") is read normally, since silence can be withdrawal;
- not English (mostly non-Latin letters, or more function words of another language than of
  English, per data/languages.toml): read as ``neutral`` with the warning "not English", no
  codes guessed.
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import lru_cache

from goldseam.language.lexicon import read_data
from goldseam.language.types import MAX_TEXT_CHARS, NEUTRAL, Analysis

_LETTERS = re.compile(r"[^\W\d_]+", re.UNICODE)
#: Unicode category Cc (C0 and C1 controls and DEL) except tab, newline and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ALNUM = re.compile(r"[^\W_]")
#: Shorter messages are too short to judge their language; they are read as English.
MIN_WORDS_FOR_LANGUAGE_CHECK = 4
#: Foreign function words needed (and outnumbering English ones) to call a text not English.
MIN_FOREIGN_WORDS = 2
MESSAGES = {
    "not_string": "'text' must be a string",
    "empty": "the text is empty: write something for the engine to read",
    "too_long": "the text is {n} characters long; the engine reads at most {max} characters",
    "control": "the text contains control characters (code {code}); remove them and try again",
    "emoji_only": "emoji only: there are no words to read, so the message is read as neutral",
    "not_english": "not English: the engine reads English only and does not guess",
}


def check_text(text: object) -> Analysis | None:
    """Return an Analysis (error or warned neutral) when ``text`` is not read normally."""
    if not isinstance(text, str):
        return Analysis(text="", error=MESSAGES["not_string"])
    if not text.strip():
        return Analysis(text=text, error=MESSAGES["empty"])
    if len(text) > MAX_TEXT_CHARS:
        return Analysis(
            text="", error=MESSAGES["too_long"].format(n=len(text), max=MAX_TEXT_CHARS)
        )
    control = _CONTROL.search(text)
    if control is not None:
        return Analysis(text=text, error=MESSAGES["control"].format(code=ord(control.group())))
    if not _ALNUM.search(text) and any(_is_symbol(ch) for ch in text):
        return Analysis(
            text=text, codes=[NEUTRAL], warnings=[MESSAGES["emoji_only"]], scores={NEUTRAL: 1.0}
        )
    if not reads_as_english(_LETTERS.findall(text.lower())):
        return Analysis(
            text=text, codes=[NEUTRAL], warnings=[MESSAGES["not_english"]],
            scores={NEUTRAL: 1.0},
        )
    return None


def _is_symbol(ch: str) -> bool:
    return unicodedata.category(ch) == "So" or 0x1F000 <= ord(ch) <= 0x1FAFF


@lru_cache(maxsize=1)
def _stopwords() -> dict[str, frozenset[str]]:
    data = tomllib.loads(read_data("languages.toml"))["stopwords"]
    return {lang: frozenset(words) for lang, words in data.items()}


def reads_as_english(words: list[str]) -> bool:
    """Tell whether a message's lowercase words look English enough to read."""
    if not words:
        return True
    latin = sum(1 for w in words if all(ord(c) < 0x250 for c in w))
    if latin < len(words) / 2:
        return False
    if len(words) < MIN_WORDS_FOR_LANGUAGE_CHECK:
        return True
    lists = _stopwords()
    english = sum(1 for w in words if w in lists["english"])
    foreign = max(
        sum(1 for w in words if w in stop) for lang, stop in lists.items() if lang != "english"
    )
    return not (foreign >= MIN_FOREIGN_WORDS and foreign > english)

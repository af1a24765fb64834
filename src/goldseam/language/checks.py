"""Check a message before reading it: the bad-input rules every engine shares.

- empty or whitespace-only text, text over MAX_TEXT_CHARS, or control characters (other than
  tab and newline): an error, the message is not read;
- emoji only: read as ``neutral`` with the warning "emoji only" (emoji carry too little to
  code, and guessing from an eye-roll alone would be a guess);
- not English (too few common English words among its words): read as ``neutral`` with the
  warning "not English", no codes guessed.
"""
from __future__ import annotations

import re
import unicodedata

from goldseam.language.types import MAX_TEXT_CHARS, NEUTRAL, Analysis

_LETTERS = re.compile(r"[^\W\d_]+", re.UNICODE)
#: Common English function words and texting forms: a message of four or more words with
#: none of them, or mostly non-Latin letters, is treated as not English.
ENGLISH_WORDS = frozenset(
    ["i", "me", "my", "you", "your", "u", "ur", "we", "us", "our", "he", "she", "they", "him", "her", "them", "it", "its", "the", "a", "an", "and", "or", "but", "not", "no", "yes", "is", "are", "was", "were", "be", "been", "am", "do", "does", "did", "have", "has", "had", "will", "would", "can", "could", "should", "to", "of", "in", "on", "at", "for", "with", "about", "from", "this", "that", "what", "why", "who", "where", "when", "how", "so", "just", "im", "dont", "cant", "wont", "didnt", "youre", "ok", "okay", "please", "sorry", "thanks", "love", "like", "want", "need", "know", "feel", "felt", "think", "said", "tell", "told", "never", "always", "again", "now", "right", "really", "all", "one"]
)
MIN_WORDS_FOR_LANGUAGE_CHECK = 4
MESSAGES = {
    "empty": "the text is empty: write something for the engine to read",
    "too_long": "the text is {n} characters long; the engine reads at most {max} characters",
    "control": "the text contains control characters (code {code}); remove them and try again",
    "emoji_only": "emoji only",
    "not_english": "not English: the engine reads English only and does not guess",
}


def check_text(text: object) -> Analysis | None:
    """Return an Analysis (error or warned neutral) when ``text`` is not read normally."""
    if not isinstance(text, str):
        return Analysis(text="", error="'text' must be a string")
    if not text.strip():
        return Analysis(text=text, error=MESSAGES["empty"])
    if len(text) > MAX_TEXT_CHARS:
        return Analysis(
            text="", error=MESSAGES["too_long"].format(n=len(text), max=MAX_TEXT_CHARS)
        )
    for ch in text:
        if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r":
            return Analysis(text=text, error=MESSAGES["control"].format(code=ord(ch)))
    if not any(ch.isalnum() for ch in text):
        return Analysis(
            text=text, codes=[NEUTRAL], warnings=[MESSAGES["emoji_only"]], scores={NEUTRAL: 1.0}
        )
    words = _LETTERS.findall(text)
    if len(words) >= MIN_WORDS_FOR_LANGUAGE_CHECK:
        latin = sum(1 for w in words if w.isascii())
        english = sum(1 for w in words if w.lower().replace("'", "") in ENGLISH_WORDS
                      or w.lower() in ENGLISH_WORDS)
        if latin < len(words) / 2 or english == 0:
            return Analysis(
                text=text, codes=[NEUTRAL], warnings=[MESSAGES["not_english"]],
                scores={NEUTRAL: 1.0},
            )
    return None

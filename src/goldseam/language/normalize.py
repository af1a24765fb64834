"""Normalise a message for matching while keeping a map back to the original offsets.

Patterns run on a lowercase text with texting shorthand expanded ("u" -> "you", "rn" ->
"right now"), missing apostrophes restored ("dont" -> "don't"), curly quotes straightened,
stretched letters shortened ("soooo" -> "so") and emoji read as words. Every character of the
normalised text remembers the original range it came from, so a span found in the normalised
text can be reported in the original string's offsets.
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_TOKEN = re.compile(r"[A-Za-z0-9']+|\s+|.", re.DOTALL)
#: Three or more of the same letter: stretched for emphasis ("sooo", "pleeease").
_STRETCHED = re.compile(r"([a-z])\1{2,}")
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u02bc": "'", "`": "'",
           "\u201c": '"', "\u201d": '"', "\u2014": " - ", "\u2013": " - ", "\u2026": "..."}
#: Words after "ur" that show it stands for "you're", not "your".
_YOURE_NEXT = frozenset(
    [
        "always", "never", "so", "such", "not", "being", "a", "an", "the", "just",
        "lying", "right", "wrong", "kidding", "joking", "overreacting", "pathetic",
        "unbelievable", "crazy", "selfish", "literally", "still", "only", "really",
        "too"
    ]
)
#: Words after "ill" that show it stands for "i'll" ("ill call u later").
_ILL_NEXT = frozenset(
    [
        "call", "text", "tell", "show", "be", "do", "make", "stop", "try", "send",
        "come", "go", "check", "get", "delete", "block", "never", "always", "give",
        "let", "talk", "pick", "leave", "see", "message", "ring", "start", "change",
        "keep"
    ]
)


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    data = resources.files("goldseam.language").joinpath("data")
    words = tomllib.loads(data.joinpath("texting.toml").read_text("utf-8"))["words"]
    emoji = tomllib.loads(data.joinpath("emoji.toml").read_text("utf-8"))["emoji"]
    return words, emoji


@dataclass(frozen=True)
class Normalized:
    """A normalised text with, for each of its characters, the original [start, end)."""

    original: str
    text: str
    starts: Sequence[int]
    ends: Sequence[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Return the original offsets of the normalised range [start, end)."""
        if not self.text:
            return 0, 0
        start = max(0, min(start, len(self.text) - 1))
        end = max(start + 1, min(end, len(self.text)))
        return self.starts[start], self.ends[end - 1]


def _is_emoji(ch: str) -> bool:
    if len(ch) != 1:  # a run of whitespace ("\n\n", two spaces) arrives as one token
        return False
    cat = unicodedata.category(ch)
    return cat == "So" or 0x1F000 <= ord(ch) <= 0x1FAFF


_ODD = re.compile(r"([A-Za-z])\1\1|\s\s|[^\x20-\x7e\n]|`")
_PLAIN_WORD = re.compile(r"[a-z0-9']+")


def _needs_work(text: str, low: str) -> bool:
    """Tell whether the slow path would rewrite anything: stretched letters, runs of spaces,
    characters outside printable ASCII, or a word of the shorthand table."""
    if _ODD.search(text):
        return True
    words = _tables()[0]
    return any(w in words or w in ("ur", "ill") for w in _PLAIN_WORD.findall(low))


def normalize(text: str) -> Normalized:
    """Return ``text`` normalised for matching, with its offset map to the original."""
    low = text.lower()
    if not _needs_work(text, low):
        # Plain ASCII with nothing to rewrite: lowercasing keeps every offset in place.
        return Normalized(text, low, range(len(text)), range(1, len(text) + 1))
    words, emoji = _tables()
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []

    def emit(piece: str, start: int, end: int) -> None:
        out.append(piece)
        starts.extend([start] * len(piece))
        ends.extend([end] * len(piece))

    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    words_only = [t[0].lower() for t in tokens if t[0][:1].isalnum() or t[0][:1] == "'"]
    word_index = 0
    for raw, start, end in tokens:
        if raw[:1].isalnum() or raw[:1] == "'":
            low = raw.lower()
            nxt = words_only[word_index + 1] if word_index + 1 < len(words_only) else ""
            word_index += 1
            low = _STRETCHED.sub(r"\1", low) if _STRETCHED.search(low) else low
            if low == "ur" and (nxt in _YOURE_NEXT or nxt.endswith("ing")):
                emit("you're", start, end)
            elif low == "ill" and nxt in _ILL_NEXT:
                emit("i'll", start, end)
            elif low in words:
                emit(words[low], start, end)
            elif low != raw.lower():
                emit(low, start, end)
            elif len(low) == len(raw):
                out.append(low)  # one to one: each character keeps its own offset
                starts.extend(range(start, end))
                ends.extend(range(start + 1, end + 1))
            else:
                for i, ch in enumerate(raw):
                    emit(ch.lower()[:1] or ch, start + i, start + i + 1)
        elif raw in _QUOTES:
            emit(_QUOTES[raw], start, end)
        elif raw in emoji:
            emit(f" {emoji[raw]} ", start, end)
        elif raw == "\ufe0f" or raw == "\u200d":
            continue  # variation selectors and joiners glue emoji; they carry no meaning
        elif _is_emoji(raw):
            emit(" emoji ", start, end)
        elif raw.isspace():
            emit(" " if "\n" not in raw else "\n", start, end)
        else:
            emit(raw.lower()[:1] or raw, start, end)
    return Normalized(text, "".join(out), tuple(starts), tuple(ends))

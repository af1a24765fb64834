"""Shared types of the language engine's contract (shared/spec/language.md)."""
from __future__ import annotations

from dataclasses import dataclass, field

#: Moves that feed the negative cycle (contract section 1).
CYCLE_CODES: tuple[str, ...] = (
    "blame",
    "contempt",
    "defensiveness",
    "withdrawal",
    "pursuit",
    "empty_apology",
)
#: Moves that build connection (contract section 1).
CONNECTING_CODES: tuple[str, ...] = (
    "vulnerable_emotion",
    "need",
    "acknowledgment",
    "responsibility",
    "reassurance",
    "commitment",
)
NEUTRAL = "neutral"
#: All 13 codes, in the contract's order.
CODES: tuple[str, ...] = CYCLE_CODES + CONNECTING_CODES + (NEUTRAL,)
SAFETY_FLAGS: tuple[str, ...] = ("self_harm", "violence", "coercion")
EMOTION_KINDS: tuple[str, ...] = ("primary", "secondary")
PATTERNS: tuple[str, ...] = ("pursue-withdraw", "attack-attack", "withdraw-withdraw", "none")
ROLES: tuple[str, ...] = ("pursuer", "withdrawer", "none")

#: Longest text the engine reads; longer input gets an error object, not a truncation.
MAX_TEXT_CHARS = 20_000


@dataclass(frozen=True)
class Span:
    """A character range [start, end) of the input that triggered a code."""

    code: str
    start: int
    end: int

    def to_dict(self) -> dict:
        return {"code": self.code, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Emotion:
    """An emotion the speaker expresses about themself, with its kind."""

    emotion: str
    kind: str  # "primary" or "secondary"

    def to_dict(self) -> dict:
        return {"emotion": self.emotion, "kind": self.kind}


@dataclass
class Analysis:
    """What the engine reads in one message.

    ``error`` is set (and codes empty) when the text could not be read at all;
    ``warnings`` carry softer notes such as "not English" or "emoji only".
    """

    text: str
    codes: list[str] = field(default_factory=list)
    emotions: list[Emotion] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    safety: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    scores: dict[str, float] = field(default_factory=dict)

    @property
    def feeds_cycle(self) -> bool:
        return any(code in CYCLE_CODES for code in self.codes)

    @property
    def connects(self) -> bool:
        return any(code in CONNECTING_CODES for code in self.codes)

    def to_dict(self) -> dict:
        """Return the contract's JSON object for this analysis (without ``id``)."""
        if self.error is not None:
            out: dict = {"error": self.error}
            if self.warnings:
                out["warnings"] = list(self.warnings)
            return out
        out = {
            "codes": list(self.codes),
            "emotions": [e.to_dict() for e in self.emotions],
            "spans": [s.to_dict() for s in self.spans],
            "safety": list(self.safety),
        }
        if self.warnings:
            out["warnings"] = list(self.warnings)
        return out

"""Turn an analysis into short, kind feedback a partner reads while writing.

All wording comes from data/coaching.toml. Feedback speaks of the message ("this may land as
blame"), never of the person, and always ends with a next step.
"""
from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from goldseam.language.lexicon import read_data
from goldseam.language.types import CONNECTING_CODES, CYCLE_CODES, Analysis

ROLES = ("hurt", "repairing")
#: Longest quotation of the message shown in one note; longer triggers are cut with "...".
MAX_QUOTE = 80


@lru_cache(maxsize=1)
def catalogue() -> dict:
    """Return the coaching wording catalogue (data/coaching.toml)."""
    return tomllib.loads(read_data("coaching.toml"))


@dataclass
class Note:
    """One piece of feedback, about one code, with the spans it points at."""

    code: str
    text: str
    spans: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"code": self.code, "text": self.text, "spans": list(self.spans)}


@dataclass
class Coaching:
    """The coach's feedback on one message for one role."""

    role: str
    summary: str
    concerns: list[Note]
    working: list[Note]
    emotions: list[dict]
    emotion_note: str | None
    reframes: list[str]
    guidance: str | None
    next_step: str
    safety: list[str]
    analysis: Analysis | None = None

    def to_dict(self) -> dict:
        """Return the feedback as JSON-ready data."""
        return {
            "role": self.role,
            "summary": self.summary,
            "concerns": [n.to_dict() for n in self.concerns],
            "working": [n.to_dict() for n in self.working],
            "emotions": list(self.emotions),
            "emotion_note": self.emotion_note,
            "reframes": list(self.reframes),
            "guidance": self.guidance,
            "next_step": self.next_step,
            "safety": list(self.safety),
        }


def _quote(text: str, start: int, end: int) -> str:
    """Return the sentence around [start, end), so that the note quotes a whole thought."""
    left = max(text.rfind(ch, 0, start) for ch in ".!?\n") + 1
    rights = [i for i in (text.find(ch, end) for ch in ".!?\n") if i != -1]
    right = min(rights) + 1 if rights else len(text)
    piece = " ".join(text[left:right].split())
    return piece if len(piece) <= MAX_QUOTE else piece[: MAX_QUOTE - 3].rstrip() + "..."


def coach_with(text: str, role: str, analyze: Callable[[str], Analysis]) -> Coaching:
    """Return feedback on ``text`` for ``role`` ("hurt" or "repairing") using ``analyze``."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    words = catalogue()
    analysis = analyze(text)
    if analysis.error is not None:
        raise ValueError(analysis.error)
    if analysis.safety:
        return Coaching(
            role, words["summary"]["safety"], [], [], [], None, [], None,
            words["next_step"]["neutral"], list(analysis.safety), analysis,
        )
    concerns = []
    for code in CYCLE_CODES:
        if code not in analysis.codes:
            continue
        spans = [s for s in analysis.spans if s.code == code]
        quote = _quote(text, spans[0].start, spans[0].end) if spans else text.strip()
        concerns.append(
            Note(code, words["concern"][role][code].format(quote=quote),
                 [s.to_dict() for s in spans])
        )
    working = [
        Note(code, words["working"][code], [s.to_dict() for s in analysis.spans if s.code == code])
        for code in CONNECTING_CODES
        if code in analysis.codes
    ]
    emotion_note = None
    if analysis.emotions:
        primary = [e.emotion for e in analysis.emotions if e.kind == "primary"]
        secondary = [e.emotion for e in analysis.emotions if e.kind == "secondary"]
        if primary:
            emotion_note = words["emotions"]["primary"].format(emotions=", ".join(primary))
        else:
            emotion_note = words["emotions"]["secondary_only"].format(
                emotions=", ".join(secondary)
            )
    reframes: list[str] = []
    if concerns:
        from goldseam.language.reframing import reframe_with

        # The analysis is already in hand: reframing does not read the draft again.
        reframes = reframe_with(text, analyze, analysis)
    if concerns and working:
        summary = words["summary"]["mixed"]
    elif concerns:
        summary = words["summary"]["cycle"]
    elif working:
        summary = words["summary"]["connecting"]
    else:
        summary = words["summary"]["neutral"]
    guidance = None
    if role == "repairing" and {"defensiveness", "empty_apology", "withdrawal"} & set(
        analysis.codes
    ):
        guidance = words["acknowledgment_guide"]["repairing"]
    step = "cycle" if concerns else ("connecting" if working else "neutral")
    return Coaching(
        role=role,
        summary=summary,
        concerns=concerns,
        working=working,
        emotions=[e.to_dict() for e in analysis.emotions],
        emotion_note=emotion_note,
        reframes=reframes,
        guidance=guidance,
        next_step=words["next_step"][step],
        safety=[],
        analysis=analysis,
    )

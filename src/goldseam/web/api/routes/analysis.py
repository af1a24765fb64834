"""The language engine over JSON: analyze, reframe, coach and the cycle of a conversation.

Nothing sent here is stored or logged; the engine's contract (shared/spec/language.md) gives
the shapes of the answers.
"""
from __future__ import annotations

from typing import Literal

from ninja import Field, Router, Schema

from goldseam import language
from goldseam.language.conversation import SpeakerError, Turn, analyze_conversation
from goldseam.language.types import MAX_TEXT_CHARS
from goldseam.web.api.auth import need
from goldseam.web.api.errors import ApiError
from goldseam.web.journey.views.coach import over_rate

router = Router(tags=["analysis"])

#: Turns in one conversation sent over the API; longer chats go through a file import, which
#: runs in a worker (goldseam.web.tasks).
MAX_TURNS = 2_000
SPEAKER_MAX = 80


def engine_gate(request) -> None:
    """Refuse a token without the analyze scope (403) or a person over the coach's limit (429).

    The limit is the page coach's own counter (same helper, same cache key per person), so the
    page and the API together give a partner at most ``COACH_RATE_PER_MINUTE`` engine reads.
    """
    need(request, "analyze")
    if over_rate(request.user.pk):
        raise ApiError(429, "rate_limited")


class TextIn(Schema):
    text: str = Field(..., max_length=MAX_TEXT_CHARS)


class CoachIn(TextIn):
    role: Literal["hurt", "repairing"] = "hurt"


class TurnIn(Schema):
    speaker: str = Field(..., min_length=1, max_length=SPEAKER_MAX)
    text: str = Field(..., max_length=MAX_TEXT_CHARS)


class ConversationIn(Schema):
    turns: list[TurnIn] = Field(..., max_length=MAX_TURNS)


class Suggestions(Schema):
    suggestions: list[str]


@router.post("/analysis/analyze", response=dict)
def analyze(request, payload: TextIn):
    """Return the codes, emotions, spans and safety flags the engine reads in ``text``."""
    engine_gate(request)
    return language.analyze(payload.text).to_dict()


@router.post("/analysis/reframe", response=Suggestions)
def reframe(request, payload: TextIn):
    """Return up to three "I felt ... when ... I need ..." suggestions, best first."""
    engine_gate(request)
    return {"suggestions": language.reframe(payload.text)}


@router.post("/analysis/coach", response=dict)
def coach(request, payload: CoachIn):
    """Return the coach's feedback on ``text`` for the role "hurt" or "repairing"."""
    engine_gate(request)
    from goldseam.web.journey import coaching

    return coaching.feedback(payload.text, payload.role)


@router.post("/analysis/cycle", response=dict)
def cycle(request, payload: ConversationIn):
    """Return the conversation's pattern, roles and softening turns (two speakers at most)."""
    engine_gate(request)
    turns = [Turn(t.speaker, t.text) for t in payload.turns]
    try:
        return analyze_conversation(turns).to_dict()
    except SpeakerError as error:
        raise ApiError(422, "speakers", count=len(error.speakers)) from None

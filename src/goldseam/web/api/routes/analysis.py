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

router = Router(tags=["analysis"])

#: Turns in one conversation sent over the API; longer chats go through a file import, which
#: runs in a worker (goldseam.web.tasks).
MAX_TURNS = 2_000
SPEAKER_MAX = 80


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
    need(request, "analyze")
    return language.analyze(payload.text).to_dict()


@router.post("/analysis/reframe", response=Suggestions)
def reframe(request, payload: TextIn):
    """Return up to three "I felt ... when ... I need ..." suggestions, best first."""
    need(request, "analyze")
    return {"suggestions": language.reframe(payload.text)}


@router.post("/analysis/coach", response=dict)
def coach(request, payload: CoachIn):
    """Return the coach's feedback on ``text`` for the role "hurt" or "repairing"."""
    need(request, "analyze")
    from goldseam.web.journey import coaching

    return coaching.feedback(payload.text, payload.role)


@router.post("/analysis/cycle", response=dict)
def cycle(request, payload: ConversationIn):
    """Return the conversation's pattern, roles and softening turns (two speakers at most)."""
    need(request, "analyze")
    turns = [Turn(t.speaker, t.text) for t in payload.turns]
    try:
        return analyze_conversation(turns).to_dict()
    except SpeakerError as error:
        raise ApiError(422, "speakers", count=len(error.speakers)) from None

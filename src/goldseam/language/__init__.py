"""The language engine: reads blame, defensiveness and repair in what partners write.

Public API (imports no Django):

- ``analyze(text, engine=None) -> Analysis`` and ``analyze_many(texts, engine=None)``
- ``reframe(text, engine=None) -> list[str]``
- ``coach(text, role="hurt", engine=None) -> Coaching``
- ``analyze_conversation(turns, engine=None) -> ConversationAnalysis``

``engine`` is one of ``"rules"``, ``"semantic"``, ``"ensemble"``; ``None`` takes the
default from the ``GOLDSEAM_ENGINE`` environment variable (documented in the README).
"""
from goldseam.language.types import (  # noqa: F401
    CODES,
    CONNECTING_CODES,
    CYCLE_CODES,
    NEUTRAL,
    SAFETY_FLAGS,
    Analysis,
    Emotion,
    Span,
)

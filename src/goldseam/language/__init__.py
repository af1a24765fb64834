"""The language engine: reads blame, defensiveness and repair in what partners write.

Public API (imports no Django):

- ``analyze(text, engine=None) -> Analysis`` and ``analyze_many(texts, engine=None)``
- ``reframe(text, engine=None) -> list[str]``
- ``coach(text, role="hurt", engine=None) -> Coaching``
- ``get_engine(name)`` / ``register_engine(name, factory)`` (see engines.py)

``engine`` names a registered engine (``"rules"``, ``"rules-only"``, and ``"semantic"`` /
``"ensemble"`` where installed); ``None`` takes the default from the ``GOLDSEAM_ENGINE``
environment variable, else ``"rules"``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from goldseam.language.coaching import Coaching


def get_engine(name: str | None = None):
    """Return the engine called ``name`` (default: $GOLDSEAM_ENGINE, else "rules")."""
    from goldseam.language.engines import get_engine as _get

    return _get(name)


def register_engine(name: str, factory) -> None:
    """Register ``factory`` to build the engine called ``name`` on first use."""
    from goldseam.language.engines import register_engine as _register

    _register(name, factory)


def analyze(text: str, engine: str | None = None) -> Analysis:
    """Return the codes, emotions, spans and safety flags the engine reads in ``text``."""
    return get_engine(engine).analyze(text)


def analyze_many(texts: list[str], engine: str | None = None) -> list[Analysis]:
    """Return the analyses of ``texts``, in order (faster than one call per text)."""
    return get_engine(engine).analyze_many(list(texts))


def reframe(text: str, engine: str | None = None) -> list[str]:
    """Return 0-3 suggestions "I felt ... when ... I need ...", best first."""
    from goldseam.language.reframing import reframe_with

    chosen = get_engine(engine)
    if hasattr(chosen, "reframe"):  # semantic and ensemble choose emotion and need by meaning
        return chosen.reframe(text)
    return reframe_with(text, chosen.analyze)


def coach(text: str, role: str = "hurt", engine: str | None = None) -> Coaching:
    """Return kind feedback on ``text`` for the ``role`` "hurt" or "repairing"."""
    from goldseam.language.coaching import coach_with

    return coach_with(text, role, get_engine(engine).analyze)

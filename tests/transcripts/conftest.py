"""A tiny keyword analyzer stands in for the language engine in reader and CLI tests.

These tests check reading, reporting and drawing, not the engine, so the codes come from
obvious keywords; the engine's own accuracy is measured by `goldseam evaluate`.
"""
from __future__ import annotations

from types import SimpleNamespace

import pytest

KEYWORDS = {
    "pursuit": ("answer me", "show me", "where were you", "who were you", "who is he"),
    "blame": ("you always", "you never", "you said"),
    "withdrawal": ("not doing this", "done talking", "whatever", "..."),
    "vulnerable_emotion": ("alone", "scared"),
    "responsibility": ("i'm sorry", "i should have"),
}


def keyword_codes(text: str) -> list[str]:
    """Return the codes whose keywords appear in ``text`` (neutral when none)."""
    low = text.lower()
    codes = [code for code, words in KEYWORDS.items() if any(w in low for w in words)]
    return codes or ["neutral"]


def keyword_analyzer(texts: list[str]) -> list[SimpleNamespace]:
    """Code each text by keywords, in the shape of the engine's Analysis."""
    return [SimpleNamespace(codes=keyword_codes(t)) for t in texts]


@pytest.fixture
def fake_engine(monkeypatch):
    """Route every conversation analysis through the keyword analyzer."""
    from goldseam.language import conversation

    monkeypatch.setattr(conversation, "_default_analyzer", lambda engine: keyword_analyzer)
    return keyword_analyzer

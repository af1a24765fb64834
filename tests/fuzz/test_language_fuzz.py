"""Fuzz the language engine: any text gets a contract-shaped answer, quickly, never a crash.

Bounded for CI: each test runs at most ``max_examples`` inputs and each input must finish within
``deadline``; the whole file stays well under a minute on two cores. Text mixes the
engine's own vocabulary with arbitrary Unicode (controls, surrogates' neighbours, RTL marks,
emoji, very long runs), which reaches deeper than random characters alone.
(The transcript readers have their own fuzz tests in tests/transcripts/test_readers_fuzz.py.)
"""
from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goldseam import language
from goldseam.language.conversation import Turn, analyze_conversation
from goldseam.language.types import CODES, MAX_TEXT_CHARS

#: Per-input limit that tells "slow" from "hung". Typical messages take 10-60 ms; a
#: 20,000-character run without punctuation took about 3 s on a busy 2-core machine (reported
#: to the engine's owner), so the bound leaves room for that on a loaded CI runner.
DEADLINE_MS = 10_000
BOUNDS = settings(max_examples=100, deadline=DEADLINE_MS,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

WORDS = st.sampled_from([
    "you", "never", "always", "I", "felt", "alone", "when", "need", "sorry", "but", "whatever",
    "fine", "not", "angry", "hurt", "scared", "leave", "done", "listen", "!!!", "...", "?",
    "u", "ur", "idk", "ok", "😢", "❤️", "\u200f", "\u202e", "\x00", "\t", "\n\n", "  ",
    "ñ", "ß", "你好", "مرحبا", "I'm", "don't", "can't", "because", "if",
])
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(WORDS, max_size=60).map(" ".join),
    st.lists(st.one_of(WORDS, st.text(max_size=8)), max_size=40).map("".join),
    st.integers(MAX_TEXT_CHARS - 2, MAX_TEXT_CHARS + 50).map(lambda n: ("you never " * n)[:n]),
)


@pytest.fixture(autouse=True, scope="module")
def _warm_engine():
    # The first call loads the lexicons and the model: a one-off cost, not what the deadline
    # is about.
    language.analyze("warm up")
    language.reframe("You never listen.")
    analyze_conversation([Turn("A", "hi"), Turn("B", "hello")])


def assert_contract(text: str, result) -> None:
    data = result.to_dict()
    if "error" in data:
        assert isinstance(data["error"], str) and data["error"]
        return
    assert set(data["codes"]) <= set(CODES)
    for span in data["spans"]:
        assert 0 <= span["start"] <= span["end"] <= len(text)
        assert span["code"] in CODES
    for emotion in data["emotions"]:
        assert emotion["kind"] in ("primary", "secondary")


@BOUNDS
@given(TEXTS)
def test_analyze_answers_the_contract_for_any_text(text):
    assert_contract(text, language.analyze(text))


@BOUNDS
@given(TEXTS)
def test_reframe_gives_at_most_three_sentences(text):
    suggestions = language.reframe(text)
    assert len(suggestions) <= 3
    assert all(isinstance(s, str) and s.strip() for s in suggestions)


@settings(max_examples=40, deadline=DEADLINE_MS * 2,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.tuples(st.sampled_from(["A", "B", "C", ""]), TEXTS), max_size=25))
def test_cycle_reading_of_any_conversation_names_a_known_pattern(turns):
    try:
        result = analyze_conversation([Turn(s, t) for s, t in turns])
    except ValueError as error:  # more than two speakers or an empty name: said, not crashed
        assert str(error)
        return
    assert result.pattern in ("pursue-withdraw", "attack-attack", "withdraw-withdraw", "none")
    assert all(0 <= i < len(turns) for i in result.softening_turns)


def test_longest_accepted_text_is_read_within_the_deadline():
    text = ("You never listen. I felt alone when you left. " * 500)[:MAX_TEXT_CHARS]
    started = time.perf_counter()
    assert_contract(text, language.analyze(text))
    assert (time.perf_counter() - started) * 1000 < DEADLINE_MS

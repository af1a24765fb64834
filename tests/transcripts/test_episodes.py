"""A long timed chat splits at long pauses into episodes, each read for its own cycle."""
from __future__ import annotations

from datetime import datetime, timedelta
from types import SimpleNamespace

from goldseam.language.conversation import Turn, analyze_conversation
from goldseam.transcripts.episodes import analyze_episodes, overview, split

FIGHT = [("A", "pursuit", "Where were you?"), ("B", "withdrawal", "Not now."),
         ("A", "blame", "You always vanish."), ("B", "withdrawal", "I'm done."),
         ("A", "vulnerable_emotion", "I'm scared."), ("B", "acknowledgment", "I hear you.")]
CALM = [("A", "neutral", "Milk?"), ("B", "neutral", "Got it."),
        ("A", "neutral", "Thanks."), ("B", "neutral", "See you at 6.")]


def _chat(*blocks_with_gaps):
    turns, table, clock = [], {}, datetime(2024, 5, 1, 9, 0)
    for block, gap_hours in blocks_with_gaps:
        clock += timedelta(hours=gap_hours)
        for k, (who, code, text) in enumerate(block):
            text = f"{text} #{len(turns)}"
            table[text] = [code]
            turns.append(Turn(who, text, clock + timedelta(minutes=k)))
    result = analyze_conversation(
        turns, analyzer=lambda texts: [SimpleNamespace(codes=table[t]) for t in texts])
    return result


def test_long_pause_starts_a_new_episode():
    result = _chat((CALM, 0), (FIGHT, 9), (CALM, 20))
    assert [(r.start, r.stop) for r in split(result.turns)] == [(0, 4), (4, 10), (10, 14)]


def test_each_episode_has_its_own_pattern_and_softening_in_chat_indexes():
    result = _chat((CALM, 0), (FIGHT, 9), (CALM, 20))
    episodes = analyze_episodes(result.turns)
    assert [e.pattern for e in episodes] == ["none", "pursue-withdraw", "none"]
    assert episodes[1].roles == {"A": "pursuer", "B": "withdrawer"}
    assert episodes[1].softening_turns == [8, 9]
    summary = overview(episodes)
    assert summary["patterns"] == {"none": 2, "pursue-withdraw": 1}
    assert summary["heated"][0]["start"] == 4 and summary["softened"] == 1


def test_chat_without_pauses_has_no_episodes():
    result = _chat((CALM + FIGHT, 0))
    assert analyze_episodes(result.turns) == []


def test_episode_reading_leaves_the_whole_chat_reading_untouched():
    result = _chat((FIGHT, 0), (CALM, 9))
    before = [(t.quiet_weight, t.repaired, t.index) for t in result.turns]
    analyze_episodes(result.turns)
    assert [(t.quiet_weight, t.repaired, t.index) for t in result.turns] == before

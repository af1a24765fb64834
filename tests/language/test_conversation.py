"""Behaviour of the conversation analysis (contract section 3), with codes given per turn.

The analyzer is a lookup table, so these tests pin the reading of the cycle from codes,
independent of the per-message engine.
"""
from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from goldseam.language.conversation import (
    BATCH_SIZE,
    SpeakerError,
    Turn,
    analyze_conversation,
    evaluate_conversations,
)

DATA = Path(__file__).resolve().parents[2] / "data" / "conversations"


def coded(*rows):
    """Return (turns, analyzer) from rows of (speaker, "code code", text)."""
    table = {text: codes.split() for _, codes, text in rows}
    turns = [{"speaker": who, "text": text} for who, _, text in rows]
    return turns, lambda texts: [SimpleNamespace(codes=table[t]) for t in texts]


def run(*rows):
    turns, analyzer = coded(*rows)
    return analyze_conversation(turns, analyzer=analyzer)


PURSUE_WITHDRAW = [
    ("Jo", "blame pursuit", "Who were you texting? Show me."),
    ("Sam", "neutral", "A colleague."),
    ("Jo", "pursuit", "At midnight? Answer me."),
    ("Sam", "withdrawal", "I'm not doing this."),
    ("Jo", "blame", "You always disappear."),
    ("Sam", "withdrawal", "..."),
    ("Jo", "vulnerable_emotion", "I'm scared I'm losing you."),
    ("Sam", "acknowledgment", "I can see why the hidden screen frightens you."),
]


def test_pursuer_and_withdrawer_found_in_the_protest_polka():
    result = run(*PURSUE_WITHDRAW)
    assert result.pattern == "pursue-withdraw"
    assert result.roles == {"Jo": "pursuer", "Sam": "withdrawer"}


def test_softening_turns_start_at_first_shift_and_include_the_partner():
    assert run(*PURSUE_WITHDRAW).softening_turns == [6, 7]


def test_both_blaming_is_attack_attack():
    result = run(
        ("A", "blame", "You spent it all."),
        ("B", "blame defensiveness", "You bought a phone last month."),
        ("A", "contempt", "You're a hypocrite."),
        ("B", "contempt", "Oh sure, you're SO careful."),
        ("A", "blame", "You lie about money."),
        ("B", "blame", "You never let anything go."),
    )
    assert result.pattern == "attack-attack"
    assert result.roles == {"A": "pursuer", "B": "pursuer"}


def test_both_retreating_is_withdraw_withdraw():
    result = run(
        ("A", "neutral", "Are we talking about last night?"),
        ("B", "withdrawal", "I don't want to get into it."),
        ("A", "withdrawal", "Fine. Me neither."),
        ("B", "withdrawal", "ok"),
        ("A", "withdrawal", "I'll sleep in the spare room."),
        ("B", "withdrawal", "Whatever you want."),
    )
    assert result.pattern == "withdraw-withdraw"
    assert result.roles == {"A": "withdrawer", "B": "withdrawer"}


def test_logistics_have_no_cycle_and_no_softening():
    result = run(
        ("A", "neutral", "Can you get the kids?"),
        ("B", "neutral", "Yes, I finish at four."),
        ("A", "neutral", "Thanks."),
        ("B", "reassurance", "Love you."),
    )
    assert (result.pattern, result.roles, result.softening_turns) == (
        "none", {"A": "none", "B": "none"}, [])


def test_single_move_repaired_at_once_is_not_a_cycle():
    result = run(
        ("A", "blame", "You forgot Leo again."),
        ("B", "responsibility commitment", "You're right, that's on me. I'll set an alarm."),
        ("A", "vulnerable_emotion", "I was scared when the school called."),
        ("B", "acknowledgment", "That must have been awful."),
    )
    assert result.pattern == "none"
    assert result.turns[0].repaired


def test_one_partner_blaming_a_partner_who_answers_kindly_is_not_a_dance():
    result = run(
        ("A", "blame", "You never listen."),
        ("B", "acknowledgment", "I hear you."),
        ("A", "blame", "You always say that."),
        ("B", "responsibility", "I did tune out, I'm sorry."),
        ("A", "blame", "You always do this."),
        ("B", "acknowledgment", "It makes sense you're fed up."),
    )
    assert result.pattern == "none"


def test_curt_uncoded_replies_to_pressure_count_as_going_quiet():
    result = run(
        ("A", "pursuit", "Where were you?"),
        ("B", "neutral", "Out."),
        ("A", "pursuit", "Out where? Tell me."),
        ("B", "neutral", "..."),
        ("A", "blame", "You always hide things."),
        ("B", "neutral", "ok"),
    )
    assert result.pattern == "pursue-withdraw"
    assert result.roles["B"] == "withdrawer"
    kinds = [e["kind"] for e in result.speakers["B"].evidence]
    assert "quiet" in kinds


def test_long_kind_reply_to_pressure_is_not_going_quiet():
    result = run(
        ("A", "pursuit", "Where were you?"),
        ("B", "neutral", "At the garage with my brother, the car broke down again."),
    )
    assert result.turns[1].quiet_weight == 0


def _timed(rows, gaps_minutes):
    start = datetime(2024, 3, 1, 21, 0)
    turns, stamps = [], start
    for (who, _, text), gap in zip(rows, gaps_minutes, strict=True):
        stamps += timedelta(minutes=gap)
        turns.append(Turn(who, text, stamps))
    table = {text: codes.split() for _, codes, text in rows}
    return turns, lambda texts: [SimpleNamespace(codes=table[t]) for t in texts]


SILENCE_ROWS = [
    ("A", "neutral", "Are you coming to dinner?"),
    ("A", "pursuit", "Hello?"),
    ("A", "pursuit", "Why aren't you answering?"),
    ("B", "neutral", "Was busy."),
    ("A", "blame", "You always vanish."),
    ("A", "pursuit", "Answer me."),
    ("B", "neutral", "I'm here now, it's late."),
]


def test_unanswered_run_then_hours_of_silence_is_withdrawal_on_the_silent_side():
    turns, analyzer = _timed(SILENCE_ROWS, [0, 10, 20, 300, 1, 5, 400])
    result = analyze_conversation(turns, analyzer=analyzer)
    assert result.roles == {"A": "pursuer", "B": "withdrawer"}
    assert any(e["kind"] == "silence" for e in result.speakers["B"].evidence)


def test_quick_replies_are_not_silence():
    turns, analyzer = _timed(SILENCE_ROWS, [0, 1, 1, 2, 1, 1, 2])
    result = analyze_conversation(turns, analyzer=analyzer)
    assert not any(t.silence_after for t in result.turns)


def test_third_speaker_asks_which_two_are_the_couple():
    turns, analyzer = coded(("A", "neutral", "hi"), ("B", "neutral", "hey"),
                            ("Therapist", "neutral", "Let's begin."))
    with pytest.raises(SpeakerError) as err:
        analyze_conversation(turns, analyzer=analyzer)
    assert err.value.speakers == ["A", "B", "Therapist"]
    assert "--speakers" in str(err.value)


def test_chosen_speakers_keep_only_the_couple():
    turns, analyzer = coded(("A", "neutral", "hi"), ("T", "neutral", "Let's begin."),
                            ("B", "neutral", "hey"))
    result = analyze_conversation(turns, analyzer=analyzer, speakers=["A", "B"])
    assert list(result.roles) == ["A", "B"] and len(result.turns) == 2


def test_empty_conversation_gets_a_clear_result():
    result = analyze_conversation([], analyzer=lambda texts: [])
    assert (result.pattern, result.roles, result.note) == ("none", {}, "empty")


def test_one_speaker_conversation_gets_a_clear_result():
    result = run(("A", "pursuit", "Hello?"), ("A", "pursuit", "Answer me."))
    assert (result.pattern, result.roles, result.note) == ("none", {"A": "none"}, "one_speaker")


def test_turns_are_read_lazily_in_batches():
    consumed = []

    def turns():
        for i in range(BATCH_SIZE * 3):
            consumed.append(i)
            yield Turn("A" if i % 2 else "B", f"t{i}")

    calls = []

    def analyzer(texts):
        calls.append((len(texts), len(consumed)))
        return [SimpleNamespace(codes=["neutral"]) for _ in texts]

    analyze_conversation(turns(), analyzer=analyzer)
    # The engine saw the first batch before the generator had produced the rest.
    assert calls[0] == (BATCH_SIZE, BATCH_SIZE)
    assert len(calls) == 3


def test_output_follows_the_contract():
    out = run(*PURSUE_WITHDRAW).to_dict()
    assert {"pattern", "roles", "softening_turns", "turns"} <= set(out)
    assert out["turns"][0] == {"codes": ["blame", "pursuit"]}
    assert out["speakers"]["Jo"]["top_codes"][0]["code"] in ("blame", "pursuit")


def test_evidence_quotes_the_turns_behind_a_role():
    evidence = run(*PURSUE_WITHDRAW).speakers["Sam"].evidence
    quotes = [e for e in evidence if e["kind"] == "quote"]
    assert quotes and quotes[0]["turn"] == 3 and quotes[0]["text"] == "I'm not doing this."


def _gold_analyzer(path: Path):
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        for turn, codes in zip(item["turns"], item["turn_codes"], strict=True):
            table[turn["text"]] = codes
    return lambda texts: [SimpleNamespace(codes=table[t]) for t in texts]


def test_evaluation_reads_the_tuning_set_perfectly_from_gold_codes():
    path = DATA / "tune.jsonl"
    scores = evaluate_conversations(path, analyzer=_gold_analyzer(path))
    assert scores["conversations"] >= 40
    assert scores["pattern_accuracy"] == 1.0 and scores["role_accuracy"] == 1.0
    assert scores["softening_f1"] == 1.0


def test_evaluation_scores_an_engine_that_codes_everything_neutral_as_poor():
    scores = evaluate_conversations(
        DATA / "tune.jsonl", analyzer=lambda texts: [SimpleNamespace(codes=["neutral"])] * len(texts)
    )
    assert scores["pattern_accuracy"] < 0.5
    assert scores["confusion"]["none"]["none"] == sum(scores["confusion"]["none"].values())


def test_evaluation_names_the_line_of_a_broken_set(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "turns": [], "pattern": "none"}\nnot json\n', encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        evaluate_conversations(bad, analyzer=lambda texts: [])


def test_repeated_short_texts_are_coded_once():
    asked = []

    def analyzer(texts):
        asked.extend(texts)
        return [SimpleNamespace(codes=["neutral"]) for _ in texts]

    turns = [Turn("A" if i % 2 else "B", "ok" if i % 3 else f"message {i}")
             for i in range(BATCH_SIZE * 2 + 10)]
    result = analyze_conversation(turns, analyzer=analyzer)
    assert len(result.turns) == len(turns)
    assert asked.count("ok") == 1
    assert len(asked) == len({t.text for t in turns})


def test_cache_smaller_than_a_batch_still_codes_every_turn(monkeypatch):
    from goldseam.language import conversation

    monkeypatch.setattr(conversation, "CODE_CACHE_SIZE", 3)
    texts = [f"t{i % 7}" for i in range(BATCH_SIZE + 50)]
    table = {t: ["blame"] if t == "t1" else ["neutral"] for t in texts}
    result = analyze_conversation(
        [Turn("A" if i % 2 else "B", t) for i, t in enumerate(texts)],
        analyzer=lambda batch: [SimpleNamespace(codes=table[t]) for t in batch],
    )
    assert [r.codes for r in result.turns] == [tuple(table[t]) for t in texts]


def test_shared_contract_examples_are_read_as_labelled_from_their_gold_codes():
    path = Path(__file__).resolve().parents[3] / "shared" / "examples" / "conversations.jsonl"
    if not path.exists():
        pytest.skip("the shared examples are not beside this checkout")
    scores = evaluate_conversations(path, analyzer=_gold_analyzer(path))
    assert (scores["pattern_accuracy"], scores["role_accuracy"], scores["softening_f1"]) == (
        1.0, 1.0, 1.0)


def test_silence_before_a_coded_reply_still_counts_as_retreat():
    rows = [
        ("A", "pursuit", "Where are you?"),
        ("A", "pursuit", "Answer me."),
        ("B", "defensiveness", "I was at work, obviously."),
        ("A", "blame", "You always disappear."),
        ("A", "pursuit", "Hello??"),
        ("B", "defensiveness", "I said I was busy."),
    ]
    turns, analyzer = _timed(rows, [0, 5, 240, 1, 2, 300])
    result = analyze_conversation(turns, analyzer=analyzer)
    assert result.roles == {"A": "pursuer", "B": "withdrawer"}
    assert result.speakers["B"].retreating == pytest.approx(1.0 + 2.0)  # two defences, two silences


def test_a_turn_that_connects_but_still_blames_is_not_softening():
    result = run(
        ("A", "pursuit", "Where were you?"),
        ("B", "withdrawal", "Not now."),
        ("A", "vulnerable_emotion blame", "I'm scared and you never listen."),
        ("B", "withdrawal", "I said not now."),
        ("A", "vulnerable_emotion", "I feel so alone when you go quiet."),
        ("B", "acknowledgment", "I hear that."),
    )
    assert result.pattern == "pursue-withdraw"
    assert result.softening_turns == [4, 5]


def test_evaluation_names_the_line_of_a_conversation_with_three_speakers(tmp_path):
    bad = tmp_path / "three.jsonl"
    turns = [{"speaker": s, "text": s} for s in ("A", "B", "C")]
    bad.write_text(json.dumps({"id": "x", "turns": turns, "pattern": "none"}) + "\n",
                   encoding="utf-8")
    with pytest.raises(ValueError, match="line 1.*3 speakers"):
        evaluate_conversations(bad, analyzer=lambda texts: [SimpleNamespace(codes=["neutral"])]
                               * len(texts))

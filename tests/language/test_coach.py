"""The coach's feedback: about the message, from the catalogue, with a next step."""
from __future__ import annotations

import pytest

from goldseam.language import coach
from goldseam.language.coaching import catalogue


def test_blame_is_named_with_its_words_and_a_question():
    feedback = coach("You lied to me about where you were.", "hurt")
    codes = [n.code for n in feedback.concerns]
    assert "blame" in codes
    note = feedback.concerns[codes.index("blame")]
    assert "may land as blame" in note.text
    assert "lied" in note.text
    assert note.spans
    assert feedback.reframes
    assert feedback.next_step == catalogue()["next_step"]["cycle"]


def test_what_is_working_is_recognised():
    feedback = coach("I felt so alone when you stopped calling.", "hurt")
    assert any(n.code == "vulnerable_emotion" for n in feedback.working)
    assert "You named your own feeling" in feedback.working[0].text
    assert "alone" in (feedback.emotion_note or "")


def test_repairing_role_explains_empty_apology_and_full_acknowledgment():
    feedback = coach("I'm sorry you feel that way.", "repairing")
    assert any(n.code == "empty_apology" for n in feedback.concerns)
    assert feedback.guidance == catalogue()["acknowledgment_guide"]["repairing"]


def test_feedback_describes_the_message_not_the_person():
    feedback = coach("You're pathetic and you never listen.", "hurt")
    for note in feedback.concerns:
        assert "you are" not in note.text.lower()
        assert "may" in note.text


def test_safety_replaces_coaching():
    feedback = coach("I've been thinking about ending it.", "hurt")
    assert feedback.safety == ["self_harm"]
    assert feedback.concerns == [] and feedback.reframes == []


def test_to_dict_is_json_ready():
    import json

    data = coach("Whatever.", "repairing").to_dict()
    assert json.loads(json.dumps(data))["role"] == "repairing"


def test_unknown_role_is_refused():
    with pytest.raises(ValueError):
        coach("hello", "therapist")


def test_coach_reads_the_draft_once_before_checking_reframes():
    from goldseam.language import get_engine
    from goldseam.language.coaching import coach_with

    engine = get_engine("rules")
    seen: list[str] = []

    def counting(text):
        seen.append(text)
        return engine.analyze(text)

    draft = "You lied to me about the money."
    feedback = coach_with(draft, "hurt", counting)
    assert feedback.reframes
    # The draft itself is read once; every other read checks a candidate reframe.
    assert seen.count(draft) == 1

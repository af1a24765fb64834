"""Retelling short first-person phrases in the third person, and refusing what it cannot read."""
from __future__ import annotations

import pytest

from goldseam.story.adapt import retell, strip_stem
from goldseam.story.records import Partner

SOPHIE = Partner("s", "Sophie", ("she", "her", "her"))
EMMA = Partner("e", "Emma", ("she", "her", "her"))
ALEX = Partner("a", "Alex")  # pronouns not given: they/them/their
SAM = Partner("m", "Sam", ("he", "him", "his"))


@pytest.mark.parametrize(("phrase", "speaker", "lead", "expected"), [
    ("I asked question after question and checked your phone", SOPHIE, True,
     "Sophie asked question after question and checked Emma's phone"),
    ("I go quiet when you raise your voice", SOPHIE, True,
     "Sophie goes quiet when Emma raises her voice"),
    ("I just want to know I'm still your person", SOPHIE, True,
     "Sophie just wants to know she's still Emma's person"),
    ("I was scared you were leaving", ALEX, False, "they were scared Emma was leaving"),
    ("I need you to tell me", ALEX, False, "they need Emma to tell them"),
    ("like I didn't matter to you", SAM, False, "like he didn't matter to Emma"),
    ("I'm losing you", SAM, True, "Sam is losing Emma"),
    ("I felt it myself", SAM, False, "he felt it himself"),
])
def test_retell_moves_person_and_keeps_verbs_agreeing(phrase, speaker, lead, expected):
    assert retell(phrase, speaker, EMMA, lead_with_name=lead) == expected


def test_retell_refuses_a_form_it_cannot_read():
    assert retell("the choice was mine", SOPHIE, EMMA) is None


@pytest.mark.parametrize(("text", "step", "expected"), [
    ("I felt scared and replaceable.", "felt", ("scared and replaceable", True)),
    ("scared", "felt", ("scared", False)),
    ("that I was losing you", "feared", ("I was losing you", True)),
    ("I longed for closeness", "longed", ("closeness", True)),
    ("to know I'm your person", "longed", ("to know I'm your person", False)),
    ("I felt", "felt", ("I felt", False)),  # nothing would be left: keep the whole phrase
])
def test_strip_stem_cuts_only_the_opening_the_step_implies(text, step, expected):
    assert strip_stem(text, step) == expected

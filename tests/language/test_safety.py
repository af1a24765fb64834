"""Safety flags: raised on danger (indirect forms too), not on figures of speech."""
from __future__ import annotations

import pytest
from corpus import NO_SAFETY_CASES, SAFETY_CASES

from goldseam.language import analyze


@pytest.mark.parametrize("name", sorted(SAFETY_CASES))
def test_danger_raises_its_flag(name):
    text, flags = SAFETY_CASES[name]
    assert flags <= set(analyze(text).safety)


@pytest.mark.parametrize("name", sorted(NO_SAFETY_CASES))
def test_figure_of_speech_or_ultimatum_raises_no_flag(name):
    assert analyze(NO_SAFETY_CASES[name]).safety == []


def test_safety_is_separate_from_codes():
    analysis = analyze("He shoved me into the door last night.")
    assert "violence" in analysis.safety
    assert "violence" not in analysis.codes
